/// Filters, thresholds, dashboard panels and the map (SPEC §2.1–§2.5).
func reduceParts(_ s: inout AppState, _ action: Action) {
    switch action {
    case .openForm(let f):
        s.ui.overlays.append(.form(f))
    case .editForm(let f):
        if case .form? = s.topOverlay { s.replaceTop(.form(f)) }
    case .submitForm:
        guard case .form(var f)? = s.topOverlay else { return }
        if let error = FormBuilders.apply(f, to: &s) {
            f.error = error
            s.replaceTop(.form(f))
        } else {
            s.ui.overlays.removeLast()
            s.ui.cursor = max(0, min(s.ui.cursor, s.visibleSeries.count - 1))
        }

    case .openThresholds:
        s.ui.overlays.append(.thresholds(cursor: 0))
    case .thresholdsMove(let d):
        guard case .thresholds(let c)? = s.topOverlay else { return }
        s.replaceTop(.thresholds(cursor: max(0, min(s.settings.thresholds.count - 1, c + d))))
    case .thresholdToggleApplied:
        guard case .thresholds(let c)? = s.topOverlay, s.settings.thresholds.indices.contains(c) else { return }
        s.settings.thresholds[c].applied.toggle()
    case .thresholdDelete:
        guard case .thresholds(let c)? = s.topOverlay, s.settings.thresholds.indices.contains(c) else { return }
        s.settings.thresholds.remove(at: c)
        s.replaceTop(.thresholds(cursor: max(0, min(c, s.settings.thresholds.count - 1))))
    case .thresholdEdit:
        guard case .thresholds(let c)? = s.topOverlay, s.settings.thresholds.indices.contains(c) else { return }
        s.ui.overlays.append(.form(FormBuilders.threshold(s, editing: s.settings.thresholds[c])))
    case .thresholdAdd:
        s.ui.overlays.append(.form(FormBuilders.threshold(s, editing: nil)))

    case .panelMove(let d):
        s.ui.panelCursor = max(0, min(s.settings.dashboard.count - 1, s.ui.panelCursor + d))
    case .panelAdd:
        let at = s.settings.dashboard.isEmpty ? 0 : s.ui.panelCursor + 1
        s.settings.dashboard.insert(DashboardPanel(kind: .statistics), at: at)
        s.ui.panelCursor = at
    case .panelRemove:
        guard s.settings.dashboard.indices.contains(s.ui.panelCursor) else { return }
        s.settings.dashboard.remove(at: s.ui.panelCursor)
        s.ui.panelCursor = max(0, min(s.ui.panelCursor, s.settings.dashboard.count - 1))
    case .panelReorder(let d):
        let i = s.ui.panelCursor, j = i + d
        guard s.settings.dashboard.indices.contains(i), s.settings.dashboard.indices.contains(j) else { return }
        s.settings.dashboard.swapAt(i, j)
        s.ui.panelCursor = j
    case .panelCycleKind:
        guard s.settings.dashboard.indices.contains(s.ui.panelCursor) else { return }
        let all = DashboardPanel.Kind.allCases
        let k = s.settings.dashboard[s.ui.panelCursor].kind
        s.settings.dashboard[s.ui.panelCursor].kind = all[(all.firstIndex(of: k)! + 1) % all.count]
    case .panelBindToCursorSeries:
        guard s.settings.dashboard.indices.contains(s.ui.panelCursor) else { return }
        let id = s.visibleSeries.indices.contains(s.ui.cursor) ? s.visibleSeries[s.ui.cursor].id : nil
        let current = s.settings.dashboard[s.ui.panelCursor].seriesID
        s.settings.dashboard[s.ui.panelCursor].seriesID = current == id ? nil : id

    case let .mapPan(dx, dy):
        s.settings.map = MapActions.pan(s.settings.map, dx: dx, dy: dy, bounds: s.positionBounds, size: MapActions.mapPixels(s))
    case .mapZoom(let d):
        s.settings.map.zoom = max(-2, min(16, s.settings.map.zoom + d))
    case .mapReset:
        s.settings.map.centerLat = nil
        s.settings.map.centerLon = nil
        s.settings.map.zoom = 0
    case .heatmapToggle:
        s.settings.map.heatmap.enabled.toggle()
    case .heatmapRadius(let d):
        s.settings.map.heatmap.radius = max(0, min(10, s.settings.map.heatmap.radius + d))
    case .heatmapIntensity(let d):
        s.settings.map.heatmap.intensity = max(1, min(10, s.settings.map.heatmap.intensity + d))
    case .heatmapCycleRamp:
        let all = HeatmapSettings.Ramp.allCases
        s.settings.map.heatmap.ramp = all[(all.firstIndex(of: s.settings.map.heatmap.ramp)! + 1) % all.count]
    case .heatmapBindToCursorSeries:
        let id = s.visibleSeries.indices.contains(s.ui.cursor) ? s.visibleSeries[s.ui.cursor].id : nil
        s.settings.map.heatmap.seriesID = s.settings.map.heatmap.seriesID == id ? nil : id
    case .themesListed(let names):
        guard case .themes(var p)? = s.topOverlay else { return }
        p.names = names
        p.cursor = names.firstIndex(of: s.ui.theme) ?? 0
        s.replaceTop(.themes(p))
    case .themeMove(let d):
        guard case .themes(var p)? = s.topOverlay, !p.names.isEmpty else { return }
        p.cursor = max(0, min(p.names.count - 1, p.cursor + d))
        s.ui.theme = p.names[p.cursor]  // live preview
        s.replaceTop(.themes(p))
    case .themeChoose:
        guard case .themes(let p)? = s.topOverlay, p.names.indices.contains(p.cursor) else { return }
        s.ui.overlays.removeLast()
        s.ui.theme = p.names[p.cursor]
        s.outbox.append(.saveTheme(name: s.ui.theme))
        s.ui.message = "theme \"\(s.ui.theme)\" (remembered for you, not saved in sessions)"
    default:
        break
    }
}
