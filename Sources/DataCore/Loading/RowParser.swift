/// The per-row loop of `CSVLoader`: bytes in, columns out, bad rows counted.
struct RowParser {
    var reader: CSVRecordReader
    let names: [HeaderName]
    var layout: Layout
    let fileName: String
    let decimalComma: Bool
    var store = MeasurementStore()
    var rows = 0

    private var fields: [FieldSpan] = []
    private var keyScratch: [UInt8] = []
    private var lastKey: [UInt8] = [0xFF]
    private var lastSeries = -1
    private var seriesByKey: [[UInt8]: Int] = [:]
    /// Wide layout: per station key, the series index of each measure column (-1 until it has a value).
    private var wideByStation: [[UInt8]: [Int]] = [:]
    /// Wide layout: the station of each station key, for series made later.
    private var wideStation: [[UInt8]: String?] = [:]

    init(reader: CSVRecordReader, names: [HeaderName], layout: Layout, fileName: String, decimalComma: Bool) {
        self.reader = reader
        self.names = names
        self.layout = layout
        self.fileName = fileName
        self.decimalComma = decimalComma
        fields.reserveCapacity(names.count + 4)
    }

    private var buf: UnsafeBufferPointer<UInt8> { reader.buf }

    /// The decided header and layout, to parse other parts of the same file alike.
    struct Template: @unchecked Sendable {
        var names: [HeaderName]
        var layout: Layout
        var fileName: String
        var delimiter: UInt8
        var decimalComma: Bool
    }

    var template: Template {
        Template(names: names, layout: layout, fileName: fileName, delimiter: reader.delimiter, decimalComma: decimalComma)
    }

    /// Parses one part of a file (whole records, starting on `line`) with a decided layout.
    static func parsePart(_ bytes: [UInt8], line: Int, _ t: Template) -> MeasurementStore {
        bytes.withUnsafeBufferPointer { buf in
            var reader = CSVRecordReader(buf, delimiter: t.delimiter, start: 0)
            reader.line = line
            var p = RowParser(reader: reader, names: t.names, layout: t.layout, fileName: t.fileName, decimalComma: t.decimalComma)
            do throws(CSVRecordReader.Failure) { try p.run() } catch {
                // A record over 1 MiB in the middle of a file: report it and keep the rest.
                if case .recordTooLong(let l) = error {
                    p.store.report.add(LoadIssue(file: t.fileName, line: l, column: nil, reason: "is longer than 1 MiB"), row: true)
                }
            }
            return p.store
        }
    }

    /// Wide files often carry text columns (comments, flags): keep only columns that hold numbers.
    mutating func keepNumericMeasures() {
        var probe = reader
        var numeric = [Int](repeating: 0, count: names.count)
        var text = [Int](repeating: 0, count: names.count)
        var sampled = 0
        while sampled < 500, let _ = try? probe.next(&fields) {
            sampled += 1
            for c in layout.measures where c < fields.count {
                let f = fields[c]
                if ByteParsers.isMissing(buf, trimmed(f).0, trimmed(f).1) { continue }
                if ByteParsers.parseDouble(buf, f.start, f.end, decimalComma: decimalComma) != nil { numeric[c] += 1 } else { text[c] += 1 }
            }
        }
        layout.measures = layout.measures.filter { c in
            // Text wins: not a measure. Only blanks so far: keep it (a sensor may start later in the file),
            // unless the header is blank too (a trailing delimiter).
            numeric[c] >= text[c] && (numeric[c] > 0 || !names[c].label.isEmpty)
        }
    }

    private func trimmed(_ f: FieldSpan) -> (Int, Int) {
        var s = f.start, e = f.end
        ByteParsers.trim(buf, &s, &e)
        return (s, e)
    }

    private mutating func issue(_ line: Int, _ column: Int?, _ reason: String, row: Bool = true) {
        store.report.add(LoadIssue(file: fileName, line: line, column: column.map { TextSafety.printable(names[$0].raw) }, reason: reason), row: row)
    }

    private func quoted(_ f: FieldSpan) -> String { "\"\(reader.excerpt(f))\"" }

