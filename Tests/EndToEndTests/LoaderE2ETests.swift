import Foundation
import Testing

/// Real files read right, as a person meets it: stations from file names, the "how it was read"
/// notice once, `inspect`, flags that are remembered, and bad flag values.
@Suite("Loader: real files, inspect and flags", .timeLimit(.minutes(2)))
struct LoaderE2ETests {
    static let preamble = """
        Station: Harbour Road
        # exported by LoggerPro
        time,PM10 (µg/m³),NO2
        2024-03-01T00:00:00Z,12.5,30
        2024-03-01T01:00:00Z,14,31.5
        2024-03-01T02:00:00Z,11.25,29

        """

    static func wide(_ base: Double) -> String {
        (0..<24).map { h in String(format: "2024-03-01T%02d:00:00Z,%.1f,%.1f", h, base + Double(h), base * 2 + Double(h)) }
            .reduce("time,PM10 (µg/m³),NO2 (µg/m³)\n") { $0 + $1 + "\n" }
    }

    @Test("a folder of per-station files shows one series per station and phenomenon")
    func perStationFolder() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let dir = home.url.appendingPathComponent("stations").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, base) in [("harbour-road.csv", 10.0), ("city-park.csv", 40.0)] {
            try Data(Self.wide(base).utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        let tmux = try TmuxSession([dir], width: 120, height: 36, home: home)
        let notice = try await tmux.waitUntil("the first-open notice") { $0.contains("was read") && $0.contains("named from the file name") }
        #expect(notice.contains("station \"City Park\""), "\(notice.dump)")
        try tmux.send("Escape")
        let screen = try await tmux.waitUntil("the series list") { s in
            !s.contains("was read") && s.seriesRows.count == 4
        }
        let names = screen.seriesRows.map(\.name)
        for id in ["City Park · NO2", "City Park · PM10", "Harbour Road · NO2", "Harbour Road · PM10"] {
            #expect(names.contains { $0.hasPrefix(id) }, "\(id) missing\(screen.dump)")
        }
        #expect(!names.contains { $0.hasPrefix("PM10") }, "two stations merged into one series\(screen.dump)")
    }

    @Test("a text column that tells apart rows of one time (year, source, value) gives one series per source, and the notice says so")
    func categoryColumnSplitsSeries() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        var csv = "year,source,gwh\n"
        for y in 2001...2010 {
            for (k, source) in ["Fossil Fuels", "Nuclear Energy", "Renewables"].enumerated() { csv += "\(y)-01-01,\(source),\(1000 * (k + 1) + y)\n" }
        }
        let path = try home.write("electricity.csv", csv)
        let tmux = try TmuxSession([path], width: 120, height: 36, home: home)
        let notice = try await tmux.waitUntil("the first-open notice") { $0.contains("was read") }
        #expect(notice.contains("stations named by \"source\""), "\(notice.dump)")
        try tmux.send("Escape")
        let screen = try await tmux.waitUntil("three series") { s in !s.contains("was read") && s.seriesRows.count == 3 }
        let names = screen.seriesRows.map(\.name)
        for id in ["Fossil Fuels · gwh", "Nuclear Energy · gwh", "Renewables · gwh"] {
            #expect(names.contains { $0.hasPrefix(id) }, "\(id) missing\(screen.dump)")
        }
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test("the notice of how the data was read appears on the first open only")
    func noticeOnFirstOpenOnly() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let file = try home.write("preamble.csv", Self.preamble)
        let first = try TmuxSession([file], width: 120, height: 36, home: home)
        let notice = try await first.waitUntil("the notice") { $0.contains("How preamble.csv was read") }
        #expect(notice.contains("header on line 3 (2 lines above it skipped)"), "\(notice.dump)")
        #expect(notice.contains("dataviewer inspect"), "\(notice.dump)")
        try first.send("Escape")
        try await first.waitUntil("the notice closed") { !$0.contains("was read") && $0.contains("q quit") }
        try first.send("q")
        #expect(try await first.waitForExit() == 0)
        first.kill()

        let second = try TmuxSession([file], width: 120, height: 36, home: home)
        let screen = try await waitForViewer(second)
        try await Task.sleep(for: .milliseconds(300))
        let again = try second.screen()
        #expect(!again.contains("was read"), "the notice came again\(again.dump)")
        #expect(screen.seriesRows.contains { $0.name.hasPrefix("PM10") }, "\(screen.dump)")
    }

    @Test("inspect says how a file is read, as text and as JSON")
    func inspect() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("preamble.csv", Self.preamble)
        let r = try await Dataviewer.run(["inspect", file])
        #expect(r.status == 0, "stderr: \(r.stderrText)")
        let text = r.stdoutText
        for part in ["delimiter \",\"", "header on line 3", "time: \"time\"", "UTC", "\"PM10 (µg/m³)\" → PM10 [µg/m³]", "rows: 3 read"] {
            #expect(text.contains(part), "missing \(part): \(text)")
        }
        let j = try await Dataviewer.run(["inspect", "--json", file])
        #expect(j.status == 0, "stderr: \(j.stderrText)")
        let doc = try #require(try JSONSerialization.jsonObject(with: j.stdout) as? [String: Any])
        let files = try #require(doc["files"] as? [[String: Any]])
        #expect(files.first?["headerLine"] as? Int == 3)
        #expect(files.first?["timeColumns"] as? [String] == ["time"])
        #expect(doc["measurements"] as? Int == 6)
    }

    @Test("a flag overrides a guess and is remembered for that data")
    func flagsAreRemembered() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("streets.csv", "time,street,PM10\n2024-01-01T00:00:00Z,Main St,5\n2024-01-01T00:00:00Z,Dock Rd,6\n")
        let env = ["XDG_DATA_HOME": dir.url.appendingPathComponent("share").path]
        let plain = try await Dataviewer.run(["inspect", file], environment: env)
        #expect(plain.stdoutText.contains("1 series"), "\(plain.stdoutText)")
        let told = try await Dataviewer.run(["render", "--size", "80x24", "--station", "street", file], environment: env)
        #expect(told.status == 0, "stderr: \(told.stderrText)")
        #expect(told.stdoutText.contains("Dock Rd · PM10"), "\(told.stdoutText)")
        // No flag now: the remembered one applies.
        let later = try await Dataviewer.run(["inspect", file], environment: env)
        #expect(later.stdoutText.contains("stations named by \"street\""), "\(later.stdoutText)")
        #expect(later.stdoutText.contains("2 series"), "\(later.stdoutText)")
    }

    @Test("bad flag values and malformed input: one sentence, non-zero exit", arguments: [
        (["--tz", "Mars/Olympus"], "Mars/Olympus"),
        (["--time", "tijd"], "\"time\", \"street\", \"PM10\""),
        (["--station", "site"], "its columns are"),
        (["--delimiter", "ab"], "--delimiter"),
        (["--decimal", ";"], "--decimal"),
        (["--na", ""], "--na"),
    ])
    func badFlags(_ flags: [String], _ expected: String) async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("streets.csv", "time,street,PM10\n2024-01-01T00:00:00Z,Main St,5\n")
        for command in [["inspect"], ["render"], []] {
            let r = try await Dataviewer.run(command + flags + [file])
            let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(r.status != 0 && !r.signaled, "\(command + flags): status \(r.status), stderr: \(err)")
            #expect(err.contains(expected), "\(command + flags): \(err)")
            #expect(err.split(separator: "\n").count == 1, "one sentence: \(err)")
            #expect(!err.contains("Fatal error"), "\(err)")
            #expect(r.stdout.isEmpty, "\(command + flags): \(r.stdoutText)")
        }
    }

    @Test("inspect of malformed input names the file", arguments: ["missing", "binary", "notime"])
    func inspectMalformed(_ kind: String) async throws {
        let dir = try TemporaryDirectory()
        let path: String
        switch kind {
        case "missing": path = dir.path + "/nope.csv"
        case "binary": path = try dir.write("blob.csv", Data([0x74, 0x2C, 0x00, 0x01, 0xFF, 0x0A] + Array(repeating: 0, count: 64)))
        default: path = try dir.write("notime.csv", "a,b\nx,y\n")
        }
        let r = try await Dataviewer.run(["inspect", path])
        let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(r.status != 0 && !r.signaled, "status \(r.status): \(err)")
        #expect(err.contains((path as NSString).lastPathComponent) && err.split(separator: "\n").count == 1, "\(err)")
    }
}
