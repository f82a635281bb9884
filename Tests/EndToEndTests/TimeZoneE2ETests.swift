import Foundation
import Testing

/// The display time zone in a real terminal: `z` changes the axis, and a session's pinned zone
/// travels with it to a colleague in another zone.
@Suite("Time zones", .timeLimit(.minutes(2)))
struct TimeZoneE2ETests {
    /// The plot's time axis: the row above the plot's bottom border that carries the zone's name.
    static func axis(_ screen: Screen, zone: String) -> String? {
        screen.lines.first { $0.contains("└") && $0.contains(zone) }
    }

    /// The viewer on the fixture's data, as `user`, with `TZ` set as that user's machine has it.
    func viewer(_ lib: E2ELibraryFixture, _ arguments: [String]? = nil, user: String, tz: String) async throws -> TmuxSession {
        let args = (arguments ?? [lib.data]) + ["--library", lib.library, "--user", user]
        let tmux = try TmuxSession(args, width: 120, height: 30, environment: ["TZ": tz], home: lib.home)
        try await tmux.waitUntil("the viewer's first screen", timeout: .seconds(30)) {
            $0.lines.count == 30 && $0.lines.first?.contains("dataviewer") == true && $0.contains(" Plot · ") && !$0.isReading
        }
        return tmux
    }

    /// Plot columns (after the value axis) that hold a braille dot in any of the plot's rows.
    static func dottedColumns(_ screen: Screen) -> [Int] {
        guard let top = screen.lines.firstIndex(where: { $0.contains(" Plot · ") }),
              let bottom = screen.lines.firstIndex(where: { $0.contains("└") && $0.contains("CEST") }), bottom > top else { return [] }
        var columns = Set<Int>()
        for line in screen.lines[(top + 1)..<bottom] {
            guard let axis = line.firstIndex(of: "┤") else { continue }
            for (k, ch) in line[line.index(after: axis)...].enumerated()
            where ch.unicodeScalars.first.map({ (0x2801...0x28FF).contains($0.value) }) == true { columns.insert(k) }
        }
        return columns.sorted()
    }

