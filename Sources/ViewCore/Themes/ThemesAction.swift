/// ☰ → Theme: a list of themes previewed as the cursor moves; a user preference, not part of sessions.
public enum ThemesAction: Equatable, Sendable {
    case open
    case listed([String])
    case move(by: Int)
    case choose
    /// The theme remembered for the user, read from the library after start (none given on the command line).
    case preferred(String)
    /// A theme's file has been read (off the input thread); `problem` says why the default is used instead.
    case loaded(name: String, problem: String?)
}

/// ☰ → Theme: the themes found, the cursor, and the theme to go back to on Esc.
public struct ThemePicker: Equatable, Sendable {
    public var names: [String]
    public var cursor: Int
    public var original: String
    public init(names: [String], cursor: Int, original: String) {
        self.names = names
        self.cursor = cursor
        self.original = original
    }
}

func reduceThemes(_ s: inout AppState, _ a: ThemesAction) {
    switch a {
    case .open:
        s.ui.overlays.append(.themes(ThemePicker(names: [s.ui.theme], cursor: 0, original: s.ui.theme)))
        s.outbox.append(.listThemes)
    case .listed(let names):
        guard case .themes(var p)? = s.topOverlay else { return }
        p.names = names
        p.cursor = names.firstIndex(of: s.ui.theme) ?? 0
        s.replaceTop(.themes(p))
    case .move(let d):
        guard case .themes(var p)? = s.topOverlay, !p.names.isEmpty else { return }
        p.cursor = max(0, min(p.names.count - 1, p.cursor + d))
        s.ui.theme = p.names[p.cursor]  // live preview
        s.replaceTop(.themes(p))
    case .choose:
        guard case .themes(let p)? = s.topOverlay, p.names.indices.contains(p.cursor) else { return }
        s.ui.overlays.removeLast()
        s.ui.theme = p.names[p.cursor]
        s.outbox.append(.saveTheme(name: s.ui.theme))
        s.ui.message = "theme \"\(s.ui.theme)\" (remembered for you, not saved in sessions)"
    case .preferred(let name):
        // A picker already open is the user's choice under way: it wins.
        guard !s.ui.overlays.contains(where: { if case .themes = $0 { return true } else { return false } }) else { return }
        s.ui.theme = name
    case let .loaded(name, problem):
        if let problem, name == s.ui.theme { s.ui.message = "using the default theme: \(problem)" }
    }
}
