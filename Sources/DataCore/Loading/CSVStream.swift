/// Parses CSV as it arrives, chunk by chunk: the header once, then complete records; a record cut
/// by a chunk's end waits for the next chunk.
struct CSVStream {
    let fileName: String
    let tabHint: Bool
    let options: LoadOptions
    let fileStation: String?
    private var understanding: FileUnderstanding?
    private var pending: [UInt8] = []
    private var body: RowParser?
    private var delimiter: UInt8 = 44
    private var headerBytes: [UInt8] = []
    private var nextLine: Int
    private var consumedTotal = 0
    private var started = false
    private var sawText = false

    init(fileName: String, tabHint: Bool, firstLine: Int = 1, options: LoadOptions = LoadOptions(), fileStation: String? = nil) {
        self.fileName = fileName
        self.tabHint = tabHint
        self.options = options
        self.fileStation = fileStation
        nextLine = firstLine
    }

    mutating func feed<C: Collection<UInt8>>(_ chunk: C, final: Bool) throws(LoadError) {
        pending.append(contentsOf: chunk)
        if !started {
            // Decide what the file is from its first 64 KiB (or all of it, if shorter).
            guard pending.count >= (1 << 16) || final else { return }
            started = true
            if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
            if let nul = pending.prefix(1 << 16).firstIndex(of: 0) {
                throw LoadError(file: fileName, reason: "is a binary file, not CSV text (NUL byte at offset \(nul))")
            }
        }
        if !sawText { sawText = pending.contains { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 } }
        guard sawText else { return }
        let buffer = pending
        let result: Result<Int, LoadError> = buffer.withUnsafeBufferPointer { buf in
            do throws(LoadError) {
                return .success(try parseRecords(buf, final: final))
            } catch {
                return .failure(error)
            }
        }
        let consumed = try result.get()
        consumedTotal += consumed
        pending.removeFirst(consumed)
        if pending.count > CSVRecordReader.maxRecordBytes + (1 << 22) {
            throw LoadError(file: fileName, reason: "line \(nextLine) is longer than 1 MiB; this does not look like a CSV file")
        }
    }

    /// Parses the complete records in `buf`; returns how many bytes they took.
    private mutating func parseRecords(_ buf: UnsafeBufferPointer<UInt8>, final: Bool) throws(LoadError) -> Int {
        if body == nil {
            guard let header = try readHeader(buf, final: final) else { return 0 }
            body = header
        }
        body!.reader = CSVRecordReader(buf, delimiter: delimiter, start: body!.reader.pos)
        body!.reader.line = nextLine
        body!.reader.final = final
        do {
            try body!.run()
        } catch {
            throw CSVLoader.tooLong(error, fileName)
        }
        nextLine = body!.reader.line
        let used = body!.reader.pos
        body!.reader.pos = 0  // the next chunk starts with what was left over
        return used
    }

    /// Finds and reads the header (past any preamble) and decides the layout from the first rows;
    /// nil when the header is not complete yet.
    private mutating func readHeader(_ buf: UnsafeBufferPointer<UInt8>, final: Bool) throws(LoadError) -> RowParser? {
        let forced = options.delimiterByte ?? (tabHint ? 9 : nil)
        let found = HeaderSniffer.find(buf, final: final, skip: options.skip, delimiter: forced)
        delimiter = found.delimiter
        var reader = CSVRecordReader(buf, delimiter: delimiter, start: found.headerStart)
        reader.line = found.headerLine
        reader.final = final
        let fields = FieldList()
        let first: Int?
        do { first = try reader.next(fields) } catch { throw CSVLoader.tooLong(error, fileName) }
        guard first != nil else {
            if final { throw LoadError(file: fileName, reason: "is empty") }
            return nil
        }
        var names: [HeaderName] = []
        for f in fields {
            guard let s = reader.string(f) else {
                throw LoadError(file: fileName, reason: "header is not UTF-8 text; save the file as UTF-8")
            }
            names.append(HeaderName(s))
        }
        // The first rows, as text, to decide what each column holds.
        var probe = reader
        var sample: [[String]] = []
        while sample.count < 500, let _ = try? probe.next(fields) {
            sample.append(fields.map { probe.string($0) ?? "" })
        }
        let decimalComma = options.decimalComma ?? Self.decimalComma(sample, delimiter: delimiter)
        let layout: Layout
        do throws(ColumnRoles.Failure) {
            layout = try ColumnRoles.detect(names, rows: sample, options: options, decimalComma: decimalComma, fileName: fileName)
        } catch {
            throw LoadError(file: fileName, reason: error.reason)
        }
        if layout.kind == .wide && layout.measures.isEmpty {
            throw LoadError(file: fileName, reason: "has no value column: a long file needs \"value\" and \"series\" (or station/phenomenon) columns, a wide file one numeric column per phenomenon")
        }
        headerBytes = Array(buf[0..<reader.pos])
        // Following a file parses "header + appended lines": line numbers continue the file's.
        if nextLine == 1 { nextLine = reader.line } else { reader.line = nextLine }
        var reading = RowParser.Reading(fileStation: fileStation)
        reading.zone = try options.zone()
        for t in options.na ?? [] {
            let token = t.trimmedWhitespace
            reading.naTokens.append(Array(token.utf8))
            if let v = ByteParsers.lenientDouble(token, decimalComma: decimalComma) { reading.naValues.append(v) }
        }
        let zoneText = options.tz.map { TextSafety.printable($0) } ?? "UTC (the default; --tz ZONE to change)"
        understanding = FileUnderstanding(file: fileName, sniffed: found, names: names, layout: layout, decimalComma: decimalComma,
                                          zone: zoneText, fileStation: fileStation, naMarkers: options.na ?? [])
        return RowParser(reader: reader, names: names, layout: layout, fileName: fileName, decimalComma: decimalComma, reading: reading)
    }

