import Foundation

/// Reads CSV/TSV measurement files, long or wide, into a `MeasurementStore`.
public enum CSVLoader {
    /// Loads files and folders; each file's rows are merged by series id.
    /// File names in errors, issues and `sourceName` have control characters neutralised.
    /// `progress` is told the bytes read from disk so far, the total and the rows, for a progress bar.
    public static func load(paths: [String], options: LoadOptions = LoadOptions(),
                            progress: ((LoadProgress) -> Void)? = nil) throws(LoadError) -> MeasurementStore {
        combine(try loadParts(paths: paths, options: options, progress: progress), paths: paths)
    }

    /// The files that `paths` name (a folder's data files), each read into a store of its own,
    /// finished, in order: kept apart so that one file that changes can be read again alone.
    public static func loadParts(paths: [String], options: LoadOptions = LoadOptions(), cancel: LoadCancellation? = nil,
                                 progress: ((LoadProgress) -> Void)? = nil) throws(LoadError) -> [MeasurementStore] {
        if let problem = options.problem() { throw LoadError(file: "dataviewer", reason: problem) }
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
        let total = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        var done = 0, rows = 0
        let stations = FileNaming.stations(files.map(\.path))
        var parts: [MeasurementStore] = []
        for (k, f) in files.enumerated() {
            var one = try load(path: f.path, displayName: f.name, options: options, fileStation: stations[k], cancel: cancel) { p in
                progress?(LoadProgress(bytes: done + p.bytes, totalBytes: total, rows: rows + p.rows))
            }
            done += one.sources.first?.identity?.size ?? 0
            rows += one.sources.first?.nextLine ?? 0
            one.finish()
            parts.append(one)
        }
        return parts
    }

    /// Reads again the file of `part`, one of `parts` (station names from file names depend on all of them).
    public static func reload(_ part: Int, of parts: [MeasurementStore], options: LoadOptions = LoadOptions(), cancel: LoadCancellation? = nil,
                              progress: ((LoadProgress) -> Void)? = nil) throws(LoadError) -> MeasurementStore {
        let paths = parts.map { $0.sources.first?.path ?? "" }
        let source = parts[part].sources.first
        var one = try load(path: paths[part], displayName: source?.displayName, options: options,
                           fileStation: FileNaming.stations(paths)[part], cancel: cancel, progress: progress)
        one.finish()
        return one
    }

