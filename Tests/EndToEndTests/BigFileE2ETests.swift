import Foundation
import Testing

/// Files big enough to be parsed in parts on every core, as a person opens them: each series keeps
/// its own values however the rows order their series, and a record over 1 MiB is refused near the
/// start of a file but only skipped (and named) far into one.
@Suite("Big files, parsed on every core", .timeLimit(.minutes(2)))
struct BigFileE2ETests {
    static let stations = (0..<23).map { "Station \($0)" } + ["Station 1x"]

    /// 48 series (24 stations × PM10, NO2), each value its series' own number (station × 10 +
    /// phenomenon): the rows list the series in one order, then in another, then at random, and
    /// about one row in eleven is missing. Returns the file and each series' count of values.
    static func seriesInChangingOrder(_ home: TemporaryDirectory) throws -> (path: String, counts: [String: Int]) {
        var rng = SeededRandom(seed: 2_026_120_6)
        var text = "time,station,phenomenon,value\n", counts: [String: Int] = [:]
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        let format = ISO8601DateFormatter()
        for t in 0..<2_400 {
            var order = Array(0..<48)
            if t >= 800 { order = order.map { ($0 + 7) % 48 } }
            if t >= 1_600 { order.shuffle(using: &rng) }
            let time = format.string(from: start.addingTimeInterval(Double(t * 60)))
            for k in order where rng.next() % 11 != 0 {
                let (s, p) = (k / 2, k % 2), phenomenon = p == 0 ? "PM10" : "NO2"
                text += "\(time),\(stations[s]),\(phenomenon),\(s * 10 + p)\n"
                counts["\(stations[s]) · \(phenomenon)", default: 0] += 1
            }
        }
        return (try home.write("changing-order.csv", text), counts)
    }

    @Test("a 4 MB file whose rows change the order of their 48 series: each series shows only its own values, all of them")
    func seriesKeepTheirValuesWhateverTheOrder() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let (path, counts) = try Self.seriesInChangingOrder(home)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0) > 3 << 20, "parsed in parts")
        let tmux = try TmuxSession([path], width: 140, height: 40, environment: ["TZ": "UTC"], home: home)
        var screen = try await tmux.waitUntil("the series list", timeout: .seconds(30)) { $0.contains("Series 1/48") && !$0.isReading }
        if screen.contains("was read") {
            try tmux.send("Escape")
            screen = try await tmux.waitUntil("the notice closed") { !$0.contains("was read") }
        }
        let rows = screen.seriesRows.map(\.name)  // the first 36 of the 48 fit in the list
        // The first series is plotted: Space on it clears the plot; then each chosen series alone.
        try tmux.send("Space")
        var at = 0
        for name in ["Station 1 · PM10", "Station 1x · NO2", "Station 10 · NO2", "Station 16 · PM10"] {
            let row = try #require(rows.firstIndex { $0.hasPrefix(name) }, "\(name) not listed\(screen.dump)")
            try tmux.send(Array(repeating: row > at ? "j" : "k", count: abs(row - at)) + ["Space"])
            at = row
            let own = Double(Self.stations.firstIndex { name.hasPrefix($0 + " ·") }! * 10 + (name.hasSuffix("NO2") ? 1 : 0))
            let stats = try await tmux.waitUntil("the statistics of \(name)") { $0.contains("Statistics: \(name)") }
            let line = stats.lines.first { $0.contains("min ") && $0.contains(" n ") } ?? ""
            func figure(_ label: String) -> Double? {
                line.components(separatedBy: " \(label) ").dropFirst().first?.split(separator: " ").first.flatMap { Double($0) }
            }
            #expect(figure("min") == own && figure("max") == own, "\(name): \(line)\(stats.dump)")
            #expect(figure("n").map { Int($0) } == counts[name], "\(name): \(line)")
            try tmux.send("Space")
            _ = try await tmux.waitUntil("\(name) cleared") { !$0.contains("Statistics: \(name)") }
        }
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test("a record over 1 MiB: near the start, one sentence and exit 1; far into a big file, that row alone is skipped and named")
    func recordOverOneMiB() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let format = ISO8601DateFormatter()
        func rows(_ n: Int, longAt: Int) -> String {
            var text = "time,station,phenomenon,value\n"
            for i in 0..<n {
                if i == longAt { text += "2026-06-01T00:00:00Z,Harbour,NO2," + String(repeating: "9", count: 1_200_000) + "\n" }
                text += "\(format.string(from: start.addingTimeInterval(Double(i * 60)))),Harbour,NO2,\(i % 100)\n"
            }
            return text
        }
        let early = try home.write("long-early.csv", rows(100_000, longAt: 1))
        let r = try await Dataviewer.run(["render", "--fresh", "--size", "100x20", early])
        #expect(r.status == 1 && !r.signaled, "exit \(r.status)")
        #expect(r.stderrText == "dataviewer: \(early): line 3 is longer than 1 MiB; this does not look like a CSV file\n", "\(r.stderrText)")
        #expect(!r.stdoutText.contains("\u{1B}"), "no escapes on stdout")

        let late = try home.write("long-late.csv", rows(200_000, longAt: 150_000))
        let ok = try await Dataviewer.run(["render", "--fresh", "--size", "100x20", late])
        #expect(ok.status == 0, "exit \(ok.status): \(ok.stderrText)")
        #expect(ok.stderrText.contains("skipped 1 row that could not be read") && ok.stderrText.contains("long-late.csv:150002: is longer than 1 MiB"),
                "\(ok.stderrText)")
        #expect(ok.stdoutText.contains("Harbour · NO2"), "\(ok.stdoutText)")
    }
}
