import DataCore
import Foundation
import LibraryViews
import ViewCore

/// The library's side of the effects: each call turned into the action that reports its result.
/// Runs on the effect runner's thread, for any backend (a SQLite file or a team library; both are thread-safe).
public struct LibraryEffects: Sendable {
    public let library: any LibraryBackend
    public let owner: String

    public init(library: any LibraryBackend, owner: String) {
        self.library = library
        self.owner = owner
    }

    /// What the effect needs from the state, copied when it was asked for.
    public struct Context: Sendable {
        public var settings: ViewSettings
        /// Ids of the series in memory (a loaded session reports those it names but the data lacks).
        public var known: Set<String>
        /// The data in memory (a copy: the store's columns are shared until written), for the
        /// watermark a save keeps and the news a load tells.
        public var store: MeasurementStore
        /// The data files, absolute.
        public var sources: [String]
        public init(settings: ViewSettings, known: Set<String>, store: MeasurementStore = MeasurementStore(), sources: [String] = []) {
            self.settings = settings
            self.known = known
            self.store = store
            self.sources = sources
        }

        /// The selected series' newest time and count now, to compare with when the session is loaded again.
        func watermark(_ settings: ViewSettings) -> DataWatermark {
            DataWatermark(selected: settings.series.selected, store: store, sources: sources)
        }

        /// The text, its time in the zone the loaded session displays.
        func dataSinceSaved(_ saved: DataWatermark, zone: ZoneTable) -> String {
            DataSinceSaved(saved: saved, now: DataWatermark(selected: saved.marks.map(\.id), store: store, sources: saved.sources)).message(in: zone)
        }
    }

    /// Performs a library effect; nothing for effects that are not the library's (clipboard, themes list, export).
    public func perform(_ effect: Effect, _ context: Context) -> [Action] {
        if case let .history(.restore(name, version)) = effect { return restore(name, version) }
        guard case .loadSession(let name) = effect else { return one(effect, context).map { [$0] } ?? [] }
        do {
            let settings = try library.settings(owner: owner, name: name)
            let missing = settings.series.selected.filter { !context.known.contains($0) }
            var out: [Action] = [.sessions(.applied(name: name, settings: settings, missing: missing))]
            // What the data gained since the save replaces the plain "loaded" message.
            if let saved = try library.watermark(owner: owner, name: name) {
                out.append(.sessions(.history(.dataSinceSaved(name: name, text: context.dataSinceSaved(saved, zone: settings.plot.timeZone.table(localZone: LocalZone.resolve().identifier))))))
            }
            return out
        } catch { return [.sessions(.failed(error.description))] }
    }

    /// A restore asked for here: the view follows the restored version (if the session is the open
    /// one), then the dialog says what was done.
    private func restore(_ name: String, _ version: Int) -> [Action] {
        do {
            let v = try library.restore(owner: owner, name: name, version: version)
            return [.sessions(.history(.changedInLibrary(name: name, current: v, here: true))),
                    .sessions(.history(.restored(name: name, version: version, as: v.number)))]
        } catch { return [.sessions(.failed(error.description))] }
    }

    /// The open session's current version when its settings are no longer `known` (the view's
    /// baseline): another process saved or restored it. Nil when nothing changed or it cannot be read
    /// (deleted, renamed, the library busy): the view simply stays as it is.
    public func openSessionNews(name: String, known: ViewSettings?) -> Action? {
        // Compared as stored, so that a view saved here is not news when it comes back from the library.
        let stored = known.flatMap { try? SettingsDocument.decode(SettingsDocument.encode($0)) }
        guard let settings = try? library.settings(owner: owner, name: name), settings != stored,
              var current = try? library.versions(owner: owner, name: name).last else { return nil }
        current.settings = settings
        return .sessions(.history(.changedInLibrary(name: name, current: current, here: false)))
    }

    private func one(_ effect: Effect, _ context: Context) -> Action? {
        switch effect {
        case .listSessions:
            do {
                let rows = try library.summaries(owner: owner).map {
                    SessionRow(name: $0.name, shareable: $0.shareable, link: $0.link, updatedAt: $0.updatedAt)
                }
                return .sessions(.listed(rows))
            } catch { return .sessions(.failed(error.description)) }
        case let .saveSession(name, shareable, overwrite):
            do {
                let r = try library.save(owner: owner, name: name, settings: context.settings, shareable: shareable, overwrite: overwrite,
                                         watermark: context.watermark(context.settings))
                return .sessions(.saved(row(r), settings: context.settings))
            } catch .sessionExists(let n) {
                return .sessions(.exists(name: n, shareable: shareable ?? false))
            } catch { return .sessions(.failed(error.description)) }
        case .loadSession:
            return nil // two actions: see `perform`
        case .deleteSession(let name):
            do {
                try library.delete(owner: owner, name: name)
                return .sessions(.deleted(name: name))
            } catch { return .sessions(.failed(error.description)) }
        case let .renameSession(from, to):
            do {
                let r = try library.rename(owner: owner, from: from, to: to)
                return .sessions(.renamed(from: from, to: r.name))
            } catch { return .sessions(.failed(error.description)) }
        case let .setShareable(name, on):
            do { return .sessions(.shareChanged(row(try library.setShareable(owner: owner, name: name, on)))) }
            catch { return .sessions(.failed(error.description)) }
        case .replaceLink(let name):
            do { return .sessions(.shareChanged(row(try library.newLink(owner: owner, name: name)))) }
            catch { return .sessions(.failed(error.description)) }
        case .saveTheme(let name):
            do {
                try library.setPreference(owner: owner, key: "theme", value: name)
                return nil
            } catch { return .app(.setMessage("could not remember the theme: \(error)")) }
        case .saveMapLayer(let on):
            do {
                try library.setPreference(owner: owner, key: "map_layer", value: on ? "on" : "off")
                return nil
            } catch { return .app(.setMessage("could not remember the map layer choice: \(error)")) }
        case .history(.list(let name)):
            do { return .sessions(.history(.listed(name: name, versions: try library.versions(owner: owner, name: name)))) }
            catch { return .sessions(.failed(error.description)) }
        case .history(.restore):
            return nil // two actions: see `restore`
        case .copyToClipboard, .listThemes, .exportView:
            return nil
        }
    }

    private func row(_ r: SessionRecord) -> SessionRow {
        SessionRow(name: r.name, shareable: r.shareable, link: r.link, updatedAt: r.updatedAt)
    }
}
