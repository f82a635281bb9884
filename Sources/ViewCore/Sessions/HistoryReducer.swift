/// The history part of the sessions dialog: list, diff, restore (through a confirmation).
func reduceHistory(_ s: inout AppState, _ a: HistoryAction) {
    switch a {
    case .open:
        guard case .sessions(let d)? = s.topOverlay, let row = d.current else {
            s.ui.message = "choose a session first: its history opens with h"
            return
        }
        s.ui.overlays.append(.sessionHistory(HistoryDialog(name: row.name)))
        s.outbox.append(.history(.list(name: row.name)))
    case let .listed(name, versions):
        updateHistory(&s, name) { h in
            let keep = h.current?.version.number
            h.rows = HistoryDialog.rows(versions)
            h.loading = false
            h.cursor = keep.flatMap { n in h.rows.firstIndex { $0.version.number == n } } ?? 0
            if let pane = h.diff, pane.lines.isEmpty { h.diff = nil }
        }
    case .move(let by):
        guard case .sessionHistory(var h)? = s.topOverlay else { return }
        h.cursor = max(0, min(h.rows.count - 1, h.cursor + by))
        s.replaceTop(.sessionHistory(h))
    case .showDiff:
        guard case .sessionHistory(var h)? = s.topOverlay, let row = h.current else { return }
        h.diff = h.diffPane(for: row)
        s.replaceTop(.sessionHistory(h))
    case .scrollDiff(let by):
        guard case .sessionHistory(var h)? = s.topOverlay, var pane = h.diff else { return }
        pane.scroll = max(0, min(pane.lines.count - 1, pane.scroll + by))
        h.diff = pane
        s.replaceTop(.sessionHistory(h))
    case .restore:
        guard case .sessionHistory(let h)? = s.topOverlay, let row = h.current else { return }
        if row.version.number == h.rows.first?.version.number {
            s.ui.message = "version \(row.version.number) is already the current version of \"\(h.name)\""
            return
        }
        s.ui.overlays.append(.confirm(Confirmation(
            title: "Restore version", message: "Restore version \(row.version.number) of \"\(h.name)\"? It becomes the current version; the others are kept.",
            confirmLabel: "Restore", confirmFocused: false, onConfirm: .history(.restore(name: h.name, version: row.version.number)))))
    case .back:
        guard case .sessionHistory(var h)? = s.topOverlay else { return }
        if h.diff != nil {
            h.diff = nil
            s.replaceTop(.sessionHistory(h))
        } else {
            s.ui.overlays.removeLast()
        }
    case let .restored(name, version, new):
        s.ui.message = "restored version \(version) of \"\(name)\" as version \(new)"
        updateHistory(&s, name) { h in h.cursor = 0 }
        s.outbox.append(.history(.list(name: name)))
        s.outbox.append(.listSessions)
    case let .dataSinceSaved(name, text):
        s.ui.message = "loaded \"\(name)\"; " + text
    }
}

/// Applies `change` to the history of `name` wherever it sits in the overlay stack.
private func updateHistory(_ s: inout AppState, _ name: String, _ change: (inout HistoryDialog) -> Void) {
    for i in s.ui.overlays.indices {
        if case .sessionHistory(var h) = s.ui.overlays[i], h.name == name {
            change(&h)
            s.ui.overlays[i] = .sessionHistory(h)
        }
    }
}
