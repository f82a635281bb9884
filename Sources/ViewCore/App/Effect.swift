/// Work the reducer asks the program to do (library, clipboard, data). Results come back as actions.
public enum Effect: Equatable, Sendable {
    case listSessions
    case saveSession(name: String, shareable: Bool?, overwrite: Bool)
    case loadSession(name: String)
    case deleteSession(name: String)
    case renameSession(from: String, to: String)
    case copyToClipboard(text: String, what: String)
    case setShareable(name: String, on: Bool)
    case replaceLink(name: String)
    case listThemes
    case saveTheme(name: String)
    case history(HistoryEffect)
    /// Write the current view as a PNG chart in the working directory.
    case exportView
    /// Remembers for the user whether the map layer is shown (a preference, like the theme).
    case saveMapLayer(on: Bool)
}
