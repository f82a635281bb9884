/// A header cell split into its name and the unit in brackets: `PM10 (µg/m³)`, `temp [°C]`.
struct HeaderName: Equatable {
    var raw: String
    var label: String
    var unit: String?
    /// Lowercased, with runs of non-alphanumerics as `_`: used to recognise roles.
    var key: String

    init(_ raw: String) {
        self.raw = raw
        var label = raw.trimmingCharacters(in: .whitespaces)
        var unit: String? = nil
        if let last = label.last, last == ")" || last == "]",
           let open = Self.openingBracket(of: label), open != label.startIndex {
            let inner = label[label.index(after: open)..<label.index(before: label.endIndex)]
            let u = inner.trimmingCharacters(in: .whitespaces)
            if !u.isEmpty { unit = u }
            label = label[..<open].trimmingCharacters(in: .whitespaces)
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

/// Which column means what, decided from the header alone.
struct Layout: Equatable {
    enum Kind: Equatable { case long, wide }
    var kind: Kind
    var time: Int?
    var date: Int?
    var timeOfDay: Int?
    var series: Int?
    var station: Int?
    var phenomenon: Int?
    var value: Int?
    var unit: Int?
    var lat: Int?
    var lon: Int?
    /// Wide layout: the columns that each hold one phenomenon.
    var measures: [Int] = []

    static let timeKeys: Set = ["time", "timestamp", "datetime", "date_time", "time_utc", "utc", "ts", "epoch",
                                "unix", "unixtime", "unix_time", "epoch_ms", "epoch_s", "measured_at", "observed_at",
                                "recorded_at", "created_at", "local_time", "time_stamp", "dt", "zeit", "datum_zeit",
                                "timestamp_utc", "date_utc", "datetime_utc", "time_iso", "iso_time", "when"]
    static let dateKeys: Set = ["date", "day", "datum"]
    static let timeOfDayKeys: Set = ["time", "hour", "clock", "time_of_day", "uhrzeit"]
    static let seriesKeys: Set = ["series", "series_id", "series_name", "channel", "stream"]
    static let stationKeys: Set = ["station", "station_id", "station_name", "stationname", "site", "site_id", "site_name",
                                   "location", "location_id", "sensor", "sensor_id", "sensor_name", "device",
                                   "device_id", "node", "node_id", "meter", "meter_id", "station_code"]
    static let phenomenonKeys: Set = ["phenomenon", "parameter", "param", "variable", "pollutant", "metric",
                                      "measurand", "quantity", "component", "sensor_type", "measure", "property",
                                      "observed_property", "indicator"]
    static let valueKeys: Set = ["value", "val", "reading", "measurement", "concentration", "result", "obs",
                                 "observation", "level", "amount"]
    static let unitKeys: Set = ["unit", "units", "uom", "unit_of_measure", "einheit"]
    static let latKeys: Set = ["lat", "latitude", "breite", "gps_lat", "lat_deg"]
    static let lonKeys: Set = ["lon", "lng", "long", "longitude", "laenge", "länge", "gps_lon", "gps_lng", "lon_deg"]

    static func detect(_ names: [HeaderName]) -> Layout? {
        func find(_ keys: Set<String>, excluding used: Set<Int> = []) -> Int? {
            names.indices.first { !used.contains($0) && keys.contains(names[$0].key) }
        }
        var l = Layout(kind: .wide)
        let dateCol = find(dateKeys)
        let todCol = find(timeOfDayKeys)
        if let d = dateCol, let t = todCol, d != t {
            l.date = d
            l.timeOfDay = t
        } else {
            l.time = find(timeKeys) ?? dateCol
                ?? names.indices.first { names[$0].key.contains("time") || names[$0].key.contains("date") }
        }
        guard l.time != nil || l.date != nil else { return nil }
        var used = Set([l.time, l.date, l.timeOfDay].compactMap { $0 })
        func take(_ keys: Set<String>) -> Int? {
            let i = find(keys, excluding: used)
            if let i { used.insert(i) }
            return i
        }
        l.lat = take(latKeys)
        l.lon = take(lonKeys)
        if l.lat == nil || l.lon == nil { l.lat = nil; l.lon = nil }
        l.series = take(seriesKeys)
        l.station = take(stationKeys)
        l.phenomenon = take(phenomenonKeys)
        l.value = take(valueKeys)
        l.unit = take(unitKeys)
        if l.value != nil && (l.series != nil || l.phenomenon != nil || l.station != nil) {
            l.kind = .long
        } else {
            if let v = l.value { used.remove(v); l.value = nil }
            if let u = l.unit { used.remove(u); l.unit = nil }
            if let p = l.phenomenon { used.remove(p); l.phenomenon = nil }
            if l.station == nil, let s = l.series { l.station = s; l.series = nil }
            l.kind = .wide
            l.measures = names.indices.filter { !used.contains($0) }
        }
        return l
    }

    /// The recognised names, for an error message that says what was looked for.
    static let timeHint = "time, timestamp, datetime, date (+ time)"
}
