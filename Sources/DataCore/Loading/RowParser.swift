import Foundation

/// The per-row loop of `CSVLoader`: bytes in, columns out, bad rows counted.
struct RowParser {
    var reader: CSVRecordReader
    let names: [HeaderName]
    var layout: Layout
    let fileName: String
    let decimalComma: Bool
    let reading: Reading
    var store = MeasurementStore()
    var rows = 0

    private let fields = FieldList()
    private var keyScratch: [UInt8] = []
    private var lastKey: [UInt8] = [0xFF]
    private var lastSeries = -1
    /// The key table's entry of the last row read through the key run (-1: none, or another path).
    private var lastEntry = -1
    /// What the previous rows of this buffer read, by the bytes they read it from.
    private var memo = RowMemo()
    /// The key columns are one run of adjacent columns: a row's key is its bytes in the buffer, uncopied.
    private let keyRun: (first: Int, last: Int)?
    private var seriesByKey = ByteKeyTable()
    /// Wide layout: per station key, the series index of each measure column (-1 until it has a value).
    private var wideByStation: [[UInt8]: [Int]] = [:]
    /// Wide layout: the station of each station key, for series made later.
    private var wideStation: [[UInt8]: String?] = [:]
    private var clock: ZoneClock

    /// What the person said or the file's name gave, beyond the columns.
    struct Reading: Equatable, Sendable {
        var zone: TimeZone?
        var naTokens: [[UInt8]] = []
        var naValues: [Double] = []
        /// The station when no column names one (one of several files).
        var fileStation: String?
    }

    init(reader: CSVRecordReader, names: [HeaderName], layout: Layout, fileName: String, decimalComma: Bool, reading: Reading) {
        self.reader = reader
        self.names = names
        self.layout = layout
        self.fileName = fileName
        self.decimalComma = decimalComma
        self.reading = reading
        buf = reader.buf
        plainValues = reading.naTokens.isEmpty && reading.naValues.isEmpty
        clock = ZoneClock(zone: reading.zone)
        let keys = ([layout.series].compactMap { $0 } + layout.stations + [layout.phenomenon].compactMap { $0 }).sorted()
        keyRun = layout.kind == .long && !keys.isEmpty && keys.last! - keys.first! == keys.count - 1 ? (keys.first!, keys.last!) : nil
    }

    /// The reader's bytes, stored (set again by `run`, as the reader may be given a new buffer): the
    /// per-row code calls only static helpers and mutating methods, since calling a non-mutating
    /// method of this (large) struct from a mutating one copied it whole.
    private var buf: UnsafeBufferPointer<UInt8>
    /// No "no value" markers beyond the usual ones: values need only the byte helpers.
    private let plainValues: Bool

    /// The decided header and layout, to parse other parts of the same file alike.
    struct Template: Equatable, Sendable {
        var names: [HeaderName]
        var layout: Layout
        var fileName: String
        var delimiter: UInt8
        var decimalComma: Bool
        var reading: Reading
    }

    var template: Template {
        Template(names: names, layout: layout, fileName: fileName, delimiter: reader.delimiter, decimalComma: decimalComma, reading: reading)
    }

    /// Parses one part of a file (whole records, starting on `line`) with a decided layout.
    static func parsePart(_ bytes: [UInt8], line: Int, _ t: Template) -> MeasurementStore {
        parsePartCounting(bytes, line: line, t).store
    }

    /// The series an earlier part of the same file found, by their key bytes: a part that starts
    /// with them makes no series of its own for them, and its columns line up with the earlier ones.
    struct Seed: Sendable {
        var keys = ByteKeyTable()
        var series: [SeriesInfo] = []
    }

    var seed: Seed { Seed(keys: seriesByKey, series: store.series) }

