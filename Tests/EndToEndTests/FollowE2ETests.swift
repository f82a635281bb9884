import Foundation
import Testing

/// Live data: the viewer follows its files like `tail -f`. Rows appended to an
/// open CSV appear within about a second, new series join the list, a truncated or replaced file is
/// read again, and relative time windows move with the data.
@Suite("Following data files", .timeLimit(.minutes(2)))
struct FollowE2ETests {
    /// How long appended data may take to show (the viewer polls every 0.5 s).
    static let followTimeout: Duration = .seconds(2)

    /// Waits (from now) for `condition` and returns the screen and how long it took.
    private func waitForData(_ tmux: TmuxSession, _ what: String, timeout: Duration = followTimeout,
                             sourceLocation: SourceLocation = #_sourceLocation,
                             _ condition: @escaping (Screen) -> Bool) async throws -> (Screen, Duration) {
        let clock = ContinuousClock()
        let t0 = clock.now
        let s = try await tmux.waitUntil(what, timeout: timeout, sourceLocation: sourceLocation) { condition($0) }
        return (s, clock.now - t0)
    }

    @Test("rows appended to the open CSV, with a new series, appear within 2 s: the list grows and the status says so")
    func appendedRowsAndNewSeries() async throws {
        let world = try LiveWorld()
        let data = try world.write("live.csv", LiveE2E.header + LiveE2E.rows(hours: 0..<6, stations: [0], phenomena: ["PM10"]))
        let (tmux, start) = try await world.viewer([data])
        #expect(start.seriesRows.map(\.name) == ["Alpha · PM10 (µg/m³)"], "\(start.dump)")
        #expect(LiveE2E.paneTitle(start, "Plot")?.contains("5 h") == true, "\(start.dump)")

        // Three more hours for Alpha, and a new station: 6 rows, 1 new series.
        try LiveE2E.append(data, LiveE2E.rows(hours: 6..<9, stations: [0, 1], phenomena: ["PM10"]))
        let (grown, took) = try await waitForData(tmux, "Bravo · PM10 in the list") { $0.seriesRows.count == 2 }
        #expect(grown.seriesRows.map(\.name) == ["Alpha · PM10 (µg/m³)", "Bravo · PM10 (µg/m³)"], "after \(took)\(grown.dump)")
        let status = try await tmux.waitFor("+6 measurements, 1 new series", timeout: .seconds(1))
        #expect(status.lines.last?.contains("+6 measurements, 1 new series") == true, "\(status.dump)")
        // The plot follows the data: Alpha now spans 8 h.
        let plot = try await tmux.waitUntil("the plot to span 8 h", timeout: .seconds(1)) { LiveE2E.paneTitle($0, "Plot")?.contains("8 h") == true }
        #expect(plot.legend.first?.hasPrefix("Alpha · PM10") == true, "the selection is kept\(plot.dump)")
        #expect(plot.seriesRows.first { $0.name.hasPrefix("Bravo") }?.selected == false, "\(plot.dump)")

        // The new series is a series like any other.
        try await LiveE2E.cursorTo(tmux, series: "Bravo · PM10")
        try await LiveE2E.press(tmux, ["Space"], until: "Bravo · PM10 plotted") { $0.legend.contains { $0.hasPrefix("Bravo · PM10") } }
    }

