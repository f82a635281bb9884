/// Keys and clicks of the sessions dialog, the forms and the confirmations (SPEC §3.4, §3.5, §3.8).
enum SessionKeys {
    static func actions(_ k: Key, _ top: Overlay, _ s: AppState) -> [SessionAction] {
        switch top {
        case .sessions(let d): return dialog(k, d, s)
        case .sessionHistory(let h): return HistoryKeys.actions(k, h).map { .history($0) }
        case .sessionForm(var f):
            switch (k, f.field) {
            case (.escape, _): return [.close]
            case (.enter, _): return [.submitForm]
            case (.tab, _), (.backTab, _), (.down, .name), (.up, .shareable):
                f.field = f.field == .name ? .shareable : .name
                return [.editForm(f)]
            case (.char(" "), .shareable):
                f.shareable.toggle()
                return [.editForm(f)]
            case (_, .name):
                guard let t = TextEditing.edited(f.name, by: k, limit: 100) else { return [] }
                f.name = t
                return [.editForm(f)]
            default: return []
            }
        case .rename(var r):
            switch k {
            case .escape: return [.close]
            case .enter: return [.submitRename]
            default:
                guard let t = TextEditing.edited(r.text, by: k, limit: 100) else { return [] }
                r.text = t
                return [.editRename(r)]
            }
        case .confirm(let c):
            switch k {
            case .char("y"), .char("Y"): return [.answer(true)]
            case .char("n"), .char("N"), .escape: return [.answer(false)]
            case .tab, .backTab, .left, .right, .char("h"), .char("l"): return [.focusConfirm(!c.confirmFocused)]
            case .enter, .char(" "): return [.answer(c.confirmFocused)]
            default: return []
            }
        default: return []
        }
    }

    private static let cancel: [SessionAction] = [.close]

    private static func dialog(_ k: Key, _ d: SessionsDialog, _ s: AppState) -> [SessionAction] {
        if d.filtering {
            switch k {
            case .enter: return [.filter(text: d.filter, active: false)]
            case .escape: return [.filter(text: "", active: false)]
            case .backspace: return [.filter(text: String(d.filter.dropLast()), active: true)]
            case .ctrl("u"): return [.filter(text: "", active: true)]
            case .char(let c): return [.filter(text: d.filter + String(c), active: true)]
            case .up: return [.move(by: -1)]
            case .down: return [.move(by: 1)]
            default: return []
            }
        }
        let page = max(1, SessionsDialogLayout(width: s.ui.width, height: s.ui.height, rows: d.visibleRows.count).listRows - 1)
        switch k {
        case .up, .char("k"): return [.move(by: -1)]
        case .down, .char("j"): return [.move(by: 1)]
        case .pageUp: return [.move(by: -page)]
        case .pageDown: return [.move(by: page)]
        case .home, .char("g"): return [.moveTo(0)]
        case .end, .char("G"): return [.moveTo(Int.max / 2)]
        case .enter: return [.activate]
        case .char("s"): return [.saveInto]
        case .char("n"): return [.new]
        case .char("d"), .delete: return [.delete]
        case .char("y"): return [.copyLink]
        case .char("r"): return [.rename]
        case .char("t"): return [.toggleShareable]
        case .char("L"): return [.replaceLink]
        case .char("/"): return [.filter(text: d.filter, active: true)]
        case _ where HistoryKeys.open.keys.contains(k): return [.history(HistoryKeys.open.action)]
        case .escape, .char("q"):
            if !d.filter.isEmpty { return [.filter(text: "", active: false)] }
            return cancel
        default: return []
        }
    }

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
        default:
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
