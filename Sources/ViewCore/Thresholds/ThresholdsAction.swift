/// The thresholds list (`T`): the cursor and what the keys do to the threshold under it.
public enum ThresholdsAction: Equatable, Sendable {
    case open
    case move(by: Int)
    case toggleApplied
    case delete
    case edit
    case add
}

func reduceThresholds(_ s: inout AppState, _ a: ThresholdsAction) {
    // The list's own keys act on the threshold under its cursor, and only while the list is on top.
    var listCursor: Int? { if case .thresholds(let c)? = s.topOverlay { return c }; return nil }
    switch a {
    case .open:
        s.ui.overlays.append(.thresholds(cursor: 0))
    case .add:
        s.ui.overlays.append(.form(ThresholdForm.make(s, editing: nil)))
    case .move(let d):
        guard let c = listCursor else { return }
        s.replaceTop(.thresholds(cursor: max(0, min(s.settings.thresholds.count - 1, c + d))))
    case .toggleApplied:
        guard let c = listCursor, s.settings.thresholds.indices.contains(c) else { return }
        s.settings.thresholds[c].applied.toggle()
    case .delete:
        guard let c = listCursor, s.settings.thresholds.indices.contains(c) else { return }
        s.settings.thresholds.remove(at: c)
        s.replaceTop(.thresholds(cursor: max(0, min(c, s.settings.thresholds.count - 1))))
    case .edit:
        guard let c = listCursor, s.settings.thresholds.indices.contains(c) else { return }
        s.ui.overlays.append(.form(ThresholdForm.make(s, editing: s.settings.thresholds[c])))
    }
}
