import Foundation
import Testing
@testable import DataCore

@Suite("Several files, folders and gzip", .timeLimit(.minutes(1)))
struct MultiFileTests {
    @Test func twoFilesMergeTheSameSeriesSortedByTime() throws {
        let dir = Fixture.tempFolder("merge")
        let a = Fixture.write("""
            time,station,phenomenon,value,unit
            2026-01-15T08:00:00Z,A,PM10,1,µg/m³
            2026-01-15T10:00:00Z,A,PM10,3,µg/m³
            2026-01-15T08:00:00Z,B,PM10,7,µg/m³

            """, name: "a.csv", in: dir)
        let b = Fixture.write("""
            time,station,phenomenon,value
            2026-01-15T09:00:00Z,A,PM10,2
            2026-01-15T07:00:00Z,A,PM10,0
            2026-01-15T07:00:00Z,C,NO2,5

            """, name: "b.csv", in: dir)
        let s = try CSVLoader.load(paths: [b, a])
        #expect(s.seriesIDs == ["A · PM10", "B · PM10", "C · NO2"])
        let c = try #require(s.column("A · PM10"))
        #expect(c.values == [0, 1, 2, 3])
        #expect(c.times == [utc(2026, 1, 15, 7), utc(2026, 1, 15, 8), utc(2026, 1, 15, 9), utc(2026, 1, 15, 10)])
        // b.csv has no unit column: the unit from a.csv is kept.
        #expect(s.info("A · PM10")?.unit == "µg/m³")
        #expect(s.measurementCount == 6)
        #expect(s.report.files == [b, a])
        #expect(s.sourceName == "2 files")
    }

    @Test func mergeAcrossLongAndWideFiles() throws {
        let dir = Fixture.tempFolder("longwide")
        let a = Fixture.write("time,station,phenomenon,value\n2026-01-15T09:00:00Z,De Bilt,temp,2\n", name: "a.csv", in: dir)
        let b = Fixture.write("time,station,temp (°C)\n2026-01-15T08:00:00Z,De Bilt,1\n", name: "b.csv", in: dir)
        let s = try CSVLoader.load(paths: [a, b])
        #expect(s.seriesIDs == ["De Bilt · temp"])
        #expect(s.column("De Bilt · temp")?.values == [1, 2])
        #expect(s.info("De Bilt · temp")?.unit == "°C")
    }

    @Test func mergePositionsWithAndWithout() throws {
        let dir = Fixture.tempFolder("pos")
        // Names that differ only by a date: one source, so its series merge.
        let a = Fixture.write("time,temp\n2026-01-15T08:00:00Z,1\n2026-01-15T10:00:00Z,3\n", name: "log-2026-01-15.csv", in: dir)
        let b = Fixture.write("time,temp,lat,lon\n2026-01-15T09:00:00Z,2,52,5\n", name: "log-2026-01-16.csv", in: dir)
        for order in [[a, b], [b, a]] {
            let s = try CSVLoader.load(paths: order)
            let c = try #require(s.column("temp"))
            #expect(c.values == [1, 2, 3])
            #expect(c.lats.count == 3 && c.lons.count == 3)
            #expect(c.lats[0].isNaN && c.lats[1] == 52 && c.lats[2].isNaN)
            #expect(c.lons[1] == 5)
        }
    }

