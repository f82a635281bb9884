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
        let shown = s.session.name == h.name ? " and the view shows it (u goes back)" : ""
        s.ui.overlays.append(.confirm(Confirmation(
            title: "Restore version", message: "Restore version \(row.version.number) of \"\(h.name)\"? It becomes the current version\(shown); the others are kept.",
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
        let shown = s.session.name == name && s.session.savedSettings == s.settings ? "; the view shows it" : ""
        s.ui.message = "restored version \(version) of \"\(name)\" as version \(new)\(shown)"
        updateHistory(&s, name) { h in h.cursor = 0 }
        s.outbox.append(.history(.list(name: name)))
        s.outbox.append(.listSessions)
    case let .dataSinceSaved(name, text):
        s.ui.message = "loaded \"\(name)\"; " + text
    case let .changedInLibrary(name, current, here):
        followLibrary(&s, name, current, here: here)
    }
}

/// The open session changed in the library. A view that is the session as saved follows it, as
/// does a restore asked for here (the user chose that version; `u` goes back); unsaved changes
/// made here are never thrown away for another process's save: they stay, now "modified"
/// against the new version. Either way the next autosave records the new version as the baseline,
/// so a restart does not bring the old state back as "saved".
private func followLibrary(_ s: inout AppState, _ name: String, _ v: SessionVersion, here: Bool) {
    guard s.session.name == name, v.settings != s.session.savedSettings else { return }
    let unmodified = s.session.savedSettings == s.settings
    s.session.savedSettings = v.settings
    for o in s.ui.overlays {
        if case .sessionHistory(let h) = o, h.name == name { s.outbox.append(.history(.list(name: name))) }
    }
    if s.settings == v.settings { return }
    let what: String
    switch v.event {
    case .restored(let from): what = "\"\(name)\" was restored to version \(from) (now version \(v.number)) by \(v.author)"
    case .created, .saved, .renamed, .shared, .unshared, .newLink: what = "\"\(name)\" was saved as version \(v.number) by \(v.author)"
    }
    if unmodified || here {
        s.settings = v.settings
        s = TimeZoneCycle.pinning(v.settings, in: s)
        s.ui.cursor = max(0, min(s.ui.cursor, s.visibleSeries.count - 1))
        if !here { s.ui.message = what + "; the view shows it (u goes back)" }
    } else {
        s.ui.message = what + "; your unsaved changes are kept (S, Enter on it loads that version)"
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
