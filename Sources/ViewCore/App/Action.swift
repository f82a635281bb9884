import DataCore

/// Every change to the state is one of these. The top level only says which part of the view an
/// action is for; each part's reducer applies its own enum (an unhandled case does not compile).
public enum Action: Equatable, Sendable {
    case app(AppAction)
    case data(DataAction)
    case menu(MenuAction)
    case series(SeriesAction)
    case form(FormAction)
    case thresholds(ThresholdsAction)
    case dashboard(DashboardAction)
    case plot(PlotAction)
    case map(MapAction)
    case themes(ThemesAction)
    case sessions(SessionAction)
}

/// The data, the screen, focus, the overlay stack and undo: what every part shares.
public enum AppAction: Equatable, Sendable {
    case resize(width: Int, height: Int)
    case setMessage(String?)
    /// The view was written to the library; `label` is the local time to show ("12:03:04").
    case autosaved(label: String)
    /// Autosaves not yet on a team library's server ("offline · 3 changes waiting"); nil when all arrived.
    case autosaveWaiting(String?)
    case quit
    case undo
    case redo
    case focus(Pane)
    case focusNext(forward: Bool)
    case open(Overlay)
    /// Closes the topmost overlay; a live-previewing one (the `/` filter, the theme picker) is undone first.
    case closeOverlay
    /// Draw the view into a picture file (the program does it and says where).
    case exportView
}