    @Test func folderOfFiles() throws {
        let dir = Fixture.tempFolder("folder")
        // Daily files of one sensor (names differ only by a date): one source.
        Fixture.write("time,temp\n2026-01-15T09:00:00Z,2\n", name: "2026-01-02.csv", in: dir)
        Fixture.write("time,temp\n2026-01-15T08:00:00Z,1\n", name: "2026-01-01.csv", in: dir)
        Fixture.write(Fixture.gzip("time,temp\n2026-01-15T07:00:00Z,0\n"), name: "2026-01-03.csv.gz", in: dir)
        Fixture.write("time\ttemp\n2026-01-15T06:00:00Z\t-1\n", name: "2026-01-04.TSV", in: dir)
        Fixture.write("time,temp\n2026-01-15T05:00:00Z,-2\n", name: "2026-01-05.txt", in: dir)
        Fixture.write("time,temp\n2026-01-15T04:00:00Z,99\n", name: ".hidden.csv", in: dir)
        Fixture.write("not data", name: "README.md", in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        let s = try CSVLoader.load(paths: [dir])
        #expect(s.seriesIDs == ["temp"])
        #expect(s.column("temp")?.values == [-2, -1, 0, 1, 2])
        #expect(s.report.files.count == 5)
        #expect(s.report.files.map { ($0 as NSString).lastPathComponent } == ["2026-01-01.csv", "2026-01-02.csv", "2026-01-03.csv.gz", "2026-01-04.TSV", "2026-01-05.txt"])
        #expect(s.sourceName == (dir as NSString).lastPathComponent + "/ (5 files)")
    }

    @Test func fileAndFolderTogether() throws {
        let dir = Fixture.tempFolder("mix")
        Fixture.write("time,station,phenomenon,value\n2026-01-15T08:00:00Z,A,PM10,1\n", name: "x.csv", in: dir)
        let other = Fixture.write("time,station,phenomenon,value\n2026-01-15T07:00:00Z,A,PM10,0\n2026-01-15T07:00:00Z,B,PM10,5\n", name: "y.csv")
        let s = try CSVLoader.load(paths: [other, dir])
        #expect(s.seriesIDs == ["A · PM10", "B · PM10"])
        #expect(s.column("A · PM10")?.values == [0, 1])
        #expect(s.sourceName == "2 files")
    }

    @Test func reportsOfSeveralFilesAreMerged() throws {
        let dir = Fixture.tempFolder("reports")
        let a = Fixture.write("time,temp\n2026-01-15T08:00:00Z,1\nbad,2\n", name: "a.csv", in: dir)
        let b = Fixture.write("time,temp\n2026-01-15T09:00:00Z,NA\n2026-01-15T10:00:00Z,x\n2026-01-15T11:00:00Z,4\n", name: "b.csv", in: dir)
        let s = try CSVLoader.load(paths: [a, b])
        #expect(s.report.skippedRows == 1)
        #expect(s.report.skippedValues == 1)
        #expect(s.report.missingValues == 1)
        #expect(s.report.issues.map(\.description) == [
            "\(a):3: column \"time\": \"bad\" is not a time",
            "\(b):3: column \"temp\": \"x\" is not a number",
        ])
        #expect(s.report.summary == "skipped 1 row and 1 value that could not be read")
    }

    @Test func singleFileSourceName() throws {
        let path = Fixture.write("time,temp\n2026-01-15T08:00:00Z,1\n", name: "air.csv")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.sourceName == "air.csv")
    }

    @Test func gzipFile() throws {
        var text = "time,station,phenomenon,value,unit\n"
        for i in 0..<2000 { text += "\(1_767_225_600 + i * 60),S\(i % 3),PM10,\(i).5,µg/m³\n" }
        let path = Fixture.write(Fixture.gzip(text), name: "air.csv.gz")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.seriesIDs == ["S0 · PM10", "S1 · PM10", "S2 · PM10"])
        #expect(s.measurementCount == 2000)
        #expect(s.column("S1 · PM10").map { Array($0.values.prefix(2)) } == [1.5, 4.5])
        #expect(s.column("S1 · PM10")?.times.first == 1_767_225_660_000)
        #expect(s.info("S0 · PM10")?.unit == "µg/m³")
    }

    @Test func gzipTSVUsesTabs() throws {
        let path = Fixture.write(Fixture.gzip("time\ttemp, inside\n2026-01-15T08:00:00Z\t1.5\n"), name: "t.tsv.gz")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.seriesIDs == ["temp, inside"])
    }

    @Test func gzipDetectedByContentNotName() throws {
        let path = Fixture.write(Fixture.gzip("time,temp\n2026-01-15T08:00:00Z,1\n"), name: "data.csv")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.column("temp")?.values == [1])
    }

    @Test func concatenatedGzipMembers() throws {
        let first = Fixture.gzip("time,station,phenomenon,value\n2026-01-15T08:00:00Z,A,PM10,1\n")
        let second = Fixture.gzip("2026-01-15T09:00:00Z,A,PM10,2\n")
        let third = Fixture.gzip("2026-01-15T10:00:00Z,B,PM10,3\n")
        let path = Fixture.write(first + second + third, name: "cat.csv.gz")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.seriesIDs == ["A · PM10", "B · PM10"])
        #expect(s.column("A · PM10")?.values == [1, 2])
        #expect(s.measurementCount == 3)
    }

    @Test func gzipWithTrailingZeroPadding() throws {
        let gz = Fixture.gzip("time,temp\n2026-01-15T08:00:00Z,1\n")
        let path = Fixture.write(gz + [UInt8](repeating: 0, count: 512), name: "padded.csv.gz")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.column("temp")?.values == [1])
    }

    @Test func gzipWithTrailingGarbageIsRefused() throws {
        let gz = Fixture.gzip("time,temp\n2026-01-15T08:00:00Z,1\n")
        let path = Fixture.write(gz + Array("garbage".utf8), name: "garbage.csv.gz")
        let e = try #require(loadError { () throws(LoadError) in try CSVLoader.load(paths: [path]) })
        #expect(e.file == path)
        #expect(e.reason.hasPrefix("is not a valid gzip file"))
    }

    @Test func controlCharactersInFileNamesAreNeutralised() throws {
        let dir = Fixture.tempFolder("names")
        Fixture.write("time,temp\n2026-01-15T08:00:00Z,1\nbad,2\n", name: "evil\u{1B}]0;pwned\u{07}.csv", in: dir)
        Fixture.write("time,temp\n2026-01-15T09:00:00Z,3\n", name: "fine.csv", in: dir)
        let s = try CSVLoader.load(paths: [dir])
        // Two stations named from the file names; the names are neutralised there too.
        #expect(s.column("Evil␛]0;pwned␇ · temp")?.values == [1])
        #expect(s.column("Fine · temp")?.values == [3])
        let texts = s.seriesIDs + [s.sourceName] + s.report.files + s.report.issues.map(\.description)
        for t in texts {
            #expect(!t.unicodeScalars.contains { $0.value < 0x20 }, "\(t.debugDescription)")
        }
        #expect(s.report.issues.first?.description.hasSuffix("evil␛]0;pwned␇.csv:3: column \"time\": \"bad\" is not a time") == true)

        let empty = Fixture.write("", name: "e\u{1B}[2J.csv")
        let e = try #require(loadError { () throws(LoadError) in try CSVLoader.load(paths: [empty]) })
        #expect(!e.description.unicodeScalars.contains { $0.value < 0x20 })
        #expect(e.reason == "is empty")
    }

    @Test func gzipWithBOMAndCRLF() throws {
        let path = Fixture.write(Fixture.gzip([0xEF, 0xBB, 0xBF] + Array("time;temp (°C)\r\n2026-01-15 08:00;1,5\r\n".utf8)), name: "bom.csv.gz")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.column("temp")?.values == [1.5])
        #expect(s.info("temp")?.unit == "°C")
    }

    @Test func largeGzipLargerThanOneChunk() throws {
        // Decompresses to several 256 KiB chunks.
        var text = "time,temp\n"
        for i in 0..<60_000 { text += "\(1_767_225_600 + i),\(i % 1000)\n" }
        #expect(text.utf8.count > 3 * (1 << 18))
        let path = Fixture.write(Fixture.gzip(text), name: "big.csv.gz")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.measurementCount == 60_000)
        #expect(s.column("temp")?.values.last == 999)
    }
}
