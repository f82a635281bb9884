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
        for h in KeyMap.hints(s) {
            let need = TextWidth.of(h.key) + TextWidth.of(h.word) + 3
            guard x + need <= r.width else { break }
            x += grid.put(" " + h.key, x: x, y: r.y, role: .statusKey, style: [.bold])
            x += grid.put(" " + h.word + " ", x: x, y: r.y, role: .status)
        }
    }
}
