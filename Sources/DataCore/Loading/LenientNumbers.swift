/// Numbers as people write them, for the values the fast parser refuses: thousands separators
/// (`1,234.5`, `1.234,5`, `1 234`), a unit glued on (`12.5µg/m³`, `21 °C`). Only reached when the
/// fast path fails, so plain files pay nothing for it.
extension ByteParsers {
    /// Units that may follow a number in a cell. A closed list on purpose: `3rd floor` is text.
    static let gluedUnits: [[UInt8]] = [
        "µg/m³", "µg/m3", "μg/m³", "μg/m3", "ug/m3", "ug/m³", "mg/m³", "mg/m3", "ng/m³", "ng/m3", "ppm", "ppb",
        "°C", "°F", "℃", "C", "F", "K", "%", "%RH", "hPa", "Pa", "kPa", "mbar", "bar", "m/s", "km/h", "mm", "cm", "m",
        "dB", "dBA", "dB(A)", "W/m²", "W/m2", "lux", "lx", "V", "mV", "A", "mA", "W", "kW", "kWh", "Wh",
        "µS/cm", "mg/l", "mg/L", "NTU", "pH", "g/kg", "deg", "°",
    ].map { Array($0.utf8) }

    /// The value and the unit glued to it (nil when none), or nil when this is not a number.
    static func lenientDouble(_ p: UnsafeBufferPointer<UInt8>, _ s0: Int, _ e0: Int, decimalComma: Bool) -> (Double, [UInt8]?)? {
        var s = s0, e = e0
        trim(p, &s, &e)
        guard s < e, e - s < 64 else { return nil }
        // Split off a glued unit: the longest known unit the cell ends with, after a digit.
        var unit: [UInt8]? = nil
        var numEnd = e
        for u in gluedUnits where u.count < e - s && (unit == nil || u.count > unit!.count) {
            let start = e - u.count
            if (0..<u.count).allSatisfy({ p[start + $0] == u[$0] }) {
                var k = start
                while k > s && isSpace(p[k - 1]) { k -= 1 }
                if k > s, p[k - 1] >= 48 && p[k - 1] <= 57 { unit = u; numEnd = k }
            }
        }
        let decimalMark: UInt8 = decimalComma ? 44 : 46
        var out: [UInt8] = []
        out.reserveCapacity(numEnd - s)
        var i = s
        if p[i] == 43 || p[i] == 45 { out.append(p[i]); i += 1 }
        // Digits in groups: the first of 1–3, then groups of exactly 3 after one kind of separator.
        var groupSep: UInt8? = nil
        var group = 0, groups = 0, sawDecimal = false
        while i < numEnd {
            let b = p[i]
            if b >= 48 && b <= 57 {
                out.append(b); group += 1; i += 1
                continue
            }
            if b == decimalMark && !sawDecimal {
                if groupSep != nil && group != 3 { return nil }
                sawDecimal = true
                out.append(46); i += 1
                while i < numEnd, p[i] >= 48 && p[i] <= 57 { out.append(p[i]); i += 1 }
                break
            }
            // A thousands separator: `,` `.` `'` space, or a no-break space (C2 A0) / narrow one (E2 80 AF).
            var width = 1
            if b == 0xC2, i + 1 < numEnd, p[i + 1] == 0xA0 { width = 2 }
            else if b == 0xE2, i + 2 < numEnd, p[i + 1] == 0x80, p[i + 2] == 0xAF { width = 3 }
            else if !(b == 44 || b == 46 || b == 39 || b == 32) || b == decimalMark { return nil }
            let sep = width == 1 ? b : 0xA0
            guard group >= 1, group <= 3 || groupSep != nil, groupSep == nil || groupSep == sep else { return nil }
            if groupSep != nil && group != 3 { return nil }
            groupSep = sep
            groups += 1
            group = 0
            i += width
        }
        guard i == numEnd, group > 0 || sawDecimal else { return nil }
        if groupSep != nil && !sawDecimal && group != 3 { return nil }
        guard groupSep != nil || unit != nil else { return nil }
        let v: Double? = out.withUnsafeBufferPointer { parseDouble($0, 0, $0.count) }
        return v.map { ($0, unit) }
    }

    /// The fast parse, then the lenient one.
    @inline(__always)
    static func number(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, decimalComma: Bool) -> Double? {
        if let v = parseDouble(p, s, e, decimalComma: decimalComma) { return v }
        return lenientDouble(p, s, e, decimalComma: decimalComma)?.0
    }

    public static func lenientDouble(_ s: String, decimalComma: Bool = false) -> Double? {
        withBytes(s) { p, n in number(p, 0, n, decimalComma: decimalComma) }
    }
}