    /// The part's store, how many rows it held (a wide row gives several measurements) and how many
    /// lines it spans (its issues' lines count from `line`).
    static func parsePartCounting(_ bytes: [UInt8], line: Int, _ t: Template, seed: Seed? = nil) -> (store: MeasurementStore, rows: Int, lines: Int) {
        bytes.withUnsafeBufferPointer { buf in
            var reader = CSVRecordReader(buf, delimiter: t.delimiter, start: 0)
            reader.line = line
            var p = RowParser(reader: reader, names: t.names, layout: t.layout, fileName: t.fileName, decimalComma: t.decimalComma, reading: t.reading)
            if let seed {
                p.seriesByKey = seed.keys
                p.store.seed(seed.series)
            }
            do throws(CSVRecordReader.Failure) {
                try p.run()
                return (p.store, p.rows, p.reader.line - line)
            } catch {
                // A record over 1 MiB in the middle of a file: report it and keep the rest.
                if case .recordTooLong(let l) = error {
                    p.store.report.add(LoadIssue(file: t.fileName, line: l, column: nil, reason: "is longer than 1 MiB"), row: true)
                }
                return (p.store, p.rows, ParallelCSV.lines(bytes))
            }
        }
    }

    @inline(__always) private static func trimmed(_ buf: UnsafeBufferPointer<UInt8>, _ f: FieldSpan) -> (Int, Int) {
        var s = f.start, e = f.end
        ByteParsers.trim(buf, &s, &e)
        return (s, e)
    }

    private mutating func issue(_ line: Int, _ column: Int?, _ reason: String, row: Bool = true) {
        store.report.add(LoadIssue(file: fileName, line: line, column: column.map { TextSafety.printable(names[$0].raw) }, reason: reason), row: row)
    }

    private func quoted(_ f: FieldSpan) -> String { "\"\(reader.excerpt(f))\"" }

    mutating func run() throws(CSVRecordReader.Failure) {
        let n = names.count
        memo = RowMemo()  // spans of another buffer mean nothing in this one
        buf = reader.buf
        while let line = try reader.next(fields) {
            rows += 1
            if fields.count != n {
                // A lone empty field is a blank-ish line (e.g. only spaces): not worth a complaint.
                if fields.count == 1 && Self.trimmed(buf, fields[0]).0 == Self.trimmed(buf, fields[0]).1 { rows -= 1; continue }
                // Extra trailing fields are ignored, missing ones read as empty: counted, not failed.
                if fields.count > n {
                    store.report.rowsWithExtraFields += 1
                    fields.removeLast(fields.count - n)
                } else if let last = fields.last, last.end == buf.count, last.start > 0, buf[last.start - 1] == 34,
                          buf[last.start..<last.end].contains(reader.delimiter) || buf[last.start..<last.end].contains(10) {
                    // A quote never closed swallowed the rest of the file: that is no short row.
                    issue(line, nil, "has a quote that is never closed")
                    continue
                } else {
                    store.report.rowsWithMissingFields += 1
                    let end = fields.last?.end ?? 0
                    while fields.count < n { fields.append(FieldSpan(start: end, end: end, escaped: false)) }
                }
                if store.report.firstRaggedLine == nil { store.report.firstRaggedLine = line }
            }
            guard let time = readTime(line) else { continue }
            var lat: Float = .nan, lon: Float = .nan
            if let la = layout.lat, let lo = layout.lon {
                guard let p = readPosition(line, la, lo) else { continue }
                (lat, lon) = p
            }
            switch layout.kind {
            case .long: longRow(line, time, lat, lon)
            case .wide: wideRow(line, time, lat, lon)
            }
        }
    }

