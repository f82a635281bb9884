/// Parses CSV as it arrives, chunk by chunk: the header once, then complete records; a record cut
/// by a chunk's end waits for the next chunk.
struct CSVStream {
    let fileName: String
    let tabHint: Bool
    private var pending: [UInt8] = []
    private var body: RowParser?
    private var delimiter: UInt8 = 44
    private var headerBytes: [UInt8] = []
    private var nextLine: Int
    private var consumedTotal = 0
    private var started = false
    private var sawText = false

    init(fileName: String, tabHint: Bool, firstLine: Int = 1) {
        self.fileName = fileName
        self.tabHint = tabHint
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

    /// Reads the header from the buffer's start; nil when it is not complete yet.
    private mutating func readHeader(_ buf: UnsafeBufferPointer<UInt8>, final: Bool) throws(LoadError) -> RowParser? {
        delimiter = tabHint ? 9 : detectDelimiter(buf, start: 0)
        var reader = CSVRecordReader(buf, delimiter: delimiter, start: 0)
        reader.final = final
        var fields: [FieldSpan] = []
        let first: Int?
        do { first = try reader.next(&fields) } catch { throw CSVLoader.tooLong(error, fileName) }
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
        guard let layout = Layout.detect(names) else {
            let found = names.prefix(8).map { "\"\(TextSafety.printable($0.raw))\"" }.joined(separator: ", ")
            throw LoadError(file: fileName, reason: "has no time column (looked for \(Layout.timeHint); found \(found))")
        }
        headerBytes = Array(buf[0..<reader.pos])
        // Following a file parses "header + appended lines": line numbers continue the file's.
        if nextLine == 1 { nextLine = reader.line } else { reader.line = nextLine }
        var body = RowParser(reader: reader, names: names, layout: layout, fileName: fileName, decimalComma: delimiter == 59)
        if layout.kind == .wide {
            body.keepNumericMeasures()
            guard !body.layout.measures.isEmpty else {
                throw LoadError(file: fileName, reason: "has no value column: a long file needs \"value\" and \"series\" (or station/phenomenon) columns, a wide file one numeric column per phenomenon")
            }
        }
        return body
    }

    /// Once the header is read: what a parser of later parts of the file needs, and the bytes not
    /// parsed yet (they start at a record boundary) with the line they start on.
    var handOver: (template: RowParser.Template, leftover: [UInt8], line: Int)? {
        guard let body else { return nil }
        return (body.template, pending, nextLine)
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
    mutating func finish(appending rest: (store: MeasurementStore, nextLine: Int)? = nil) throws(LoadError) -> MeasurementStore {
        guard sawText, var body else { throw LoadError(file: fileName, reason: "is empty") }
        self.body = nil  // so that appending below does not copy the columns
        if let rest {
            body.store = rest.store  // it starts with what was parsed here
            body.rows += rest.store.measurementCount + rest.store.report.skippedRows
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
                                    consumed: consumedTotal, nextLine: nextLine, tabHint: tabHint)]
        return store
    }
}
