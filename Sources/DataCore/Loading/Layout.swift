/// A header cell split into its name and the unit in brackets: `PM10 (µg/m³)`, `temp [°C]`.
struct HeaderName: Equatable {
    var raw: String
    var label: String
    var unit: String?
    /// Lowercased, with runs of non-alphanumerics as `_`: used to recognise roles.
    var key: String

    init(_ raw: String) {
        self.raw = raw
        var label = raw.trimmedWhitespace
        var unit: String? = nil
        if let last = label.last, last == ")" || last == "]",
           let open = Self.openingBracket(of: label), open != label.startIndex {
            let inner = label[label.index(after: open)..<label.index(before: label.endIndex)]
            let u = inner.trimmedWhitespace
            if !u.isEmpty { unit = u }
            label = label[..<open].trimmedWhitespace
        }
        self.label = label
        self.unit = unit
        var key = ""
        var lastUnderscore = true
        for ch in label.lowercased() {
            if ch.isLetter || ch.isNumber { key.append(ch); lastUnderscore = false }
            else if !lastUnderscore { key.append("_"); lastUnderscore = true }
        }
        while key.hasSuffix("_") { key.removeLast() }
        self.key = key
    }

    /// The bracket that opens the one closing `s`, nested brackets balanced: `noise (dB(A))` → the first `(`.
    private static func openingBracket(of s: String) -> String.Index? {
        guard let close = s.last else { return nil }
        let open: Character = close == ")" ? "(" : "["
        var depth = 0
        var i = s.endIndex
        while i > s.startIndex {
            i = s.index(before: i)
            if s[i] == close { depth += 1 } else if s[i] == open { depth -= 1; if depth == 0 { return i } }
        }
        return nil
    }
}

/// How the time of a row is read.
enum TimeSource: Equatable, Sendable {
    /// One column with date and time (or epoch, or a date alone).
    case single(Int)
    /// A date column and a time-of-day column.
    case dateAndTime(date: Int, time: Int)
    /// Integer date parts; hour and minute may be absent.
    case parts(year: Int, month: Int, day: Int, hour: Int?, minute: Int?)

    var columns: [Int] {
        switch self {
        case .single(let c): return [c]
        case let .dateAndTime(d, t): return [d, t]
        case let .parts(y, m, d, h, mi): return [y, m, d] + [h, mi].compactMap { $0 }
        }
    }
}

/// Which column means what, decided from the header and the first rows.
struct Layout: Equatable, Sendable {
    enum Kind: Equatable, Sendable { case long, wide }
    var kind: Kind
    var time: TimeSource
    var dateOrder: DateOrder = .dmy
    var series: Int?
    /// Columns whose values together name the station (e.g. sensor type + sensor id).
    var stations: [Int] = []
    /// The station column was found by what it holds, not by its name.
    var stationsByContent = false
    var phenomenon: Int?
    var value: Int?
    var unit: Int?
    var lat: Int?
    var lon: Int?
    /// Wide layout: the columns that each hold one phenomenon, with the phenomenon's name and unit.
    var measures: [Int] = []
    var measureNames: [String] = []
    var measureUnits: [String?] = []
    /// A known field format (its usual names apply to long phenomena too).
    var format: KnownFormat?
    /// Columns that are not read, with why.
    var ignored: [(column: Int, why: String)] = []

    static func == (a: Layout, b: Layout) -> Bool {
        a.kind == b.kind && a.time == b.time && a.dateOrder == b.dateOrder && a.series == b.series && a.stations == b.stations
            && a.phenomenon == b.phenomenon && a.value == b.value && a.unit == b.unit && a.lat == b.lat && a.lon == b.lon
            && a.measures == b.measures && a.measureNames == b.measureNames && a.measureUnits == b.measureUnits && a.format == b.format
    }

    static let timeKeys: Set = ["time", "timestamp", "datetime", "date_time", "time_utc", "utc", "ts", "epoch",
                                "unix", "unixtime", "unix_time", "epoch_ms", "epoch_s", "measured_at", "observed_at",
                                "recorded_at", "created_at", "local_time", "time_stamp", "dt", "zeit", "datum_zeit",
                                "timestamp_utc", "date_utc", "datetime_utc", "time_iso", "iso_time", "when", "datetime_local",
                                "date_time_utc", "zeitstempel", "period_start", "period_end", "datetimefrom", "datetimeto"]
    static let dateKeys: Set = ["date", "day", "datum", "date_mm_dd_yyyy", "date_dd_mm_yyyy", "date_yyyy_mm_dd"]
    static let timeOfDayKeys: Set = ["time", "hour", "clock", "time_of_day", "uhrzeit", "time_hh_mm", "time_hh_mm_ss", "zeit"]
    static let seriesKeys: Set = ["series", "series_id", "series_name", "channel", "stream"]
    static let stationKeys: Set = ["station", "station_id", "station_name", "stationname", "site", "site_id", "site_name",
                                   "location", "location_id", "location_name", "sensor", "sensor_id", "sensor_name", "device",
                                   "device_id", "node", "node_id", "meter", "meter_id", "station_code", "origin", "stationsname",
                                   "station_nr", "stations_id", "sensor_type", "site_code", "locality"]
    static let phenomenonKeys: Set = ["phenomenon", "parameter", "param", "variable", "pollutant", "metric",
                                      "measurand", "quantity", "component", "measure", "property",
                                      "observed_property", "indicator", "parameter_name"]
    static let valueKeys: Set = ["value", "val", "reading", "measurement", "concentration", "result", "obs",
                                 "observation", "level", "amount"]
    static let unitKeys: Set = ["unit", "units", "uom", "unit_of_measure", "einheit"]
    static let latKeys: Set = ["lat", "latitude", "breite", "gps_lat", "lat_deg"]
    static let lonKeys: Set = ["lon", "lng", "long", "longitude", "laenge", "länge", "gps_lon", "gps_lng", "lon_deg"]
    static let yearKeys: Set = ["year", "yr", "yyyy", "jahr", "annee", "año"]
    static let monthKeys: Set = ["month", "monat", "mois"]
    static let dayKeys: Set = ["day", "dom", "tag", "jour", "day_of_month"]
    static let hourKeys: Set = ["hour", "hr", "stunde", "heure", "hour_of_day"]
    static let minuteKeys: Set = ["minute", "minutes"]

    /// Names that say "this identifies something" (ids are never plotted).
    static func isIdName(_ key: String) -> Bool {
        if stationKeys.contains(key) { return true }
        let words = Set(key.split(separator: "_").map(String.init))
        if !words.isDisjoint(with: ["id", "ids", "code", "nr", "serial", "imei", "mac", "uuid", "number"]) { return true }
        return key.hasSuffix("id") && ["sensor", "station", "site", "location", "device", "node", "meter"].contains { key.hasPrefix($0) }
    }

    /// Names (or units) that say "this describes other values": a quality flag, a data source code,
    /// an uncertainty class. Whole numbers under such a name are codes, never plotted.
    static func isFlagName(_ key: String, unit: String?) -> Bool {
        if let u = unit?.lowercased().split(separator: " ").last, u == "code" || u == "flag" { return true }
        guard let last = key.split(separator: "_").last else { return false }
        return ["source", "flag", "flags", "qc"].contains(String(last))
    }

    /// The recognised names, for an error message that says what was looked for.
    static let timeHint = "a column of timestamps, time, timestamp, datetime, date (+ time), or year, month, day[, hour]"
}
