import Foundation
import Testing

/// Times of sessions and versions as a person reads them: in their own zone (`TZ`), with its
/// abbreviation, on the command line and in the dialog; `--json` stays UTC for scripts.
@Suite("Session times (E2E)", .timeLimit(.minutes(2)))
struct SessionTimesE2ETests {
    /// `dataviewer ARGS` as ana, with `TZ` set (nil: not set at all).
    func run(_ lib: E2ELibraryFixture, _ args: [String], tz: String?) async throws -> String {
        var env = lib.environment
        env["TZ"] = tz
        let r = try await ProcessRunner.run(lib.binary, args + ["--library", lib.library, "--user", "ana"], environment: env,
                                            currentDirectory: lib.home.url, timeout: .seconds(20))
        guard r.status == 0 else { throw E2EError("`dataviewer \(args.joined(separator: " "))` failed: \(r.stderrText)") }
        return r.stdoutText
    }

    /// What a person in `zone` expects to read for the ISO time `iso`: `2026-12-01 18:44 CET`.
    /// (An ISO time that does not parse gives a text no output contains: the expectation fails.)
    static func expected(_ iso: String, zone: String, abbreviation: (TimeZone, Date) -> String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso), let tz = TimeZone(identifier: zone) else {
            return "<\(iso) is not an ISO 8601 time, or \(zone) not a zone>"
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = tz
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date) + " " + abbreviation(tz, date)
    }

    static func berlin(_ iso: String) -> String {
        expected(iso, zone: "Europe/Berlin") { tz, d in tz.isDaylightSavingTime(for: d) ? "CEST" : "CET" }
    }

    static func tokyo(_ iso: String) -> String {
        expected(iso, zone: "Asia/Tokyo") { _, _ in "JST" }
    }

    @Test("sessions list, show, history and diff print times in TZ with its abbreviation; --json is the same UTC in every zone")
    func commandLine() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Zoned")
        try await lib.ok(["sessions", "import", try lib.home.write("bar.json", E2ELibraryFixture.settingsDocument(style: "bar")), "--name", "Zoned", "--force"])
        let updated = try #require(try await lib.sessions().first?.updatedAt)
        #expect(updated.hasSuffix("Z"), "JSON times are UTC: \(updated)")

        let list = try await run(lib, ["sessions", "list"], tz: "Europe/Berlin")
        #expect(list.contains(Self.berlin(updated)), "list in Berlin time: \(list) (updated \(updated))")
        let show = try await run(lib, ["sessions", "show", "Zoned"], tz: "Asia/Tokyo")
        #expect(show.contains("updated:    " + (Self.tokyo(updated))), "show in Tokyo time: \(show)")
        #expect(!show.contains(updated), "no raw ISO time for people: \(show)")

        let historyJSON = try await run(lib, ["sessions", "history", "Zoned", "--json"], tz: "Asia/Tokyo")
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(historyJSON.utf8)) as? [[String: Any]])
        let times = versions.compactMap { $0["time"] as? String }
        #expect(times.count == 2 && times.allSatisfy { $0.hasSuffix("Z") }, "\(historyJSON)")
        #expect(try await run(lib, ["sessions", "history", "Zoned", "--json"], tz: "Europe/Berlin") == historyJSON, "JSON does not depend on TZ")
        #expect(try await run(lib, ["sessions", "list", "--json"], tz: "Asia/Tokyo") == (try await run(lib, ["sessions", "list", "--json"], tz: nil)))

        let history = try await run(lib, ["sessions", "history", "Zoned"], tz: "Europe/Berlin")
        let lines = history.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[1].contains(Self.berlin(times[0])) && lines[2].contains(Self.berlin(times[1])), "\(history)")
        let diff = try await run(lib, ["sessions", "diff", "Zoned"], tz: "Asia/Tokyo")
        #expect(diff.contains("version 1 (\(Self.tokyo(times[1])))") && diff.contains("version 2 (\(Self.tokyo(times[0])))"), "\(diff)")
        // TZ=UTC reads as UTC, not as some other zone.
        #expect(try await run(lib, ["sessions", "show", "Zoned"], tz: "UTC").contains(Self.expected(updated, zone: "UTC") { _, _ in "UTC" }))
    }

    @Test("the dialog's history rows show the viewer's zone (TZ) with its abbreviation")
    func dialogRows() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Zoned")
        let iso = try #require((try JSONSerialization.jsonObject(with: Data(try await lib.ok(["sessions", "history", "Zoned", "--json"]).utf8))
            as? [[String: Any]])?.first?["time"] as? String)
        let args = [lib.data, "--library", lib.library, "--user", "ana"]
        let tmux = try TmuxSession(args, width: 100, height: 30, environment: ["TZ": "Asia/Tokyo"], home: lib.home)
        try await tmux.waitUntil("the viewer's first screen", timeout: .seconds(30)) {
            $0.lines.first?.contains("dataviewer") == true && $0.contains(" Plot · ") && !$0.isReading
        }
        try await tmux.openSessions(listing: ["Zoned"])
        try await tmux.selectSession("Zoned")
        try tmux.send("h")
        let want = "version 1 · \(Self.tokyo(iso)) · ana · created"
        let screen = try await tmux.waitUntil("the history row in Tokyo time") { s in
            (E2ELibraryScreen(s).dialog(titled: "History of \"Zoned\"") ?? []).contains { $0.hasPrefix("version 1 · ") }
        }
        let rows = E2ELibraryScreen(screen).dialog(titled: "History of \"Zoned\"") ?? []
        #expect(rows.contains(want), "expected \(want): \(screen.dump)")
        tmux.kill()
    }
}