    @Test("a half-written line is not read until its newline arrives: no skipped row, no invented value")
    func partialLineWaitsForNewline() async throws {
        let world = try LiveWorld()
        let data = try world.write("live.csv", LiveE2E.header + LiveE2E.rows(hours: 0..<6, stations: [0], phenomena: ["PM10"]))
        let (tmux, start) = try await world.viewer([data], width: 160, height: 45)
        let stats = { (s: Screen) in s.lines.first { $0.contains(" n ") && $0.contains("last ") } ?? "" }
        #expect(stats(start).contains("n 6"), "\(stats(start))\(start.dump)")

        // The logger writes "…,4" and only later "2,µg/m³,…\n": the value is 42, not 4.
        let line = "\(LiveE2E.time(hour: 6)),Alpha,PM10,42,µg/m³,52.0900,5.1000\n"
        let split = line.range(of: ",42,")!.lowerBound
        let head = String(line[..<line.index(split, offsetBy: 2)]) // "…,PM10,4"
        let tail = String(line[line.index(split, offsetBy: 2)...]) // "2,µg/m³,…\n"
        try LiveE2E.append(data, head)
        try await Task.sleep(for: .milliseconds(1500))
        let waiting = try tmux.screen()
        #expect(stats(waiting).contains("n 6"), "a line without its newline must not be read yet: \(stats(waiting))\(waiting.dump)")
        #expect(!waiting.contains("skipped") && !waiting.contains("Skipped"), "\(waiting.dump)")

        try LiveE2E.append(data, tail)
        let (done, _) = try await waitForData(tmux, "the completed line") { stats($0).contains("n 7") }
        #expect(stats(done).contains("last 42"), "the value is 42: \(stats(done))\(done.dump)")
        #expect(!done.contains("skipped") && !done.contains("Skipped"), "\(done.dump)")
        #expect(done.lines.last?.contains("+1 measurement") == true, "\(done.dump)")
    }

    @Test("two files open, one replaced: only that one is read again (the status says so), the other's series stay")
    func ofTwoFilesOnlyTheReplacedOneIsReadAgain() async throws {
        let world = try LiveWorld()
        let a = try world.write("a.csv", LiveE2E.header + LiveE2E.rows(hours: 0..<6, stations: [0], phenomena: ["PM10"]))
        let b = try world.write("b.csv", LiveE2E.header + LiveE2E.rows(hours: 0..<6, stations: [1], phenomena: ["NO2"]))
        let (tmux, start) = try await world.viewer([a, b])
        #expect(start.seriesRows.map(\.name) == ["Alpha · PM10 (µg/m³)", "Bravo · NO2 (µg/m³)"], "\(start.dump)")

        try LiveE2E.replaceByRename(b, LiveE2E.header + LiveE2E.rows(hours: 0..<3, stations: [2], phenomena: ["temperature"]))
        let (replaced, took) = try await waitForData(tmux, "b.csv read again") {
            $0.seriesRows.map(\.name) == ["Alpha · PM10 (µg/m³)", "Charlie · temperature (°C)"]
        }
        let status = try await tmux.waitFor("b.csv changed on disk: read it again (the other 1 kept)", timeout: .seconds(1))
        #expect(status.lines.last?.contains("b.csv changed on disk: read it again (the other 1 kept)") == true, "after \(took)\(status.dump)")
        #expect(!replaced.contains("Bravo"), "\(replaced.dump)")

        // Both are still followed: rows appended to a.csv arrive as before.
        try LiveE2E.append(a, LiveE2E.rows(hours: 6..<8, stations: [0], phenomena: ["PM10"]))
        let grown = try await tmux.waitFor("+2 measurements", timeout: .seconds(2))
        #expect(grown.seriesRows.count == 2, "\(grown.dump)")
    }

