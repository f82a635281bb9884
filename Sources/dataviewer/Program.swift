import ChartExport
import DataCore
import Foundation
import Rendering
import LibraryViews
import SessionLibrary
import Terminal
import Themes
import ViewCore

/// The running viewer: one state, changed only by actions; effects (library, clipboard, data)
/// are asked for by the reducer through the outbox and performed here.
final class Program {
    private(set) var state: AppState
    private(set) var store: MeasurementStore
    let paths: [String]
    let library: any LibraryBackend
    let owner: String
    private let colorAllowed: Bool
    private var screen: TerminalScreen?

    private var lastAutosaved: (ViewSettings, SessionStatus, ViewPlace)?
    private var savedHistory: UndoHistory
    private var writesSinceCheckpoint = 0
    private let themes = ThemeLoader()
    private var appliedTheme = ""
    private var currentTheme = Theme.builtIn
    private var mapLayer = MapLayer.empty
    private let pendingMapLayer = MapLayerLoading.Pending()
    let dataKey: String
    let loadOptions: LoadOptions

    init(store: MeasurementStore, paths: [String], library: any LibraryBackend, owner: String, colorAllowed: Bool, start: StartView, theme: String? = nil,
         loadOptions: LoadOptions = LoadOptions()) {
        self.store = store
        self.loadOptions = loadOptions
        self.paths = paths
        self.library = library
        self.owner = owner
        self.colorAllowed = colorAllowed
        dataKey = StartView.dataKey(paths)
        state = Self.initialState(store: store, width: 80, height: 24, start: start)
        savedHistory = state.history
        state.ui.theme = theme ?? (try? library.preference(owner: owner, key: "theme")) ?? "dark"
        loadTheme()
        state.ui.mapLayer = (try? library.preference(owner: owner, key: "map_layer")) != "off"
        var status = state.session
        status.autosaved = nil
        status.waiting = nil
        lastAutosaved = start.settings.map { ($0, status, state.place) }
    }

    /// The view a start opens with on this data: fresh, autosaved, or a session's.
    static func initialState(store: MeasurementStore, width: Int, height: Int, start: StartView,
                             localZone: LocalZone.Resolution = LocalZone.resolve()) -> AppState {
        var s = AppState()
        s.ui.localZone = localZone.identifier
        if let settings = start.settings {
            s.settings = settings
            s = TimeZoneCycle.pinning(settings, in: s)
        }
        s.session = SessionStatus(name: start.sessionName, savedSettings: start.savedSettings)
        s.session.autosaved = start.autosavedLabel
        s = reduce(s, .app(.resize(width: width, height: height)))
        s = reduce(s, .app(.dataChanged(catalog: store.series, range: store.timeRange, name: store.sourceName)))
        s = reduce(s, .app(.positionsChanged(Self.bounds(store))))
        if start.settings == nil {
            // A first look at the data: the series covering the longest time (a fixed station, not a bike's rides).
            let best = store.series.indices.max { a, b in
                let ca = store.columns[a], cb = store.columns[b]
                let sa = ca.count > 0 ? ca.times[ca.count - 1] - ca.times[0] : -1
                let sb = cb.count > 0 ? cb.times[cb.count - 1] - cb.times[0] : -1
                return sa < sb || (sa == sb && a > b)
            }
            if let best {
                s = reduce(s, .series(.toggle(id: store.series[best].id)))
                s = reduce(s, .series(.cursorTo(best)))
            }
        }
        if let p = start.place {
            s = reduce(reduce(s, .app(.focus(p.focus))), .series(.cursorTo(p.cursor)))
            s = reduce(s, .dashboard(.move(by: p.panelCursor ?? 0)))
        }
        if let m = start.message { s = reduce(s, .app(.setMessage(m))) }
        // What the data gained since the session was saved, and a note about the display zone, together.
        let since = start.watermark.map { w in
            "loaded \"\(start.sessionName ?? "")\"; " + DataSinceSaved(saved: w, now: DataWatermark(selected: w.marks.map(\.id), store: store, sources: w.sources)).message
        }
        let notes = [since, localZone.note].compactMap { $0 }
        if !notes.isEmpty { s = reduce(s, .app(.setMessage(notes.joined(separator: "; ")))) }
        s.history = start.history
        let settings = start.settings
        let r = store.report
        if let summary = r.summary {
            s = reduce(s, .app(.setMessage(summary + (r.issues.first.map { ": \($0)" } ?? ""))))
        }
        if start.understandingNotice, store.understanding.contains(where: \.notable) || !store.probableMissingMarkers().isEmpty {
            // The first open of this data: every decision of the loader, once.
            s = reduce(s, .app(.open(.notice(title: "How \(store.sourceName) was read", lines: Understanding.notice(store)))))
        } else if r.summary != nil {
            let lines = r.issues.prefix(8).map(\.description) + (r.skippedTotal > 8 ? ["… and \(r.skippedTotal - 8) more"] : [])
            s = reduce(s, .app(.open(.notice(title: "Skipped while reading \(store.sourceName)", lines: lines))))
        }
        if let settings, start.watermark == nil {
            let missing = Self.missingSeries(settings, store)
            if !missing.isEmpty { s = reduce(s, .app(.setMessage("\(missing.count) series of the session are not in the data: " + missing.prefix(3).joined(separator: ", ")))) }
        }
        return s
    }

