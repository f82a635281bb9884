/// Keys and clicks of the sessions dialog, its forms and the confirmations.
enum SessionKeys {
    private static func on(_ keys: [Key], _ label: String, _ help: String, hint: Hint? = nil, takesText: Bool = false,
                           _ act: @escaping @Sendable (Key, AppState) -> [SessionAction]?) -> KeyBinding {
        KeyBinding(keys, label, help, hint: hint, takesText: takesText) { k, s in act(k, s).map { $0.map(Action.sessions) } }
    }
    private static func on(_ keys: [Key], _ label: String, _ help: String, hint: Hint? = nil, does a: [SessionAction]) -> KeyBinding {
        KeyBinding(keys, label, help, hint: hint, does: a.map(Action.sessions))
    }
    private static var dialogOnTop: (AppState) -> SessionsDialog? { { s in if case .sessions(let d)? = s.topOverlay { return d }; return nil } }

    static let dialog = KeyTable("Sessions", [
        on([.up, .char("k"), .down, .char("j")], "j k  ↑ ↓", "move") { k, _ in
            [.move(by: k == .up || k == .char("k") ? -1 : 1)]
        },
        on([.pageUp, .pageDown], "PgUp PgDn", "a page up / down") { k, s in
            guard let d = dialogOnTop(s) else { return nil }
            let page = max(1, SessionsDialogLayout(width: s.ui.width, height: s.ui.height, rows: d.visibleRows.count).listRows - 1)
            return [.move(by: k == .pageUp ? -page : page)]
        },
        on([.home, .char("g"), .end, .char("G")], "g G  Home End", "first / last") { k, _ in
            [.moveTo(k == .home || k == .char("g") ? 0 : Int.max / 2)]
        },
        on([.enter], "Enter", "load the session (or make a new one)", hint: Hint("Enter", "load"), does: [.activate]),
        on([.char("s")], "s", "save the view into the session", hint: Hint("s", "save into"), does: [.saveInto]),
        on([.char("n")], "n", "save the view as a new session", hint: Hint("n", "new"), does: [.new]),
        on([.char("d"), .delete], "d  Del", "delete the session", hint: Hint("d", "delete"), does: [.delete]),
        on([.char("y")], "y", "copy the session's link", hint: Hint("y", "copy link"), does: [.copyLink]),
        on([.char("t")], "t", "shareable on/off", hint: Hint("t", "share on/off"), does: [.toggleShareable]),
        on([.char("L")], "L", "give it a new link", hint: Hint("L", "new link"), does: [.replaceLink]),
        on([.char("r")], "r", "rename the session", hint: Hint("r", "rename"), does: [.rename]),
        on([.char("h")], "h", "the session's versions: diff, restore", hint: Hint("h", "history"), does: [.history(.open)]),
        on([.char("/")], "/", "filter the list by name", hint: Hint("/", "filter")) { _, s in
            dialogOnTop(s).map { [.filter(text: $0.filter, active: true)] }
        },
        on([.escape, .char("q")], "Esc q", "clear the filter, else close", hint: Hint("Esc", "close")) { _, s in
            guard let d = dialogOnTop(s) else { return nil }
            return d.filter.isEmpty ? [.close] : [.filter(text: "", active: false)]
        },
    ])

    /// The dialog while `/` is typing into its filter.
    static let dialogFilter = KeyTable("Sessions filter", [
        on([], "type", "narrow the list", hint: Hint("type", "to filter"), takesText: true) { k, s in
            guard let d = dialogOnTop(s) else { return nil }
            switch k {
            case .backspace: return [.filter(text: String(d.filter.dropLast()), active: true)]
            case .char(let c): return [.filter(text: d.filter + String(c), active: true)]
            default: return [.filter(text: "", active: true)]  // Ctrl-U
            }
        },
        on([.enter], "Enter", "keep the filter", hint: Hint("Enter", "keep")) { _, s in
            dialogOnTop(s).map { [.filter(text: $0.filter, active: false)] }
        },
        on([.escape], "Esc", "clear the filter", hint: Hint("Esc", "clear"), does: [.filter(text: "", active: false)]),
        on([.up, .down], "↑ ↓", "move") { k, _ in [.move(by: k == .up ? -1 : 1)] },
    ])

