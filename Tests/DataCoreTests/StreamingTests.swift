import Testing
@testable import DataCore

/// Large files arrive in chunks: records cut at any byte must come out exactly as in one piece.
@Suite struct StreamingTests {
    static func bigCSV(crlf: Bool) -> [UInt8] {
        let nl = crlf ? "\r\n" : "\n"
        var s = "\u{FEFF}time,station,phenomenon,value,unit" + nl
        for i in 0..<6000 {
            let station = i % 7 == 0 ? "\"Station, \"\"quoted\"\"\nwith newline\"" : "S\(i % 5)"
            let value = i % 97 == 0 ? "oops" : "\(Double(i) / 10)"
            s += "2026-11-01T00:\(String(format: "%02d", i % 60)):00Z,\(station),PM10,\(value),µg/m³" + nl
        }
        return Array(s.utf8)
    }

    func chunked(_ bytes: [UInt8], size: Int) throws -> MeasurementStore {
        var stream = CSVStream(fileName: "big.csv", tabHint: false)
        var at = 0
        repeat {
            let end = min(bytes.count, at + size)
            try stream.feed(bytes[at..<end], final: end == bytes.count)
            at = end
        } while at < bytes.count
        return try stream.finish()
    }

    @Test(arguments: [(1000, false), (4097, true), (65_537, false), (7, true)])
    func chunkBoundariesDoNotChangeTheResult(size: Int, crlf: Bool) throws {
        let bytes = Self.bigCSV(crlf: crlf)
        #expect(bytes.count > 1 << 17)
        var whole = try CSVLoader.parse(bytes, fileName: "big.csv")
        var parts = try chunked(bytes, size: size)
        whole.finish()
        parts.finish()
        #expect(parts.series.map(\.id) == whole.series.map(\.id))
        #expect(parts.columns == whole.columns)
        #expect(parts.report.skippedRows == whole.report.skippedRows)
        #expect(parts.report.issues == whole.report.issues)  // same line numbers
        #expect(whole.series.contains { $0.id.contains("with newline") })
    }
}

/// Big files are parsed on every core in parts; the result must equal a one-piece parse.
@Suite struct ParallelLoadTests {
    @Test func aBigWideFileSaysHowManyRowsItHadNotHowManyMeasurements() throws {
        let s = "time,temp,humidity\n" + (0..<400_000).map { "\(1_790_000_000 + $0 * 60),\(Double($0 % 300) / 10),\($0 % 100)\n" }.joined()
        #expect(s.utf8.count > ParallelCSV.partSize, "big enough to be parsed in parts after the first chunk")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dv-wide-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try s.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try CSVLoader.load(paths: [path])
        #expect(loaded.measurementCount == 800_000)
        #expect(loaded.understanding.first?.rowsRead == 400_000)
        #expect(loaded.understanding.first?.lines.contains("rows: 400000 read") == true, "\(loaded.understanding.first?.lines ?? [])")
    }

