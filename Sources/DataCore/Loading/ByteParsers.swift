import Foundation

/// How `NN/NN/YYYY` is read: day first (Europe) or month first (US).
public enum DateOrder: String, Sendable, Codable, Equatable {
    case dmy, mdy
}

/// Number and time parsing straight from bytes, no `String` per field.
public enum ByteParsers {
    /// Tokens that mean "no value here": not an error, just missing.
    static func isMissing(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        if n == 0 { return true }
        if n == 1 { return p[s] == UInt8(ascii: "-") }
        if n > 4 { return false }
        var w: UInt32 = 0
        for i in s..<e { w = (w << 8) | UInt32(p[i] | 0x20) }  // ASCII lowercase
        switch n {
        case 2: return w == 0x6E61  // na
        case 3: return w == 0x6E2F61 || w == 0x6E616E  // n/a, nan
        case 4: return w == 0x6E756C6C || w == 0x6E6F6E65  // null, none
        default: return false
        }
    }

    /// `n` bytes at `a` and `b` are equal. Keys and cells are short: eight bytes at a time inline
    /// (the last word overlapping the one before), not a call to memcmp.
    @inline(__always) static func sameBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer?, _ n: Int) -> Bool {
        guard let b, n > 0 else { return true }
        if n < 8 {
            for i in 0..<n where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            return true
        }
        var i = 0
        while i + 8 < n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }

    static func trim(_ p: UnsafeBufferPointer<UInt8>, _ s: inout Int, _ e: inout Int) {
        while s < e && isSpace(p[s]) { s += 1 }
        while e > s && isSpace(p[e - 1]) { e -= 1 }
    }

    /// 10^n for n in 0...22, all exact doubles; a literal tuple, so reading one needs no lazy global.
    private static let pow10Table: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double,
                                    Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double) =
        (1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22)
    @inline(__always) private static func pow10(_ n: Int) -> Double {
        withUnsafeBytes(of: pow10Table) { $0.load(fromByteOffset: n * 8, as: Double.self) }
    }

    /// A short plain decimal (`-12.5`, `47.830`, `3`) of a trimmed cell as an integer and its
    /// fraction digits, trailing zeros dropped (`47.830` is 4783 and 2): what a 32-bit value
    /// column stores, read without going through a double. `Double(m) / 10^digits` is exactly what
    /// `parseDouble` gives for the same text. Nil for anything else (more than 10 digits, over
    /// `Int32.max`, more than 9 fraction digits, an exponent, `-0`, not a number): the caller then
    /// takes the general path.
    @inline(__always)
    static func shortDecimal(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, decimalComma: Bool) -> (mantissa: Int32, digits: Int)? {
        guard s < e, let base = p.baseAddress else { return nil }
        var i = s
        let first = base[i]
        let negative = first == 45
        if negative || first == 43 { i += 1 }
        var m: UInt64 = 0
        var digits = 0, point = -1
        while i < e {
            let b = base[i]
            let d = b &- 48
            if d < 10 {
                m = m &* 10 &+ UInt64(d)
                digits += 1
            } else if (b == 46 || (decimalComma && b == 44)) && point < 0 {
                point = digits
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0 && digits <= 10 else { return nil }
        var fraction = point < 0 ? 0 : digits - point
        while fraction > 0 && m % 10 == 0 { m /= 10; fraction -= 1 }
        guard fraction <= 9, m <= UInt64(Int32.max), !(negative && m == 0) else { return nil }
        return (negative ? -Int32(m) : Int32(m), fraction)
    }

    /// A decimal number; `decimalComma` also accepts `12,5` (semicolon-delimited European files).
    static func parseDouble(_ p: UnsafeBufferPointer<UInt8>, _ s0: Int, _ e0: Int, decimalComma: Bool = false) -> Double? {
        var s = s0, e = e0
        trim(p, &s, &e)
        guard s < e else { return nil }
        var i = s
        var negative = false
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { negative = p[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var sawPoint = false
        while i < e {
            let b = p[i]
            if b >= 48 && b <= 57 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(b - 48)
                    if sawPoint { fractionDigits += 1 }
                } else {
                    // Too many digits for the fast path (dropping fraction digits would turn 1e-20 into 0).
                    return slowDouble(p, s, e, decimalComma: decimalComma)
                }
                digits += 1
            } else if (b == UInt8(ascii: ".") || (decimalComma && b == UInt8(ascii: ","))) && !sawPoint {
                sawPoint = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                return digits > 0 ? slowDouble(p, s, e, decimalComma: decimalComma) : nil
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if mantissa >= (1 << 53) || fractionDigits > 22 { return slowDouble(p, s, e, decimalComma: decimalComma) }
        // Exact integer divided by an exact power of ten: correctly rounded.
        let v = Double(mantissa) / pow10(fractionDigits)
        return negative ? -v : v
    }

    private static func slowDouble(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, decimalComma: Bool) -> Double? {
        guard e - s < 64 else { return nil }
        var tmp = [CChar](repeating: 0, count: e - s + 1)
        for k in s..<e { tmp[k - s] = CChar(bitPattern: (decimalComma && p[k] == 44) ? 46 : p[k]) }
        var end: UnsafeMutablePointer<CChar>? = nil
        let v = tmp.withUnsafeMutableBufferPointer { buf -> Double in
            let r = strtod(buf.baseAddress!, &end)
            if end != buf.baseAddress! + (e - s) { end = nil }
            return r
        }
        guard end != nil, v.isFinite else { return nil }
        return v
    }

    // MARK: time

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @inline(__always) private static func digit(_ b: UInt8) -> Int? {
        b >= 48 && b <= 57 ? Int(b - 48) : nil
    }

    /// Reads exactly `n` digits at `i`.
    @inline(__always) private static func fixed(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ e: Int, _ n: Int) -> Int? {
        guard i + n <= e else { return nil }
        var v = 0
        for k in 0..<n {
            guard let d = digit(p[i + k]) else { return nil }
            v = v * 10 + d
        }
        i += n
        return v
    }

    /// Reads 1 or 2 digits (for `2024-3-7` and `7:05`).
    @inline(__always) private static func small(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ e: Int) -> Int? {
        guard i < e, let d0 = digit(p[i]) else { return nil }
        i += 1
        if i < e, let d1 = digit(p[i]) { i += 1; return d0 * 10 + d1 }
        return d0
    }

    /// Milliseconds since the epoch, UTC. Accepts ISO 8601 with `Z` or an offset, `YYYY-MM-DD HH:MM[:SS[.fff]]`,
    /// `YYYY/MM/DD`, `DD.MM.YYYY`, a date alone, and epoch seconds or milliseconds. Times without an
    /// offset are taken as UTC.
    static func parseTime(_ p: UnsafeBufferPointer<UInt8>, _ s0: Int, _ e0: Int) -> Int64? {
        var exact = false
        return parseTime(p, s0, e0, order: .dmy, exact: &exact)
    }

    /// As above; `order` reads `NN/NN/YYYY`, and `exact` is set when the text fixes the instant
    /// (an offset, `Z`, or epoch digits), so no zone applies to it.
    static func parseTime(_ p: UnsafeBufferPointer<UInt8>, _ s0: Int, _ e0: Int, order: DateOrder, exact: inout Bool) -> Int64? {
        exact = false
        var s = s0, e = e0
        trim(p, &s, &e)
        guard s < e else { return nil }
        // Epoch: digits only, optionally with a fraction.
        var allDigits = true, intDigits = 0
        for k in s..<e {
            let b = p[k]
            if b == UInt8(ascii: ".") { break }
            if digit(b) == nil { allDigits = false; break }
            intDigits += 1
        }
        if allDigits && intDigits >= 9 {
            guard let v = parseDouble(p, s, e) else { return nil }
            // 12+ digits can only be milliseconds for any date after 1973.
            let ms = (intDigits >= 12 ? v : v * 1000).rounded()
            // Beyond the year 9999 it is not a time, and beyond Int64 it would trap.
            guard ms <= 253_402_300_800_000 else { return nil }
            exact = true
            return Int64(ms)
        }
        guard let (days, i0) = parseDate(p, s, e, order: order) else { return nil }
        var i = i0
        var ms = Int64(days) * 86_400_000
        if i == e { return ms }
        guard p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: " ") || p[i] == UInt8(ascii: "t") else { return nil }
        i += 1
        while i < e && p[i] == UInt8(ascii: " ") { i += 1 }
        guard let (tod, j) = parseTimeOfDay(p, i, e) else { return nil }
        ms += tod
        i = j
        while i < e && p[i] == UInt8(ascii: " ") { i += 1 }
        if i == e { return ms }
        guard let offset = parseOffset(p, i, e) else { return nil }
        exact = true
        return ms - offset
    }

    /// A date at `s`: returns days since the epoch and the index after it.
    static func parseDate(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, order: DateOrder = .dmy) -> (Int, Int)? {
        var i = s
        let y: Int, m: Int, d: Int
        if e - s >= 8, digit(p[s]) != nil, digit(p[s + 1]) != nil, digit(p[s + 2]) != nil, digit(p[s + 3]) != nil {
            guard let yy = fixed(p, &i, e, 4), i < e else { return nil }
            let sep = p[i]
            guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return nil }
            i += 1
            guard let mm = small(p, &i, e), i < e, p[i] == sep else { return nil }
            i += 1
            guard let dd = small(p, &i, e) else { return nil }
            (y, m, d) = (yy, mm, dd)
        } else {
            // DD.MM.YYYY (European exports); with `/` or `-` the column's values decide DD/MM or MM/DD.
            guard let a = small(p, &i, e), i < e else { return nil }
            let sep = p[i]
            guard sep == UInt8(ascii: ".") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") else { return nil }
            i += 1
            guard let b = small(p, &i, e), i < e, p[i] == sep else { return nil }
            i += 1
            guard let yy = fixed(p, &i, e, 4) else { return nil }
            let monthFirst = order == .mdy && sep != UInt8(ascii: ".")
            (y, m, d) = monthFirst ? (yy, a, b) : (yy, b, a)
        }
        guard (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return (daysFromCivil(y, m, d), i)
    }

    /// `HH:MM[:SS[.fff]]`: milliseconds into the day and the index after it.
    static func parseTimeOfDay(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (Int64, Int)? {
        var i = s
        // `HH.MM.SS` too (German loggers); the first separator sets the second.
        guard let h = small(p, &i, e), i < e, p[i] == UInt8(ascii: ":") || p[i] == UInt8(ascii: ".") else { return nil }
        let sep = p[i]
        i += 1
        guard let mi = fixed(p, &i, e, 2) else { return nil }
        var sec = 0, frac: Int64 = 0
        // `12.30` alone is a number; only `12.30.00` is a time.
        if sep == UInt8(ascii: ".") && !(i < e && p[i] == sep) { return nil }
        if i < e && p[i] == sep {
            i += 1
            guard let ss = fixed(p, &i, e, 2) else { return nil }
            sec = ss
            if i < e && (p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",")) {
                i += 1
                var scale: Int64 = 100, n = 0
                while i < e, let d = digit(p[i]) {
                    if scale > 0 { frac += Int64(d) * scale; scale /= 10 }
                    i += 1; n += 1
                }
                guard n > 0 else { return nil }
            }
        }
        guard h <= 24, mi <= 59, sec <= 60, h < 24 || (mi == 0 && sec == 0) else { return nil }
        return (Int64(h * 3600 + mi * 60 + sec) * 1000 + frac, i)
    }

    /// `Z`, `UTC`, `+HH`, `+HHMM`, `+HH:MM` (and `-`): the offset in milliseconds.
    static func parseOffset(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int64? {
        var i = s
        let b = p[i]
        if (b == UInt8(ascii: "Z") || b == UInt8(ascii: "z")) && i + 1 == e { return 0 }
        if e - i == 3 && (p[i] | 0x20) == UInt8(ascii: "u") && (p[i + 1] | 0x20) == UInt8(ascii: "t") && (p[i + 2] | 0x20) == UInt8(ascii: "c") { return 0 }
        guard b == UInt8(ascii: "+") || b == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let h = fixed(p, &i, e, 2) else { return nil }
        var m = 0
        if i < e && p[i] == UInt8(ascii: ":") { i += 1 }
        if i < e { guard let mm = fixed(p, &i, e, 2) else { return nil }; m = mm }
        guard i == e, h <= 18, m <= 59 else { return nil }
        let off = Int64(h * 3600 + m * 60) * 1000
        return b == UInt8(ascii: "-") ? -off : off
    }
}

extension ByteParsers {
    /// String conveniences for tests and non-hot paths.
    public static func parseTime(_ s: String) -> Int64? {
        var a = Array(s.utf8)
        return a.withUnsafeMutableBufferPointer { parseTime(UnsafeBufferPointer($0), 0, $0.count) }
    }

    static func parseTime(_ s: String, order: DateOrder, exact: inout Bool) -> Int64? {
        var a = Array(s.utf8)
        var x = false
        let v = a.withUnsafeMutableBufferPointer { parseTime(UnsafeBufferPointer($0), 0, $0.count, order: order, exact: &x) }
        exact = x
        return v
    }

    static func withBytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>, Int) -> T) -> T {
        var a = Array(s.utf8)
        return a.withUnsafeMutableBufferPointer { body(UnsafeBufferPointer($0), $0.count) }
    }

    public static func parseDouble(_ s: String, decimalComma: Bool = false) -> Double? {
        var a = Array(s.utf8)
        return a.withUnsafeMutableBufferPointer { parseDouble(UnsafeBufferPointer($0), 0, $0.count, decimalComma: decimalComma) }
    }
}