    mutating func run() throws(CSVRecordReader.Failure) {
        while let line = try reader.next(&fields) {
            rows += 1
            if fields.count != names.count {
                // A lone empty field is a blank-ish line (e.g. only spaces): not worth a complaint.
                if fields.count == 1 && trimmed(fields[0]).0 == trimmed(fields[0]).1 { rows -= 1; continue }
                issue(line, nil, "has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(names.count)")
                continue
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
        if let t = layout.time {
            let f = fields[t]
            if let v = ByteParsers.parseTime(buf, f.start, f.end) { return v }
            issue(line, t, "\(quoted(f)) is not a time")
            return nil
        }
        let df = fields[layout.date!], tf = fields[layout.timeOfDay!]
        var (ds, de) = trimmed(df)
        guard let (days, end) = ByteParsers.parseDate(buf, ds, de), end == de else {
            issue(line, layout.date, "\(quoted(df)) is not a date")
            return nil
        }
        (ds, de) = trimmed(tf)
        guard let (ms, tend) = ByteParsers.parseTimeOfDay(buf, ds, de), tend == de else {
            issue(line, layout.timeOfDay, "\(quoted(tf)) is not a time of day")
            return nil
        }
        return Int64(days) * 86_400_000 + ms
    }

    private mutating func readPosition(_ line: Int, _ la: Int, _ lo: Int) -> (Float, Float)? {
        let a = fields[la], o = fields[lo]
        let (as_, ae) = trimmed(a), (os, oe) = trimmed(o)
        if ByteParsers.isMissing(buf, as_, ae) && ByteParsers.isMissing(buf, os, oe) { return (.nan, .nan) }
        guard let lat = ByteParsers.parseDouble(buf, as_, ae, decimalComma: decimalComma) else {
            issue(line, la, "\(quoted(a)) is not a number"); return nil
        }
        guard let lon = ByteParsers.parseDouble(buf, os, oe, decimalComma: decimalComma) else {
            issue(line, lo, "\(quoted(o)) is not a number"); return nil
        }
        guard (-90...90).contains(lat) else { issue(line, la, "\(quoted(a)) is not a latitude (-90 to 90)"); return nil }
        guard (-180...180).contains(lon) else { issue(line, lo, "\(quoted(o)) is not a longitude (-180 to 180)"); return nil }
        return (Float(lat), Float(lon))
    }

    private mutating func longRow(_ line: Int, _ time: Int64, _ lat: Float, _ lon: Float) {
        let vf = fields[layout.value!]
        let (vs, ve) = trimmed(vf)
        if ByteParsers.isMissing(buf, vs, ve) { store.report.missingValues += 1; return }
        guard let value = ByteParsers.parseDouble(buf, vs, ve, decimalComma: decimalComma) else {
            issue(line, layout.value, "\(quoted(vf)) is not a number"); return
        }
        // Series key: the bytes of the series column, or station + phenomenon.
        keyScratch.removeAll(keepingCapacity: true)
        for c in [layout.series, layout.station, layout.phenomenon] {
            guard let c else { continue }
            let (s, e) = trimmed(fields[c])
            keyScratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[s..<e]))
            keyScratch.append(0x1F)
        }
        var idx: Int
        if keyScratch == lastKey {
            idx = lastSeries
        } else if let i = seriesByKey[keyScratch] {
            idx = i
        } else {
            guard let info = longSeriesInfo(line) else { return }
            idx = store.seriesIndex(for: info)
            seriesByKey[keyScratch] = idx
        }
        lastKey = keyScratch
        lastSeries = idx
        if lat.isNaN { store.append(series: idx, time: time, value: value) }
        else { store.append(series: idx, time: time, value: value, lat: lat, lon: lon) }
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
        guard let series = text(layout.series), let station = text(layout.station),
              let phenomenon = text(layout.phenomenon), let unitText = text(layout.unit) else { return nil }
        let valueHeader = names[layout.value!]
        // An empty series cell lends no phenomenon (Fuzz/crashers/csv/empty-series-cell.csv used to crash here).
        let phen = phenomenon ?? series ?? TextSafety.printable(valueHeader.label)
        let name = series ?? [station, phenomenon].compactMap { $0 }.joined(separator: " · ")
        guard !name.isEmpty else {
            issue(line, layout.series ?? layout.station ?? layout.phenomenon, "names no series")
            return nil
        }
        return SeriesInfo(id: name, name: name, phenomenon: phen, station: station, unit: unitText ?? valueHeader.unit.map(TextSafety.printable))
    }

    private mutating func wideRow(_ line: Int, _ time: Int64, _ lat: Float, _ lon: Float) {
        keyScratch.removeAll(keepingCapacity: true)
        if let st = layout.station {
            let (s, e) = trimmed(fields[st])
            keyScratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[s..<e]))
        }
        var indices: [Int]
        if let known = wideByStation[keyScratch] {
            indices = known
        } else {
            var station: String? = nil
            if let st = layout.station {
                guard let s = reader.string(fields[st]) else { issue(line, st, "is not valid UTF-8 text"); return }
                station = s.isEmpty ? nil : TextSafety.printable(s)
            }
            // Series are made at their first value, so a column that stays empty makes none.
            indices = [Int](repeating: -1, count: layout.measures.count)
            wideByStation[keyScratch] = indices
            wideStation[keyScratch] = station
        }
        var made = false
        for (k, c) in layout.measures.enumerated() {
            let f = fields[c]
            let (s, e) = trimmed(f)
            if ByteParsers.isMissing(buf, s, e) { store.report.missingValues += 1; continue }
            guard let v = ByteParsers.parseDouble(buf, s, e, decimalComma: decimalComma) else {
                issue(line, c, "\(quoted(f)) is not a number", row: false)
                continue
            }
            if indices[k] < 0 {
                let h = names[c]
                let station = wideStation[keyScratch] ?? nil
                let phen = TextSafety.printable(h.label)
                let name = station.map { "\($0) · \(phen)" } ?? phen
                indices[k] = store.seriesIndex(for: SeriesInfo(id: name, name: name, phenomenon: phen, station: station, unit: h.unit.map(TextSafety.printable)))
                made = true
            }
            if lat.isNaN { store.append(series: indices[k], time: time, value: v) }
            else { store.append(series: indices[k], time: time, value: v, lat: lat, lon: lon) }
        }
        if made { wideByStation[keyScratch] = indices }
    }
}
