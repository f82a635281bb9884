import DataCore
import Foundation

/// Finds the bundled sample data and loads DATA arguments, turning load errors into one sentence.
enum DataLoading {
    static func samplePaths() -> [String] {
        let env = ProcessInfo.processInfo.environment
        if let p = env["DATAVIEWER_SAMPLE_DATA"], !p.isEmpty { return [p] }
        let fm = FileManager.default
        var candidates: [String] = []
        // Next to the executable when installed (…/bin/dataviewer → …/share/dataviewer/sample-data).
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../share/dataviewer/sample-data/city-air.csv.gz").path)
        // In a source checkout (swift run): the repository's sample-data folder.
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repo.appendingPathComponent("sample-data/city-air.csv.gz").path)
        return [candidates.first { fm.fileExists(atPath: $0) } ?? candidates.last!]
    }

    static func paths(_ args: [String]) -> [String] { args.isEmpty ? samplePaths() : args }

    static func load(_ args: [String], options: LoadOptions = LoadOptions(), progress: Bool = true) throws -> MeasurementStore {
        let paths = paths(args)
        let bar = ProgressBar(enabled: progress)
        defer { bar.clear() }
        do {
            return try CSVLoader.load(paths: paths, options: options) { done, total in bar.update(done, of: total) }
        } catch {
            FileHandle.standardError.write(Data("dataviewer: \(error)\n".utf8))
            throw ExitCodeError.failure
        }
    }

    /// Skipped rows, for stderr: the count, then the first few with file:line, column and reason.
    static func reportLines(_ r: LoadReport, limit: Int = 5) -> [String] {
        var out: [String] = []
        if r.rowsWithExtraFields + r.rowsWithMissingFields > 0 {
            var parts: [String] = []
            if r.rowsWithExtraFields > 0 { parts.append("\(r.rowsWithExtraFields) with more fields than the header (extra fields ignored)") }
            if r.rowsWithMissingFields > 0 { parts.append("\(r.rowsWithMissingFields) with fewer (read as missing)") }
            out.append("rows: " + parts.joined(separator: ", ") + (r.firstRaggedLine.map { ", first on line \($0)" } ?? ""))
        }
        guard let summary = r.summary else { return out }
        return out + [summary + ":"] + r.issues.prefix(limit).map { "  " + $0.description }
            + (r.skippedTotal > limit ? ["  …"] : [])
    }
}

enum ExitCodeError: Error { case failure }

import SessionLibrary
import ViewCore

/// What a start opens with: `--session NAME`, else the autosaved view, else a fresh one.
struct StartView {
    var settings: ViewSettings?
    var sessionName: String?
    var savedSettings: ViewSettings?
    var place: ViewPlace?
    var autosavedLabel: String?
    var message: String?
    var history = UndoHistory()
    /// The first open of this data: show how it was read.
    var understandingNotice = false
    /// The data as the session saw it when saved, to say what changed since.
    var watermark: DataWatermark?

    static let fresh = StartView()

    /// Identifies "the same data" across starts: the absolute paths, sorted.
    static func dataKey(_ paths: [String]) -> String {
        paths.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }.sorted().joined(separator: "\n")
    }

    /// Someone's shared session: applied to this user's view, never to the owner's session.
    static func shared(_ library: Library, link: String) -> StartView {
        let result: Result<SessionRecord, LinkError>
        do { result = try library.resolve(link: link) } catch { fail(error.description) }
        switch result {
        case .failure(let e): fail(e.description)
        case .success(let r):
            do {
                let s = try SettingsDocument.decode(r.settings)
                return StartView(settings: s, message: "opened \"\(r.name)\" shared by \(r.owner); S then n saves it as yours")
            } catch { fail("the shared session \"\(r.name)\" cannot be read: it \(error.description)") }
        }
    }

    static func resolve(_ library: Library, owner: String, paths: [String], session: String?, fresh: Bool) -> StartView {
        if let link = session, ShareLink.looksLikeLink(link) {
            return shared(library, link: link)
        }
        if let name = session {
            do {
                let s = try library.settings(owner: owner, name: name)
                return StartView(settings: s, sessionName: name, savedSettings: s, watermark: try library.watermark(owner: owner, name: name))
            } catch { fail(error.description) }
        }
        if fresh { return .fresh }
        guard let saved = try? library.autosaved(owner: owner, dataKey: dataKey(paths)) else { return .fresh }
        let history = (try? library.history(owner: owner, dataKey: dataKey(paths))) ?? UndoHistory()
        return StartView(settings: saved.settings, sessionName: saved.sessionName, savedSettings: saved.savedSettings,
                         place: saved.place, autosavedLabel: Program.localClock(saved.savedAt), history: history)
    }
}

/// A progress bar on stderr while big data loads (only on a terminal, only after a moment).
final class ProgressBar {
    private let start = Date()
    private var shown = false
    private var lastDraw = Date.distantPast
    private let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled && isatty(STDERR_FILENO) != 0 }

    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0, Date().timeIntervalSince(start) > 0.3, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        shown = true
        let f = min(1, Double(done) / Double(total)), width = 30
        let bar = String(repeating: "█", count: Int(f * Double(width))) + String(repeating: "░", count: width - Int(f * Double(width)))
        FileHandle.standardError.write(Data("\rloading \(bar) \(Int(f * 100))% of \(total / 1_000_000) MB ".utf8))
    }

    func clear() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