    static let form = KeyTable("Session form", [
        on([.tab, .backTab, .down, .up], "Tab", "name / shareable", hint: Hint("Tab", "name/shareable")) { k, s in
            guard case .sessionForm(var f)? = s.topOverlay else { return nil }
            // ↓ from the name and ↑ from the box move; the other way there is nowhere to go.
            if (k == .down && f.field == .shareable) || (k == .up && f.field == .name) { return nil }
            f.field = f.field == .name ? .shareable : .name
            return [.editForm(f)]
        },
        on([.char(" ")], "Space", "tick shareable", hint: Hint("Space", "tick")) { _, s in
            guard case .sessionForm(var f)? = s.topOverlay, f.field == .shareable else { return nil }
            f.shareable.toggle()
            return [.editForm(f)]
        },
        on([.enter], "Enter", "save", hint: Hint("Enter", "save"), does: [.submitForm]),
        on([.escape], "Esc", "cancel", hint: Hint("Esc", "cancel"), does: [.close]),
        on([], "type", "the name", takesText: true) { k, s in
            guard case .sessionForm(var f)? = s.topOverlay else { return nil }
            guard f.field == .name, let t = TextEditing.edited(f.name, by: k, limit: 100) else { return [] }
            f.name = t
            return [.editForm(f)]
        },
    ])

    static let rename = KeyTable("Rename", [
        on([.enter], "Enter", "rename", hint: Hint("Enter", "rename"), does: [.submitRename]),
        on([.escape], "Esc", "cancel", hint: Hint("Esc", "cancel"), does: [.close]),
        on([], "type", "the new name", takesText: true) { k, s in
            guard case .rename(var r)? = s.topOverlay else { return nil }
            guard let t = TextEditing.edited(r.text, by: k, limit: 100) else { return [] }
            r.text = t
            return [.editRename(r)]
        },
    ])

    static let confirm = KeyTable("Question", [
        on([.char("y"), .char("Y")], "y", "yes", hint: Hint("y", "yes"), does: [.answer(true)]),
        on([.char("n"), .char("N"), .escape], "n  Esc", "no", hint: Hint("n/Esc", "no"), does: [.answer(false)]),
        on([.tab, .backTab, .left, .right, .char("h"), .char("l")], "Tab  ← →", "switch button", hint: Hint("Tab", "switch")) { _, s in
            guard case .confirm(let c)? = s.topOverlay else { return nil }
            return [.focusConfirm(!c.confirmFocused)]
        },
        on([.enter, .char(" ")], "Enter  Space", "press the button", hint: Hint("Enter", "press")) { _, s in
            guard case .confirm(let c)? = s.topOverlay else { return nil }
            return [.answer(c.confirmFocused)]
        },
    ])

    private static let cancel: [SessionAction] = [.close]

    static func mouse(_ m: MouseEvent, _ top: Overlay, _ s: AppState) -> [SessionAction] {
        switch top {
        case .sessions(let d):
            let l = SessionsDialogLayout(width: s.ui.width, height: s.ui.height, rows: d.visibleRows.count)
            switch m.kind {
            case .wheelUp: return [.move(by: -3)]
            case .wheelDown: return [.move(by: 3)]
            case .press:
                guard l.frame.contains(x: m.x, y: m.y) else { return cancel }
                guard let row = l.row(atY: m.y, cursor: d.cursor, total: d.visibleRows.count + 1),
                      row <= d.visibleRows.count else { return [] }
                if row == 0 { return [.moveTo(0), .new] }
                switch l.icon(atX: m.x) {
                case .save?: return [.moveTo(row), .saveInto]
                case .delete?: return [.moveTo(row), .delete]
                case .copy?: return [.moveTo(row), .copyLink]
                case nil: return row == d.cursor ? [.activate] : [.moveTo(row)]
                }
            }
        case .confirm(let c):
            guard m.kind == .press else { return [] }
            let b = ConfirmLayout(width: s.ui.width, height: s.ui.height, confirmLabel: c.confirmLabel)
            if b.cancel.contains(x: m.x, y: m.y) { return [.answer(false)] }
            if b.confirm.contains(x: m.x, y: m.y) { return [.answer(true)] }
            return []
        case .sessionForm(var f):
            guard m.kind == .press else { return [] }
            let l = FormLayout(width: s.ui.width, height: s.ui.height)
            if l.checkbox.contains(x: m.x, y: m.y) { f.shareable.toggle(); f.field = .shareable; return [.editForm(f)] }
            if l.nameField.contains(x: m.x, y: m.y) { f.field = .name; return [.editForm(f)] }
            if l.saveButton.contains(x: m.x, y: m.y) { return [.submitForm] }
            return l.frame.contains(x: m.x, y: m.y) ? [] : cancel
        case .rename, .help, .menu, .notice, .textInput, .form, .thresholds, .themes, .sessionHistory:
            return []
        }
    }
}

