import ChartExport
import DataCore
import Effects
import Foundation
import LibraryViews
import Rendering
import Terminal
import ViewCore

/// The run loop: reads keys, applies actions, hands effects to the parts that perform them off the
/// input thread, drains their results (one mailbox) between frames, and draws. It never waits on
/// data or the library, except for a moment for the autosave of the frame it is about to draw.
final class Program {
    private(set) var state = AppState()
    private let colorAllowed: Bool
    private var screen: TerminalScreen?
    private let mailbox = Mailbox<Message>()
    private let runner: EffectRunner
    private let data: DataSource
    private let autosaver: Autosaver
    private let library: LibraryEffects
    private let dataKey: String
    private let themes = ThemeKeeper()
    private var mapLayer = MapLayer.empty
    /// A frame is needed although the state did not change (a theme's colours arrived).
    private var repaint = false
    private let pendingMapLayer = MapLayerLoading.Pending()
    /// Said to the library once the data has been read: flags worth remembering, the notice shown.
    private var afterFirstRead: (@Sendable () -> Void)?
    private var nextSessionCheck = Date.distantPast
    private var typeAhead = TypeAhead()
    private var listAskedAt: Date?
    /// How long keys typed into a dialog wait for its list before they apply anyway.
    static let listPatience: TimeInterval = 10

    init(paths: [String], library: any LibraryBackend, owner: String, colorAllowed: Bool, start: StartView, theme: String? = nil,
         loadOptions: LoadOptions = LoadOptions(), afterFirstRead: (@Sendable () -> Void)? = nil) {
        self.colorAllowed = colorAllowed
        self.library = LibraryEffects(library: library, owner: owner)
        self.afterFirstRead = afterFirstRead
        dataKey = StartView.dataKey(paths)
        runner = EffectRunner(mailbox: mailbox)
        data = DataSource(paths: paths, options: loadOptions, notice: start.understandingNotice, mailbox: mailbox)
        autosaver = Autosaver(start: start)
        state = AppState.starting(start)
        state.ui.theme = theme ?? "dark"
        // The user's remembered theme and map layer choice are the library's: read on the runner,
        // applied when they come back (the first frame does not wait for them).
        let lib = self.library
        runner.run {
            var out: [Action] = []
            if theme == nil, let name = try? lib.library.preference(owner: lib.owner, key: "theme") { out.append(.themes(.preferred(name))) }
            if let layer = try? lib.library.preference(owner: lib.owner, key: "map_layer") { out.append(.map(.layerPreferred(layer != "off"))) }
            return .actions(out)
        }
        themes.want(state.ui.theme, runner: runner)
        if let a = data.read() { state = reduce(state, a) }
        // A team library's news (colleagues' changes, writes waiting for the server) arrive as actions.
        let mailbox = mailbox
        library.watch { news in
            switch news {
            case .sessionsChanged: mailbox.post(.action(.sessions(.libraryChanged)))
            case .waiting(let text): mailbox.post(.action(.app(.autosaveWaiting(text))))
            }
        }
    }

