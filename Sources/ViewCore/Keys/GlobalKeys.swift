/// Keys of the main screen that work from every pane (a pane's own keys are tried first).
/// The plot keys are here: the plot is what people look at, whichever pane has the focus.
enum GlobalKeys {
    static let table = KeyTable("Everywhere", [
        KeyBinding([.char("/")], "/", "filter the series list (Esc undoes)", hint: Hint("/", "filter", panes: [.series])) { _, s in
            let t = s.settings.series.filter.text
            return [.app(.focus(.series)), .app(.open(.textInput(TextInput(purpose: .seriesFilter, text: t, original: t))))]
        },
        KeyBinding([.char("+"), .char("="), .char("-")], "+ -  wheel", "zoom the plot in time", hint: Hint("+/-", "zoom", panes: [.plot])) { k, _ in
            [.plot(.zoom(factor: k == .char("-") ? 2 : 0.5))]
        },
        KeyBinding([.tab, .backTab], "Tab  Shift-Tab", "next / previous pane", hint: Hint("Tab", "pane")) { k, _ in
            [.app(.focusNext(forward: k == .tab))]
        },
        KeyBinding([.char("m"), .function(10)], "m  F10  click ☰", "open the menu", hint: Hint("m", "menu"), does: [.menu(.open)]),
        KeyBinding([.char("?"), .function(1)], "?  F1", "this help (j k scroll)", hint: Hint("?", "help"), does: [.menu(.openHelp)]),
        KeyBinding([.char("q")], "q", "quit (the view is saved)", hint: Hint("q", "quit"), does: [.app(.quit)]),
        KeyBinding([.char("S")], "S", "sessions: save, load, share, delete", hint: Hint("S", "sessions", panes: [.series]), does: [.sessions(.open)]),
        KeyBinding([.char("F")], "F", "filters: text, phenomenon, station, time, values", hint: Hint("F", "filters", panes: [.series])) { _, s in
            [.form(.open(FilterForm.make(s)))]
        },
        KeyBinding([.char("T")], "T", "thresholds: add, edit, apply, delete", hint: Hint("T", "thresholds", panes: [.series]),
                   does: [.thresholds(.open)]),
        KeyBinding([.char("p")], "p", "plot type: line, scatter, bar, step", hint: Hint("p", "plot type", panes: [.series, .plot]),
                   does: [.plot(.cycleStyle)]),
        KeyBinding([.char("a")], "a", "aggregate: raw, minute, hour, day", hint: Hint("a", "aggregate", panes: [.series, .plot]),
                   does: [.plot(.cycleBucket)]),
        KeyBinding([.char("f")], "f", "aggregate by mean, min or max", hint: Hint("f", "mean/min/max", panes: [.plot]),
                   does: [.plot(.cycleReduce)]),
        KeyBinding([.char("<"), .char(","), .char(">"), .char(".")], "< >  , .", "pan the plot in time") { k, _ in
            [.plot(.pan(fraction: k == .char("<") || k == .char(",") ? -0.25 : 0.25))]
        },
        KeyBinding([.char("0")], "0", "show the whole time range", hint: Hint("0", "reset", panes: [.plot]), does: [.plot(.resetView)]),
        KeyBinding([.char("Y")], "Y", "plot y axis: automatic or fixed") { _, s in [.form(.open(YRangeForm.make(s)))] },
        KeyBinding([.char("L")], "L", "legend on/off", does: [.plot(.toggleLegend)]),
        KeyBinding([.char("A")], "A", "y axes: by unit, one shared, stacked", hint: Hint("A", "axes", panes: [.plot]),
                   does: [.plot(.cycleAxes)]),
        KeyBinding([.char("e")], "e", "export the view as a PNG file", hint: Hint("e", "export", panes: [.plot]), does: [.app(.exportView)]),
        KeyBinding([.char("z")], "z", "time zone: local, UTC, a named zone", hint: Hint("z", "zone", panes: [.plot]),
                   does: [.plot(.cycleTimeZone)]),
        KeyBinding([.char("u"), .ctrl("r")], "u  Ctrl-R", "undo, redo view changes") { k, _ in [.app(k == .char("u") ? .undo : .redo)] },
        KeyBinding([.escape], "Esc", "back to the series pane") { _, s in s.ui.focus == .series ? [] : [.app(.focus(.series))] },
    ])
}
