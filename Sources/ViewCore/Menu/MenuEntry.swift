/// Entries of the ☰ menu, in order.
public enum MenuEntry: String, CaseIterable, Sendable {
    case sessions = "Sessions"
    case series = "Series & filters"
    case thresholds = "Thresholds"
    case dashboard = "Dashboard"
    case plot = "Plot"
    case map = "Map"
    case theme = "Theme"
    case help = "Help"
    case quit = "Quit"

    /// The letter that chooses the entry while the menu is open (shown beside it).
    public var hotkey: Character {
        switch self {
        case .sessions: return "s"
        case .series: return "f"
        case .thresholds: return "t"
        case .dashboard: return "d"
        case .plot: return "p"
        case .map: return "a"
        case .theme: return "e"
        case .help: return "h"
        case .quit: return "q"
        }
    }
}
