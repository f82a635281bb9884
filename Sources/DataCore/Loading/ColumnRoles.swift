import Foundation

/// What a column's first values look like.
struct ColumnProfile {
    var nonEmpty = 0
    var numbers = 0
    var integers = 0
    var fullTimes = 0
    var dates = 0
    var timesOfDay = 0
    var text = 0
    var distinct: Set<String> = []
    var minValue = Double.infinity
    var maxValue = -Double.infinity
    /// `NN/NN/YYYY` values: the largest first and second parts seen.
    var firstPartMax = 0
    var secondPartMax = 0
    var slashDates = 0
    var gluedUnit: String?

    func mostly(_ n: Int) -> Bool { nonEmpty > 0 && n * 10 >= nonEmpty * 9 }
    /// More than half: enough to pick the time column when some rows are bad.
    func majority(_ n: Int) -> Bool { nonEmpty > 0 && n * 2 > nonEmpty }
}

/// What one value reads as: a number, a date, a time, both or neither.
private struct ValueReading {
    var missing = false
    var number: Double?
    var gluedUnit: String?
    var integer = false
    /// `NN/NN/YYYY`: its first and second parts.
    var slashParts: (Int, Int)?
    var fullTime = false
    var date = false
    var timeOfDay = false

    init(_ v: String, decimalComma: Bool) {
        if v.isEmpty || ByteParsers.withBytes(v, { ByteParsers.isMissing($0, 0, $1) }) { missing = true; return }
        var glued: String?
        number = ByteParsers.withBytes(v) { b, n in
            if let x = ByteParsers.parseDouble(b, 0, n, decimalComma: decimalComma) { return x }
            if let (x, u) = ByteParsers.lenientDouble(b, 0, n, decimalComma: decimalComma) {
                if let u { glued = String(decoding: u, as: UTF8.self) }
                return x
            }
            return nil
        }
        gluedUnit = glued
        if let x = number, x == x.rounded(), abs(x) < 1e15, !v.contains("."), !v.contains(",") { integer = true }
        let parts = v.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1].prefix(2)), parts[2].count >= 4 { slashParts = (a, b) }
        var exact = false
        let bytes = Array(v.utf8)
        let hasClock = bytes.contains(58) || (bytes.count > 10 && bytes.contains(84))
        if number == nil || v.count >= 9 {
            if ByteParsers.parseTime(v, order: .dmy, exact: &exact) != nil || ByteParsers.parseTime(v, order: .mdy, exact: &exact) != nil {
                if number == nil && hasClock { fullTime = true } else if number == nil { date = true }
            }
        }
        timeOfDay = ByteParsers.withBytes(v) { b, n in ByteParsers.parseTimeOfDay(b, 0, n).map { $0.1 == n } ?? false }
    }
}

/// Decides the layout by looking at the header and the first rows together: time by content,
/// stations and ids apart from measurements.
enum ColumnRoles {
    static func profile(_ column: Int, _ rows: [[String]], decimalComma: Bool) -> ColumnProfile {
        var p = ColumnProfile()
        // A column repeats its values (one time for every station, a station on many rows): each
        // different value is read once.
        var readings: [String: ValueReading] = [:]
        for r in rows where column < r.count {
            let v = r[column]
            let reading: ValueReading
            if let known = readings[v] { reading = known } else {
                reading = ValueReading(v, decimalComma: decimalComma)
                readings[v] = reading
            }
            if reading.missing { continue }
            p.nonEmpty += 1
            if p.distinct.count < 64 { p.distinct.insert(v) }
            if let u = reading.gluedUnit { p.gluedUnit = u }
            if let x = reading.number {
                p.numbers += 1
                if reading.integer { p.integers += 1 }
                p.minValue = min(p.minValue, x)
                p.maxValue = max(p.maxValue, x)
            }
            if let (a, b) = reading.slashParts {
                p.slashDates += 1
                p.firstPartMax = max(p.firstPartMax, a)
                p.secondPartMax = max(p.secondPartMax, b)
            }
            if reading.fullTime { p.fullTimes += 1 }
            if reading.date { p.dates += 1 }
            if reading.timeOfDay { p.timesOfDay += 1 }
        }
        // Text means "neither a number nor any kind of time".
        p.text = max(0, p.nonEmpty - p.numbers - p.fullTimes - p.dates - (p.timesOfDay > p.numbers ? p.timesOfDay : 0))
        return p
    }

    struct Failure: Error { var reason: String }

