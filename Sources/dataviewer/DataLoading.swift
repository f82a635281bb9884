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

    static func load(_ args: [String]) throws -> MeasurementStore {
        let paths = paths(args)
        do {
            return try CSVLoader.load(paths: paths)
        } catch {
            FileHandle.standardError.write(Data("dataviewer: \(error)\n".utf8))
            throw ExitCodeError.failure
        }
    }

    /// Skipped rows, for stderr: the count, then the first few with file:line, column and reason.
    static func reportLines(_ r: LoadReport, limit: Int = 5) -> [String] {
        guard let summary = r.summary else { return [] }
        return [summary + ":"] + r.issues.prefix(limit).map { "  " + $0.description }
            + (r.skippedTotal > limit ? ["  …"] : [])
    }
}

enum ExitCodeError: Error { case failure }

import SessionLibrary
import ViewCore

/// What a start opens with (SPEC §3.10): `--session NAME`, else the autosaved view, else a fresh one.
struct StartView {
    var settings: ViewSettings?
    var sessionName: String?
    var baseline: ViewSettings?
    var place: ViewPlace?
    var autosavedLabel: String?
    var message: String?
    var history = UndoHistory()

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
                return StartView(settings: s, sessionName: name, baseline: s)
            } catch { fail(error.description) }
        }
        if fresh { return .fresh }
        guard let saved = try? library.autosaved(owner: owner, dataKey: dataKey(paths)) else { return .fresh }
        let history = (try? library.history(owner: owner, dataKey: dataKey(paths))) ?? UndoHistory()
        return StartView(settings: saved.settings, sessionName: saved.sessionName, baseline: saved.baseline,
                         place: saved.place, autosavedLabel: Program.localClock(saved.savedAt), history: history)
    }
}