    private mutating func readTime(_ line: Int) -> Int64? {
        switch layout.time {
        case .single(let t):
            let f = fields[t]
            // Rows of one moment (every station's, every phenomenon's) repeat its text.
            if RowMemo.same(buf, f, memo.time) { return memo.instant }
            var exact = false
            guard let v = ByteParsers.parseTime(buf, f.start, f.end, order: layout.dateOrder, exact: &exact) else {
                issue(line, t, "\(quoted(f)) is not a time")
                return nil
            }
            let instant = exact ? v : clock.instant(wall: v)
            memo.time = (f.start, f.end)
            memo.instant = instant
            return instant
        case let .dateAndTime(d, t):
            let df = fields[d], tf = fields[t]
            var (ds, de) = Self.trimmed(buf, df)
            guard let (days, end) = ByteParsers.parseDate(buf, ds, de, order: layout.dateOrder), end == de else {
                issue(line, d, "\(quoted(df)) is not a date")
                return nil
            }
            (ds, de) = Self.trimmed(buf, tf)
            guard let (ms, tend) = ByteParsers.parseTimeOfDay(buf, ds, de), tend == de else {
                issue(line, t, "\(quoted(tf)) is not a time of day")
                return nil
            }
            return clock.instant(wall: Int64(days) * 86_400_000 + ms)
        case let .parts(y, m, d, h, mi):
            func int(_ c: Int?, _ range: ClosedRange<Int>, _ absent: Int) -> Int? {
                guard let c else { return absent }
                let (s, e) = Self.trimmed(buf, fields[c])
                guard let v = ByteParsers.parseDouble(buf, s, e), v == v.rounded(), range.contains(Int(v)) else {
                    issue(line, c, "\(quoted(fields[c])) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
                    return nil
                }
                return Int(v)
            }
            guard let year = int(y, 1...9999, 0), let month = int(m, 1...12, 0), let day = int(d, 1...31, 0),
                  let hour = int(h, 0...24, 0), let minute = int(mi, 0...59, 0) else { return nil }
            guard day <= ByteParsers.daysIn(month: month, year: year) else {
                issue(line, d, "\(quoted(fields[d])) is not a day of month \(month)")
                return nil
            }
            let wall = Int64(ByteParsers.daysFromCivil(year, month, day)) * 86_400_000 + Int64(hour * 3600 + minute * 60) * 1000
            return clock.instant(wall: wall)
        }
    }

    /// A value cell: a number, or nil with `missing` set for the "no value" markers.
    @inline(__always)
    private mutating func value(_ s: Int, _ e: Int, missing: inout Bool) -> Double? {
        if plainValues { return Self.plainValue(buf, s, e, decimalComma, missing: &missing) }
        return markedValue(s, e, missing: &missing)
    }

    @inline(__always)
    private static func plainValue(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ decimalComma: Bool, missing: inout Bool) -> Double? {
        if ByteParsers.isMissing(buf, s, e) { missing = true; return nil }
        return ByteParsers.number(buf, s, e, decimalComma: decimalComma)
    }

    private func markedValue(_ s: Int, _ e: Int, missing: inout Bool) -> Double? {
        if ByteParsers.isMissing(buf, s, e) { missing = true; return nil }
        if !reading.naTokens.isEmpty {
            for t in reading.naTokens where t.count == e - s && (0..<t.count).allSatisfy({ buf[s + $0] == t[$0] }) {
                missing = true; return nil
            }
        }
        guard let v = ByteParsers.number(buf, s, e, decimalComma: decimalComma) else { return nil }
        if !reading.naValues.isEmpty && reading.naValues.contains(v) { missing = true; return nil }
        return v
    }

    private mutating func readPosition(_ line: Int, _ la: Int, _ lo: Int) -> (Float, Float)? {
        let a = fields[la], o = fields[lo]
        // A fixed station's rows repeat its position.
        if RowMemo.same(buf, a, memo.lat) && RowMemo.same(buf, o, memo.lon) { return memo.position }
        guard let p = parsePosition(line, a, o, la, lo) else { return nil }
        memo.lat = (a.start, a.end)
        memo.lon = (o.start, o.end)
        memo.position = p
        return p
    }

    private mutating func parsePosition(_ line: Int, _ a: FieldSpan, _ o: FieldSpan, _ la: Int, _ lo: Int) -> (Float, Float)? {
        let (as_, ae) = Self.trimmed(buf, a), (os, oe) = Self.trimmed(buf, o)
        if ByteParsers.isMissing(buf, as_, ae) && ByteParsers.isMissing(buf, os, oe) { return (.nan, .nan) }
        guard let lat = ByteParsers.number(buf, as_, ae, decimalComma: decimalComma) else {
            issue(line, la, "\(quoted(a)) is not a number"); return nil
        }
        guard let lon = ByteParsers.number(buf, os, oe, decimalComma: decimalComma) else {
            issue(line, lo, "\(quoted(o)) is not a number"); return nil
        }
        guard (-90...90).contains(lat) else { issue(line, la, "\(quoted(a)) is not a latitude (-90 to 90)"); return nil }
        guard (-180...180).contains(lon) else { issue(line, lo, "\(quoted(o)) is not a longitude (-180 to 180)"); return nil }
        return (Float(lat), Float(lon))
    }

    private mutating func longRow(_ line: Int, _ time: Int64, _ lat: Float, _ lon: Float) {
        let vf = fields[layout.value!]
        let (vs, ve) = Self.trimmed(buf, vf)
        if plainValues, let d = ByteParsers.shortDecimal(buf, vs, ve, decimalComma: decimalComma) {
            guard let idx = seriesOfRow(line) else { return }
            store.append(series: idx, time: time, mantissa: d.mantissa, digits: d.digits, lat: lat, lon: lon)
            return
        }
        var missing = false
        guard let value = value(vs, ve, missing: &missing) else {
            if missing { store.report.missingValues += 1 } else { issue(line, layout.value, "\(quoted(vf)) is not a number") }
            return
        }
        guard let idx = seriesOfRow(line) else { return }
        if lat.isNaN { store.append(series: idx, time: time, value: value) }
        else { store.append(series: idx, time: time, value: value, lat: lat, lon: lon) }
    }

    /// The series of a long row, by its key cells; nil (with an issue) when they name none.
    private mutating func seriesOfRow(_ line: Int) -> Int? {
        // The key columns side by side, the first not quoted: the bytes from the first key cell to the
        // end of the last decide the cells (the same bytes always split and unquote alike), so they are the key.
        if let run = keyRun {
            let first = fields[run.first], last = fields[run.last]
            if first.start == 0 || buf[first.start - 1] != 34 {
                let key = (first.start, last.end)
                if RowMemo.same(buf, FieldSpan(start: key.0, end: key.1, escaped: false), memo.key) { return lastSeries }
                let k = UnsafeBufferPointer(rebasing: buf[key.0..<key.1])
                let e: Int
                if let f = seriesByKey.entry(after: lastEntry, ifKey: k) {
                    e = f
                } else {
                    let h = ByteKeyTable.hash(k)
                    if let f = seriesByKey.findEntry(k, hash: h) {
                        e = f
                    } else {
                        guard let info = longSeriesInfo(line) else { return nil }
                        e = seriesByKey.insert(k, hash: h, value: store.seriesIndex(for: info))
                    }
                    if lastEntry >= 0 { seriesByKey.follow(lastEntry, with: e) }
                }
                lastEntry = e
                let idx = seriesByKey.value(at: e)
                memo.key = key
                // No copied key is empty: the copy path's memo misses (emptied once, not on every row).
                if !lastKey.isEmpty { lastKey.removeAll(keepingCapacity: true) }
                lastSeries = idx
                return idx
            }
        }
        memo.key = RowMemo.none
        lastEntry = -1
        // Series key: the bytes of the series column, or stations + phenomenon.
        keyScratch.removeAll(keepingCapacity: true)
        if let c = layout.series { appendKey(c) }
        for c in layout.stations { appendKey(c) }
        if let c = layout.phenomenon { appendKey(c) }
        var idx: Int
        if keyScratch == lastKey {
            idx = lastSeries
        } else {
            let key = keyScratch
            let found = key.withUnsafeBufferPointer { k in
                let h = ByteKeyTable.hash(k)
                return (seriesByKey.find(k, hash: h), h)
            }
            if let i = found.0 {
                idx = i
            } else {
                guard let info = longSeriesInfo(line) else { return nil }
                idx = store.seriesIndex(for: info)
                key.withUnsafeBufferPointer { seriesByKey.insert($0, hash: found.1, value: idx) }
            }
        }
        // Swapped, not copied: the next row refills the other buffer without allocating.
        swap(&lastKey, &keyScratch)
        lastSeries = idx
        return idx
    }

    @inline(__always)
    private mutating func appendKey(_ c: Int) {
        let (s, e) = Self.trimmed(buf, fields[c])
        keyScratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[s..<e]))
        keyScratch.append(0x1F)
    }

    /// The station named by the station columns (joined by spaces), or by the file; nil for none.
    private mutating func stationName(_ line: Int) -> String?? {
        guard !layout.stations.isEmpty else { return .some(reading.fileStation) }
        var parts: [String] = []
        for c in layout.stations {
            guard let s = reader.string(fields[c]) else { issue(line, c, "is not valid UTF-8 text"); return nil }
            if !s.isEmpty { parts.append(TextSafety.printable(s)) }
        }
        return .some(parts.isEmpty ? nil : parts.joined(separator: " "))
    }

    private mutating func longSeriesInfo(_ line: Int) -> SeriesInfo? {
        func text(_ c: Int?) -> String?? {
            guard let c else { return .some(nil) }
            guard let s = reader.string(fields[c]) else {
                issue(line, c, "is not valid UTF-8 text")
                return nil
            }
            return .some(s.isEmpty ? nil : TextSafety.printable(s))
        }
        guard let series = text(layout.series), let station = stationName(line),
              var phenomenon = text(layout.phenomenon), let unitText = text(layout.unit) else { return nil }
        if layout.format != nil, let p = phenomenon { phenomenon = KnownFormat.usualName(p) }
        let valueHeader = names[layout.value!]
        // An empty series cell lends no phenomenon (Fuzz/crashers/csv/empty-series-cell.csv used to crash here).
        let phen = phenomenon ?? series ?? TextSafety.printable(valueHeader.label)
        var name = series ?? [station, phenomenon].compactMap { $0 }.joined(separator: " · ")
        // Several files, one per station: the file's station keeps their series apart.
        if series != nil, layout.stations.isEmpty, let f = reading.fileStation { name = "\(f) · \(name)" }
        guard !name.isEmpty else {
            issue(line, layout.series ?? layout.stations.first ?? layout.phenomenon, "names no series")
            return nil
        }
        return SeriesInfo(id: name, name: name, phenomenon: phen, station: station, unit: unitText ?? valueHeader.unit.map(TextSafety.printable))
    }

    private mutating func wideRow(_ line: Int, _ time: Int64, _ lat: Float, _ lon: Float) {
        keyScratch.removeAll(keepingCapacity: true)
        for c in layout.stations { appendKey(c) }
        var indices: [Int]
        if let known = wideByStation[keyScratch] {
            indices = known
        } else {
            guard let station = stationName(line) else { return }
            // Series are made at their first value, so a column that stays empty makes none.
            indices = [Int](repeating: -1, count: layout.measures.count)
            wideByStation[keyScratch] = indices
            wideStation[keyScratch] = station
        }
        var made = false
        for (k, c) in layout.measures.enumerated() {
            let f = fields[c]
            let (s, e) = Self.trimmed(buf, f)
            let decimal = plainValues ? ByteParsers.shortDecimal(buf, s, e, decimalComma: decimalComma) : nil
            var missing = false
            guard let v = decimal == nil ? value(s, e, missing: &missing) : 0 else {
                if missing { store.report.missingValues += 1 } else { issue(line, c, "\(quoted(f)) is not a number", row: false) }
                continue
            }
            if indices[k] < 0 {
                let station = wideStation[keyScratch] ?? nil
                let phen = layout.measureNames[k]
                let name = station.map { "\($0) · \(phen)" } ?? phen
                indices[k] = store.seriesIndex(for: SeriesInfo(id: name, name: name, phenomenon: phen, station: station, unit: layout.measureUnits[k]))
                made = true
            }
            if let decimal { store.append(series: indices[k], time: time, mantissa: decimal.mantissa, digits: decimal.digits, lat: lat, lon: lon) }
            else if lat.isNaN { store.append(series: indices[k], time: time, value: v) }
            else { store.append(series: indices[k], time: time, value: v, lat: lat, lon: lon) }
        }
        if made { wideByStation[keyScratch] = indices }
    }
}

