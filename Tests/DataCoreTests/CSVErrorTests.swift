import Foundation
import Testing
@testable import DataCore

/// Input that cannot be opened at all: a `LoadError` naming the file, never a crash or hang.
@Suite("CSV files that cannot be read", .timeLimit(.minutes(1)))
struct CSVErrorTests {
    /// Loads the file at `path` through the public entry point and returns the error.
    private func error(loading path: String) throws -> LoadError {
        let e = try #require(loadError { () throws(LoadError) in try CSVLoader.load(paths: [path]) })
        #expect(e.file == path)
        #expect(e.description == "\(path): \(e.reason)")
        #expect(!e.reason.isEmpty)
        return e
    }

    private func error(writing bytes: [UInt8], name: String) throws -> LoadError {
        try error(loading: Fixture.write(bytes, name: name))
    }

    private func error(writing text: String, name: String) throws -> LoadError {
        try error(writing: Array(text.utf8), name: name)
    }

    @Test func missingFile() throws {
        let path = Fixture.tempFolder("missing") + "/nope.csv"
        let e = try error(loading: path)
        #expect(e.reason == "no such file or folder")
        let direct = try #require(loadError { () throws(LoadError) in try CSVLoader.load(path: path) })
        #expect(direct.file == path && direct.reason == "no such file")
    }

    @Test func noPathsAtAll() throws {
        let e = try #require(loadError { () throws(LoadError) in try CSVLoader.load(paths: []) })
        #expect(e.reason == "no data files given")
    }

    @Test func emptyFile() throws {
        let e = try error(writing: [], name: "empty.csv")
        #expect(e.reason == "is empty")
    }

    @Test func whitespaceOnlyFile() throws {
        let e = try error(writing: " \n\t\r\n   \n\n", name: "blank.csv")
        #expect(e.reason == "is empty")
    }

    @Test func bomOnlyFile() throws {
        let e = try error(writing: [0xEF, 0xBB, 0xBF], name: "bom.csv")
        #expect(e.reason == "is empty")
        let e2 = try error(writing: [0xEF, 0xBB, 0xBF, 10, 13, 10], name: "bom2.csv")
        #expect(e2.reason == "is empty")
    }

    @Test func binaryFile() throws {
        var bytes: [UInt8] = Array("time,value\n".utf8)
        for i in 0..<4096 { bytes.append(UInt8(truncatingIfNeeded: i &* 2654435761 >> 7)) }
        bytes[20] = 0
        let e = try error(writing: bytes, name: "image.csv")
        #expect(e.reason.hasPrefix("is a binary file, not CSV text"))
    }

