import DataCore
import Foundation
import ViewCore

/// Owns the data in memory: reads it in the background (first load, reloads), follows the files
/// as they grow, and tells the view once per change with `.dataChanged(summary, version)`.
/// The store is read by rendering on the run loop's thread while a new one is built on another;
/// the swap happens on the run loop's thread when the `.loaded` news is handled.
/// With several files each is kept as a part of its own: a file replaced on disk is read again
/// alone, the others' data stays (the store shares their columns, it does not copy them).
public final class DataSource {
    public private(set) var store = MeasurementStore()
    /// One store per data file while more than one is open, in file order.
    public private(set) var parts: [MeasurementStore] = []
    public private(set) var version = 0
    public let paths: [String]
    /// What the loader is told beyond its guesses (flags, remembered per data); every read uses them.
    public let options: LoadOptions
    /// The first read also says how the data was read (a first open of this data).
    private var noticeNext: Bool
    private let mailbox: Mailbox<Message>
    /// Looks at the files run here one at a time; reads run on a thread of their own (one at a time).
    private let queue = DispatchQueue(label: "dataviewer.data", qos: .utility)
    /// Counts up when a read starts or a store is swapped in: news from before is stale.
    private var generation = 0
    /// The read under way: which files, and how to stop it.
    private var running: (scope: ReadScope, cancel: LoadCancellation, seen: [String: FileStamp])?
    /// What to read once the read under way is done (or cancelled), and the message for it.
    private var queued: (scope: ReadScope, reason: String?)?
    private var polling = false
    /// Seconds between progress reports (the title bar needs no more).
    private let progressEvery: Double

    public init(paths: [String], options: LoadOptions = LoadOptions(), notice: Bool = false,
                mailbox: Mailbox<Message>, progressEvery: Double = 0.1) {
        self.paths = paths
        self.options = options
        noticeNext = notice
        self.mailbox = mailbox
        self.progressEvery = progressEvery
    }

    /// A read is under way (the first load or a reload).
    public var isReading: Bool { running != nil }
    /// A read or a look at the files is under way: news will come.
    public var isBusy: Bool { running != nil || polling }
    /// The files the read under way reads (all of them for the first read).
    public var readingFiles: [String]? {
        guard let r = running else { return nil }
        switch r.scope {
        case .all: return nil
        case .files(let f): return f.sorted()
        }
    }

    /// Reads every file again in the background; `reason` becomes the status message when done.
    /// Returns the action that shows the read begun (for the very first frame: the bar is there
    /// before the reading thread has even started).
    @discardableResult
    public func read(reason: String? = nil) -> Action? { read(.all, reason: reason) }

    /// Reads `scope` in the background. While a read runs, the new one waits for it; when it
    /// covers everything the running one reads, the running one is cancelled (its result is stale).
    @discardableResult
    func read(_ scope: ReadScope, reason: String?) -> Action? {
        if let r = running {
            let merged = queued.map { $0.scope.union(scope) } ?? scope
            queued = (merged, reason ?? queued?.reason)
            if merged.covers(r.scope) { r.cancel.cancel() }
            return nil
        }
        generation += 1
        let gen = generation, paths = paths, options = options, mailbox = mailbox, every = progressEvery, notice = noticeNext
        let parts = parts, cancel = LoadCancellation()
        let files = scope.paths(parts: parts, all: paths)
        let what = files.count == 1 ? TextSafety.printable((files[0] as NSString).lastPathComponent) : "\(files.count) files"
        let total = files.reduce(0) { $0 + FileStamp($1).size }
        // Folders are not watched here (a new file in one is not a replaced file).
        let watched = files.filter { FileStamp($0).isFile }
        running = (scope, cancel, Dictionary(watched.map { ($0, FileStamp($0)) }, uniquingKeysWith: { a, _ in a }))
        BackgroundThread.run {
            let started = Date()
            var last = Date.distantPast
            let report = { (p: LoadProgress) in
                let now = Date()
                guard now.timeIntervalSince(last) >= every else { return }
                last = now
                mailbox.post(.data(.progress(gen, Loading(progress: p, seconds: now.timeIntervalSince(started), what: what))))
            }
            do throws(LoadError) {
                var newParts: [MeasurementStore]
                switch scope {
                case .all:
                    newParts = try CSVLoader.loadParts(paths: paths, options: options, cancel: cancel, progress: report)
                case .files(let changed):
                    newParts = parts
                    var done = 0
                    for k in parts.indices where changed.contains(parts[k].sources.first?.path ?? "") {
                        let before = done
                        newParts[k] = try CSVLoader.reload(k, of: parts, options: options, cancel: cancel) { p in
                            report(LoadProgress(bytes: before + p.bytes, totalBytes: total, rows: p.rows))
                        }
                        done += FileStamp(parts[k].sources.first?.path ?? "").size
                    }
                }
                let store = CSVLoader.combine(newParts, paths: paths)
                // The summary scans every measurement: done here, not on the input thread.
                mailbox.post(.data(.loaded(gen, store, parts: newParts, DataSummary(store, notice: notice), reason: reason)))
            } catch {
                mailbox.post(.data(cancel.isCancelled ? .cancelled(gen) : .failed(gen, error)))
            }
        }
        return .data(.loading(.progress(Loading(progress: LoadProgress(bytes: 0, totalBytes: total, rows: 0), seconds: 0, what: what))))
    }