/// Byte ranges of the buffer that earlier rows read, with what they gave: a row whose cell has
/// the same bytes gives the same, unread. Valid for one buffer (`run` starts afresh).
struct RowMemo {
    static let none = (0, -1)
    var time = none, instant: Int64 = 0
    var lat = none, lon = none, position: (Float, Float) = (.nan, .nan)
    var key = none

    /// True when the field's bytes equal those at `prev`, compared a word at a time.
    @inline(__always) static func same(_ buf: UnsafeBufferPointer<UInt8>, _ f: FieldSpan, _ prev: (Int, Int)) -> Bool {
        let n = f.end - f.start
        guard n == prev.1 - prev.0, let base = buf.baseAddress else { return false }
        let a = UnsafeRawPointer(base + f.start), b = UnsafeRawPointer(base + prev.0)
        if n < 8 && f.start &+ 8 <= buf.count {
            // One word each, the bytes past the cell masked off (the earlier cell lies before this one).
            let x = UInt64(littleEndian: a.loadUnaligned(as: UInt64.self)) ^ UInt64(littleEndian: b.loadUnaligned(as: UInt64.self))
            return x & ~(UInt64.max << UInt64(n &* 8)) == 0
        }
        return ByteParsers.sameBytes(a, b, n)
    }
}
