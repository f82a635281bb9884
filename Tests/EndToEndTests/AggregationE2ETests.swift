import Foundation
import Testing

/// Aggregations of a long series in a real terminal: `a` steps through minute, hour and day means
/// of two years of 10-minute data. Minute buckets hold one measurement each and are drawn from the
/// raw series with moved times; hours hold six and are reduced in one pass; days are reduced from
/// the value summary. Each must draw the whole range, and the minute means the raw line.
@Suite("Aggregation", .timeLimit(.minutes(2)))
struct AggregationE2ETests {
    /// The plot's rows between its title and its time axis, from the value axis to the pane's
    /// right border (the value labels' width, and so the plot's, follows the values drawn).
    static func plotRows(_ screen: Screen) -> [String] {
        guard let top = screen.lines.firstIndex(where: { $0.contains(" Plot · ") }),
              let bottom = screen.lines.firstIndex(where: { $0.contains("└") && $0.contains("UTC") }), bottom > top else { return [] }
        return screen.lines[(top + 1)..<bottom].compactMap { line in
            guard let axis = line.firstIndex(of: "┤"), let border = line.lastIndex(of: "│"), axis < border else { return nil }
            return String(line[line.index(after: axis)..<border])
        }
    }

    /// Every column of the plot, from the value axis to the border.
    static func allColumns(_ rows: [String]) -> Set<Int> {
        Set(0..<(rows.map(\.count).max() ?? 0))
    }

    static func isDot(_ ch: Character) -> Bool {
        ch.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false
    }

    static func dottedColumns(_ rows: [String]) -> Set<Int> {
        var out = Set<Int>()
        for r in rows { for (k, ch) in r.enumerated() where isDot(ch) { out.insert(k) } }
        return out
    }

    @Test("a steps through minute, hour and day means of 100,000 measurements; each draws the whole range, minute means the raw line")
    func aggregationsOfALongSeries() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        var lines = ["time,station,phenomenon,value"]
        lines.reserveCapacity(100_001)
        let format = ISO8601DateFormatter()
        let start = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01
        for i in 0..<100_000 {
            let v = 40 + 25 * sin(Double(i) / 1_500) + Double((i * 7) % 11)
            lines.append("\(format.string(from: start.addingTimeInterval(Double(i * 600)))),Harbour,NO2,\(String(format: "%.1f", v))")
        }
        let path = try home.write("two-years.csv", lines.joined(separator: "\n") + "\n")
        let tmux = try TmuxSession([path], width: 120, height: 30, environment: ["TZ": "UTC"], home: home)
        let first = try await tmux.waitUntil("the plot", timeout: .seconds(30)) { $0.contains(" Plot · line") && !$0.isReading }
        if first.contains("was read") {
            try tmux.send("Escape")
            _ = try await tmux.waitUntil("the notice closed") { !$0.contains("was read") }
        }
        let raw = try await tmux.waitUntil("the raw line") { !Self.dottedColumns(Self.plotRows($0)).isEmpty }
        let rawRows = Self.plotRows(raw), rawColumns = Self.dottedColumns(rawRows)
        #expect(rawColumns.count > 80 && rawColumns == Self.allColumns(rawRows), "\(raw.dump)")

        for (title, next) in [("minute mean", "hour mean"), ("hour mean", "day mean"), ("day mean", nil)] as [(String, String?)] {
            try tmux.send("a")
            let screen = try await tmux.waitUntil(title) { $0.contains("· \(title) ·") && !Self.dottedColumns(Self.plotRows($0)).isEmpty }
            let rows = Self.plotRows(screen)
            // Every stretch of the two years has data, at every aggregation: no column left blank.
            #expect(Self.dottedColumns(rows) == Self.allColumns(rows), "\(title)\(screen.dump)")
            if title == "minute mean" {
                // One measurement a minute bucket: the same line, moved by at most half a minute
                // (a few hundredths of a dot here), so nearly every cell is the raw one.
                let cells = zip(rows, rawRows).flatMap { zip(Array($0.0), Array($0.1)) }
                let differing = cells.filter { $0.0 != $0.1 }.count, dotted = cells.filter { Self.isDot($0.1) }.count
                #expect(differing * 20 <= dotted, "\(differing) of \(dotted) cells differ\(screen.dump)")
            }
            if next == nil {
                // Day means are smoother than the raw line: fewer rows carry dots in a column.
                #expect(rows.joined().filter(Self.isDot).count < rawRows.joined().filter(Self.isDot).count, "\(screen.dump)")
            }
        }
        try tmux.send("a")
        let back = try await tmux.waitUntil("raw again") { !$0.contains(" mean ·") && !Self.dottedColumns(Self.plotRows($0)).isEmpty }
        #expect(Self.plotRows(back) == rawRows, "\(back.dump)")
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    /// Rows out of order, and two measurements in one minute: minute buckets no longer hold one
    /// measurement each, so the means are reduced, not the raw values moved. The two (10 and 30)
    /// become one mean of 20, the same as the third minute: the value axis shrinks to about 20.
    @Test("minute means of rows out of order with two in one minute are their mean, not the raw values")
    func minuteMeansOfASharedMinute() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let csv = """
            time,station,phenomenon,value
            2026-03-01T12:05:00Z,Harbour,NO2,20
            2026-03-01T12:00:40Z,Harbour,NO2,30
            2026-03-01T12:10:00Z,Harbour,NO2,20
            2026-03-01T12:00:10Z,Harbour,NO2,10

            """
        let path = try home.write("shared-minute.csv", csv)
        let tmux = try TmuxSession([path], width: 120, height: 30, environment: ["TZ": "UTC"], home: home)
        let first = try await tmux.waitUntil("the plot") { $0.contains(" Plot · line") && !$0.isReading }
        if first.contains("was read") {
            try tmux.send("Escape")
            _ = try await tmux.waitUntil("the notice closed") { !$0.contains("was read") }
        }
        // Raw: from 10 to 30 on the value axis.
        let raw = try await tmux.waitUntil("the raw values") { $0.lines.contains { $0.contains("31┤") } }
        #expect(raw.lines.contains { $0.contains("9┤") }, "\(raw.dump)")
        try tmux.send("a")
        let means = try await tmux.waitUntil("minute means") { $0.contains("· minute mean ·") }
        let labels = means.lines.compactMap { line -> Double? in
            guard let bar = line.firstIndex(of: "┤") else { return nil }
            return Double(line[..<bar].split(separator: "│").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
        }
        #expect(!labels.isEmpty && labels.allSatisfy { (18...22).contains($0) }, "axis labels \(labels)\(means.dump)")
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }
}
