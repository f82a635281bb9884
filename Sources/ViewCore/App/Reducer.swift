/// Applies one action to the state. Pure: no I/O, no clock, no terminal.
/// It only routes to the part the action is for, then records the previous settings for undo,
/// once per action (part reducers never call `reduce` again, so nothing is recorded twice).
public func reduce(_ state: AppState, _ action: Action) -> AppState {
    var s = state
    switch action {
    case .app(let a): reduceApp(&s, a)
    case .data(let a): reduceData(&s, a)
    case .menu(let a): reduceMenu(&s, a)
    case .series(let a): reduceSeries(&s, a)
    case .form(let a): reduceForm(&s, a)
    case .thresholds(let a): reduceThresholds(&s, a)
    case .dashboard(let a): reduceDashboard(&s, a)
    case .plot(let a): reducePlot(&s, a)
    case .map(let a): reduceMap(&s, a)
    case .themes(let a): reduceThemes(&s, a)
    case .sessions(let a): reduceSessions(&s, a)
    }
    if action.recordsHistory && s.settings != state.settings { s.history.record(state.settings) }
    return s
}

extension Action {
    /// Undo and redo move along the history instead of adding to it; a start and data arriving
    /// are no change by the user.
    var recordsHistory: Bool {
        switch self {
        case .app(let a):
            switch a {
            case .undo, .redo: return false
            case .resize, .setMessage, .autosaved, .autosaveWaiting, .quit, .focus, .focusNext, .open, .closeOverlay,
                 .exportView: return true
            }
        case .data(let d):
            switch d {
            case .start, .dataChanged: return false
            case .loading: return true
            }
        case .menu, .series, .form, .thresholds, .dashboard, .plot, .map, .themes, .sessions: return true
        }
    }
}

func reduceApp(_ s: inout AppState, _ a: AppAction) {
    switch a {
    case .undo:
        if let previous = s.history.undo(current: s.settings) {
            s.settings = previous
            s.ui.message = "undone" + (s.history.past.isEmpty ? "" : " (\(s.history.past.count) more)")
        } else {
            s.ui.message = "nothing to undo"
        }
    case .redo:
        if let next = s.history.redo(current: s.settings) {
            s.settings = next
            s.ui.message = "redone" + (s.history.future.isEmpty ? "" : " (\(s.history.future.count) more)")
        } else {
            s.ui.message = "nothing to redo"
        }
    case .autosaved(let label):
        s.session.autosaved = label
    case .autosaveWaiting(let text):
        s.session.waiting = text
    case let .resize(w, h):
        s.ui.width = max(w, 1)
        s.ui.height = max(h, 1)
    case .setMessage(let m):
        s.ui.message = m
    case .quit:
        s.ui.quitRequested = true
    case .exportView:
        s.outbox.append(.exportView)
    case .focus(let p):
        s.ui.focus = p
    case .focusNext(let forward):
        let all = Pane.allCases
        let i = all.firstIndex(of: s.ui.focus)!
        s.ui.focus = all[(i + (forward ? 1 : all.count - 1)) % all.count]
    case .open(let o):
        s.ui.overlays.append(o)
        if o == .help { s.ui.helpScroll = 0 }
    case .closeOverlay:
        switch s.topOverlay {
        case .textInput(let input)?: cancelFilterInput(&s, input)
        case .themes(let p)?: s.ui.theme = p.original
        case .help?, .menu?, .notice?, .sessions?, .sessionHistory?, .sessionForm?, .rename?, .confirm?, .form?, .thresholds?, nil: break
        }
        if !s.ui.overlays.isEmpty { s.ui.overlays.removeLast() }
    }
}
