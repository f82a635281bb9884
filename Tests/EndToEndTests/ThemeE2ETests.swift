import Foundation
import Testing

/// Colours in a real tmux pane: themes, NO_COLOR, a broken theme file.
@Suite("Themes and colour", .timeLimit(.minutes(1)))
struct ThemeE2ETests {
    /// SGR parameters that set a colour (30–38, 40–48, 90–97, 100–107; 39/49 only reset to the
    /// terminal's default, which tmux writes on its own) in `capture-pane -e` output.
    static func colourEscapes(_ s: String) -> Int {
        let sgr = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
        var n = 0
        for m in sgr.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            let params = (s as NSString).substring(with: m.range(at: 1)).split(separator: ";").compactMap { Int($0) }
            if params.contains(where: { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }) { n += 1 }
        }
        return n
    }

    @Test("the default theme draws in colour")
    func defaultHasColour() async throws {
        let tmux = try TmuxSession(["--library", "lib.sqlite"])
        try await waitForViewer(tmux)
        #expect(Self.colourEscapes(try tmux.screenWithEscapes()) > 10)
    }

    @Test("NO_COLOR and --no-color give no colour at all, but keep focus and selection visible", arguments: [
        (["--library", "lib.sqlite"], ["NO_COLOR": "1"]),
        (["--library", "lib.sqlite", "--no-color"], [String: String]()),
    ])
    func noColor(args: [String], env: [String: String]) async throws {
        let tmux = try TmuxSession(args, environment: env)
        try await waitForViewer(tmux)
        let escaped = try tmux.screenWithEscapes()
        #expect(Self.colourEscapes(escaped) == 0, "colour escapes under no-colour:\n\(escaped.prefix(400))")
        #expect(escaped.contains("\u{1B}[7m") || escaped.contains(";7m"), "no reverse video for the title bar and cursor")
        #expect(escaped.contains("\u{1B}[1m") || escaped.contains(";1m"), "no bold for the focused pane")
    }

    @Test("a broken theme names file, line and key, and the default theme is used")
    func brokenThemeFallsBack() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let path = try home.write("broken.toml", "name = \"broken\"\n[colors]\ntext = 252\naccent = \"#zzzzzz\"\n")
        let tmux = try TmuxSession(["--library", "lib.sqlite", "--theme", path], width: 200, home: home)
        let screen = try await tmux.waitFor("using the default theme", timeout: .seconds(30))
        let status = screen.lines.last ?? ""
        #expect(status.contains("broken.toml:4: key \"accent\""), "\(screen.dump)")
        #expect(status.contains("using the default theme"), "\(screen.dump)")
        #expect(Self.colourEscapes(try tmux.screenWithEscapes()) > 10)
    }

    @Test("☰ → Theme previews as the cursor moves and Esc goes back; Enter remembers it for the next start")
    func themeMenuPreviewsAndRemembers() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let tmux = try TmuxSession(["--library", "lib.sqlite"], home: home)
        try await waitForViewer(tmux)
        let dark = try tmux.screenWithEscapes()
        try tmux.send("m", "e")
        try await tmux.waitFor("previewed as you move")
        try tmux.send("Down")  // dark → high-contrast: the title bar turns yellow (226)
        try await tmux.waitUntil("the high-contrast title bar") { _ in try tmux.screenWithEscapes().contains("48;5;226") }
        try tmux.send("Escape")
        try await tmux.waitUntil("back to dark") { _ in !(try tmux.screenWithEscapes().contains("48;5;226")) }
        #expect(!dark.contains("48;5;226"))
        try tmux.send("m", "e")
        try await tmux.waitFor("previewed as you move")
        try tmux.send("Down", "Enter")
        try await tmux.waitFor("remembered for you")
        try tmux.send("q")
        _ = try await tmux.waitForExit()
        tmux.kill()
        let again = try TmuxSession(["--library", "lib.sqlite"], home: home)
        try await waitForViewer(again)
        #expect(try again.screenWithEscapes().contains("48;5;226"))
    }
}
