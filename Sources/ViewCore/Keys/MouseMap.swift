/// Clicks and the wheel, hit-tested against the same layout the renderer draws.
enum MouseMap {
    static func actions(_ m: MouseEvent, _ s: AppState) -> [Action] {
        let layout = ScreenLayout(width: s.ui.width, height: s.ui.height)
        if let top = s.topOverlay {
            switch top {
            case .menu:
                let r = ScreenLayout.menuRect()
                if m.kind == .press, r.inner.contains(x: m.x, y: m.y) { return [.menu(.choose(m.y - r.inner.y))] }
                return m.kind == .press ? [.app(.closeOverlay)] : []
            case .sessions, .sessionForm, .rename, .confirm:
                return SessionKeys.mouse(m, top, s).map { .sessions($0) }
            case .help, .notice, .textInput, .form, .thresholds, .themes, .sessionHistory:
                return m.kind == .press ? [.app(.closeOverlay)] : []
            }
        }
        if m.kind == .press && m.y == 0 && m.x < 3 { return [.menu(.open)] }
        guard let pane = layout.pane(atX: m.x, y: m.y) else { return [] }
        switch (pane, m.kind) {
        case (.series, .press):
            let inner = layout.panes[.series]!.inner
            let row = m.y - inner.y
            guard row >= 0, row < inner.height else { return [.app(.focus(.series))] }
            let first = SeriesListScroll.firstRow(cursor: s.ui.cursor, rows: inner.height, count: s.visibleSeries.count)
            let index = first + row
            guard index < s.visibleSeries.count else { return [.app(.focus(.series))] }
            return [.app(.focus(.series)), .series(.cursorTo(index)), .series(.toggle(id: s.visibleSeries[index].id))]
        case (.series, .wheelUp): return [.series(.moveCursor(by: -3))]
        case (.series, .wheelDown): return [.series(.moveCursor(by: 3))]
        case (.map, .wheelUp): return [.map(.zoom(by: 1))]
        case (.map, .wheelDown): return [.map(.zoom(by: -1))]
        case (.plot, .wheelUp): return [.plot(.zoom(factor: 0.5))]
        case (.plot, .wheelDown): return [.plot(.zoom(factor: 2))]
        case (_, .press): return [.app(.focus(pane))]
        case (.dashboard, .wheelUp), (.dashboard, .wheelDown): return []
        }
    }
}
