import DataCore
import Foundation
import ViewCore

/// Owns the data in memory: reads it in the background (first load, reloads), follows the files
/// as they grow, and tells the view once per change with `.dataChanged(summary, version)`.
/// The store is read by rendering on the run loop's thread while a new one is built on another;
/// the swap happens on the run loop's thread when the `.loaded` news is handled.
public final class DataSource {
    public private(set) var store = MeasurementStore()
    public private(set) var version = 0
    public let paths: [String]
    /// What the loader is told beyond its guesses (flags, remembered per data); every read uses them.
    public let options: LoadOptions
    /// The first read also says how the data was read (a first open of this data).
    private var noticeNext: Bool
    private let mailbox: Mailbox<Message>
    /// Reads and polls run here one at a time: never two copies of the data being built at once.
    private let queue = DispatchQueue(label: "dataviewer.data", qos: .utility)
    /// Counts up when a read starts or a store is swapped in: news from before is stale.
    private var generation = 0
    private var reading = false
    private var readAgain: String?? = nil
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
    public var isReading: Bool { reading }
    /// A read or a look at the files is under way: news will come.
    public var isBusy: Bool { reading || polling }

    /// Reads every file again in the background; `reason` becomes the status message when done.
    /// While a read runs, one more is queued after it. Returns the action that shows the read begun
    /// (for the very first frame: the bar is there before the reading thread has even started).
    @discardableResult
    public func read(reason: String? = nil) -> Action? {
        guard !reading else { readAgain = .some(reason); return nil }
        reading = true
        generation += 1
        let gen = generation, paths = paths, options = options, mailbox = mailbox, every = progressEvery, notice = noticeNext
        let what = paths.count == 1 ? TextSafety.printable((paths[0] as NSString).lastPathComponent) : "\(paths.count) files"
        let total = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        // A thread of its own at a lower priority (never two reads at once: `reading` guards it).
        BackgroundThread.run {
            let started = Date()
            var last = Date.distantPast
            do throws(LoadError) {
                let store = try CSVLoader.load(paths: paths, options: options) { p in
                    let now = Date()
                    guard now.timeIntervalSince(last) >= every else { return }
                    last = now
                    mailbox.post(.data(.progress(gen, Loading(progress: p, seconds: now.timeIntervalSince(started), what: what))))
                }
                // The summary scans every measurement: done here, not on the input thread.
                mailbox.post(.data(.loaded(gen, store, DataSummary(store, notice: notice), reason: reason)))
            } catch {
                mailbox.post(.data(.failed(gen, error)))
            }
        }
        return .data(.loading(.progress(Loading(progress: LoadProgress(bytes: 0, totalBytes: total, rows: 0), seconds: 0, what: what))))
    }

    /// Looks at the files in the background: appended rows arrive as `.appended`, a replaced or
    /// truncated file is read again. Skipped while a read or another look runs.
    public func poll() {
        guard !reading, !polling, version > 0 else { return }
        polling = true
        let gen = generation, sources = store.sources, mailbox = mailbox
        queue.async {
            var after = sources
            switch FileFollower.poll(&after) {
            case .none: mailbox.post(.data(.unchanged(gen)))
            case .reload: mailbox.post(.data(.changedOnDisk(gen)))
            case let .appended(delta, rows): mailbox.post(.data(.appended(gen, delta, rows: rows, sources: after)))
            }
        }
    }

    /// Applies news from the background; returns the actions for the view.
    public func handle(_ event: DataEvent) -> [Action] {
        switch event {
        case let .progress(gen, loading):
            return gen == generation && reading ? [.data(.loading(.progress(loading)))] : []
        case let .loaded(gen, new, summary, reason):
            guard gen == generation else { return [] }
            store = new
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
        case .unchanged(let gen):
            if gen == generation { polling = false }
            return []
        case .changedOnDisk(let gen):
            guard gen == generation else { return [] }
            polling = false
            return read(reason: "\(store.sourceName) changed on disk: read it again").map { [$0] } ?? []
        case let .appended(gen, delta, rows, sources):
            guard gen == generation else { return [] }
            polling = false
            let before = Set(store.series.map(\.id))
            store.merge(delta)
            store.finish()
            store.sources = sources
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
        reading = false
        polling = false
        if let again = readAgain {
            readAgain = nil
            return read(reason: again).map { [$0] } ?? []
        }
        return []
    }
}

/// News from the data source's background work, tagged with the generation it belongs to.
public enum DataEvent: Sendable {
    case progress(Int, Loading)
    case loaded(Int, MeasurementStore, DataSummary, reason: String?)
    case failed(Int, LoadError)
    case unchanged(Int)
    case changedOnDisk(Int)
    case appended(Int, MeasurementStore, rows: Int, sources: [SourceFile])
}
