/// The dashboard pane: the panel under the cursor, adding, removing, reordering and binding panels.
public enum DashboardAction: Equatable, Sendable {
    case move(by: Int)
    case add
    case remove
    case reorder(by: Int)
    case cycleKind
    /// Binds the panel to the series under the cursor, or back to the first selected one.
    case bindToCursorSeries
}

func reduceDashboard(_ s: inout AppState, _ a: DashboardAction) {
    let i = s.ui.panelCursor
    let has = s.settings.dashboard.indices.contains(i)
    switch a {
    case .move(let d):
        s.ui.panelCursor = max(0, min(s.settings.dashboard.count - 1, i + d))
    case .add:
        let at = s.settings.dashboard.isEmpty ? 0 : i + 1
        s.settings.dashboard.insert(DashboardPanel(kind: .statistics), at: at)
        s.ui.panelCursor = at
    case .remove:
        guard has else { return }
        s.settings.dashboard.remove(at: i)
        s.ui.panelCursor = max(0, min(i, s.settings.dashboard.count - 1))
    case .reorder(let d):
        guard has, s.settings.dashboard.indices.contains(i + d) else { return }
        s.settings.dashboard.swapAt(i, i + d)
        s.ui.panelCursor = i + d
    case .cycleKind:
        guard has else { return }
        s.settings.dashboard[i].kind = s.settings.dashboard[i].kind.next
    case .bindToCursorSeries:
        guard has else { return }
        let id = s.cursorSeries?.id
        s.settings.dashboard[i].seriesID = s.settings.dashboard[i].seriesID == id ? nil : id
    }
}
