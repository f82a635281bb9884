import Foundation

/// Reads CSV/TSV measurement files, long or wide, into a `MeasurementStore`.
public enum CSVLoader {
    /// Loads files and folders; each file's rows are merged by series id.
    /// File names in errors, issues and `sourceName` have control characters neutralised.
    /// `progress` is told the bytes read so far and the total, for a progress bar on big inputs.
    public static func load(paths: [String], options: LoadOptions = LoadOptions(), progress: ((Int, Int) -> Void)? = nil) throws(LoadError) -> MeasurementStore {
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
        var store = MeasurementStore()
        let total = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        var done = 0
        let stations = FileNaming.stations(files.map(\.path))
        for (k, f) in files.enumerated() {
            let one = try load(path: f.path, displayName: f.name, options: options, fileStation: stations[k]) { n in progress?(done + n, total) }
            done += one.sources.first?.identity?.size ?? 0
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

    public static func load(path: String, displayName: String? = nil, options: LoadOptions = LoadOptions(), fileStation: String? = nil,
                            progress: ((Int) -> Void)? = nil) throws(LoadError) -> MeasurementStore {
        let name = displayName ?? TextSafety.printable(path)
        var stream = CSVStream(fileName: name, tabHint: (path as NSString).lastPathComponent.lowercased().contains(".tsv"),
                               options: options, fileStation: fileStation)
        // Chunks go straight into the columns: the file is never held in memory whole.
        var read = 0
        var parallel: ParallelCSV? = nil
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let isGzip = path.lowercased().hasSuffix(".gz")
        let identity = try FileBytes.stream(path: path, displayName: name) { (chunk: ArraySlice<UInt8>, final: Bool) throws(LoadError) in
            read += chunk.count
            progress?(read)
            if let parallel {
                parallel.feed(chunk, final: final)
                return
            }
            try stream.feed(chunk, final: final)
            // Past the first chunk the layout is known: the rest is parsed on every core.
            if !final, let h = stream.handOver {
                var base = stream.takeLeftover(bytes: read)
                if fileSize > read && !isGzip { base.reserve(scale: Double(fileSize) / Double(read) * 1.02) }
                parallel = ParallelCSV(template: h.template, base: base, leftover: h.leftover, line: h.line)
            }
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
