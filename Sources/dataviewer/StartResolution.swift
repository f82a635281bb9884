import DataCore
import Effects
import Foundation
import LibraryViews
import SessionLibrary
import ViewCore

/// Where a start view comes from: `--session NAME` or a link, else the autosaved view, else fresh.
extension StartView {
    /// Identifies "the same data" across starts: the absolute paths, sorted.
    static func dataKey(_ paths: [String]) -> String {
        paths.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }.sorted().joined(separator: "\n")
    }

    /// Someone's shared session: applied to this user's view, never to the owner's session.
    static func shared(_ library: any LibraryBackend, link: String) -> StartView {
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

    static func resolve(_ open: OpenLibrary, paths: [String], session: String?, fresh: Bool) -> StartView {
        let library = open.backend, owner = open.owner
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
                         place: saved.place, autosavedLabel: Autosaver.localClock(saved.savedAt), history: history)
    }
}

extension AppState {
    /// The state before any data: the viewer's zone, then the start view.
    static func starting(_ start: StartView, localZone: LocalZone.Resolution = LocalZone.resolve()) -> AppState {
        var s = AppState()
        s.ui.localZone = localZone.identifier
        var start = start
        start.zoneNote = localZone.note
        return reduce(s, .data(.start(start)))
    }

    /// The first screen on data already in memory: what `render` draws and the viewer shows once loaded.
    static func opening(_ start: StartView, _ data: DataSummary, width: Int, height: Int,
                        localZone: LocalZone.Resolution = LocalZone.resolve()) -> AppState {
        var s = starting(start, localZone: localZone)
        s = reduce(s, .app(.resize(width: width, height: height)))
        return reduce(s, .data(.dataChanged(data, version: 1)))
    }
}
