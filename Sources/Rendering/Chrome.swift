import DataCore
import ViewCore

/// The title bar and the status line.
enum Chrome {
    static func titleBar(_ grid: inout CellGrid, _ s: AppState, _ r: Rect) {
        grid.fill(r, with: Cell(" ", role: .titleBar))
        let menu = s.ui.unicode ? "☰" : "="
        var x = grid.put(" \(menu) ", x: r.x, y: r.y, role: .titleBar, style: [.bold])
        x += grid.put("dataviewer", x: x, y: r.y, role: .titleBar, style: [.bold])
        let name = s.dataName.isEmpty ? s.data.loading?.what ?? "" : s.dataName
        x += grid.put(" · " + name, x: x, y: r.y, role: .titleBar, maxWidth: max(0, r.width / 2 - x))
        // The session's state always shows; a long name is shortened to fit before it.
        let state = [s.sessionState].filter { !$0.isEmpty }.map { " · " + $0 }.joined() + " "
        let room = r.width - x - 2 - TextWidth.of(state)
        let session = s.session.name.map { "session: " + TextWidth.truncate($0, to: max(1, room - 9)) } ?? "no session"
        let right = session + state
        let rw = TextWidth.of(right)
        if x + 2 + rw <= r.width { grid.put(right, x: r.width - rw, y: r.y, role: .titleBar) }
        // A background read sits between the two, in whatever room is left.
        if let l = s.data.loading {
            let end = x + 2 + rw <= r.width ? r.width - rw - 2 : r.width - 1
            let room = end - x - 3
            if room >= 12 {
                grid.put(" · " + LoadingBar.text(l, width: room, unicode: s.ui.unicode), x: x, y: r.y, role: .titleBar, style: [.bold])
            }
        }
    }

    static func statusLine(_ grid: inout CellGrid, _ s: AppState, _ r: Rect) {
        grid.fill(r, with: Cell(" ", role: .status))
        var x = r.x
        if let m = s.ui.message, !m.isEmpty {
            x += grid.put(" " + m + " ", x: x, y: r.y, role: .warning, style: [.bold], maxWidth: r.width)
        }
        for (key, what) in keys(s) {
            let need = TextWidth.of(key) + TextWidth.of(what) + 3
            guard x + need <= r.width else { break }
            x += grid.put(" " + key, x: x, y: r.y, role: .statusKey, style: [.bold])
            x += grid.put(" " + what + " ", x: x, y: r.y, role: .status)
        }
    }

    /// The keys that work right now, most useful first (the line is cut at the screen's width).
    static func keys(_ s: AppState) -> [(String, String)] {
        switch s.topOverlay {
        case .help?, .notice?: return [("Esc", "close")]
        case .menu?: return [("↑↓", "move"), ("Enter", "open"), ("Esc", "close")]
        case .textInput?: return [("type", "to filter"), ("Enter", "keep"), ("Esc", "undo"), ("^U", "clear")]
        case .sessions(let d)?:
            if d.filtering { return [("type", "to filter"), ("Enter", "keep"), ("Esc", "clear")] }
            return [("Enter", "load"), ("s", "save into"), ("n", "new"), ("d", "delete"), ("y", "copy link"), ("t", "share on/off"), ("L", "new link"), ("r", "rename"), ("/", "filter"), ("Esc", "close")]
        case .sessionForm?: return [("Tab", "name/shareable"), ("Space", "tick"), ("Enter", "save"), ("Esc", "cancel")]
        case .rename?: return [("Enter", "rename"), ("Esc", "cancel")]
        case .confirm?: return [("y", "yes"), ("n", "no"), ("Tab", "switch"), ("Enter", "press")]
        case .themes?: return [("↑↓", "preview"), ("Enter", "choose"), ("Esc", "back")]
        case .form?: return [("Tab", "field"), ("Space", "choose"), ("Enter", "apply"), ("Esc", "cancel")]
        case .thresholds?: return [("a", "add"), ("Enter", "edit"), ("Space", "apply"), ("d", "delete"), ("Esc", "close")]
        case nil: break
        }
        let tail = [("Tab", "pane"), ("m", "menu"), ("?", "help"), ("q", "quit")]
        switch s.ui.focus {
        case .series:
            return [("j/k", "move"), ("Space", "select"), ("/", "filter")] + tail + [("S", "sessions"), ("F", "filters"), ("T", "thresholds"), ("p", "plot type"), ("a", "aggregate")]
        case .plot:
            return [("+/-", "zoom"), ("h/l", "pan"), ("p", "type"), ("a", "aggregate"), ("f", "mean/min/max"), ("0", "reset")] + tail
        case .map:
            return [("hjkl", "pan"), ("+/-", "zoom"), ("H", "heat-map"), ("[ ]", "radius"), ("{ }", "intensity"), ("c", "ramp"), ("b", "series"), ("0", "reset")] + tail
        case .dashboard:
            return [("j/k", "panel"), ("n", "add"), ("d", "remove"), ("J/K", "move"), ("t", "kind"), ("b", "bind")] + tail
        }
    }
}