    @Test func utf16FileIsRefused() throws {
        // UTF-16 text is full of NUL bytes: refused with a sentence, not parsed as garbage.
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("time,temp\n2026-01-15T08:00:00Z,1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let e = try error(writing: bytes, name: "utf16.csv")
        #expect(e.reason.contains("binary"))
    }

    @Test func headerOnlyLong() throws {
        let e = try error(writing: "time,station,phenomenon,value\n", name: "header.csv")
        #expect(e.reason == "has a header but no data rows")
    }

    @Test func headerOnlyWide() throws {
        let e = try error(writing: "timestamp,temp (°C),humidity [%]\r\n\r\n", name: "header-wide.csv")
        #expect(e.reason == "has a header but no data rows")
    }

    @Test func headerOnlyWithoutNewline() throws {
        let e = try error(writing: "time,station,phenomenon,value", name: "header2.csv")
        #expect(e.reason == "has a header but no data rows")
    }

    @Test func noTimeColumn() throws {
        let e = try error(writing: "station,phenomenon,value\nA,PM10,1\n", name: "notime.csv")
        #expect(e.reason.hasPrefix("has no time column"))
        #expect(e.reason.contains("\"station\""))
    }

    @Test func noTimeColumnNamesAreNeutralised() throws {
        let e = try error(writing: "a\u{1B}[2J,b\nx,y\n", name: "esc.csv")
        #expect(e.reason.hasPrefix("has no time column"))
        #expect(!e.reason.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func onlyATimeColumn() throws {
        let e = try error(writing: "time\n2026-01-15T08:00:00Z\n", name: "onlytime.csv")
        #expect(e.reason.hasPrefix("has no value column"))
    }

    @Test func onlyTextColumns() throws {
        let e = try error(writing: "time,note\n2026-01-15T08:00:00Z,hello\n2026-01-15T09:00:00Z,world\n", name: "text.csv")
        #expect(e.reason.hasPrefix("has no value column"))
    }

    @Test func noReadableMeasurement() throws {
        let e = try error(writing: "time,station,phenomenon,value\nsoon,A,PM10,1\n2026-01-15T08:00:00Z,A,PM10,abc\n", name: "allbad.csv")
        #expect(e.reason.hasPrefix("has no readable measurement in 2 rows"))
        #expect(e.reason.contains("allbad.csv:2: column \"time\": \"soon\" is not a time"))
    }

    @Test func onlyMissingValues() throws {
        let e = try error(writing: "time,temp\n2026-01-15T08:00:00Z,NA\n", name: "na.csv")
        #expect(e.reason.hasPrefix("has no readable measurement in 1 row"))
    }

    @Test func truncatedGzip() throws {
        var text = "time,station,phenomenon,value\n"
        for i in 0..<5000 { text += "\(1_767_225_600 + i),S\(i % 7),PM10,\(i % 97).5\n" }
        let gz = Fixture.gzip(text)
        let e = try error(writing: Array(gz.prefix(gz.count / 2)), name: "cut.csv.gz")
        #expect(e.reason.hasPrefix("is a truncated gzip file"))
    }

    @Test func gzipMissingOnlyItsTrailer() throws {
        let gz = Fixture.gzip("time,temp\n2026-01-15T08:00:00Z,1\n")
        let e = try error(writing: Array(gz.dropLast(4)), name: "notrailer.csv.gz")
        #expect(e.reason.contains("gzip"))
    }

    @Test func corruptGzip() throws {
        var gz = Fixture.gzip("time,temp\n2026-01-15T08:00:00Z,1\n2026-01-15T09:00:00Z,2\n")
        for i in 12..<min(gz.count - 8, 30) { gz[i] ^= 0x5A }
        let e = try error(writing: gz, name: "corrupt.csv.gz")
        #expect(e.reason.contains("gzip"))
    }

    @Test func gzipMagicOnly() throws {
        let e = try error(writing: [0x1F, 0x8B], name: "magic.csv.gz")
        #expect(e.reason.contains("gzip"))
    }

    @Test func gzipOfEmptyFile() throws {
        let e = try error(writing: Fixture.gzip([UInt8]()), name: "empty.csv.gz")
        #expect(e.reason == "is empty")
    }

    @Test func folderWithNoDataFiles() throws {
        let dir = Fixture.tempFolder("nodata")
        Fixture.write("hello", name: "notes.md", in: dir)
        Fixture.write("time,temp\n2026-01-15T08:00:00Z,1\n", name: ".hidden.csv", in: dir)
        let e = try error(loading: dir)
        #expect(e.reason.hasPrefix("folder holds no data files"))
    }

    @Test func emptyFolder() throws {
        let dir = Fixture.tempFolder("empty")
        let e = try error(loading: dir)
        #expect(e.reason.hasPrefix("folder holds no data files"))
    }

    @Test func folderWithOneBadFileNamesThatFile() throws {
        let dir = Fixture.tempFolder("onebad")
        Fixture.write("time,temp\n2026-01-15T08:00:00Z,1\n", name: "a.csv", in: dir)
        let bad = Fixture.write("", name: "b.csv", in: dir)
        let e = try #require(loadError { () throws(LoadError) in try CSVLoader.load(paths: [dir]) })
        #expect(e.file == bad)
        #expect(e.reason == "is empty")
    }

    @Test func directoryGivenAsFile() throws {
        let dir = Fixture.tempFolder("asfile")
        let e = try #require(loadError { () throws(LoadError) in try CSVLoader.load(path: dir) })
        #expect(e.file == dir && e.reason == "is a directory")
    }

    @Test func lineLongerThanOneMiBInBody() throws {
        var bytes = Array("time,temp\n2026-01-15T08:00:00Z,1\n2026-01-15T09:00:00Z,".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "7"), count: (1 << 20) + 10)
        bytes += Array("\n2026-01-15T10:00:00Z,3\n".utf8)
        let e = try error(writing: bytes, name: "longline.csv")
        #expect(e.reason == "line 3 is longer than 1 MiB; this does not look like a CSV file")
    }

