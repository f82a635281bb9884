import Foundation
import Testing

/// The pane's terminal modes that a full-screen program changes and must give back.
private func expectTerminalRestored(_ tmux: TmuxSession, _ screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(!screen.contains("☰"), "the viewer's screen is still shown after exit\(screen.dump)", sourceLocation: sourceLocation)
    #expect(!screen.hasBraille, "the viewer's plot is still shown after exit\(screen.dump)", sourceLocation: sourceLocation)
    let modes = [
        ("#{alternate_on}", "0", "still in the alternate screen"),
        ("#{cursor_flag}", "1", "the cursor is still hidden"),
        ("#{mouse_any_flag}", "0", "mouse reporting is still on"),
        ("#{keypad_cursor_flag}", "0", "application cursor keys are still on"),
    ]
    for (format, expected, problem) in modes {
        let value = try tmux.format(format)
        #expect(value == expected, "\(problem): \(format) is \(value)\(screen.dump)", sourceLocation: sourceLocation)
    }
}

@Suite("Terminal handling", .timeLimit(.minutes(1)))
struct TerminalTests {
    @Test("resizing 100×30 → 80×24 → 140×40 redraws at each size")
    func resize() async throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        var positions: [String: (row: Int, column: Int)] = [:]
        for (w, h) in [(100, 30), (80, 24), (140, 40)] {
            if w != 100 { try tmux.resize(width: w, height: h) }
            let s = try await tmux.waitUntil("a redraw at \(w)x\(h)", timeout: .seconds(30)) { s in
                // Row 1 holds the panes' top borders: it must reach the right edge exactly.
                s.lines.count == h && s.lines.count > 2 && Columns.width(s.lines[1]) == w
                    && ["┐", "┓"].contains(s.lines[1].last) && s.lines[0].contains("dataviewer")
                    && s.lines[h - 1].contains("q quit") && !s.isReading
            }
            for line in s.lines {
                #expect(Columns.width(line) <= w, "a line wider than \(w)\(s.dump)")
            }
            #expect(s.lines[h - 2].last == "┘" || s.lines[h - 2].last == "┛", "the bottom border should end at the edge\(s.dump)")
            positions["\(w)x\(h)"] = try #require(s.position(of: "Dashboard"), "\(s.dump)")
        }
        // The dashboard pane moves with the size.
        let p = positions.values.map { "\($0.row),\($0.column)" }
        #expect(Set(p).count == 3, "Dashboard at \(positions)")
        let after = try tmux.screen()
        #expect(after.exitStatus == nil, "the viewer ended while resizing\(after.dump)")
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test("q quits with status 0 and gives the terminal back")
    func quitRestoresTerminal() async throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        try await waitForViewer(tmux)
        let alternate = try tmux.format("#{alternate_on}")
        #expect(alternate == "1", "the viewer should use the alternate screen")
        try tmux.send("q")
        let status = try await tmux.waitForExit()
        let screen = try tmux.screen()
        #expect(status == 0, "\(screen.dump)")
        #expect(screen.contains("EXIT=0"), "\(screen.dump)")
        try expectTerminalRestored(tmux, screen)
    }

    @Test("SIGTERM ends the viewer with a non-zero status and restores the terminal")
    func sigtermRestoresTerminal() async throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        try await waitForViewer(tmux)
        try tmux.signal(SIGTERM)
        let status = try await tmux.waitForExit()
        let screen = try tmux.screen()
        #expect(status != 0, "\(screen.dump)")
        #expect(status == 128 + SIGTERM, "expected 143 (128+SIGTERM)\(screen.dump)")
        try expectTerminalRestored(tmux, screen)
    }

    @Test("Ctrl-C ends the viewer with a non-zero status and restores the terminal")
    func ctrlCRestoresTerminal() async throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        try await waitForViewer(tmux)
        try tmux.send("C-c")
        let status = try await tmux.waitForExit()
        let screen = try tmux.screen()
        #expect(status != 0, "\(screen.dump)")
        try expectTerminalRestored(tmux, screen)
    }

    @Test("without a UTF-8 locale, or with DATAVIEWER_ASCII=1, the screen is plain ASCII stand-ins",
          arguments: [
              ["LANG": "en_US.ISO-8859-1"],
              ["LANG": "C.UTF-8", "DATAVIEWER_ASCII": "1"],
          ])
    func asciiFallback(environment: [String: String]) async throws {
        try await expectASCIIScreen(environment: environment)
    }

    /// POSIX: a set but empty LC_ALL counts as unset, so LANG decides.
    @Test("LANG=en_US.ISO-8859-1 with LC_ALL set but empty is still ASCII")
    func asciiFallbackWithEmptyLCALL() async throws {
        try await expectASCIIScreen(environment: ["LANG": "en_US.ISO-8859-1", "LC_ALL": ""])
    }

    private func expectASCIIScreen(environment: [String: String]) async throws {
        let tmux = try TmuxSession(width: 100, height: 30, environment: environment)
        let screen = try await waitForViewer(tmux)
        let title = try #require(screen.lines.first)
        #expect(title.hasPrefix(" = dataviewer"), "\(environment): the title should start with = \(screen.dump)")
        #expect(!screen.contains("☰"), "\(environment)\(screen.dump)")
        #expect(!screen.hasBraille, "\(environment): braille on screen\(screen.dump)")
        let plot = screen.plotPane.joined()
        #expect(plot.contains(":") || plot.contains(".") || plot.contains("'"), "\(environment): no dots in the plot\(screen.dump)")
    }
}
