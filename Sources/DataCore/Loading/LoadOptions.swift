import Foundation

/// What a person told the loader instead of letting it guess. Every field is optional: nil means
/// "decide from the content". Stored per data, so the next start without flags reads alike.
public struct LoadOptions: Codable, Equatable, Sendable {
    /// One column with the whole time, two (date, time of day), or three to five date parts
    /// (year, month, day[, hour[, minute]]).
    public var time: [String]?
    public var station: String?
    /// `UTC`, `local` or an IANA zone name: how times without an offset are read.
    public var tz: String?
    /// Extra "no value" markers, e.g. `-999`.
    public var na: [String]?
    public var delimiter: String?
    public var decimal: String?
    /// Lines before the header line.
    public var skip: Int?

    public init(time: [String]? = nil, station: String? = nil, tz: String? = nil, na: [String]? = nil,
                delimiter: String? = nil, decimal: String? = nil, skip: Int? = nil) {
        self.time = time
        self.station = station
        self.tz = tz
        self.na = na
        self.delimiter = delimiter
        self.decimal = decimal
        self.skip = skip
    }

    public var isEmpty: Bool { self == LoadOptions() }

    /// `self` with every field `newer` sets taken from `newer` (flags over what was remembered).
    public func overridden(by newer: LoadOptions) -> LoadOptions {
        LoadOptions(time: newer.time ?? time, station: newer.station ?? station, tz: newer.tz ?? tz,
                    na: newer.na ?? na, delimiter: newer.delimiter ?? delimiter,
                    decimal: newer.decimal ?? decimal, skip: newer.skip ?? skip)
    }

    /// The delimiter byte asked for; `tab`/`\t` spell a tab.
    var delimiterByte: UInt8? {
        guard let d = delimiter else { return nil }
        if d == "\t" || d.lowercased() == "tab" || d == "\\t" { return 9 }
        return d.utf8.first
    }

    var decimalComma: Bool? { decimal.map { $0 == "," } }

    /// The zone named by `tz`; nil for UTC (no conversion at all, the fast path).
    func zone() throws(LoadError) -> TimeZone? {
        try Self.zone(named: tz)
    }

    static func zone(named name: String?) throws(LoadError) -> TimeZone? {
        guard let name, !name.isEmpty else { return nil }
        switch name.lowercased() {
        case "utc", "z", "gmt", "etc/utc": return nil
        case "local": return TimeZone.current.secondsFromGMT() == 0 && TimeZone.current.nextDaylightSavingTimeTransition == nil ? nil : TimeZone.current
        default:
            guard name.contains("/") || TimeZone.knownTimeZoneIdentifiers.contains(name), let z = TimeZone(identifier: name) else {
                throw LoadError(file: "--tz", reason: "--tz \"\(TextSafety.printable(name))\" is not a time zone; use an IANA name such as Europe/Amsterdam, or UTC, or local")
            }
            return z
        }
    }

    /// One sentence for the first bad value, or nil when every value can be used.
    public func problem() -> String? {
        if let d = delimiter {
            if delimiterByte == nil || (d.utf8.count != 1 && delimiterByte != 9) {
                return "--delimiter must be one character such as , ; or tab, not \"\(TextSafety.printable(d))\""
            }
            if let b = delimiterByte, b == 34 || b == 10 || b == 13 || (b >= 48 && b <= 57) {
                return "--delimiter cannot be \"\(TextSafety.printable(d))\"; use , ; | or tab"
            }
        }
        if let d = decimal, d != "." && d != "," {
            return "--decimal must be . or , not \"\(TextSafety.printable(d))\""
        }
        if let s = skip, s < 0 || s > 100_000 { return "--skip must be a number of lines from 0 to 100000, not \(s)" }
        if let t = time, t.isEmpty || t.count > 5 || t.contains(where: { $0.isEmpty }) {
            return "--time takes one column, date and time columns, or year,month,day[,hour[,minute]] columns"
        }
        if let s = station, s.isEmpty { return "--station needs a column name" }
        if let n = na, n.isEmpty || n.contains(where: { $0.trimmedWhitespace.isEmpty }) {
            return "--na needs values that mean missing, e.g. --na -999 or --na -999,NaN"
        }
        do throws(LoadError) { _ = try zone() } catch { return error.reason }
        return nil
    }
}