    static func detect(_ names: [HeaderName], rows: [[String]], options: LoadOptions, decimalComma: Bool,
                       fileName: String) throws(Failure) -> Layout {
        let keys = names.map(\.key)
        let profiles = names.indices.map { profile($0, rows, decimalComma: decimalComma) }
        let format = KnownFormat.recognise(keys)
        func column(named wanted: String, flag: String) throws(Failure) -> Int {
            let w = wanted.trimmedWhitespace
            if let i = names.firstIndex(where: { $0.raw.trimmedWhitespace == w }) { return i }
            if let i = names.firstIndex(where: { $0.label.lowercased() == w.lowercased() || $0.key == HeaderName(w).key }) { return i }
            let list = names.map { "\"\(TextSafety.printable($0.raw))\"" }.joined(separator: ", ")
            throw Failure(reason: "\(flag) \"\(TextSafety.printable(wanted))\" names no column of \(fileName); its columns are \(list)")
        }
        func find(_ set: Set<String>, _ used: Set<Int>) -> Int? {
            names.indices.first { !used.contains($0) && set.contains(keys[$0]) }
        }

        // Time, by content.
        var time: TimeSource
        if let forced = options.time {
            var cols: [Int] = []
            for name in forced { cols.append(try column(named: name, flag: "--time")) }
            switch cols.count {
            case 1: time = .single(cols[0])
            case 2: time = .dateAndTime(date: cols[0], time: cols[1])
            default: time = .parts(year: cols[0], month: cols[1], day: cols[2], hour: cols.count > 3 ? cols[3] : nil, minute: cols.count > 4 ? cols[4] : nil)
            }
        } else {
            guard let t = detectTime(names, keys, profiles) else {
                let found = names.prefix(8).map { "\"\(TextSafety.printable($0.raw))\"" }.joined(separator: ", ")
                throw Failure(reason: "has no time column (looked for \(Layout.timeHint); found \(found))")
            }
            time = t
        }
        var l = Layout(kind: .wide, time: time)
        l.format = format
        var used = Set(time.columns)
        if case .single(let c) = time { l.dateOrder = order(profiles[c], names[c]) }
        if case .dateAndTime(let c, _) = time { l.dateOrder = order(profiles[c], names[c]) }
        // Other columns that hold dates or date parts are not measurements.
        for i in names.indices where !used.contains(i) {
            let k = keys[i]
            let isPart = Layout.yearKeys.contains(k) || Layout.monthKeys.contains(k) || Layout.dayKeys.contains(k)
                || Layout.hourKeys.contains(k) || Layout.minuteKeys.contains(k) || Layout.dateKeys.contains(k) || Layout.timeOfDayKeys.contains(k)
            let p = profiles[i]
            if (isPart && p.integers == p.nonEmpty) || (p.nonEmpty > 0 && p.mostly(p.fullTimes + p.dates)) || (isPart && p.mostly(p.timesOfDay)) {
                l.ignored.append((i, "a date or time part; the time comes from \(timeDescription(time, names))"))
                used.insert(i)
            }
        }
        func take(_ set: Set<String>) -> Int? {
            let i = find(set, used)
            if let i { used.insert(i) }
            return i
        }
        l.lat = take(Layout.latKeys)
        l.lon = take(Layout.lonKeys)
        if l.lat == nil || l.lon == nil {
            for c in [l.lat, l.lon].compactMap({ $0 }) { used.remove(c) }
            l.lat = nil; l.lon = nil
        }

        // Stations: a forced column, a known format's, or the columns named like stations.
        if let s = options.station {
            let c = try column(named: s, flag: "--station")
            l.stations = [c]
            used.insert(c)
        } else if format == .sensorCommunity {
            l.stations = [keys.firstIndex(of: "sensor_type")!, keys.firstIndex(of: "sensor_id")!]
        } else if format == .openAQ {
            l.stations = [keys.firstIndex(of: "location")!]
        }
        used.formUnion(l.stations)
        l.series = take(Layout.seriesKeys)
        l.phenomenon = take(Layout.phenomenonKeys)
        l.value = take(Layout.valueKeys)
        l.unit = take(Layout.unitKeys)
        if l.stations.isEmpty && options.station == nil {
            // Text names stations; so does an id when no text does. Type before id: `SDS011 1234`.
            let named = names.indices.filter { !used.contains($0) && Layout.stationKeys.contains(keys[$0]) }
            let text = named.filter { profiles[$0].text > 0 }
            var chosen = text.isEmpty ? Array(named.prefix(1)) : text
            if let t = chosen.firstIndex(where: { keys[$0] == "sensor_type" }), t > 0 { chosen.swapAt(0, t) }
            if chosen.count > 1, let typeCol = chosen.firstIndex(where: { keys[$0] == "sensor_type" }),
               let idCol = named.first(where: { keys[$0] == "sensor_id" }) {
                chosen = [chosen[typeCol], idCol]
            } else if chosen.count > 1 { chosen = [chosen[0]] }
            if chosen.count == 1, keys[chosen[0]] == "sensor_type", let idCol = named.first(where: { keys[$0] == "sensor_id" }) {
                chosen.append(idCol)
            }
            l.stations = chosen
            used.formUnion(chosen)
        }
        if l.stations.isEmpty && options.station == nil && l.series == nil && l.phenomenon == nil {
            // A text column under any name that tells apart rows of the same time names what
            // measured (`year,source,net_generation`): without it those would merge into one line.
            let candidates = names.indices.filter { !used.contains($0) && profiles[$0].text > profiles[$0].numbers }
            if let c = candidates.first(where: { separatesRowsOfOneTime($0, time.columns, rows) }) {
                l.stations = [c]
                l.stationsByContent = true
                used.insert(c)
            }
        }
        if l.value != nil && (l.series != nil || l.phenomenon != nil || !l.stations.isEmpty) {
            l.kind = .long
        } else {
            for c in [l.value, l.unit, l.phenomenon].compactMap({ $0 }) { used.remove(c) }
            l.value = nil; l.unit = nil; l.phenomenon = nil
            if l.stations.isEmpty, let s = l.series { l.stations = [s]; l.series = nil }
        }
        // Ids and other attributes: named like ids, or integers constant per station.
        for i in names.indices where !used.contains(i) {
            let p = profiles[i]
            if format == .sensorCommunity, KnownFormat.isSensorCommunityInternal(keys[i]) {
                l.ignored.append((i, "a sampling detail of the sensor, not a measurement")); used.insert(i); continue
            }
            if Layout.isIdName(keys[i]) && (p.integers == p.nonEmpty || p.text > 0) {
                l.ignored.append((i, "an id (\(p.text > 0 ? "text" : "whole numbers") naming what measured)")); used.insert(i); continue
            }
            if p.nonEmpty > 0, p.integers == p.nonEmpty, Layout.isFlagName(keys[i], unit: names[i].unit) {
                l.ignored.append((i, "a flag or code (whole numbers about other values)")); used.insert(i); continue
            }
            if !l.stations.isEmpty, names[i].unit == nil, p.nonEmpty > 0, p.integers == p.nonEmpty, constantPerStation(i, l.stations, rows) {
                l.ignored.append((i, "whole numbers constant per station (an id or attribute)")); used.insert(i); continue
            }
        }
        if l.kind == .long {
            for i in names.indices where !used.contains(i) { l.ignored.append((i, "not needed in a long layout")) }
        } else {
            for i in names.indices where !used.contains(i) {
                let p = profiles[i]
                // Text wins: not a measure. Only blanks so far: keep it (a sensor may start later),
                // unless the header is blank too (a trailing delimiter).
                if p.numbers < p.text { l.ignored.append((i, "text, not numbers")); continue }
                if p.numbers == 0 && names[i].label.isEmpty { l.ignored.append((i, "empty, without a name")); continue }
                l.measures.append(i)
                var phen = names[i].label, unit = names[i].unit ?? p.gluedUnit
                if format == .sensorCommunity, let known = KnownFormat.sensorCommunityColumns[keys[i]] {
                    phen = known.0
                    unit = names[i].unit ?? known.1
                }
                l.measureNames.append(TextSafety.printable(phen))
                l.measureUnits.append(unit.map(TextSafety.printable))
            }
        }
        return l
    }

