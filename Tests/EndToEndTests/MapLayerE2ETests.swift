import Foundation
import Testing

/// The map layer in a real terminal: `g` shows and hides it, the choice outlives the program,
/// and a missing or damaged layer file leaves a working map and a sentence saying why.
@Suite("Map layer", .timeLimit(.minutes(2)))
struct MapLayerE2ETests {
    /// Focuses the map pane and zooms out from the sample's streets to the country around them.
    static func lookAtTheMap(_ tmux: TmuxSession) async throws {
        try tmux.send("Tab", "Tab")
        try await tmux.waitUntil("the map pane focused") { $0.contains("hjkl pan") }
        for _ in 0..<6 { try tmux.send("-") }
        try await tmux.waitUntil("zoomed out") { $0.contains("zoom -6") }
    }

    /// Names of the largest places near the sample data, and the scale bar.
    static func showsLayer(_ s: Screen) -> Bool { (s.contains("·Amsterdam") || s.contains("Amsterdam·")) && hasScaleBar(s) }

    static func hasScaleBar(_ s: Screen) -> Bool { s.text.range(of: "┤ [0-9.]+ km", options: .regularExpression) != nil }

    /// The viewer on the sample data, looking at the map with its layer drawn.
    static func onTheMap(home: TemporaryDirectory) async throws -> TmuxSession {
        let tmux = try TmuxSession(["--library", "lib.sqlite"], width: 200, height: 50, home: home)
        try await waitForViewer(tmux)
        try await lookAtTheMap(tmux)
        _ = try await tmux.waitUntil("the layer's names and scale bar") { showsLayer($0) }
        return tmux
    }

    @Test("g hides and shows the layer, and the choice survives a restart")
    func toggleIsRememberedForTheUser() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let tmux = try await Self.onTheMap(home: home)
        try tmux.send("g")
        var screen = try await tmux.waitUntil("the layer gone") { !Self.showsLayer($0) && $0.contains("map layer off") }
        #expect(!Self.hasScaleBar(screen) && !screen.contains("Amsterdam"), "the layer stayed:\n\(screen.dump)")
        try tmux.send("q")
        _ = try await tmux.waitForExit()
        tmux.kill()

        let again = try TmuxSession(["--library", "lib.sqlite", "--fresh"], width: 200, height: 50, home: home)
        try await waitForViewer(again)
        try await Self.lookAtTheMap(again)
        screen = try again.screen()
        #expect(!Self.showsLayer(screen), "the layer came back after a restart:\n\(screen.dump)")
        try again.send("g")
        try await again.waitUntil("the layer back") { Self.showsLayer($0) && $0.contains("map layer on") }
    }

    /// Braille dots drawn in the dark theme's water colour (256-colour 24): lakes and rivers.
    static func waterDots(_ escaped: String) -> Int {
        escaped.components(separatedBy: "\u{1B}[").filter { part in
            part.hasPrefix("38;5;24m") && part.dropFirst(8).unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
        }.count
    }

    @Test("the sample's country shows its rivers and lakes in the water colour; g hides them with the rest")
    func riversAndLakesInTheirOwnColour() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let tmux = try await Self.onTheMap(home: home)
        var escaped = try tmux.screenWithEscapes()
        let deadline = Date().addingTimeInterval(10)
        while Self.waterDots(escaped) == 0 && Date() < deadline {
            try await Task.sleep(nanoseconds: 100_000_000)
            escaped = try tmux.screenWithEscapes()
        }
        let shown = try tmux.screen()
        #expect(Self.waterDots(escaped) > 0, "no water-coloured dots:\n\(shown.dump)")
        try tmux.send("g")
        _ = try await tmux.waitUntil("the layer gone") { $0.contains("map layer off") }
        #expect(Self.waterDots(try tmux.screenWithEscapes()) == 0, "water dots stayed with the layer off")
    }

    @Test("a damaged or missing layer file: the map still works and the status line says why", arguments: [
        ("damaged", "is damaged (not a map layer file)"),
        ("missing", "cannot be read"),
    ])
    func brokenLayerFile(kind: String, reason: String) async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let path = kind == "damaged" ? try home.write("layer.dvmap", "time,value\n1,2\n") : home.url.appendingPathComponent("none.dvmap").path
        let tmux = try TmuxSession(["--library", "lib.sqlite"], width: 200, height: 50,
                                   environment: ["DATAVIEWER_MAP_LAYER": path], home: home)
        // The data is read in the background: zooming needs its positions, so wait for them too.
        let first = try await tmux.waitUntil("the data read and the layer refused", timeout: .seconds(30)) {
            $0.contains("map layer off") && !$0.isReading
        }
        #expect((first.lines.last ?? "").contains(reason), "\(first.dump)")
        try await Self.lookAtTheMap(tmux)
        // Positions are still drawn (braille dots in the map pane), with no layer under them.
        var screen = try tmux.screen()
        #expect(screen.contains("Map 52.") && !Self.showsLayer(screen), "\(screen.dump)")
        try tmux.send("g")
        screen = try await tmux.waitFor("map layer off")
        #expect((screen.lines.last ?? "").contains(reason), "\(screen.dump)")
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    /// `render` reads the layer beside the data and waits for it: the bundled layer is drawn (place
    /// names, scale bar); a damaged or missing one leaves the map without it, and render still
    /// prints its view and exits 0.
    @Test("render draws the layer it read beside the data; a damaged or missing layer file leaves the map bare, exit 0",
          arguments: ["bundled", "damaged", "missing"])
    func renderWithTheLayer(kind: String) async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        var env: [String: String] = [:]
        if kind == "damaged" { env["DATAVIEWER_MAP_LAYER"] = try home.write("layer.dvmap", "DVMAPLAYER\u{1}broken") }
        if kind == "missing" { env["DATAVIEWER_MAP_LAYER"] = home.url.appendingPathComponent("none.dvmap").path }
        let r = try await Dataviewer.run(["render", "--size", "200x50", "--library", home.url.appendingPathComponent("lib.sqlite").path,
                                          Dataviewer.sampleData("city-air.csv.gz")], environment: env)
        #expect(r.status == 0, "stderr: \(r.stderrText)")
        let screen = Screen(r.stdoutText)
        #expect(screen.lines.count == 50, "\(screen.dump)")
        #expect(screen.contains("52.067…52.118°N"), "the map pane with its extent: \(screen.dump)")
        #expect(screen.contains("·Utrecht") == (kind == "bundled"), "\(screen.dump)")
        #expect(Self.hasScaleBar(screen) == (kind == "bundled"), "\(screen.dump)")
    }
}
