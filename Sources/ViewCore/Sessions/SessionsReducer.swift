/// The sessions dialog, its forms and questions. Library work goes to the outbox; answers come back as actions.
func reduceSessions(_ s: inout AppState, _ a: SessionAction) {
    switch a {
    case .open:
        if case .sessions? = s.topOverlay { return }
        s.ui.overlays.append(.sessions(SessionsDialog()))
        s.outbox.append(.listSessions)
    case .close:
        if let top = s.topOverlay, isFormOrQuestion(top) || { if case .sessions = top { return true }; return false }() {
            s.ui.overlays.removeLast()
        }
    case .listed(let rows):
        updateDialog(&s) { d in
            let keep = d.current?.name
            d.rows = rows
            d.loading = false
            if let keep, let i = d.visibleRows.firstIndex(where: { $0.name == keep }) { d.cursor = i + 1 }
            d.cursor = min(d.cursor, d.visibleRows.count)
        }
    case .move(let by):
        updateDialog(&s) { d in d.cursor = max(0, min(d.visibleRows.count, d.cursor + by)) }
    case .moveTo(let i):
        updateDialog(&s) { d in d.cursor = max(0, min(d.visibleRows.count, i)) }
    case let .filter(text, active):
        updateDialog(&s) { d in
            d.filter = text
            d.filtering = active
            d.cursor = min(d.cursor, d.visibleRows.count)
            if !text.isEmpty && d.cursor == 0 && !d.visibleRows.isEmpty { d.cursor = 1 }
        }
    case .activate:
        guard case .sessions(let d)? = s.topOverlay else { return }
        if let row = d.current {
            s.ui.overlays.append(.confirm(Confirmation(
                title: "Load session", message: "Load session \"\(row.name)\"? The current view will be replaced.",
                confirmLabel: "Load", confirmFocused: true, onConfirm: .loadSession(name: row.name))))
        } else {
            reduceSessions(&s, .new)
        }
    case .new:
        s.ui.overlays.append(.sessionForm(SessionForm()))
    case .saveInto:
        guard case .sessions(let d)? = s.topOverlay, let row = d.current else { return reduceSessions(&s, .new) }
        s.ui.overlays.append(.sessionForm(SessionForm(name: row.name, shareable: row.shareable, existing: row.name)))
    case .delete:
        guard case .sessions(let d)? = s.topOverlay, let row = d.current else { return }
        s.ui.overlays.append(.confirm(Confirmation(
            title: "Delete session", message: "Delete session \"\(row.name)\"?",
            confirmLabel: "Delete", confirmFocused: false, onConfirm: .deleteSession(name: row.name))))
    case .rename:
        guard case .sessions(let d)? = s.topOverlay, let row = d.current else { return }
        s.ui.overlays.append(.rename(RenameForm(from: row.name)))
    case .copyLink:
        guard case .sessions(let d)? = s.topOverlay, let row = d.current else { return }
        guard row.shareable, let link = row.link else {
            s.ui.message = "\"\(row.name)\" is not shareable: press s and tick shareable to get a link"
            return
        }
        s.outbox.append(.copyToClipboard(text: link, what: "link to \"\(row.name)\""))
    case .toggleShareable:
        guard case .sessions(let d)? = s.topOverlay, let row = d.current else { return }
        s.outbox.append(.setShareable(name: row.name, on: !row.shareable))
    case .replaceLink:
        guard case .sessions(let d)? = s.topOverlay, let row = d.current else { return }
        s.ui.overlays.append(.confirm(Confirmation(
            title: "New link", message: "Give \"\(row.name)\" a new link? The old link stops working for good.",
            confirmLabel: "New link", confirmFocused: false, onConfirm: .replaceLink(name: row.name))))
    case .shareChanged(let row):
        updateDialog(&s) { d in
            if let i = d.rows.firstIndex(where: { $0.name == row.name }) { d.rows[i] = row }
        }
        s.ui.message = row.shareable ? "\"\(row.name)\" is shareable: \(row.link ?? "")" : "\"\(row.name)\" is no longer shared: its link stopped working"
    case .editForm(let f):
        if case .sessionForm? = s.topOverlay { s.replaceTop(.sessionForm(f)) }
    case .submitForm:
        guard case .sessionForm(let f)? = s.topOverlay else { return }
        let name = f.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { s.ui.message = "type a name for the session"; return }
        if sessionExists(s, name) {
            s.ui.overlays.append(.confirm(overwriteQuestion(name, f.shareable)))
        } else {
            s.outbox.append(.saveSession(name: name, shareable: f.shareable, overwrite: false))
        }
    case .editRename(let r):
        if case .rename? = s.topOverlay { s.replaceTop(.rename(r)) }
    case .submitRename:
        guard case .rename(let r)? = s.topOverlay else { return }
        let to = r.text.trimmingCharacters(in: .whitespaces)
        if to == r.from { s.ui.overlays.removeLast(); return }
        s.outbox.append(.renameSession(from: r.from, to: to))
    case .focusConfirm(let on):
        if case .confirm(var c)? = s.topOverlay { c.confirmFocused = on; s.replaceTop(.confirm(c)) }
    case .answer(let yes):
        guard case .confirm(let c)? = s.topOverlay else { return }
        s.ui.overlays.removeLast()
        if yes { s.outbox.append(c.onConfirm) }

    case let .saved(row, settings):
        // Close the form (and an overwrite question), show the session in the list, selected.
        while let top = s.topOverlay, isFormOrQuestion(top) { s.ui.overlays.removeLast() }
        s.session.name = row.name
        s.session.savedSettings = settings
        s.ui.message = "saved \"\(row.name)\"" + (row.shareable ? " (shareable: y copies its link)" : "")
        updateDialog(&s) { d in
            d.rows.removeAll { $0.name == row.name }
            d.rows.insert(row, at: 0)
            d.filter = ""
            d.filtering = false
            d.cursor = 1
        }
        s.outbox.append(.listSessions)
    case let .exists(name, shareable):
        s.ui.overlays.append(.confirm(overwriteQuestion(name, shareable)))
    case let .applied(name, settings, missing):
        s.settings = settings
        s.session.name = name
        s.session.savedSettings = settings
        s = TimeZoneCycle.pinning(settings, in: s)
        s.ui.overlays.removeAll()
        s.ui.cursor = max(0, min(s.ui.cursor, s.visibleSeries.count - 1))
        if missing.isEmpty {
            s.ui.message = "loaded \"\(name)\""
        } else {
            let list = missing.prefix(3).joined(separator: ", ") + (missing.count > 3 ? ", …" : "")
            s.ui.message = "loaded \"\(name)\"; \(missing.count) series not in the data: \(list)"
        }
    case .deleted(let name):
        if s.session.name == name { s.session.name = nil; s.session.savedSettings = nil }
        s.ui.message = "deleted \"\(name)\""
        updateDialog(&s) { d in
            d.rows.removeAll { $0.name == name }
            d.cursor = min(d.cursor, d.visibleRows.count)
        }
    case let .renamed(from, to):
        if case .rename? = s.topOverlay { s.ui.overlays.removeLast() }
        if s.session.name == from { s.session.name = to }
        s.ui.message = "renamed \"\(from)\" to \"\(to)\""
        updateDialog(&s) { d in
            if let i = d.rows.firstIndex(where: { $0.name == from }) { d.rows[i].name = to }
        }
        s.outbox.append(.listSessions)
    case .failed(let message):
        s.ui.message = message
        updateDialog(&s) { d in d.loading = false }
    case .libraryChanged:
        let open = s.ui.overlays.contains { if case .sessions = $0 { return true }; return false }
        if open && !s.outbox.contains(.listSessions) { s.outbox.append(.listSessions) }
    case .history(let h):
        reduceHistory(&s, h)
    }
}

private func isFormOrQuestion(_ o: Overlay) -> Bool {
    switch o {
    case .sessionForm, .confirm, .rename: return true
    default: return false
    }
}

private func overwriteQuestion(_ name: String, _ shareable: Bool) -> Confirmation {
    Confirmation(title: "Overwrite session", message: "Session \"\(name)\" exists. Overwrite it with the current view?",
                 confirmLabel: "Overwrite", confirmFocused: false,
                 onConfirm: .saveSession(name: name, shareable: shareable, overwrite: true))
}

private func sessionExists(_ s: AppState, _ name: String) -> Bool {
    for o in s.ui.overlays {
        if case .sessions(let d) = o { return d.rows.contains { $0.name == name } }
    }
    return false
}

/// Applies `change` to the sessions dialog wherever it sits in the overlay stack.
private func updateDialog(_ s: inout AppState, _ change: (inout SessionsDialog) -> Void) {
    for i in s.ui.overlays.indices {
        if case .sessions(var d) = s.ui.overlays[i] {
            change(&d)
            s.ui.overlays[i] = .sessions(d)
        }
    }
}

import Foundation