    /// Whether some time comes on several rows of the sample and the column's values differ on each
    /// of them, from a few repeating values (a category, not free text).
    private static func separatesRowsOfOneTime(_ c: Int, _ timeColumns: [Int], _ rows: [[String]]) -> Bool {
        var byTime: [String: Set<String>] = [:], repeats = 0, values: [String: Int] = [:]
        for r in rows where c < r.count && timeColumns.allSatisfy({ $0 < r.count }) {
            let t = timeColumns.map { r[$0] }.joined(separator: "\u{1F}"), v = r[c]
            if v.isEmpty { continue }
            values[v, default: 0] += 1
            if byTime[t, default: []].insert(v).inserted { if byTime[t]!.count > 1 { repeats += 1 } } else { return false }
        }
        return repeats >= 2 && values.count >= 2 && values.count * 2 <= values.values.reduce(0, +)
    }

    /// Whether the column holds one value per station in the rows seen: at least two stations
    /// with different values, each seen on three rows or more (one row each proves nothing).
    private static func constantPerStation(_ c: Int, _ stations: [Int], _ rows: [[String]]) -> Bool {
        var seen: [String: (value: String, rows: Int)] = [:]
        for r in rows where c < r.count && stations.allSatisfy({ $0 < r.count }) {
            let key = stations.map { r[$0] }.joined(separator: "\u{1F}")
            if let v = seen[key] {
                if v.value != r[c] { return false }
                seen[key]!.rows += 1
            } else {
                seen[key] = (r[c], 1)
            }
        }
        return seen.count >= 2 && Set(seen.values.map(\.value)).count >= 2 && seen.values.allSatisfy { $0.rows >= 3 }
    }