    static func bounds(_ store: MeasurementStore) -> GeoBounds? {
        store.positionBounds.map { GeoBounds(minLat: $0.minLat, maxLat: $0.maxLat, minLon: $0.minLon, maxLon: $0.maxLon) }
    }

    static func missingSeries(_ settings: ViewSettings, _ store: MeasurementStore) -> [String] {
        settings.series.selected.filter { store.index(ofSeries: $0) == nil }
    }

    func dispatch(_ action: Action) {
        state = reduce(state, action)
        while !state.outbox.isEmpty {
            let effects = state.outbox
            state.outbox = []
            for e in effects { perform(e) }
        }
        autosaveIfChanged()
        if state.ui.theme != appliedTheme {
            loadTheme()
            screen?.setTheme(currentTheme)
        }
    }

    /// A broken theme file is a sentence naming file, line and key; the default theme is used.
    private func loadTheme() {
        appliedTheme = state.ui.theme
        do {
            currentTheme = try themes.load(state.ui.theme)
        } catch {
            currentTheme = .builtIn
            state.ui.message = "using the default theme: \(error)"
        }
    }

    /// Every change to the view is written before the next frame is drawn: what is on screen is saved.
    private func autosaveIfChanged() {
        var status = state.session
        status.autosaved = nil
        status.waiting = nil
        if let last = lastAutosaved, last.0 == state.settings, last.1 == status, last.2 == state.place,
           state.history == savedHistory { return }
        let delta = HistoryDelta(from: savedHistory, to: state.history)
        do {
            let at = try library.autosave(owner: owner, dataKey: dataKey, settings: state.settings,
                                          sessionName: status.name, savedSettings: status.savedSettings, place: state.place,
                                          history: delta)
            // Only a write that happened counts: after a failure the next change writes everything since.
            lastAutosaved = (state.settings, status, state.place)
            savedHistory = state.history
            writesSinceCheckpoint += 1
            dispatch(.app(.autosaved(label: Self.localClock(at))))
        } catch {
            // Not `dispatch`: that would autosave again, fail again, and never return.
            state = reduce(state, .app(.setMessage("autosave failed: \(error)")))
        }
    }

