import Foundation

/// Reads CSV/TSV measurement files, long or wide (SPEC §1.2), into a `MeasurementStore`.
public enum CSVLoader {
    /// Loads files and folders; each file's rows are merged by series id.
    /// File names in errors, issues and `sourceName` have control characters neutralised (SPEC §5).
    public static func load(paths: [String]) throws(LoadError) -> MeasurementStore {
        var files: [(path: String, name: String)] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                throw LoadError(file: TextSafety.printable(p), reason: "no such file or folder")
            }
            if isDir.boolValue {
                let found = dataFiles(inFolder: p)
                guard !found.isEmpty else {
                    throw LoadError(file: TextSafety.printable(p), reason: "folder holds no data files (.csv, .tsv, .txt, .csv.gz)")
                }
                files += found.map { ($0, TextSafety.printable($0)) }
            } else {
                files.append((p, TextSafety.printable(p)))
            }
        }
        guard !files.isEmpty else { throw LoadError(file: "(no input)", reason: "no data files given") }
        var store = MeasurementStore()
        for f in files {
            let one = try load(path: f.path, displayName: f.name)
            if store.series.isEmpty { store = one } else { store.merge(one) }
        }
        store.finish()
        store.sourceName = files.count == 1
            ? (files[0].name as NSString).lastPathComponent
            : paths.count == 1 ? TextSafety.printable((paths[0] as NSString).lastPathComponent) + "/ (\(files.count) files)"
            : "\(files.count) files"
        return store
    }

    static func dataFiles(inFolder folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { n in
            let l = n.lowercased()
            return !l.hasPrefix(".") && [".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz"].contains { l.hasSuffix($0) }
        }
        .sorted()
        .map { (folder as NSString).appendingPathComponent($0) }
    }

    public static func load(path: String, displayName: String? = nil) throws(LoadError) -> MeasurementStore {
        let name = displayName ?? TextSafety.printable(path)
        let (bytes, identity) = try FileBytes.read(path: path, displayName: name)
        var store = try parse(bytes, fileName: name, tabHint: (path as NSString).lastPathComponent.lowercased().contains(".tsv"))
        store.sources[0].path = path
        store.sources[0].identity = identity
        return store
    }

    /// Parses CSV bytes. The store is not `finish()`ed: callers merge, then finish once.
    public static func parse(_ bytes: [UInt8], fileName: String, tabHint: Bool = false, firstLine: Int = 1) throws(LoadError) -> MeasurementStore {
        guard !bytes.isEmpty else { throw LoadError(file: fileName, reason: "is empty") }
        let result: Result<MeasurementStore, LoadError> = bytes.withUnsafeBufferPointer { buf in
            do throws(LoadError) {
                return .success(try parse(buf, fileName: fileName, tabHint: tabHint, firstLine: firstLine))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func parse(_ buf: UnsafeBufferPointer<UInt8>, fileName: String, tabHint: Bool, firstLine: Int) throws(LoadError) -> MeasurementStore {
        var start = 0
        if buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { start = 3 }
        if let nul = buf[start..<min(buf.count, 1 << 16)].firstIndex(of: 0) {
            throw LoadError(file: fileName, reason: "is a binary file, not CSV text (NUL byte at offset \(nul))")
        }
        if buf[start...].allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            throw LoadError(file: fileName, reason: "is empty")
        }
        let delimiter = tabHint ? 9 : detectDelimiter(buf, start: start)
        var reader = CSVRecordReader(buf, delimiter: delimiter, start: start)
        var fields: [FieldSpan] = []
        fields.reserveCapacity(32)
        do {
            guard try reader.next(&fields) != nil else { throw LoadError(file: fileName, reason: "is empty") }
        } catch let e as CSVRecordReader.Failure {
            throw tooLong(e, fileName)
        } catch {
            throw error as! LoadError
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
        let headerEnd = reader.pos
        // Following a file parses "header + appended lines": line numbers continue the file's.
        if firstLine > 1 { reader.line = firstLine }
        var body = RowParser(reader: reader, names: names, layout: layout, fileName: fileName,
                             decimalComma: delimiter == 59)
        if layout.kind == .wide {
            body.keepNumericMeasures()
            guard !body.layout.measures.isEmpty else {
                throw LoadError(file: fileName, reason: "has no value column: a long file needs \"value\" and \"series\" (or station/phenomenon) columns, a wide file one numeric column per phenomenon")
            }
        }
        do {
            try body.run()
        } catch {
            throw tooLong(error, fileName)
        }
        var store = body.store
        store.report.files = [fileName]
        store.sources = [SourceFile(path: fileName, displayName: fileName, headerBytes: Array(buf[0..<headerEnd]),
                                    consumed: buf.count, nextLine: body.reader.line, tabHint: tabHint)]
        guard store.measurementCount > 0 else {
            if body.rows == 0 { throw LoadError(file: fileName, reason: "has a header but no data rows") }
            let first = store.report.issues.first.map { " (first: \($0))" } ?? ""
            throw LoadError(file: fileName, reason: "has no readable measurement in \(body.rows) row\(body.rows == 1 ? "" : "s")\(first)")
        }
        return store
    }

    private static func tooLong(_ e: CSVRecordReader.Failure, _ fileName: String) -> LoadError {
        switch e {
        case .recordTooLong(let line):
            return LoadError(file: fileName, reason: "line \(line) is longer than 1 MiB; this does not look like a CSV file")
        }
    }
}