    @Test(arguments: [false, true])
    func partsGiveTheSameStoreAsOnePiece(gzip: Bool) throws {
        var s = "time,station,phenomenon,value,unit,lat,lon\n"
        for i in 0..<300_000 {
            // A station first seen in a late part, and one seen only in the first rows.
            let station = i % 1000 == 0 ? "\"Quoted, \"\"odd\"\"\nstation\"" : i > 250_000 && i % 7 == 0 ? "Late" : i < 10 ? "Early" : "S\(i % 13)"
            let value = i % 4999 == 0 ? "bad" : "\(Double(i % 977) / 10)"
            let pos = i % 3 == 0 ? ",," : ",52.\(i % 100),5.\(i % 50)"
            s += "2026-11-01T\(String(format: "%02d", (i / 3600) % 24)):\(String(format: "%02d", (i / 60) % 60)):\(String(format: "%02d", i % 60))Z,\(station),PM10,\(value),ug\(pos)\n"
        }
        let bytes = Array(s.utf8)
        #expect(bytes.count > 3 * ParallelCSV.partSize)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dv-par-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var path = dir.appendingPathComponent("big.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        if gzip {
            let r = try runGzip(path)
            #expect(r == 0)
            path += ".gz"
        }
        let loaded = try CSVLoader.load(paths: [path])
        var whole = try CSVLoader.parse(bytes, fileName: path)
        whole.finish()
        #expect(loaded.series.map(\.id) == whole.series.map(\.id))
        // NaN positions compare unequal with ==: compare bit patterns.
        func same(_ a: SeriesColumn, _ b: SeriesColumn) -> Bool {
            a.times == b.times && a.values == b.values
                && a.lats.map(\.bitPattern) == b.lats.map(\.bitPattern) && a.lons.map(\.bitPattern) == b.lons.map(\.bitPattern)
        }
        let mismatched = zip(loaded.columns, whole.columns).filter { !same($0, $1) }.count
        #expect(mismatched == 0, "\(mismatched) columns differ")
        #expect(loaded.report.skippedRows == whole.report.skippedRows)
        #expect(loaded.report.issues == whole.report.issues)
        #expect(loaded.sources.first?.nextLine == whole.sources.first?.nextLine)
        #expect(loaded.series.contains { $0.id.contains("Late") } && loaded.series.contains { $0.id.contains("Early") })
        #expect(loaded.measurementCount > 200_000)
        // The rows read before the hand-over to the parallel parts are counted once, not again.
        #expect(loaded.understanding.first?.rowsRead == 300_000)
    }

    /// Parts are appended to columns reserved from the head's estimate: a column that outgrows its
    /// estimate grows by a quarter, not double, so a big file's store holds little unused room.
    /// Out of order, the columns are sorted once at the end, and the sorted copies are sized exactly.
    @Test(arguments: [true, false])
    func aBigFileStoreHoldsLittleUnusedRoom(inOrder: Bool) throws {
        var s = "time,station,phenomenon,value\n"
        for i in 0..<400_000 {
            // The A stations report twice as often in the second half: the head's estimate is short for them.
            let station = i % 10 < (i < 200_000 ? 3 : 6) ? "A\(i % 3)" : "B\(i % 17)"
            let t = inOrder ? i : (i * 7919) % 400_000
            s += "2026-11-0\(1 + t / 86_400)T\(String(format: "%02d", (t / 3600) % 24)):\(String(format: "%02d", (t / 60) % 60)):\(String(format: "%02d", t % 60))Z,\(station),PM10,\(i % 1000)\n"
        }
        #expect(s.utf8.count > 4 * ParallelCSV.partSize)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dv-room-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try s.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try CSVLoader.load(paths: [path])
        #expect(loaded.measurementCount == 400_000)
        // In order, the A columns outgrow their estimate; out of order, every column is a sorted copy.
        for (info, c) in zip(loaded.series, loaded.columns) where !inOrder || info.id.hasPrefix("A") {
            let held = c.times.byteCount + c.values.byteCount, needed = c.count * 8
            #expect(Double(held) <= 1.15 * Double(needed), "\(info.id): \(held) bytes held for \(needed) needed")
        }
    }

    @Test func issuesInLatePartsNameTheirLineInTheFile() throws {
        // Every 500th station has a newline inside quotes, so lines and rows differ; only two rows are bad.
        var s = "time,station,phenomenon,value\n"
        var line = 2, badLines: [Int] = []
        for i in 0..<300_000 {
            let station = i % 500 == 0 ? "\"Two\nlines\"" : "S\(i % 9)"
            let value = i == 200_000 || i == 290_000 ? "oops" : "\(i % 100)"
            if value == "oops" { badLines.append(line) }
            s += "2026-11-01T00:00:\(String(format: "%02d", i % 60))Z,\(station),PM10,\(value)\n"
            line += i % 500 == 0 ? 2 : 1
        }
        #expect(s.utf8.count > 4 * ParallelCSV.partSize)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dv-late-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try s.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try CSVLoader.load(paths: [path])
        #expect(loaded.report.issues.map(\.line) == badLines)
        #expect(loaded.sources.first?.nextLine == line)
        #expect(loaded.measurementCount == 299_998)
    }

    func runGzip(_ path: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-f", path]
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }
}

import Foundation
