/// Turns an input event into actions, given what is on screen. Pure, so every binding is testable.
/// Keys come from the parts' tables (`KeyTable`); the same tables give `?` help and the hints.
public enum KeyMap {
    public static func actions(for event: InputEvent, in s: AppState) -> [Action] {
        switch event {
        case let .resize(w, h): return [.app(.resize(width: w, height: h))]
        case .mouse(let m): return MouseMap.actions(m, s)
        case .key(let k):
            for t in tables(s) { if let a = t.actions(k, s) { return a } }
            return []
        }
    }

    /// The tables that take keys right now, tried in order: the top overlay's alone (so typing in a
    /// field never triggers a command), else the focused pane's, then the keys that work everywhere.
    public static func tables(_ s: AppState) -> [KeyTable] {
        guard let top = s.topOverlay else { return [paneTable(s.ui.focus), GlobalKeys.table] }
        return [table(for: top)]
    }

    /// The keys of an overlay; its footer is drawn from the same table.
    public static func table(for o: Overlay) -> KeyTable {
        switch o {
        case .help: return MenuKeys.help
        case .notice: return MenuKeys.notice
        case .menu: return MenuKeys.menu
        case .textInput: return SeriesKeys.filterField
        case .sessions(let d): return d.filtering ? SessionKeys.dialogFilter : SessionKeys.dialog
        case .sessionHistory(let h): return h.diff == nil ? HistoryKeys.list : HistoryKeys.diff
        case .sessionForm: return SessionKeys.form
        case .rename: return SessionKeys.rename
        case .confirm: return SessionKeys.confirm
        case .form: return FormKeys.table
        case .thresholds: return ThresholdsKeys.table
        case .themes: return ThemesKeys.table
        }
    }

    public static func paneTable(_ p: Pane) -> KeyTable {
        switch p {
        case .series: return SeriesKeys.table
        case .plot: return PlotKeys.table
        case .map: return MapKeys.table
        case .dashboard: return DashboardKeys.table
        }
    }

    /// The main screen's tables, in the order `?` help lists them.
    public static let mainTables: [KeyTable] = [SeriesKeys.table, GlobalKeys.table, PlotKeys.table, MapKeys.table, DashboardKeys.table]

    /// The status line's keys: the top overlay's hints, or the focused pane's then those meant for it.
    public static func hints(_ s: AppState) -> [Hint] {
        let ts = tables(s)
        guard s.topOverlay == nil else { return ts.flatMap(\.hints) }
        return ts.flatMap(\.hints).filter { $0.panes.isEmpty || $0.panes.contains(s.ui.focus) }
    }
}

/// The `?` help: every binding of the main screen, one line each, generated from the key tables.
public enum HelpText {
    public static let lines: [(key: String, what: String)] =
        KeyMap.mainTables.flatMap { t in t.bindings.map { (t.helpPrefix + $0.label, $0.help) } }
}
