import Foundation

/// Which file on disk was read, and how much of it.
public struct FileIdentity: Equatable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    /// Bytes read from disk (compressed size for gzip).
    public var size: Int
    public var gzip: Bool
}

/// One input file as loaded: enough to parse what is appended to it later.
public struct SourceFile: Equatable, Sendable {
    public var path: String
    public var displayName: String
    var headerBytes: [UInt8]
    /// Bytes of the (uncompressed) file parsed so far.
    var consumed: Int
    /// Line number of the next unread line.
    var nextLine: Int
    var tabHint: Bool
    /// How the file was read, so appended rows are read alike.
    var template: RowParser.Template?
    public var identity: FileIdentity?
}

/// Follows the input files as `tail -f` does: appended complete lines are parsed into a delta;
/// a truncated, replaced or recompressed file asks for a full reload.
public enum FileFollower {
    public enum Change {
        case none
        case appended(MeasurementStore, rows: Int)
        case reload
    }

    public static func poll(_ sources: inout [SourceFile]) -> Change {
        var delta: MeasurementStore? = nil
        for i in sources.indices {
            guard let id = sources[i].identity else { continue }
            var st = stat()
            guard stat(sources[i].path, &st) == 0 else { continue }  // gone for a moment (being replaced)
            let size = Int(st.st_size)
            if UInt64(st.st_ino) != id.inode || UInt64(st.st_dev) != id.device || size < id.size { return .reload }
            if size == id.size { continue }
            if id.gzip { return .reload }
            guard let tail = FileBytes.tail(path: sources[i].path, from: id.size),
                  let lastNewline = tail.lastIndex(of: 10) else { continue }
            let complete = tail[...lastNewline]
            sources[i].identity!.size += complete.count
            sources[i].consumed += complete.count
            let newLines = complete.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            defer { sources[i].nextLine += newLines }
            var part: MeasurementStore
            if let t = sources[i].template {
                part = RowParser.parsePart(Array(complete), line: sources[i].nextLine, t)
            } else {
                let bytes = sources[i].headerBytes + complete
                guard let p = try? CSVLoader.parse(bytes, fileName: sources[i].displayName, tabHint: sources[i].tabHint,
                                                   firstLine: sources[i].nextLine) else { continue }
                part = p
            }
            part.sources = []
            part.understanding = []
            if delta == nil { delta = part } else { delta!.merge(part) }
        }
        guard let delta else { return .none }
        return .appended(delta, rows: delta.measurementCount)
    }
}
