import DataCore

/// The panes of the main screen, in `Tab` order.
public enum Pane: String, CaseIterable, Sendable, Codable {
    case series, plot, map, dashboard
    public var title: String {
        switch self {
        case .series: return "Series"
        case .plot: return "Plot"
        case .map: return "Map"
        case .dashboard: return "Dashboard"
        }
    }
}

/// Something drawn above the panes that takes the keys while it is open.
public enum Overlay: Equatable, Sendable {
    case help
    case menu(selected: Int)
    /// A one-line text field, e.g. the `/` series filter. Typing applies live.
    case textInput(TextInput)
    /// An honest "not yet" for parts that later issues bring.
    case notice(title: String, lines: [String])
    case sessions(SessionsDialog)
    case sessionHistory(HistoryDialog)
    case sessionForm(SessionForm)
    case rename(RenameForm)
    case confirm(Confirmation)
    case form(FieldForm)
    /// The thresholds list; `cursor` is the selected threshold.
    case thresholds(cursor: Int)
    case themes(ThemePicker)
}

public struct TextInput: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case seriesFilter }
    public var purpose: Purpose
    public var text: String
    /// The value before editing, restored by `Esc`.
    public var original: String
}

/// Screen state that is not part of a session: focus, cursor, overlays, messages.
public struct UIState: Equatable, Sendable {
    public var focus: Pane = .series
    /// Cursor in the visible (filtered) series list.
    public var cursor = 0
    /// First line of the help overlay shown (it scrolls on small terminals).
    public var helpScroll = 0
    /// Selected panel in the dashboard pane.
    public var panelCursor = 0
    public var overlays: [Overlay] = []
    public var message: String?
    public var width = 80
    public var height = 24
    /// False when the locale is not UTF-8: ASCII stand-ins for ☰, ✕, braille.
    public var unicode = true
    public var quitRequested = false
    /// The colour theme's name: a user preference, never part of a session.
    public var theme = "dark"
    /// The map layer is shown: a user preference like the theme.
    public var mapLayer = true
    /// Why the map layer cannot be drawn (its file is missing or damaged); nil when it can.
    public var mapLayerProblem: String?
    /// The map layer's file is still being read in the background: the map pane says so.
    public var mapLayerLoading = false
    /// The viewer's own time zone (from `TZ` or `/etc/localtime`), what the display zone `local` means.
    public var localZone = "UTC"
    /// The named zone of the view or session this start opened (a colleague's shared session has no
    /// saved copy here): `z` keeps offering it.
    public var pinnedZone: String?
    public init() {}
}

/// The one state value the whole view is drawn from.
public struct AppState: Equatable, Sendable {
    public var settings = ViewSettings()
    public var ui = UIState()
    /// The data's series and time range, refreshed by `.dataChanged` (the store itself stays outside).
    public var catalog: [SeriesInfo] = [] { didSet { catalogIndex = CatalogIndex(catalog) } }
    private(set) var catalogIndex = CatalogIndex()
    public var dataRange: ClosedRange<Int64>?
    public var positionBounds: GeoBounds?
    public var dataName = ""
    public var data = DataStatus()
    public var session = SessionStatus()
    public var history = UndoHistory()
    /// Effects asked for by the last actions; the program drains and performs them.
    public var outbox: [Effect] = []

    public init() {}

    /// Series shown in the series pane: the catalog narrowed by text, phenomenon and station filters.
    public var visibleSeries: [SeriesInfo] {
        let f = settings.series.filter
        if f.text.isEmpty && f.phenomenon == nil && f.station == nil { return catalog }
        let needle = f.text.lowercased()
        return catalog.indices.compactMap { i in catalogIndex.passes(i, catalog[i], f, needle: needle) ? catalog[i] : nil }
    }

    /// Selected series that exist in the data and pass the filters, in selection order.
    public var plottedSeries: [SeriesInfo] {
        let wanted = settings.series.selected
        guard !wanted.isEmpty else { return [] }
        let f = settings.series.filter, needle = f.text.lowercased()
        return wanted.compactMap { id in
            catalogIndex.position[id].flatMap { i in catalogIndex.passes(i, catalog[i], f, needle: needle) ? catalog[i] : nil }
        }
    }

    public var topOverlay: Overlay? { ui.overlays.last }

    /// The zone times are shown in, with its offsets.
    public var displayZone: ZoneTable { settings.plot.timeZone.table(localZone: ui.localZone) }

    /// `saved` when the view equals the session as last saved or loaded, else `modified`.
    public var sessionState: String {
        var parts: [String] = []
        if session.name != nil { parts.append(session.savedSettings == settings ? "saved" : "modified") }
        if let w = session.waiting { parts.append(w) }
        else if let a = session.autosaved { parts.append("autosaved \(a)") }
        return parts.joined(separator: " · ")
    }

    /// The series under the cursor in the visible list.
    public var cursorSeries: SeriesInfo? {
        let v = visibleSeries
        return v.indices.contains(ui.cursor) ? v[ui.cursor] : nil
    }

    mutating func replaceTop(_ o: Overlay) {
        if !ui.overlays.isEmpty { ui.overlays[ui.overlays.count - 1] = o }
    }
}

/// Where the user is on screen (focus and cursor): kept by autosave so a restart lands in the same place.
public struct ViewPlace: Codable, Equatable, Sendable {
    public var focus: Pane
    public var cursor: Int
    public var panelCursor: Int?
    public init(focus: Pane, cursor: Int, panelCursor: Int? = nil) {
        self.focus = focus
        self.cursor = cursor
        self.panelCursor = panelCursor
    }
}

extension AppState {
    public var place: ViewPlace { ViewPlace(focus: ui.focus, cursor: ui.cursor, panelCursor: ui.panelCursor) }
}
