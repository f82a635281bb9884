/// Keys of the series pane.
enum SeriesKeys {
    static let table = KeyTable("Series pane", [
        KeyBinding([.down, .char("j"), .up, .char("k")], "j k  ↑ ↓", "move in the series list", hint: Hint("j/k", "move")) { k, _ in
            [.series(.moveCursor(by: k == .down || k == .char("j") ? 1 : -1))]
        },
        KeyBinding([.pageDown, .ctrl("d"), .pageUp, .ctrl("u")], "PgDn PgUp  ^D ^U", "a page down / up") { k, s in
            let page = max(1, ScreenLayout(width: s.ui.width, height: s.ui.height).panes[.series]!.height - 2)
            return [.series(.moveCursor(by: k == .pageDown || k == .ctrl("d") ? page : -page))]
        },
        KeyBinding([.home, .char("g"), .end, .char("G")], "g G  Home End", "first / last series") { k, _ in
            [.series(.cursorTo(k == .home || k == .char("g") ? 0 : Int.max / 2))]
        },
        KeyBinding([.char(" "), .enter], "Space  Enter", "select or unselect the series", hint: Hint("Space", "select"),
                   does: [.series(.toggleAtCursor)]),
        KeyBinding([.char("c")], "c", "clear the selection", does: [.series(.clearSelection)]),
    ])

    /// The `/` field: typing narrows the list at once.
    static let filterField = KeyTable("Series filter", [
        KeyBinding([], "type", "narrow the list", hint: Hint("type", "to filter"), takesText: true) { k, s in
            guard case .textInput(var input)? = s.topOverlay, k != .ctrl("u"),
                  let t = TextEditing.edited(input.text, by: k, limit: 200) else { return nil }
            input.text = t
            return [.series(.editFilter(input))]
        },
        KeyBinding([.enter], "Enter", "keep the filter", hint: Hint("Enter", "keep"), does: [.series(.commitFilter)]),
        KeyBinding([.escape], "Esc", "undo the filter", hint: Hint("Esc", "undo"), does: [.app(.closeOverlay)]),
        KeyBinding([.ctrl("u")], "^U", "clear the filter", hint: Hint("^U", "clear")) { k, s in
            guard case .textInput(var input)? = s.topOverlay, let t = TextEditing.edited(input.text, by: k, limit: 200) else { return [] }
            input.text = t
            return [.series(.editFilter(input))]
        },
    ])
}
