import DataCore

/// Applies one action to the state. Pure: no I/O, no clock, no terminal.
public func reduce(_ state: AppState, _ action: Action) -> AppState {
    var s = reduceOnce(state, action)
    // Every change of the view can be undone; undo/redo move along the history, and a start or data
    // arriving is no change by the user.
    switch action {
    case .undo, .redo, .start, .dataChanged: break
    default: if s.settings != state.settings { s.history.record(state.settings) }
    }
    return s
}

private func reduceOnce(_ state: AppState, _ action: Action) -> AppState {
    var s = state
    switch action {
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
    case .start(let v):
        s.applyStart(v)
    case let .dataChanged(summary, version):
        s.applyData(summary, version: version)
    case .loading(let a):
        s.applyLoad(a)
    case .autosaved(let label):
        s.session.autosaved = label
    case let .resize(w, h):
        s.ui.width = max(w, 1)
        s.ui.height = max(h, 1)
    case .setMessage(let m):
        s.ui.message = m
    case .quit:
        s.ui.quitRequested = true

    case .focus(let p):
        s.ui.focus = p
    case .focusNext(let forward):
        let all = Pane.allCases
        let i = all.firstIndex(of: s.ui.focus)!
        s.ui.focus = all[(i + (forward ? 1 : all.count - 1)) % all.count]
    case .open(let o):
        s.ui.overlays.append(o)
        if o == .help { s.ui.helpScroll = 0 }
    case .scrollHelp(let d):
        s.ui.helpScroll = max(0, min(HelpText.lines.count - 1, s.ui.helpScroll + d))
    case .closeOverlay:
        if case .textInput(let input)? = s.topOverlay { s = applyInput(s, input.original, purpose: input.purpose) }
        if case .themes(let p)? = s.topOverlay { s.ui.theme = p.original }
        if !s.ui.overlays.isEmpty { s.ui.overlays.removeLast() }
    case .menuMove(let d):
        if case .menu(let i)? = s.topOverlay {
            let n = MenuEntry.allCases.count
            s.ui.overlays[s.ui.overlays.count - 1] = .menu(selected: ((i + d) % n + n) % n)
        }
    case .menuChoose(let i):
        s = chooseMenu(s, MenuEntry.allCases[max(0, min(i, MenuEntry.allCases.count - 1))])

    case .moveCursor(let d):
        s.ui.cursor = clampCursor(s.ui.cursor + d, s)
    case .cursorTo(let i):
        s.ui.cursor = clampCursor(i, s)
    case .toggleSeries(let id):
        if let i = s.settings.series.selected.firstIndex(of: id) { s.settings.series.selected.remove(at: i) }
        else { s.settings.series.selected.append(id) }
    case .toggleSeriesAtCursor:
        let v = s.visibleSeries
        if v.indices.contains(s.ui.cursor) { s = reduce(s, .toggleSeries(id: v[s.ui.cursor].id)) }
    case .clearSelection:
        s.settings.series.selected = []
    case .editInput(let input):
        if case .textInput? = s.topOverlay {
            s.ui.overlays[s.ui.overlays.count - 1] = .textInput(input)
            s = applyInput(s, input.text, purpose: input.purpose)
        }
    case .commitInput:
        if case .textInput? = s.topOverlay { s.ui.overlays.removeLast() }

    case .cyclePlotStyle:
        s.settings.plot.style = next(s.settings.plot.style)
    case .cycleBucket:
        s.settings.plot.bucket = next(s.settings.plot.bucket)
    case .cycleReduce:
        s.settings.plot.reduce = next(s.settings.plot.reduce)
    case .zoomPlot(let factor):
        s.settings.plot = PlotView.zoomed(s.settings.plot, by: factor, data: s.dataRange, window: s.settings.series.filter.window)
    case .panPlot(let fraction):
        s.settings.plot = PlotView.panned(s.settings.plot, by: fraction, data: s.dataRange, window: s.settings.series.filter.window)
    case .resetPlotView:
        s.settings.plot.span = nil
        s.settings.plot.end = nil
    case .toggleLegend:
        s.settings.plot.legend.toggle()
    case .sessions(let a):
        reduceSessions(&s, a)
    default:
        reduceParts(&s, action)
    }
    return s
}

private func next<T: CaseIterable & Equatable>(_ v: T) -> T {
    let all = Array(T.allCases)
    return all[(all.firstIndex(of: v)! + 1) % all.count]
}

private func clampCursor(_ c: Int, _ s: AppState) -> Int {
    max(0, min(c, s.visibleSeries.count - 1))
}

private func applyInput(_ state: AppState, _ text: String, purpose: TextInput.Purpose) -> AppState {
    var s = state
    switch purpose {
    case .seriesFilter:
        s.settings.series.filter.text = text
        s.ui.cursor = clampCursor(s.ui.cursor, s)
    }
    return s
}

private func chooseMenu(_ state: AppState, _ entry: MenuEntry) -> AppState {
    var s = state
    if case .menu? = s.topOverlay { s.ui.overlays.removeLast() }
    switch entry {
    case .sessions:
        reduceSessions(&s, .open)
    case .theme:
        s.ui.overlays.append(.themes(ThemePicker(names: [s.ui.theme], cursor: 0, original: s.ui.theme)))
        s.outbox.append(.listThemes)
    case .series:
        s.ui.focus = .series
        s.ui.overlays.append(.form(FormBuilders.filters(s)))
    case .plot: s.ui.focus = .plot
    case .map: s.ui.focus = .map
    case .dashboard: s.ui.focus = .dashboard
    case .thresholds:
        s.ui.overlays.append(.thresholds(cursor: 0))
    case .help: s.ui.overlays.append(.help)
    case .quit: s.ui.quitRequested = true
    }
    return s
}