    /// Looks at the files in the background: appended rows arrive as `.appended`, a replaced or
    /// truncated file is read again (alone, when several are open). While a read runs, only its
    /// own files are looked at: one replaced again makes the read under way stale.
    public func poll() {
        guard !polling, version > 0 || running != nil else { return }
        if let r = running {
            let changed = r.seen.filter { FileStamp($0.key).replaces($0.value) }.map(\.key).sorted()
            if !changed.isEmpty {
                let name = changed.count == 1 ? TextSafety.printable((changed[0] as NSString).lastPathComponent) : "\(changed.count) files"
                read(r.scope == .all ? .all : .files(Set(changed)), reason: "\(name) changed on disk again: read it again")
            }
            return
        }
        polling = true
        let gen = generation, mailbox = mailbox
        let each = parts.isEmpty ? [store.sources] : parts.map(\.sources)
        queue.async {
            var replaced: [String] = []
            var grown: [(part: Int, delta: MeasurementStore, sources: [SourceFile])] = []
            for (k, sources) in each.enumerated() {
                var after = sources
                switch FileFollower.poll(&after) {
                case .none: break
                case .reload: replaced += sources.map(\.path)
                case let .appended(delta, _): grown.append((k, delta, after))
                }
            }
            // A file to read again first: rows appended to the others are found by the next look.
            if !replaced.isEmpty { mailbox.post(.data(.changedOnDisk(gen, files: replaced))) }
            else if !grown.isEmpty { mailbox.post(.data(.appended(gen, grown))) }
            else { mailbox.post(.data(.unchanged(gen))) }
        }
    }

