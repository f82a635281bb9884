/// Turns an input event into actions, given what is on screen. Pure, so every binding is testable.
public enum KeyMap {
    public static func actions(for event: InputEvent, in s: AppState) -> [Action] {
        switch event {
        case let .resize(w, h): return [.resize(width: w, height: h)]
        case .mouse(let m): return mouse(m, s)
        case .key(let k):
            if let top = s.topOverlay { return overlayKey(k, top, s) }
            return mainKey(k, s)
        }
    }

    private static func overlayKey(_ k: Key, _ top: Overlay, _ s: AppState) -> [Action] {
        switch top {
        case .help, .notice:
            if top == .help {
                switch k {
                case .char("q"): return [.closeOverlay]
                case .down, .char("j"), .pageDown: return [.scrollHelp(by: k == .pageDown ? 10 : 1)]
                case .up, .char("k"), .pageUp: return [.scrollHelp(by: k == .pageUp ? -10 : -1)]
                default: break
                }
            }
            return [.escape, .enter, .char("?")].contains(k) ? [.closeOverlay] : []
        case .menu(let i):
            switch k {
            case .up, .char("k"): return [.menuMove(-1)]
            case .down, .char("j"), .tab: return [.menuMove(1)]
            case .enter, .char(" "), .right: return [.menuChoose(i)]
            case .escape, .char("m"), .function(10), .left: return [.closeOverlay]
            case .char(let c):
                if let j = MenuEntry.allCases.firstIndex(where: { $0.hotkey == Character(c.lowercased()) }) {
                    return [.menuChoose(j)]
                }
                return []
            default: return []
            }
        case .sessions, .sessionForm, .rename, .confirm:
            return SessionKeys.actions(k, top, s).map { .sessions($0) }
        case .form(let f):
            switch k {
            case .enter: return [.submitForm]
            case .escape: return [.closeOverlay]
            default: return f.editing(k).map { [.editForm($0)] } ?? []
            }
        case .themes:
            switch k {
            case .up, .char("k"): return [.themeMove(by: -1)]
            case .down, .char("j"): return [.themeMove(by: 1)]
            case .enter, .char(" "): return [.themeChoose]
            case .escape, .char("q"): return [.closeOverlay]
            default: return []
            }
        case .thresholds:
            switch k {
            case .up, .char("k"): return [.thresholdsMove(by: -1)]
            case .down, .char("j"): return [.thresholdsMove(by: 1)]
            case .char(" "): return [.thresholdToggleApplied]
            case .char("a"), .char("n"): return [.thresholdAdd]
            case .char("e"), .enter: return [.thresholdEdit]
            case .char("d"), .delete: return [.thresholdDelete]
            case .escape, .char("q"), .char("T"): return [.closeOverlay]
            default: return []
            }
        case .textInput(var input):
            switch k {
            case .enter: return [.commitInput]
            case .escape: return [.closeOverlay]
            default:
                guard let t = TextEditing.edited(input.text, by: k, limit: 200) else { return [] }
                input.text = t
                return [.editInput(input)]
            }
        }
    }

    private static func mainKey(_ k: Key, _ s: AppState) -> [Action] {
        if s.ui.focus == .map, let a = mapKey(k) { return a }
        if s.ui.focus == .dashboard, let a = dashboardKey(k) { return a }
        switch k {
        case .char("F"): return [.openForm(FormBuilders.filters(s))]
        case .char("T"): return [.openThresholds]
        case .char("Y"): return [.openForm(FormBuilders.yRange(s))]
        case .char("q"): return [.quit]
        case .char("?"), .function(1): return [.open(.help)]
        case .char("m"), .function(10): return [.open(.menu(selected: 0))]
        case .char("S"): return [.sessions(.open)]
        case .char("u"): return [.undo]
        case .ctrl("r"): return [.redo]
        case .tab: return [.focusNext(forward: true)]
        case .backTab: return [.focusNext(forward: false)]
        case .escape: return s.ui.focus == .series ? [] : [.focus(.series)]
        case .char("/"):
            let t = s.settings.series.filter.text
            return [.focus(.series), .open(.textInput(TextInput(purpose: .seriesFilter, text: t, original: t)))]
        // The plot keys work from every pane: the plot is what people look at.
        case .char("p"): return [.cyclePlotStyle]
        case .char("a"): return [.cycleBucket]
        case .char("f"): return [.cycleReduce]
        case .char("+"), .char("="): return [.zoomPlot(factor: 0.5)]
        case .char("-"): return [.zoomPlot(factor: 2)]
        case .char("<"), .char(","): return [.panPlot(fraction: -0.25)]
        case .char(">"), .char("."): return [.panPlot(fraction: 0.25)]
        case .char("0"): return [.resetPlotView]
        case .char("L"): return [.toggleLegend]
        case .char("A"): return [.cycleAxes]
        case .char("e"): return [.exportView]
        default: break
        }
        switch s.ui.focus {
        case .series:
            let page = max(1, (ScreenLayout(width: s.ui.width, height: s.ui.height).panes[.series]!.height - 2))
            switch k {
            case .down, .char("j"): return [.moveCursor(by: 1)]
            case .up, .char("k"): return [.moveCursor(by: -1)]
            case .pageDown, .ctrl("d"): return [.moveCursor(by: page)]
            case .pageUp, .ctrl("u"): return [.moveCursor(by: -page)]
            case .home, .char("g"): return [.cursorTo(0)]
            case .end, .char("G"): return [.cursorTo(Int.max / 2)]
            case .char(" "), .enter: return [.toggleSeriesAtCursor]
            case .char("c"): return [.clearSelection]
            default: return []
            }
        case .plot:
            switch k {
            case .left, .char("h"): return [.panPlot(fraction: -0.25)]
            case .right, .char("l"): return [.panPlot(fraction: 0.25)]
            case .up, .char("k"): return [.zoomPlot(factor: 0.5)]
            case .down, .char("j"): return [.zoomPlot(factor: 2)]
            default: return []
            }
        case .map, .dashboard:
            return []
        }
    }

