/// Every key, for the `?` overlay (kept beside the key map it describes).
public enum HelpText {
    public static let lines: [(key: String, what: String)] = [
        ("m  F10  click ☰", "open the menu"),
        ("Tab  Shift-Tab", "next / previous pane"),
        ("j k  ↑ ↓", "move in the series list"),
        ("Space  Enter", "select or unselect the series"),
        ("/", "filter the series list (Esc undoes)"),
        ("c", "clear the selection"),
        ("S", "sessions: save, load, share, delete"),
        ("F", "filters: text, phenomenon, station, time, values"),
        ("T", "thresholds: add, edit, apply, delete"),
        ("p", "plot type: line, scatter, bar, step"),
        ("a", "aggregate: raw, minute, hour, day"),
        ("f", "aggregate by mean, min or max"),
        ("+ -  wheel", "zoom the plot in time"),
        ("< >  h l", "pan the plot (h l in the plot pane)"),
        ("0", "show the whole time range"),
        ("Y", "plot y axis: automatic or fixed"),
        ("L", "legend on/off"),
        ("map: hjkl + - 0", "pan, zoom, reset the map"),
        ("map: H [ ] { } c b", "heat-map, radius, intensity, ramp, series"),
        ("dash: j k n d", "choose, add, remove a panel"),
        ("dash: J K t b", "move, change kind, bind to a series"),
        ("u  Ctrl-R", "undo, redo view changes"),
        ("?", "this help (j k scroll)"),
        ("q", "quit (the view is saved)"),
    ]
}