/// Where the sessions dialog's rows and icons are, for drawing and for clicks.
public struct SessionsDialogLayout: Equatable, Sendable {
    public enum Icon: Equatable, Sendable { case save, delete, copy }
    public var frame: Rect
    /// Screen rows for list entries (row 0 = "New session").
    public var listTop: Int
    public var listRows: Int
    public var iconX: Int

    /// The history's rows are longer than the sessions': it may be wider.
    public init(width: Int, height: Int, rows: Int, maxWidth: Int = 76) {
        let w = min(width - 4, maxWidth)
        let h = min(height - 2, max(10, rows + 7))
        frame = Rect(x: (width - w) / 2, y: max(1, (height - h) / 2), width: w, height: h)
        listTop = frame.y + 2  // border, then the filter line
        listRows = max(1, h - 4)  // border, filter line, …, key line, border
        iconX = frame.x + 2
    }

    public func firstRow(cursor: Int, total: Int) -> Int {
        SeriesListScroll.firstRow(cursor: cursor, rows: listRows, count: total)
    }

    /// Entry index under screen row `y` (0 = New session), given the cursor (which decides scrolling).
    public func row(atY y: Int, cursor: Int, total: Int = .max) -> Int? {
        guard y >= listTop, y < listTop + listRows else { return nil }
        return firstRow(cursor: cursor, total: total) + (y - listTop)
    }

    /// Icons sit at fixed columns: 💾 at iconX, ✕ at iconX+3, 📋 at iconX+5.
    public func icon(atX x: Int) -> Icon? {
        switch x - iconX {
        case 0, 1: return .save
        case 3: return .delete
        case 5, 6: return .copy
        default: return nil
        }
    }
}

public struct ConfirmLayout: Equatable, Sendable {
    public var frame: Rect
    public var cancel: Rect
    public var confirm: Rect
    public init(width: Int, height: Int, confirmLabel: String) {
        let w = min(width - 4, 64)
        frame = Rect(x: (width - w) / 2, y: max(1, (height - 8) / 2), width: w, height: 8)
        let by = frame.y + frame.height - 3
        cancel = Rect(x: frame.x + w - 14 - confirmLabel.count - 6, y: by, width: 10, height: 1)
        confirm = Rect(x: frame.x + w - 2 - confirmLabel.count - 4, y: by, width: confirmLabel.count + 4, height: 1)
    }
}

public struct FormLayout: Equatable, Sendable {
    public var frame: Rect
    public var nameField: Rect
    public var checkbox: Rect
    public var saveButton: Rect
    public init(width: Int, height: Int) {
        let w = min(width - 4, 56)
        frame = Rect(x: (width - w) / 2, y: max(1, (height - 9) / 2), width: w, height: 9)
        nameField = Rect(x: frame.x + 8, y: frame.y + 2, width: w - 10, height: 1)
        checkbox = Rect(x: frame.x + 2, y: frame.y + 4, width: 16, height: 1)
        saveButton = Rect(x: frame.x + w - 12, y: frame.y + 6, width: 8, height: 1)
    }
}