    private static func order(_ p: ColumnProfile, _ name: HeaderName) -> DateOrder {
        let raw = name.raw.uppercased()
        if raw.contains("MM/DD") { return .mdy }
        if raw.contains("DD/MM") { return .dmy }
        if p.secondPartMax > 12 && p.firstPartMax <= 12 { return .mdy }
        return .dmy
    }

    static func timeDescription(_ t: TimeSource, _ names: [HeaderName]) -> String {
        t.columns.map { "\"\(TextSafety.printable(names[$0].raw))\"" }.joined(separator: " + ")
    }

    /// A full-timestamp column first, then date + time of day, then date parts, then a date alone,
    /// then a column merely named like a time (its values then say what is wrong).
    private static func detectTime(_ names: [HeaderName], _ keys: [String], _ profiles: [ColumnProfile]) -> TimeSource? {
        let full = names.indices.filter { profiles[$0].nonEmpty > 0 && profiles[$0].majority(profiles[$0].fullTimes) }
        if let c = full.first(where: { Layout.timeKeys.contains(keys[$0]) }) ?? full.first { return .single(c) }
        // Epoch numbers only under a time-like name: by content they are just large numbers.
        let epoch = names.indices.first {
            (Layout.timeKeys.contains(keys[$0]) || keys[$0].contains("epoch") || keys[$0].contains("unix"))
                && profiles[$0].nonEmpty > 0 && profiles[$0].majority(profiles[$0].integers) && profiles[$0].minValue >= 1e8
        }
        if let c = epoch { return .single(c) }
        let dates = names.indices.filter { profiles[$0].nonEmpty > 0 && profiles[$0].majority(profiles[$0].dates) }
        let clocks = names.indices.filter { profiles[$0].nonEmpty > 0 && profiles[$0].majority(profiles[$0].timesOfDay) && !dates.contains($0) }
        if let d = dates.first(where: { Layout.dateKeys.contains(keys[$0]) || keys[$0].hasPrefix("date") }) ?? dates.first,
           let t = clocks.first(where: { Layout.timeOfDayKeys.contains(keys[$0]) || keys[$0].hasPrefix("time") }) ?? clocks.first {
            return .dateAndTime(date: d, time: t)
        }
        func part(_ set: Set<String>, _ range: ClosedRange<Double>) -> Int? {
            names.indices.first {
                set.contains(keys[$0]) && profiles[$0].nonEmpty > 0 && profiles[$0].integers == profiles[$0].nonEmpty
                    && range.contains(profiles[$0].minValue) && range.contains(profiles[$0].maxValue)
            }
        }
        if let y = part(Layout.yearKeys, 1000...9999), let m = part(Layout.monthKeys, 1...12), let d = part(Layout.dayKeys, 1...31) {
            return .parts(year: y, month: m, day: d, hour: part(Layout.hourKeys, 0...24), minute: part(Layout.minuteKeys, 0...59))
        }
        if let d = dates.first { return .single(d) }
        // No values tell: fall back to names, so each row's error says what was wrong.
        if let c = names.indices.first(where: { Layout.timeKeys.contains(keys[$0]) || Layout.dateKeys.contains(keys[$0]) })
            ?? names.indices.first(where: { keys[$0].contains("time") || keys[$0].contains("date") }) {
            return .single(c)
        }
        return nil
    }
}