    @Test func lineLongerThanOneMiBOfManyFields() throws {
        var text = "time,station,phenomenon,value\n"
        text += String(repeating: "x,", count: 600_000) + "\n"
        let e = try error(writing: text, name: "manyfields.csv")
        #expect(e.reason == "line 2 is longer than 1 MiB; this does not look like a CSV file")
    }

    @Test func headerLongerThanOneMiB() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20)
        let e = try error(writing: bytes, name: "oneline.csv")
        #expect(e.reason == "line 1 is longer than 1 MiB; this does not look like a CSV file")
    }

    @Test func unterminatedQuoteLongerThanOneMiB() throws {
        var text = "time,station,phenomenon,value\n2026-01-15T08:00:00Z,\"open,PM10,1\n"
        for _ in 0..<40_000 { text += "2026-01-15T08:00:00Z,A,PM10,1\n" }
        let e = try error(writing: text, name: "openquote.csv")
        #expect(e.reason == "line 2 is longer than 1 MiB; this does not look like a CSV file")
    }

    @Test func unterminatedQuoteAtEndIsAnIssue() throws {
        let s = try parsed("time,station,phenomenon,value\n2026-01-15T08:00:00Z,A,PM10,1\n2026-01-15T09:00:00Z,\"B,PM10,2\n")
        #expect(s.measurementCount == 1)
        #expect(s.report.skippedRows == 1)
        #expect(s.report.issues.first?.line == 3)
        #expect(s.report.issues.first?.reason == "has a quote that is never closed")
    }

    @Test func latin1Header() throws {
        // "Zeit;Temperatur (°C)" in Latin-1: ° is the single byte 0xB0.
        let bytes: [UInt8] = Array("Zeit;Temperatur (".utf8) + [0xB0] + Array("C)\n2026-01-15 08:00;1,5\n".utf8)
        let e = try error(writing: bytes, name: "latin1.csv")
        #expect(e.reason == "header is not UTF-8 text; save the file as UTF-8")
    }

    @Test func latin1StationNameIsARowIssue() throws {
        let bytes: [UInt8] = Array("time,station,phenomenon,value\n2026-01-15T08:00:00Z,A,PM10,1\n2026-01-15T08:00:00Z,M".utf8)
            + [0xFC] + Array("nchen,PM10,2\n".utf8)
        let s = try parsed(bytes, name: "mixed.csv")
        #expect(s.seriesIDs == ["A · PM10"])
        #expect(s.report.skippedRows == 1)
        #expect(s.report.issues.first?.description == "mixed.csv:3: column \"station\": is not valid UTF-8 text")
    }

    @Test func parseRefusesEmptyBytes() throws {
        let e = try #require(loadError { () throws(LoadError) in try CSVLoader.parse([], fileName: "x.csv") })
        #expect(e.description == "x.csv: is empty")
    }

    @Test func randomBytesNeverCrash() throws {
        // Deterministic pseudo-random junk, with and without NULs, with quotes and delimiters.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("0123456789-:T Z+,;\t\"\r\nabcNA.e".utf8)
        for round in 0..<200 {
            var bytes: [UInt8] = round % 2 == 0 ? Array("time,station,phenomenon,value\n".utf8) : []
            for _ in 0..<(round * 7 % 500) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let r = Int(state >> 33)
                bytes.append(round % 5 == 4 ? UInt8(truncatingIfNeeded: r) : alphabet[r % alphabet.count])
            }
            if let s = try? CSVLoader.parse(bytes, fileName: "junk.csv") {
                #expect(s.measurementCount > 0)
            }
        }
    }
}