    @Test("truncating the file and writing other data into it reloads it; so does replacing it by rename")
    func truncateAndReplaceReload() async throws {
        let world = try LiveWorld()
        let data = try world.write("live.csv", LiveE2E.header + LiveE2E.rows(hours: 0..<6, stations: [0], phenomena: ["PM10"]))
        let (tmux, start) = try await world.viewer([data])
        #expect(start.seriesRows.map(\.name) == ["Alpha · PM10 (µg/m³)"], "\(start.dump)")

        // Same inode, shorter contents, other series.
        try LiveE2E.truncateAndWrite(data, LiveE2E.header + LiveE2E.rows(hours: 0..<4, stations: [2], phenomena: ["NO2"]))
        let (reloaded, took) = try await waitForData(tmux, "the file read again") {
            $0.seriesRows.map(\.name) == ["Charlie · NO2 (µg/m³)"]
        }
        #expect(LiveE2E.paneTitle(reloaded, "Series")?.hasSuffix("/1") == true, "after \(took)\(reloaded.dump)")
        #expect(!reloaded.contains("Alpha"), "nothing of the old contents may stay\(reloaded.dump)")

        // And it is followed again from there.
        try LiveE2E.append(data, LiveE2E.rows(hours: 4..<5, stations: [2, 3], phenomena: ["NO2"]))
        try await waitForData(tmux, "Delta · NO2 appended after the reload") { $0.seriesRows.count == 2 }

        // A new file renamed over the old one (what editors and `mv` do).
        try LiveE2E.replaceByRename(data, LiveE2E.header + LiveE2E.rows(hours: 0..<3, stations: [1], phenomena: ["temperature"]))
        let (replaced, _) = try await waitForData(tmux, "the replaced file read") {
            $0.seriesRows.map(\.name) == ["Bravo · temperature (°C)"]
        }
        #expect(!replaced.contains("Charlie") && !replaced.contains("Delta"), "\(replaced.dump)")
        try LiveE2E.append(data, LiveE2E.rows(hours: 3..<4, stations: [1, 2], phenomena: ["temperature"]))
        try await waitForData(tmux, "rows appended to the replacing file") { $0.seriesRows.count == 2 }
    }

    @Test("a relative window (last 24 h) moves with appended data: the span and the count stay, the latest time moves")
    func relativeWindowMoves() async throws {
        let world = try LiveWorld()
        let data = try world.write("live.csv", LiveE2E.header + LiveE2E.rows(hours: 0..<72, stations: [0], phenomena: ["PM10"]))
        let (tmux, _) = try await world.viewer([data], width: 160, height: 45)
        try await LiveE2E.press(tmux, ["F"], until: "the filter form") { $0.contains("Series & filters") }
        let choice = try await LiveE2E.chooseTimeWindow(tmux, "last 24 h")
        try #require(choice == "last 24 h")
        let windowed = try await LiveE2E.press(tmux, ["Enter"], until: "a 24 h plot") { LiveE2E.paneTitle($0, "Plot")?.contains("24 h") == true }
        let stats = { (s: Screen) in s.lines.first { $0.contains(" n ") && $0.contains("last ") } ?? "" }
        let count = { (s: Screen) -> Int? in
            guard let r = stats(s).range(of: " n ") else { return nil }
            return Int(stats(s)[r.upperBound...].prefix { $0.isNumber })
        }
        let n0 = try #require(count(windowed), "\(windowed.dump)")
        #expect(n0 == 24 || n0 == 25, "\(stats(windowed))")
        #expect(windowed.contains("2026-11-03 23:00"), "the latest reading\(windowed.dump)")
        let axis = { (s: Screen) in s.plotPane.first { $0.contains("└") && !$0.contains("└─") } ?? "" }

        try LiveE2E.append(data, LiveE2E.rows(hours: 72..<96, stations: [0], phenomena: ["PM10"]))
        let (moved, _) = try await waitForData(tmux, "the latest reading to move") { $0.contains("2026-11-04 23:00") }
        let settled = try await tmux.waitUntil("the frame after the data", quiet: LiveE2E.quiet) { _ in true }
        #expect(LiveE2E.paneTitle(settled, "Plot")?.contains("24 h") == true, "\(settled.dump)")
        #expect(count(settled) == n0, "the window should still hold one day: \(stats(settled))\(settled.dump)")
        #expect(axis(settled) != axis(windowed), "the time axis should move with the window\(moved.dump)")
        let expectedLast = LiveE2E.pm10(station: 0, hour: 95)
        #expect(stats(settled).contains("last \(expectedLast) "), "\(stats(settled))")
    }
}