    @Test("minute means through the hour Berlin's clocks go back: the axis shows 02:00 twice and the line runs on unbroken")
    func minuteMeansThroughTheRepeatedHour() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        // Minute data, 2026-10-24 23:00 to 2026-10-25 03:00 UTC; the clocks go back at 01:00 UTC.
        var csv = "time,station,phenomenon,value\n"
        let start = Date(timeIntervalSince1970: 1_792_882_800)
        let format = ISO8601DateFormatter()
        for m in 0..<240 { csv += "\(format.string(from: start.addingTimeInterval(Double(m * 60)))),Harbour,NO2,\(30 + (m * 7) % 11)\n" }
        let path = try home.write("minutes.csv", csv)
        let tmux = try TmuxSession([path], width: 120, height: 30, environment: ["TZ": "Europe/Berlin"], home: home)
        let first = try await tmux.waitUntil("the plot") { $0.contains(" Plot · line") && !$0.isReading }
        if first.contains("was read") {
            try tmux.send("Escape")
            _ = try await tmux.waitUntil("the notice closed") { !$0.contains("was read") }
        }
        try tmux.send("a")
        let screen = try await tmux.waitUntil("minute means") { $0.contains("minute mean") && Self.axis($0, zone: "CEST/CET") != nil }
        let axis = try #require(Self.axis(screen, zone: "CEST/CET"), "\(screen.dump)")
        #expect(axis.components(separatedBy: "02:00").count == 3, "the repeated hour's 02:00 on the axis twice: \(axis)")
        let dotted = Self.dottedColumns(screen)
        #expect(dotted.count > 60, "\(screen.dump)")
        // Drawn at the first hour's instants, the second hour left a quarter of the plot blank.
        let gaps = zip(dotted, dotted.dropFirst()).filter { $0.1 - $0.0 > 2 }
        #expect(gaps.isEmpty, "the line breaks at columns \(gaps)\(screen.dump)")
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test("z switches the axis from the viewer's zone to UTC and a named zone, and u undoes it")
    func zChangesTheAxis() async throws {
        let lib = try E2ELibraryFixture()
        let tmux = try await viewer(lib, user: "ana", tz: "Europe/Berlin")
        // The data (2026-11-01 00:00 UTC on, hourly) is in CET, Berlin's winter time, an hour ahead of UTC.
        let first = try await tmux.waitUntil("the axis in Berlin time") { Self.axis($0, zone: "CET") != nil }
        let local = try #require(Self.axis(first, zone: "CET"), "\(first.dump)")
        #expect(local.contains("11-02 00:00"), "day ticks at Berlin's midnight: \(local)")

        try tmux.send("z")
        let utc = try await tmux.waitUntil("the axis in UTC") { Self.axis($0, zone: "UTC") != nil }
        let utcAxis = try #require(Self.axis(utc, zone: "UTC"))
        #expect(utcAxis != local, "the labels move with the zone")
        #expect(!utcAxis.contains("CET"))
        #expect(E2ELibraryScreen(utc).statusLine.contains("times in UTC"), "\(utc.dump)")

        try tmux.send("z")
        let london = try await tmux.waitUntil("the axis in London time") { E2ELibraryScreen($0).statusLine.contains("Europe/London") }
        #expect(E2ELibraryScreen(london).statusLine.contains("times in Europe/London (GMT)"), "\(london.dump)")
        #expect(Self.axis(london, zone: "GMT") != nil, "\(london.dump)")

        try tmux.send("u", "u")
        let back = try await tmux.waitUntil("the axis back in CET") { Self.axis($0, zone: "CET") != nil }
        #expect(Self.axis(back, zone: "CET") == local)
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test("a session saved in Europe/Berlin opens in Berlin time for a colleague whose TZ is Asia/Tokyo")
    func pinnedZoneTravelsWithTheSession() async throws {
        let lib = try E2ELibraryFixture()
        let ana = try await viewer(lib, user: "ana", tz: "America/New_York")
        // The data is read in the background: the axis appears once it is there.
        let anaFirst = try await ana.waitUntil("the axis in New York time") { Self.axis($0, zone: "EST") != nil }
        #expect(Self.axis(anaFirst, zone: "EST") != nil, "\(anaFirst.dump)")
        // New York → UTC → London → Berlin.
        try ana.send("z", "z", "z")
        _ = try await ana.waitUntil("Berlin time") { Self.axis($0, zone: "CET") != nil }
        try await ana.openSessions(listing: [])
        try ana.send("n")
        _ = try await ana.waitUntil("the New session form") { E2ELibraryScreen($0).dialog(titled: "New session") != nil }
        try ana.type("Berlin view")
        try await ana.waitFor("Name: Berlin view")
        try ana.send("Tab", "Space", "Enter")
        _ = try await ana.waitForSessionList(["Berlin view"])
        try ana.send("Escape", "q")
        #expect(try await ana.waitForExit() == 0)
        ana.kill()

        let doc = try await lib.export("Berlin view")
        #expect(doc["version"] as? Int == 2)
        #expect((doc["plot"] as? [String: Any])?["timeZone"] as? String == "Europe/Berlin", "\(doc)")
        let link = try await lib.ok(["sessions", "share", "Berlin view"]).trimmingCharacters(in: .whitespacesAndNewlines)

        // Bob's own view is in Tokyo time; the shared session shows Berlin's.
        let own = try await viewer(lib, user: "bob", tz: "Asia/Tokyo")
        let ownFirst = try await own.waitUntil("the axis in Tokyo time") { Self.axis($0, zone: "JST") != nil }
        #expect(Self.axis(ownFirst, zone: "JST") != nil, "\(ownFirst.dump)")
        own.kill()
        let bob = try await viewer(lib, ["open", link, lib.data], user: "bob", tz: "Asia/Tokyo")
        let shared = try await bob.waitUntil("the axis in Berlin time") { Self.axis($0, zone: "CET") != nil }
        let axis = try #require(Self.axis(shared, zone: "CET"), "\(shared.dump)")
        #expect(!axis.contains("JST"))
        // z from a pinned zone goes to bob's own zone, then UTC, then back to the session's.
        try bob.send("z")
        let mine = try await bob.waitUntil("bob's own zone") { Self.axis($0, zone: "JST") != nil }
        #expect(E2ELibraryScreen(mine).statusLine.contains("local → UTC → Europe/Berlin"), "\(mine.dump)")
    }

    @Test("sessions export writes version 2: a version-1 document comes back with the viewer's own zone")
    func exportWritesVersionTwo() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Old", style: "bar")  // the fixture's document is version 1
        let doc = try await lib.export("Old")
        #expect(doc["version"] as? Int == 2, "\(doc)")
        let plot = try #require(doc["plot"] as? [String: Any])
        #expect(plot["timeZone"] as? String == "local" && plot["style"] as? String == "bar", "\(plot)")
        let bad = try lib.home.write("bad-zone.json", #"{"version": 2, "plot": {"timeZone": "Not a zone!"}}"#)
        let r = try await lib.run(["sessions", "import", bad, "--name", "Bad"])
        #expect(r.status != 0 && r.stderrText.contains("plot.timeZone") && r.stderrText.contains("is not a time zone"), "\(r.stderrText)")
        #expect(r.stderrText.split(separator: "\n").count == 1, "one sentence: \(r.stderrText)")
    }

    @Test("render draws the axis in the viewer's zone; an unknown TZ says so and shows UTC")
    func renderAndBadTZ() async throws {
        let lib = try E2ELibraryFixture()
        let r = try await ProcessRunner.run(lib.binary, ["render", lib.data, "--library", lib.library, "--user", "ana", "--size", "120x30"],
                                            environment: lib.environment.merging(["TZ": "America/New_York"]) { $1 },
                                            currentDirectory: lib.home.url, timeout: .seconds(20))
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stdoutText.contains("EDT/EST"), "the clocks go back in New York on 1 November: \(r.stdoutText)")
        #expect(r.stdoutText.contains("10-31 20:00") || r.stdoutText.contains("11-01 00:00"), "\(r.stdoutText)")

        let tmux = try await viewer(lib, user: "ana", tz: "Nowhere/Special")
        let screen = try await tmux.waitUntil("the note about TZ") { E2ELibraryScreen($0).statusLine.contains("is not a time zone") }
        #expect(E2ELibraryScreen(screen).statusLine.contains("TZ=\"Nowhere/Special\""), "\(screen.dump)")
        #expect(Self.axis(screen, zone: "UTC") != nil, "\(screen.dump)")
    }
}
