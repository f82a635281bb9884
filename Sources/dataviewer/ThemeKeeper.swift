import Effects
import Foundation
import Terminal
import Themes
import ViewCore

/// Keeps the screen's colours in step with the state's theme name. A theme's file is read on the
/// effect runner (the input thread never waits on the disk); `.themes(.loaded)` comes back when it
/// is there, and `take` hands the theme over on the run loop's thread.
final class ThemeKeeper: @unchecked Sendable {
    private let loader = ThemeLoader()
    /// The name last asked for (run loop's thread only).
    private var asked: String?
    private(set) var current = Theme.builtIn
    private let lock = NSLock()
    private var ready: (name: String, theme: Theme)?

    /// Asks for the theme when the name changed since the last time.
    func want(_ name: String, runner: EffectRunner) {
        guard name != asked else { return }
        asked = name
        let loader = loader
        runner.run { [self] in
            do {
                let theme = try loader.load(name)
                lock.withLock { ready = (name, theme) }
                return .action(.themes(.loaded(name: name, problem: nil)))
            } catch {
                // A broken file is a sentence naming file, line and key; the default theme is used.
                lock.withLock { ready = (name, .builtIn) }
                return .action(.themes(.loaded(name: name, problem: "\(error)")))
            }
        }
    }

    /// The theme read for `name`, if it is still the one wanted (a picker moving on drops older ones).
    func take(_ name: String) -> Theme? {
        lock.withLock {
            guard let r = ready, r.name == name, name == asked else { return nil }
            ready = nil
            current = r.theme
            return r.theme
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
