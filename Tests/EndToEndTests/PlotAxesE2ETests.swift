import Foundation
import Testing

/// One y axis per unit in the real viewer, and `A` to change the choice.
@Suite("Plot axes by unit", .timeLimit(.minutes(1)))
struct PlotAxesE2ETests {
    @Test("a second unit brings a right axis labelled with it; A shares one axis, then stacks, then back")
    func secondUnitAndTheAKey() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let data = try ExportE2ETests.data(in: home)
        let tmux = try TmuxSession([data, "--library", "lib.sqlite"], width: 120, height: 36, home: home)
        try await waitForViewer(tmux)
        #expect(!Self.hasRightAxis(try tmux.screen()), "one unit: no right axis")
        // The list is Centrum · PM10, Centrum · temperature, Zuilen · PM10; PM10 is plotted first.
        try tmux.send("j", "Space")
        var screen = try await tmux.waitUntil("a right axis") { Self.hasRightAxis($0) }
        #expect(screen.lines.contains { $0.contains("├°C") }, "the right axis says °C:\(screen.dump)")
        #expect(screen.lines.contains { $0.contains("│µg/m³┤") }, "the left axis says µg/m³:\(screen.dump)")
        try tmux.send("A")
        screen = try await tmux.waitFor("one shared y axis")
        #expect(!Self.hasRightAxis(screen), "shared: no right axis:\(screen.dump)")
        try tmux.send("A")
        screen = try await tmux.waitFor("one stacked plot per unit")
        #expect(screen.lines.contains { $0.contains("│°C") } && screen.lines.contains { $0.contains("│µg/m³") }, "\(screen.dump)")
        try tmux.send("A")
        _ = try await tmux.waitFor("axes by unit (automatic)")
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    /// A right axis's tick (`├°C`, `├ 12`); the map's scale bar (`├───┤ 5 km`) is not one.
    static func hasRightAxis(_ screen: Screen) -> Bool {
        screen.lines.contains { line in
            let chars = Array(line)
            return chars.indices.contains { chars[$0] == "├" && ($0 + 1 == chars.count || chars[$0 + 1] != "─") }
        }
    }
}