    /// Runs until quit or a terminating signal; returns the exit status.
    func run() -> Int32 {
        let screen = TerminalScreen(colorAllowed: colorAllowed, theme: themes.current)
        self.screen = screen
        defer { screen.close() }
        state.ui.unicode = screen.unicode
        dispatch(.app(.resize(width: screen.size.width, height: screen.size.height)))
        var drawn: AppState? = nil
        var lastPoll = Date()
        var holdKeysUntil = Date.distantPast
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
            if let sig = screen.pendingSignal {
                screen.close()
                return 128 + sig
            }
            if Date().timeIntervalSince(lastPoll) >= 0.5 {
                lastPoll = Date()
                data.poll()
                watchOpenSession()
            }
            receive(mailbox.drain())
            if let error = data.firstReadFailed {
                screen.close()
                FileHandle.standardError.write(Data("dataviewer: \(error)\n".utf8))
                return 1
            }
            autosave(settle: 0.1)
            if drawn != state || repaint {
                repaint = false
                screen.draw(ViewRenderer.render(state, data.store, layer: mapLayer))
                drawn = state
            }
            // Keys typed into a dialog still waiting for its list are held until it comes (up to
            // `listPatience`), then applied one per frame, each to the state it was typed for.
            let waiting = waitsForList()
            if let held = typeAhead.release(waiting: waiting) {
                handle(held)
                continue
            }
            if waiting {
                if let event = screen.nextEvent(timeoutMs: 0) { offer(event, waiting: true) }
                receive(mailbox.wait(seconds: 0.015))
                continue
            }
            // Other keys typed ahead wait (in the terminal) a moment while an effect they may build
            // on runs: a slow library makes keys late, never the viewer stuck.
            if runner.busy, Date() < holdKeysUntil {
                receive(mailbox.wait(seconds: 0.015))
                continue
            }
            // An answer that came in since the frame was drawn is applied (and drawn) before the next key.
            let late = mailbox.drain()
            if !late.isEmpty {
                receive(late)
                continue
            }
            // Short waits while background work may answer; long ones when all is quiet.
            let busy = runner.busy || data.isBusy || autosaver.writing
            guard let event = screen.nextEvent(timeoutMs: busy ? 15 : 200) else {
                if !busy { checkpointWhenIdle() }
                continue
            }
            offer(event, waiting: false)
            holdKeysUntil = Date(timeIntervalSinceNow: 1)
            // Keys typed ahead (a paste, a fast typist, a slow link) are all applied before the
            // next frame is drawn, so the screen never lags behind the keyboard.
            var more = 0
            while more < 256, !state.ui.quitRequested, !runner.busy, !waitsForList(), let next = screen.nextEvent(timeoutMs: 0) {
                offer(next, waiting: false)
                more += 1
            }
        }
        // The last change is saved before the viewer ends (a read under way is simply dropped).
        autosave(settle: 2)
        return 0
    }

    func dispatch(_ action: Action) {
        state = reduce(state, action)
        while !state.outbox.isEmpty {
            let effects = state.outbox
            state.outbox = []
            for e in effects { route(e) }
        }
        if case .themes(.loaded(let name, _)) = action, let theme = themes.take(name) {
            // The state may be the same as drawn: the new colours still need a frame.
            screen?.setTheme(theme)
            repaint = true
        }
        themes.want(state.ui.theme, runner: runner)
    }

    /// Whether keys wait for a dialog's list; after `listPatience` they no longer do.
    private func waitsForList() -> Bool {
        guard state.waitsForLibraryList else {
            listAskedAt = nil
            return false
        }
        let since = listAskedAt ?? Date()
        listAskedAt = since
        return Date().timeIntervalSince(since) < Self.listPatience
    }

    private func offer(_ event: InputEvent, waiting: Bool) {
        for e in typeAhead.offer(event, waiting: waiting) { handle(e) }
    }

    private func handle(_ event: InputEvent) {
        let wasMessage = state.ui.message
        for action in KeyMap.actions(for: event, in: state) { dispatch(action) }
        // A message stays until the next key, like vim's and lazygit's.
        if case .key = event, wasMessage != nil, state.ui.message == wasMessage { dispatch(.app(.setMessage(nil))) }
    }

    /// Applies what came back: actions for the reducer, news for the data source and the autosaver.
    private func receive(_ messages: [Message]) {
        for m in messages {
            switch m {
            case .action(let a):
                // A colleague changed a session: the open one may be among them.
                if a == .sessions(.libraryChanged) { nextSessionCheck = .distantPast }
                dispatch(a)
            case .actions(let list): for a in list { dispatch(a) }
            case .data(let event):
                for a in data.handle(event) { dispatch(a) }
                if data.version > 0, let after = afterFirstRead {
                    afterFirstRead = nil
                    runner.run { after(); return nil }
                }
            case .autosave(let outcome): dispatch(autosaver.finished(outcome))
            }
        }
    }

    /// At most one write per frame. The frame waits up to `settle` seconds for it, so that what is
    /// drawn is what a restart shows; a slow library makes the frame late, never the keys lost.
    private func autosave(settle: Double) {
        let deadline = Date(timeIntervalSinceNow: settle)
        repeat {
            if let write = autosaver.write(for: state) {
                let library = library, dataKey = dataKey
                runner.run { .autosave(write.perform(library.library, owner: library.owner, dataKey: dataKey)) }
            }
            guard autosaver.writing else { return }
            receive(mailbox.wait(seconds: max(0, deadline.timeIntervalSinceNow)))
        } while Date() < deadline
    }

    /// Another process may save or restore the open session: its current version is read (off the
    /// input thread, never queued behind other library work) about once a second, or, on a library
    /// that announces its changes, when it does and otherwise every ten seconds as a safety net.
    private func watchOpenSession() {
        guard let name = state.session.name, !runner.busy, Date() >= nextSessionCheck else { return }
        nextSessionCheck = Date(timeIntervalSinceNow: library.library.announcesChanges ? 10 : 0.9)
        let library = library, known = state.session.savedSettings
        runner.run { library.openSessionNews(name: name, known: known).map { .action($0) } }
    }

    /// Idle: a good moment for the library's checkpoint (never during typing).
    private func checkpointWhenIdle() {
        guard autosaver.writesSinceCheckpoint > 0 else { return }
        autosaver.checkpointed()
        let library = library.library
        runner.run { library.idle(); return nil }
    }

    // MARK: effects

    /// Sends each effect to the part that performs it; the results come back through the mailbox.
    private func route(_ effect: Effect) {
        switch effect {
        case let .copyToClipboard(text, what):
            // The terminal is this thread's: the sequence goes out with the next frame.
            screen?.queueRaw(Clipboard.osc52(text))
            // The link first: terminals without OSC 52 show it here, and it must not be cut off.
            dispatch(.app(.setMessage("\(text)  copied \(what) (sent to terminal clipboard)")))
        case .listThemes:
            let current = state.ui.theme
            runner.run { .action(.themes(.listed(ThemeKeeper.list(current: current)))) }
        case .loadSession:
            // The session applies to the data in memory; a file changed on disk is read again.
            data.poll()
            toLibrary(effect)
        case .listSessions, .saveSession, .deleteSession, .renameSession, .setShareable, .replaceLink, .saveTheme, .saveMapLayer,
             .history:
            toLibrary(effect)
        case .exportView:
            exportView()
        }
    }

    private func toLibrary(_ effect: Effect) {
        let context = LibraryEffects.Context(settings: state.settings, known: Set(state.catalog.map(\.id)),
                                             store: data.store, sources: Self.absolute(data.paths))
        let library = library
        runner.run { .actions(library.perform(effect, context)) }
    }

    /// `e`: the view as a PNG chart in the working directory, named by the local time. Drawn from
    /// copies of the state and the data, off the input thread.
    private func exportView() {
        let name = "dataviewer-" + Self.localStamp(Int64(Date().timeIntervalSince1970 * 1000)) + ".png"
        let path = FileManager.default.currentDirectoryPath + "/" + name
        let state = state, store = data.store, theme = themes.current, layer = mapLayer
        runner.run {
            do throws(ExportError) {
                try ChartExport.write(state, store, theme: theme, format: .png, width: 1600, height: 900, to: path, layer: layer)
                return .action(.app(.setMessage("exported the view to \(path)")))
            } catch {
                return .action(.app(.setMessage("could not export the view: \(error)")))
            }
        }
    }

    static func localStamp(_ ms: Int64) -> String {
        var t = time_t(ms / 1000)
        var parts = tm()
        localtime_r(&t, &parts)
        return String(format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    static func absolute(_ paths: [String]) -> [String] {
        paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
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