    private static func mapKey(_ k: Key) -> [Action]? {
        switch k {
        case .left, .char("h"): return [.mapPan(dx: -0.25, dy: 0)]
        case .right, .char("l"): return [.mapPan(dx: 0.25, dy: 0)]
        case .up, .char("k"): return [.mapPan(dx: 0, dy: 0.25)]
        case .down, .char("j"): return [.mapPan(dx: 0, dy: -0.25)]
        case .char("+"), .char("="): return [.mapZoom(by: 1)]
        case .char("-"): return [.mapZoom(by: -1)]
        case .char("0"): return [.mapReset]
        case .char("H"): return [.heatmapToggle]
        case .char("["): return [.heatmapRadius(by: -1)]
        case .char("]"): return [.heatmapRadius(by: 1)]
        case .char("{"): return [.heatmapIntensity(by: -1)]
        case .char("}"): return [.heatmapIntensity(by: 1)]
        case .char("c"): return [.heatmapCycleRamp]
        case .char("b"): return [.heatmapBindToCursorSeries]
        default: return nil
        }
    }

    private static func dashboardKey(_ k: Key) -> [Action]? {
        switch k {
        case .up, .char("k"): return [.panelMove(by: -1)]
        case .down, .char("j"): return [.panelMove(by: 1)]
        case .char("n"): return [.panelAdd]
        case .char("d"), .delete: return [.panelRemove]
        case .char("K"): return [.panelReorder(by: -1)]
        case .char("J"): return [.panelReorder(by: 1)]
        case .char("t"): return [.panelCycleKind]
        case .char("b"): return [.panelBindToCursorSeries]
        default: return nil
        }
    }

    private static func mouse(_ m: MouseEvent, _ s: AppState) -> [Action] {
        let layout = ScreenLayout(width: s.ui.width, height: s.ui.height)
        if case .menu = s.topOverlay {
            let r = ScreenLayout.menuRect()
            if m.kind == .press, r.inner.contains(x: m.x, y: m.y) { return [.menuChoose(m.y - r.inner.y)] }
            return m.kind == .press ? [.closeOverlay] : []
        }
        if let top = s.topOverlay {
            switch top {
            case .sessions, .sessionForm, .rename, .confirm:
                return SessionKeys.mouse(m, top, s).map { .sessions($0) }
            default:
                return m.kind == .press ? [.closeOverlay] : []
            }
        }
        if m.kind == .press && m.y == 0 && m.x < 3 { return [.open(.menu(selected: 0))] }
        guard let pane = layout.pane(atX: m.x, y: m.y) else { return [] }
        switch (pane, m.kind) {
        case (.series, .press):
            let inner = layout.panes[.series]!.inner
            let row = m.y - inner.y
            guard row >= 0, row < inner.height else { return [.focus(.series)] }
            let first = SeriesListScroll.firstRow(cursor: s.ui.cursor, rows: inner.height, count: s.visibleSeries.count)
            let index = first + row
            guard index < s.visibleSeries.count else { return [.focus(.series)] }
            return [.focus(.series), .cursorTo(index), .toggleSeries(id: s.visibleSeries[index].id)]
        case (.series, .wheelUp): return [.moveCursor(by: -3)]
        case (.series, .wheelDown): return [.moveCursor(by: 3)]
        case (.map, .wheelUp): return [.mapZoom(by: 1)]
        case (.map, .wheelDown): return [.mapZoom(by: -1)]
        case (.plot, .wheelUp): return [.zoomPlot(factor: 0.5)]
        case (.plot, .wheelDown): return [.zoomPlot(factor: 2)]
        case (_, .press): return [.focus(pane)]
        default: return []
        }
    }
}

/// Which row of the series list is at the top, so that the cursor stays in view.
public enum SeriesListScroll {
    public static func firstRow(cursor: Int, rows: Int, count: Int) -> Int {
        guard rows > 0, count > rows else { return 0 }
        return max(0, min(cursor - rows / 2, count - rows))
    }
}
