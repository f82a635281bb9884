import Foundation
import Testing

/// Waits until the viewer has drawn its first full screen (the status line's keys are there).
@discardableResult
func waitForViewer(_ tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
    // Loading the 19 MB sample takes about a second in a debug build; allow for parallel tests.
    try await tmux.waitUntil("the viewer's first screen", timeout: .seconds(30), sourceLocation: sourceLocation) {
        $0.contains("dataviewer") && $0.contains("q quit") && !$0.isReading
    }
}

@Suite("Viewer flows", .timeLimit(.minutes(1)))
struct ViewerFlowTests {
    @Test("no arguments: the sample data opens with series, a braille plot and the keys")
    func sampleDataOpens() async throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        let screen = try await waitForViewer(tmux)
        #expect(screen.lines.count == 30, "\(screen.dump)")
        let title = try #require(screen.lines.first)
        #expect(title.contains("☰"), "\(screen.dump)")
        #expect(title.contains("dataviewer"), "\(screen.dump)")
        #expect(title.contains("city-air.csv.gz"), "\(screen.dump)")
        #expect(screen.seriesTitle?.hasPrefix("Series") == true, "\(screen.dump)")
        #expect(screen.seriesRows.contains { $0.name.hasPrefix("Centrum · PM10") }, "\(screen.dump)")
        #expect(screen.seriesRows.count >= 10, "\(screen.dump)")
        #expect(Screen(screen.plotPane.joined(separator: "\n")).hasBraille, "no braille in the plot pane\(screen.dump)")
        #expect(screen.lines.last?.contains("q quit") == true, "\(screen.dump)")
    }

    @Test("Space on another series adds it to the plot and its legend; Space again removes it")
    func togglingASeriesChangesThePlot() async throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        try await waitForViewer(tmux)
        // The list opens with the cursor on the series it plots first; g goes to the top.
        try tmux.send("g")
        try await tmux.waitUntil("the cursor on the first series") { _ in try tmux.seriesCursor() == 0 }
        let start = try tmux.screen()
        let target = "Centrum · PM10"
        let rows = start.seriesRows
        let index = try #require(rows.firstIndex { $0.name.hasPrefix(target) }, "\(start.dump)")
        try #require(index > 0 && !rows[index].selected, "\(start.dump)")
        let legendBefore = start.legend
        #expect(!legendBefore.contains { $0.hasPrefix(target) }, "\(start.dump)")

        try tmux.send(Array(repeating: "j", count: index))
        try await tmux.waitUntil("the cursor on \(target)") { _ in try tmux.seriesCursor() == index }
        try tmux.send("Space")
        // Both conditions: a capture can land between two halves of one redraw.
        let added = try await tmux.waitUntil("\(target) in the legend and marked") {
            $0.legend.contains { $0.hasPrefix(target) } && $0.seriesRows.first { $0.name.hasPrefix(target) }?.selected == true
        }
        #expect(added.legend.count == legendBefore.count + 1, "legend before: \(legendBefore)\(added.dump)")
        #expect(added.plotPane != start.plotPane, "the plot pane did not change\(added.dump)")
        #expect(added.seriesRows.first { $0.name.hasPrefix(target) }?.selected == true, "\(added.dump)")
        if let title = added.seriesTitle, let before = start.seriesTitle {
            #expect(title != before, "the Series title should count the new selection\(added.dump)")
        }

        try tmux.send("Space")
        let removed = try await tmux.waitUntil("\(target) gone from the legend and unmarked") {
            !$0.legend.contains { $0.hasPrefix(target) } && $0.seriesRows.first { $0.name.hasPrefix(target) }?.selected == false
        }
        #expect(removed.legend == legendBefore, "\(removed.dump)")
        #expect(removed.seriesRows.first { $0.name.hasPrefix(target) }?.selected == false, "\(removed.dump)")
    }

    @Test("a wide CSV opens with one series per column, with units from the headers")
    func wideCSVOpens() async throws {
        let dir = try TemporaryDirectory(prefix: "dv-e2e-home")
        let file = try dir.write("wide.csv", DataFiles.wideCSV(rows: 50))
        let tmux = try TmuxSession([file], width: 100, height: 30, home: dir)
        let screen = try await waitForViewer(tmux)
        #expect(screen.lines.first?.contains("wide.csv") == true, "\(screen.dump)")
        let names = screen.seriesRows.map(\.name)
        #expect(names.count == 2, "\(screen.dump)")
        #expect(names.contains { $0.hasPrefix("temp") && $0.contains("(°C)") }, "\(screen.dump)")
        #expect(names.contains { $0.hasPrefix("humidity") && $0.contains("(%)") }, "\(screen.dump)")
        #expect(screen.seriesTitle?.hasSuffix("/2") == true, "\(screen.dump)")
        #expect(Screen(screen.plotPane.joined(separator: "\n")).hasBraille, "\(screen.dump)")
    }

    @Test("? opens the help with the keys, Esc closes it")
    func helpOverlay() async throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        let start = try await waitForViewer(tmux)
        #expect(!start.contains("Help"), "\(start.dump)")
        try tmux.send("?")
        let help = try await tmux.waitFor("Help")
        for line in ["open the menu", "select or unselect the series", "filter the series list", "quit"] {
            #expect(help.contains(line), "help lacks \"\(line)\"\(help.dump)")
        }
        #expect(help.lines.last?.contains("Esc") == true, "the status line should say Esc closes\(help.dump)")
        try tmux.send("Escape")
        let closed = try await tmux.waitUntil("the help to close") { !$0.contains("Help") }
        #expect(closed.seriesRows.map(\.name) == start.seriesRows.map(\.name), "\(closed.dump)")
        #expect(closed.lines.last?.contains("q quit") == true, "\(closed.dump)")
    }

    @Test("/ then typing pm10 narrows the series list to PM10; Esc restores it")
    func filterSeries() async throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        let start = try await waitForViewer(tmux)
        let all = start.seriesRows.map(\.name)
        #expect(all.contains { $0.contains("humidity") }, "\(start.dump)")

        try tmux.send("/")
        try tmux.type("pm10")
        // The list narrows while typing ("pm1" already leaves PM10 only): wait for the whole word.
        let filtered = try await tmux.waitUntil("only PM10 series listed under /pm10") { s in
            let rows = s.seriesRows
            return s.seriesTitle?.contains("pm10") == true && !rows.isEmpty
                && rows.allSatisfy { $0.name.localizedCaseInsensitiveContains("pm10") }
        }
        let names = filtered.seriesRows.map(\.name)
        #expect(names.count == 8, "7 stations and the bike measure PM10: \(names)\(filtered.dump)")
        #expect(names.contains { $0.hasPrefix("Centrum · PM10") }, "\(filtered.dump)")
        #expect(!names.contains { $0.contains("PM2.5") }, "\(filtered.dump)")

        try tmux.send("Escape")
        let restored = try await tmux.waitUntil("the full list back") { $0.seriesRows.contains { $0.name.contains("humidity") } }
        #expect(restored.seriesRows.map(\.name) == all, "\(restored.dump)")
        #expect(restored.seriesTitle?.contains("pm10") == false, "\(restored.dump)")
    }
}
