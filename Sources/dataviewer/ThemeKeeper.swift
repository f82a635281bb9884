import Terminal
import Themes
import ViewCore

/// Keeps the screen's colours in step with the state's theme name. A theme is a small local file,
/// read at once so that the theme picker previews as the cursor moves.
final class ThemeKeeper {
    private let loader = ThemeLoader()
    private var applied: String?
    private(set) var current = Theme.builtIn

    /// Loads the theme when the name changed; a broken file is a sentence naming file, line and key.
    func update(_ name: String) -> (changed: Bool, message: Action?) {
        guard name != applied else { return (false, nil) }
        applied = name
        do {
            current = try loader.load(name)
            return (true, nil)
        } catch {
            current = .builtIn
            return (true, .app(.setMessage("using the default theme: \(error)")))
        }
    }

    /// The themes found, the current one first when it is not among them (reads a folder: runs on
    /// the effect runner).
    static func list(current name: String) -> [String] {
        var names = ThemeLoader().list().map(\.name)
        if !names.contains(name) { names.insert(name, at: 0) }
        return names
    }
}
