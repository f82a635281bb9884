/// The series list: cursor, selection, and the live `/` filter field.
public enum SeriesAction: Equatable, Sendable {
    /// A fresh view shows something: the first series when nothing is selected.
    case selectDefault
    case moveCursor(by: Int)
    case cursorTo(Int)
    case toggle(id: String)
    case toggleAtCursor
    case clearSelection
    /// The `/` field's text changed; the list narrows as you type.
    case editFilter(TextInput)
    /// Enter in the `/` field keeps the filter.
    case commitFilter
}

func reduceSeries(_ s: inout AppState, _ a: SeriesAction) {
    switch a {
    case .selectDefault:
        if s.settings.series.selected.isEmpty, let first = s.catalog.first {
            s.settings.series.selected = [first.id]
            s.ui.cursor = 0
        }
    case .moveCursor(let d):
        s.ui.cursor = s.clampedCursor(s.ui.cursor + d)
    case .cursorTo(let i):
        s.ui.cursor = s.clampedCursor(i)
    case .toggle(let id):
        toggle(&s, id)
    case .toggleAtCursor:
        let v = s.visibleSeries
        if v.indices.contains(s.ui.cursor) { toggle(&s, v[s.ui.cursor].id) }
    case .clearSelection:
        s.settings.series.selected = []
    case .editFilter(let input):
        guard case .textInput? = s.topOverlay else { return }
        s.replaceTop(.textInput(input))
        applyFilterText(&s, input.text, purpose: input.purpose)
    case .commitFilter:
        if case .textInput? = s.topOverlay { s.ui.overlays.removeLast() }
    }
}

/// Esc in the `/` field: the text before editing comes back.
func cancelFilterInput(_ s: inout AppState, _ input: TextInput) {
    applyFilterText(&s, input.original, purpose: input.purpose)
}

private func toggle(_ s: inout AppState, _ id: String) {
    if let i = s.settings.series.selected.firstIndex(of: id) { s.settings.series.selected.remove(at: i) }
    else { s.settings.series.selected.append(id) }
}

private func applyFilterText(_ s: inout AppState, _ text: String, purpose: TextInput.Purpose) {
    switch purpose {
    case .seriesFilter:
        s.settings.series.filter.text = text
        s.ui.cursor = s.clampedCursor(s.ui.cursor)
    }
}

extension AppState {
    /// The cursor kept inside the visible series list.
    func clampedCursor(_ c: Int) -> Int { max(0, min(c, visibleSeries.count - 1)) }
}