    /// The parts, each a finished store, as one store (a series found in several files gets all their measurements).
    /// Columns of series found in one file are shared with its part, not copied.
    public static func combine(_ parts: [MeasurementStore], paths: [String]) -> MeasurementStore {
        var store = MeasurementStore()
        for one in parts {
            if store.series.isEmpty { store = one } else { store.merge(one) }
        }
        // Each part is finished: one alone needs no second pass (the series order alone took ~1 ms at 500 series).
        if parts.count > 1 { store.finish() }
        let names = parts.map { $0.sources.first?.displayName ?? "" }
        store.sourceName = names.count == 1
            ? (names[0] as NSString).lastPathComponent
            : paths.count == 1 ? TextSafety.printable((paths[0] as NSString).lastPathComponent) + "/ (\(names.count) files)"
            : "\(names.count) files"
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

    /// Bytes of a file's start parsed on one core, before the layout is known (at least the 64 KiB the stream decides from).
    static let firstBite = 256 << 10
    /// Bytes gathered after the hand-over before the parallel parsers start (more than one record's limit).
    static let firstPartMinimum = CSVRecordReader.maxRecordBytes + (1 << 20)

    /// `progress` is told the bytes read from disk (this file's size as the total) and the lines read.
    public static func load(path: String, displayName: String? = nil, options: LoadOptions = LoadOptions(), fileStation: String? = nil,
                            cancel: LoadCancellation? = nil, progress: ((LoadProgress) -> Void)? = nil) throws(LoadError) -> MeasurementStore {
        let name = displayName ?? TextSafety.printable(path)
        var stream = CSVStream(fileName: name, tabHint: (path as NSString).lastPathComponent.lowercased().contains(".tsv"),
                               options: options, fileStation: fileStation)
        // Chunks go straight into the columns: the file is never held in memory whole.
        var read = 0, fromDisk = 0
        var parallel: ParallelCSV? = nil
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let isGzip = path.lowercased().hasSuffix(".gz")
        let onDisk = { (n: Int) in
            fromDisk = n
            progress?(LoadProgress(bytes: n, totalBytes: fileSize, rows: parallel?.linesSubmitted ?? 0))
        }
        // After the hand-over, bytes wait until there are enough to tell a long record from a short
        // chunk: a record over 1 MiB near the start means no CSV at all, and the stream says so.
        struct Waiting { var handOver: (template: RowParser.Template, seed: RowParser.Seed, leftover: [UInt8], line: Int); var bytes: [UInt8] }
        var waiting: Waiting? = nil
        // Takes the waiting bytes over: the parsers' first buffer is then these bytes themselves,
        // not a copy made because two still held them.
        func startParallel(_ w: consuming Waiting, final: Bool) throws(LoadError) {
            let fed = read - (w.bytes.count - w.handOver.leftover.count)
            if !final && w.bytes.count <= firstPartMinimum { waiting = w; return }
            if final || ParallelCSV.hasRecord(in: w.bytes, longerThan: CSVRecordReader.maxRecordBytes) {
                try stream.feed(w.bytes.dropFirst(w.handOver.leftover.count), final: final)
                return
            }
            let base = stream.takeLeftover(bytes: fed)
            // A gzip file's size is compressed: the ratio so far tells how much the rest will bring.
            let expected = isGzip ? Double(fileSize) * Double(read) / Double(max(1, fromDisk)) : Double(fileSize)
            let (handOver, leftover) = (w.handOver, w.bytes)
            _ = consume w
            parallel = ParallelCSV(template: handOver.template, seed: handOver.seed, base: base, leftover: leftover, line: handOver.line,
                                   expectedBytes: expected, growth: expected > Double(fed) ? expected / Double(fed) * 1.02 : nil)
        }
        let identity = try FileBytes.stream(path: path, displayName: name, onDisk: onDisk) { (chunk: ArraySlice<UInt8>, final: Bool) throws(LoadError) in
            read += chunk.count
            if cancel?.isCancelled == true { throw LoadError(file: name, reason: LoadCancellation.reason) }
            if let parallel {
                parallel.feed(chunk, final: final)
                return
            }
            if var w = waiting {
                waiting = nil  // first: the bytes then have one holder, and grow in place
                w.bytes.append(contentsOf: chunk)
                try startParallel(consume w, final: final)
                return
            }
            // The layout is decided from the first rows: only they are parsed here, one core; the rest
            // of the chunk goes to the parsers on every core with the rest of the file.
            let head = final || read - chunk.count > 0 ? chunk : chunk.prefix(firstBite)
            try stream.feed(head, final: final)
            let rest = chunk.dropFirst(head.count)
            if !final, let h = stream.handOver {
                var w = Waiting(handOver: h, bytes: h.leftover)
                // Room for the first part from the start: these bytes become the parsers' first
                // buffer, not copied into a larger one (each copy also faults its pages in anew).
                w.bytes.reserveCapacity(ParallelCSV.bufferCapacity(partSize: ParallelCSV.partSize(expecting: Double(fileSize))))
                w.bytes.append(contentsOf: rest)
                try startParallel(consume w, final: final)
                return
            }
            if !rest.isEmpty { try stream.feed(rest, final: final) }
        }
        var store = try stream.finish(appending: parallel?.finish())
        store.sources[0].path = path
        store.sources[0].identity = identity
        return store
    }

    /// Parses CSV bytes. The store is not `finish()`ed: callers merge, then finish once.
    public static func parse(_ bytes: [UInt8], fileName: String, tabHint: Bool = false, firstLine: Int = 1,
                             options: LoadOptions = LoadOptions(), fileStation: String? = nil) throws(LoadError) -> MeasurementStore {
        var stream = CSVStream(fileName: fileName, tabHint: tabHint, firstLine: firstLine, options: options, fileStation: fileStation)
        try stream.feed(bytes, final: true)
        return try stream.finish()
    }

    static func tooLong(_ e: CSVRecordReader.Failure, _ fileName: String) -> LoadError {
        switch e {
        case .recordTooLong(let line):
            return LoadError(file: fileName, reason: "line \(line) is longer than 1 MiB; this does not look like a CSV file")
        }
    }
}