    /// A comma decimal mark where numbers are written `12,5` more often than `12.5` (never with `,` as delimiter).
    static func decimalComma(_ rows: [[String]], delimiter: UInt8) -> Bool {
        guard delimiter != 44 else { return false }
        var commas = 0, dots = 0
        for r in rows {
            for v in r {
                var digitsBefore = false, mark: Character? = nil, digitsAfter = false, other = false
                for ch in v {
                    if ch.isASCII && ch.isNumber { if mark == nil { digitsBefore = true } else { digitsAfter = true } }
                    else if (ch == "," || ch == ".") && mark == nil { mark = ch }
                    else if ch == "-" || ch == "+" { continue }
                    else { other = true; break }
                }
                guard !other, digitsBefore, digitsAfter, let m = mark else { continue }
                if m == "," { commas += 1 } else { dots += 1 }
            }
        }
        return commas > dots || (delimiter == 59 && dots == 0)
    }

    /// Once the header is read: what a parser of later parts of the file needs, and the bytes not
    /// parsed yet (they start at a record boundary) with the line they start on.
    var handOver: (template: RowParser.Template, seed: RowParser.Seed, leftover: [UInt8], line: Int)? {
        guard let body else { return nil }
        return (body.template, body.seed, pending, nextLine)
    }

    /// The rest of the file goes to `ParallelCSV` from here on; so does the store parsed so far
    /// (moved, not copied: it is the start of the whole store).
    mutating func takeLeftover(bytes total: Int) -> MeasurementStore {
        consumedTotal = total
        pending.removeAll()
        let store = body?.store ?? MeasurementStore()
        body?.store = MeasurementStore()
        return store
    }

    /// The whole file's store; `rest` is what `ParallelCSV` parsed after the hand-over.
    mutating func finish(appending rest: (store: MeasurementStore, nextLine: Int, rows: Int)? = nil) throws(LoadError) -> MeasurementStore {
        guard sawText, var body else { throw LoadError(file: fileName, reason: "is empty") }
        self.body = nil  // so that appending below does not copy the columns
        if let rest {
            body.store = rest.store  // it starts with what was parsed here
            body.rows += rest.rows
            nextLine = rest.nextLine
        }
        var store = body.store
        store.report.files = [fileName]
        guard store.measurementCount > 0 else {
            if body.rows == 0 { throw LoadError(file: fileName, reason: "has a header but no data rows") }
            let first = store.report.issues.first.map { " (first: \($0))" } ?? ""
            throw LoadError(file: fileName, reason: "has no readable measurement in \(body.rows) row\(body.rows == 1 ? "" : "s")\(first)")
        }
        store.sources = [SourceFile(path: fileName, displayName: fileName, headerBytes: headerBytes,
                                    consumed: consumedTotal, nextLine: nextLine, tabHint: tabHint, template: body.template)]
        if var u = understanding {
            u.rowsRead = body.rows
            u.rowsSkipped = store.report.skippedRows
            u.rowsWithExtraFields = store.report.rowsWithExtraFields
            u.rowsWithMissingFields = store.report.rowsWithMissingFields
            u.firstRaggedLine = store.report.firstRaggedLine
            store.understanding = [u]
        }
        return store
    }
}