    static func localClock(_ ms: Int64) -> String {
        var t = time_t(ms / 1000)
        var parts = tm()
        localtime_r(&t, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// Runs until quit or a terminating signal; returns the exit status.
    func run() -> Int32 {
        let screen = TerminalScreen(colorAllowed: colorAllowed, theme: currentTheme)
        self.screen = screen
        defer { screen.close() }
        state.ui.unicode = screen.unicode
        dispatch(.app(.resize(width: screen.size.width, height: screen.size.height)))
        var drawn: AppState? = nil
        var lastPoll = Date()
        pendingMapLayer.start(path: MapLayerLoading.path())
        dispatch(.map(.layerLoading(true)))
        while !state.ui.quitRequested {
            switch pendingMapLayer.take() {
            case .success(let layer)?:
                mapLayer = layer
                drawn = nil
                dispatch(.map(.layerLoading(false)))
            case .failure(let error)?:
                dispatch(.map(.layerUnavailable(error.description)))
            case nil:
                break
            }
            if Date().timeIntervalSince(lastPoll) >= 0.5 {
                lastPoll = Date()
                followData()
            }
            followLibrary()
            if let sig = screen.pendingSignal {
                screen.close()
                return 128 + sig
            }
            if drawn != state {
                screen.draw(ViewRenderer.render(state, store, layer: mapLayer))
                drawn = state
            }
            guard let event = screen.nextEvent(timeoutMs: 200) else {
                // Idle: a good moment for the library's checkpoint (never during typing).
                if writesSinceCheckpoint > 0 { library.idle(); writesSinceCheckpoint = 0 }
                continue
            }
            handle(event)
            // Keys typed ahead (a paste, a fast typist, a slow link) are all applied before the
            // next frame is drawn, so the screen never lags behind the keyboard.
            var more = 0
            while more < 256, !state.ui.quitRequested, let next = screen.nextEvent(timeoutMs: 0) {
                handle(next)
                more += 1
            }
        }
        return 0
    }

    private func handle(_ event: InputEvent) {
        let wasMessage = state.ui.message
        for action in KeyMap.actions(for: event, in: state) { dispatch(action) }
        // A message stays until the next key, like vim's and lazygit's.
        if case .key = event, wasMessage != nil, state.ui.message == wasMessage { dispatch(.app(.setMessage(nil))) }
    }

    // MARK: effects

    private func perform(_ effect: Effect) {
        switch effect {
        case .listSessions:
            do {
                let rows = try library.summaries(owner: owner).map {
                    SessionRow(name: $0.name, shareable: $0.shareable, link: $0.link, updatedAt: $0.updatedAt)
                }
                dispatch(.sessions(.listed(rows)))
            } catch { dispatch(.sessions(.failed(error.description))) }
        case let .saveSession(name, shareable, overwrite):
            let settings = state.settings
            do {
                let r = try library.save(owner: owner, name: name, settings: settings, shareable: shareable, overwrite: overwrite,
                                         watermark: watermark(settings))
                dispatch(.sessions(.saved(SessionRow(name: r.name, shareable: r.shareable, link: r.link, updatedAt: r.updatedAt), settings: settings)))
            } catch .sessionExists(let n) {
                dispatch(.sessions(.exists(name: n, shareable: shareable ?? false)))
            } catch { dispatch(.sessions(.failed(error.description))) }
        case .loadSession(let name):
            do {
                let settings = try library.settings(owner: owner, name: name)
                reloadData()
                dispatch(.sessions(.applied(name: name, settings: settings, missing: Self.missingSeries(settings, store))))
                if let text = dataSinceSaved(try library.watermark(owner: owner, name: name)) { dispatch(.sessions(.history(.dataSinceSaved(name: name, text: text)))) }
            } catch { dispatch(.sessions(.failed(error.description))) }
        case .deleteSession(let name):
            do {
                try library.delete(owner: owner, name: name)
                dispatch(.sessions(.deleted(name: name)))
            } catch { dispatch(.sessions(.failed(error.description))) }
        case let .renameSession(from, to):
            do {
                let r = try library.rename(owner: owner, from: from, to: to)
                dispatch(.sessions(.renamed(from: from, to: r.name)))
            } catch { dispatch(.sessions(.failed(error.description))) }
        case let .setShareable(name, on):
            do {
                let r = try library.setShareable(owner: owner, name: name, on)
                dispatch(.sessions(.shareChanged(SessionRow(name: r.name, shareable: r.shareable, link: r.link, updatedAt: r.updatedAt))))
            } catch { dispatch(.sessions(.failed(error.description))) }
        case .replaceLink(let name):
            do {
                let r = try library.newLink(owner: owner, name: name)
                dispatch(.sessions(.shareChanged(SessionRow(name: r.name, shareable: r.shareable, link: r.link, updatedAt: r.updatedAt))))
            } catch { dispatch(.sessions(.failed(error.description))) }
        case .listThemes:
            var names = themes.list().map(\.name)
            if !names.contains(state.ui.theme) { names.insert(state.ui.theme, at: 0) }
            dispatch(.themes(.listed(names)))
        case .saveTheme(let name):
            do { try library.setPreference(owner: owner, key: "theme", value: name) }
            catch { dispatch(.app(.setMessage("could not remember the theme: \(error)"))) }
        case .history(let h):
            performHistory(h)
        case .exportView:
            exportView()
        case .saveMapLayer(let on):
            do { try library.setPreference(owner: owner, key: "map_layer", value: on ? "on" : "off") }
            catch { dispatch(.app(.setMessage("could not remember the map layer choice: \(error)"))) }
        case let .copyToClipboard(text, what):
            screen?.queueRaw(Clipboard.osc52(text))
            // The link first: terminals without OSC 52 show it here, and it must not be cut off.
            dispatch(.app(.setMessage("\(text)  copied \(what) (sent to terminal clipboard)")))
        }
    }

    /// A team library: colleagues' changes refresh an open sessions dialog; autosaves waiting for
    /// an unreachable server show in the title bar. Both are in-memory checks, never network waits.
    private func followLibrary() {
        if library.takeChanges(), case .sessions? = state.topOverlay { perform(.listSessions) }
        let waiting = library.pendingStatus
        if waiting != state.session.waiting { dispatch(.app(.autosaveWaiting(waiting))) }
    }

    /// `e`: the view as a PNG chart in the working directory, named by the local time.
    private func exportView() {
        let name = "dataviewer-" + Self.localStamp(Int64(Date().timeIntervalSince1970 * 1000)) + ".png"
        let path = FileManager.default.currentDirectoryPath + "/" + name
        do {
            try ChartExport.write(state, store, theme: currentTheme, format: .png, width: 1600, height: 900, to: path)
            dispatch(.app(.setMessage("exported the view to \(path)")))
        } catch {
            dispatch(.app(.setMessage("could not export the view: \(error)")))
        }
    }

    static func localStamp(_ ms: Int64) -> String {
        var t = time_t(ms / 1000)
        var parts = tm()
        localtime_r(&t, &parts)
        return String(format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// New rows in the data files appear without a restart.
    private func followData() {
        switch FileFollower.poll(&store.sources) {
        case .none: return
        case .reload:
            reloadData()
            dispatch(.app(.setMessage("\(store.sourceName) changed on disk: read it again")))
        case let .appended(delta, rows):
            let before = Set(store.series.map(\.id))
            store.merge(delta)
            store.finish()
            let added = store.series.filter { !before.contains($0.id) }.count
            dispatch(.app(.dataChanged(catalog: store.series, range: store.timeRange, name: store.sourceName)))
            dispatch(.app(.positionsChanged(Self.bounds(store))))
            dispatch(.app(.setMessage("+\(rows) measurements" + (added > 0 ? ", \(added) new series" : ""))))
        }
    }

    /// Loading a session re-reads the data, so it applies to the data as it is now.
    private func reloadData() {
        do {
            store = try CSVLoader.load(paths: paths, options: loadOptions)
            dispatch(.app(.dataChanged(catalog: store.series, range: store.timeRange, name: store.sourceName)))
            dispatch(.app(.positionsChanged(Self.bounds(store))))
        } catch {
            dispatch(.app(.setMessage("could not re-read the data (\(error)); kept what was loaded")))
        }
    }
}

/// OSC 52: `ESC ] 52 ; c ; base64 BEL`. GNU screen needs it wrapped in a DCS to pass it on.
enum Clipboard {
    static func osc52(_ text: String, environment env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let seq = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        if env["TMUX"] == nil, let term = env["TERM"], term.hasPrefix("screen") || env["STY"] != nil {
            return "\u{1B}P" + seq + "\u{1B}\\"
        }
        return seq
    }
}