    /// Applies news from the background; returns the actions for the view.
    public func handle(_ event: DataEvent) -> [Action] {
        switch event {
        case let .progress(gen, loading):
            return gen == generation && running != nil ? [.data(.loading(.progress(loading)))] : []
        case let .loaded(gen, new, newParts, summary, reason):
            guard gen == generation else { return [] }
            store = new
            parts = newParts.count > 1 ? newParts : []
            version += 1
            noticeNext = false
            generation += 1
            var out: [Action] = [.data(.dataChanged(summary, version: version))]
            if let reason { out.append(.app(.setMessage(reason))) }
            out += finishRead()
            return out
        case let .failed(gen, error):
            guard gen == generation else { return [] }
            let first = version == 0
            if first { failedFirst = error }
            var out: [Action] = [.data(.loading(.failed(first ? "could not read the data: \(error)"
                                                       : "could not read the data again (\(error)); kept what was loaded")))]
            out += finishRead()
            return out
        case .cancelled(let gen):
            guard gen == generation else { return [] }
            return finishRead()
        case .unchanged(let gen):
            if gen == generation { polling = false }
            return []
        case let .changedOnDisk(gen, files):
            guard gen == generation else { return [] }
            polling = false
            let all = parts.isEmpty
            let name = files.count == 1 ? TextSafety.printable((files[0] as NSString).lastPathComponent) : "\(files.count) files"
            let kept = all ? "" : " (the other \(parts.count - files.count) kept)"
            return read(all ? .all : .files(Set(files)), reason: "\(all ? store.sourceName : name) changed on disk: read it again\(kept)")
                .map { [$0] } ?? []
        case let .appended(gen, grown):
            guard gen == generation else { return [] }
            polling = false
            let before = Set(store.series.map(\.id))
            var rows = 0
            if parts.isEmpty {
                for g in grown {
                    store.merge(g.delta)
                    store.sources = g.sources
                    rows += g.delta.measurementCount
                }
                store.finish()
            } else {
                // Let go of the combined store first, so that the parts grow in place.
                store = MeasurementStore()
                for g in grown {
                    parts[g.part].merge(g.delta)
                    parts[g.part].finish()
                    parts[g.part].sources = g.sources
                    rows += g.delta.measurementCount
                }
                store = CSVLoader.combine(parts, paths: paths)
            }
            version += 1
            let added = store.series.filter { !before.contains($0.id) }.count
            return [.data(.dataChanged(DataSummary(store), version: version)),
                    .app(.setMessage("+\(rows) measurements" + (added > 0 ? ", \(added) new series" : "")))]
        }
    }

    /// The first read failed: there is nothing to show (the viewer ends with this sentence).
    public var firstReadFailed: LoadError? { failedFirst }
    private var failedFirst: LoadError?

    private func finishRead() -> [Action] {
        running = nil
        polling = false
        if let next = queued {
            queued = nil
            // Before the first read is done there are no parts: whatever was asked, read everything.
            return read(version == 0 ? .all : next.scope, reason: next.reason).map { [$0] } ?? []
        }
        return []
    }
}

/// What a read covers: every file, or some of the files (paths as the store's sources name them).
enum ReadScope: Equatable {
    case all
    case files(Set<String>)

    func union(_ o: ReadScope) -> ReadScope {
        switch (self, o) {
        case (.files(let a), .files(let b)): return .files(a.union(b))
        default: return .all
        }
    }

    /// True when a read of `self` makes a read of `o` useless.
    func covers(_ o: ReadScope) -> Bool {
        switch (self, o) {
        case (.all, _): return true
        case (.files, .all): return false
        case (.files(let a), .files(let b)): return b.isSubset(of: a)
        }
    }

    func paths(parts: [MeasurementStore], all: [String]) -> [String] {
        switch self {
        case .all: return all
        case .files(let f): return parts.compactMap { $0.sources.first?.path }.filter { f.contains($0) }
        }
    }
}

/// What `stat` says about a file, to tell that it was replaced or truncated since a read began
/// (a file that only grows is not: its new rows are followed after the read).
struct FileStamp: Equatable {
    var inode: UInt64 = 0, device: UInt64 = 0, size = 0, isFile = false, exists = false
    init(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return }
        exists = true
        inode = UInt64(st.st_ino)
        device = UInt64(st.st_dev)
        size = Int(st.st_size)
        isFile = (st.st_mode & S_IFMT) == S_IFREG
    }

    /// True when this file is another one than `before`, or shorter (gone for a moment is neither).
    func replaces(_ before: FileStamp) -> Bool {
        exists && (inode != before.inode || device != before.device || size < before.size)
    }
}

/// News from the data source's background work, tagged with the generation it belongs to.
public enum DataEvent: Sendable {
    case progress(Int, Loading)
    case loaded(Int, MeasurementStore, parts: [MeasurementStore], DataSummary, reason: String?)
    case failed(Int, LoadError)
    /// A read stopped because a newer one of the same files was asked for.
    case cancelled(Int)
    case unchanged(Int)
    case changedOnDisk(Int, files: [String])
    case appended(Int, [(part: Int, delta: MeasurementStore, sources: [SourceFile])])
}
