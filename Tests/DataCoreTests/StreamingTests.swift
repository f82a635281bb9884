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
