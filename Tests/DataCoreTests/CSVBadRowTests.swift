import Foundation
import Testing
@testable import DataCore

/// Files with some unreadable rows: they open, and the report says exactly what was skipped.
@Suite("CSV files with bad rows")
struct CSVBadRowTests {
    @Test func sampleBadRowsFile() throws {
        let path = Fixture.sampleData + "/bad-rows.csv"
        let s = try CSVLoader.load(paths: [path])
        // Line 22 lacks lat and lon: read without a position, and counted as a short row.
        #expect(s.measurementCount == 33)
        #expect(s.report.skippedRows == 3)
        #expect(s.report.skippedValues == 0)
        #expect(s.report.missingValues == 0)
        #expect(s.report.rowsWithMissingFields == 1 && s.report.firstRaggedLine == 22)
        #expect(s.report.issues.map(\.line) == [7, 14, 31])
        #expect(s.report.issues.map(\.description) == [
            "\(path):7: column \"value\": \"abc\" is not a number",
            "\(path):14: column \"time\": \"yesterday\" is not a time",
            "\(path):31: column \"lat\": \"north\" is not a number",
        ])
        #expect(s.report.issues.map(\.column) == ["value", "time", "lat"])
        #expect(s.report.issues.allSatisfy { $0.file == path })
        #expect(s.report.summary == "skipped 3 rows that could not be read")
        #expect(s.seriesIDs == ["Centrum · humidity", "Centrum · NO2", "Centrum · noise", "Centrum · PM2.5",
                                "Centrum · PM10", "Centrum · temperature"])
        #expect(s.column("Centrum · noise")?.count == 4)
        #expect(s.column("Centrum · PM10")?.count == 5)
        #expect(s.column("Centrum · NO2")?.count == 6)
        #expect(s.column("Centrum · temperature")?.count == 6)
        #expect(s.column("Centrum · PM10")?.lats.allSatisfy { $0 == f(52.0907) } == true)
    }

    @Test func issueLinesCountEmbeddedNewlines() throws {
        let s = try parsed("""
            time,station,phenomenon,value
            2026-01-15T08:00:00Z,"North
            Gate",PM10,1
            2026-01-15T08:00:00Z,"a ""quoted""
            name
            here",PM10,oops
            2026-01-15T08:00:00Z,A,PM10,2
            2026-01-15T08:00:00Z,A,PM10
            """, name: "air.csv")
        #expect(s.measurementCount == 2)
        #expect(s.report.skippedRows == 1)
        #expect(s.report.issues.map(\.description) == [
            "air.csv:4: column \"value\": \"oops\" is not a number",
        ])
        // The last row lacks its value: a short row, read as missing, counted once.
        #expect(s.report.rowsWithMissingFields == 1 && s.report.firstRaggedLine == 8 && s.report.missingValues == 1)
        #expect(s.report.issues[0].file == "air.csv")
        #expect(s.report.issues[0].line == 4)
        #expect(s.report.issues[0].column == "value")
        #expect(s.report.issues[0].reason == "\"oops\" is not a number")
    }

    @Test func issueLinesWithCRLFAndBlankLines() throws {
        let s = try parsed("time,temp\r\n\r\n2026-01-15T08:00:00Z,1\r\n\r\n\r\nlater,2\r\n2026-01-15T09:00:00Z,x\r\n", name: "w.csv")
        #expect(s.report.issues.map(\.description) == [
            "w.csv:6: column \"time\": \"later\" is not a time",
            "w.csv:7: column \"temp\": \"x\" is not a number",
        ])
    }

    @Test func issueLinesWithCRLFInsideQuotes() throws {
        let s = try parsed("time,station,phenomenon,value\r\n2026-01-15T08:00:00Z,\"A\r\nB\",PM10,1\r\n2026-01-15T08:00:00Z,A,PM10,bad\r\n", name: "q.csv")
        #expect(s.report.issues.map(\.line) == [4])
    }

    @Test func issueLinesAfterLeadingBlankLinesAndBOM() throws {
        let s = try parsed([0xEF, 0xBB, 0xBF] + Array("\n\ntime,temp\n2026-01-15T08:00:00Z,1\nnever,2\n".utf8), name: "b.csv")
        #expect(s.report.issues.map(\.line) == [5])
    }

    @Test func wideBadCellSkipsOnlyThatValue() throws {
        let s = try parsed("""
            time,temp (°C),humidity [%]
            2026-01-15T08:00:00Z,1,80
            2026-01-15T09:00:00Z,warm,81
            2026-01-15T10:00:00Z,3,NA
            """, name: "wide.csv")
        #expect(s.column("temp")?.values == [1, 3])
        #expect(s.column("humidity")?.values == [80, 81])
        #expect(s.report.skippedRows == 0)
        #expect(s.report.skippedValues == 1)
        #expect(s.report.missingValues == 1)
        #expect(s.report.issues.map(\.description) == ["wide.csv:3: column \"temp (°C)\": \"warm\" is not a number"])
        #expect(s.report.summary == "skipped 1 value that could not be read")
    }

    @Test func wideBadTimeSkipsTheRow() throws {
        let s = try parsed("time,a,b\n2026-01-15T08:00:00Z,1,2\n2026-02-30T08:00:00Z,3,4\n", name: "w.csv")
        #expect(s.measurementCount == 2)
        #expect(s.report.skippedRows == 1)
        #expect(s.report.issues.first?.description == "w.csv:3: column \"time\": \"2026-02-30T08:00:00Z\" is not a time")
    }

    @Test func extraFieldsAreIgnoredAndCounted() throws {
        let s = try parsed("time,temp\n2026-01-15T08:00:00Z,1,2\n2026-01-15T09:00:00Z,3\n", name: "x.csv")
        #expect(s.column("temp")?.values == [1, 3])
        #expect(s.report.issues.isEmpty)
        #expect(s.report.rowsWithExtraFields == 1 && s.report.firstRaggedLine == 2)
    }

    @Test func longValuesAreShortenedInIssues() throws {
        let junk = String(repeating: "z", count: 200)
        let s = try parsed("time,temp\n2026-01-15T08:00:00Z,\(junk)\n2026-01-15T09:00:00Z,1\n", name: "x.csv")
        let reason = try #require(s.report.issues.first?.reason)
        #expect(reason.count < 60)
        #expect(reason.contains("…"))
    }

    @Test func countsKeepGoingPastTheKeptIssues() throws {
        var text = "time,station,phenomenon,value\n"
        for i in 0..<100 { text += "2026-01-15T08:\(String(format: "%02d", i % 60)):00Z,A,PM10,\(i % 4 == 0 ? "bad" : "1")\n" }
        let s = try parsed(text, name: "many.csv")
        #expect(s.report.skippedRows == 25)
        #expect(s.report.issues.count == LoadReport.keptIssues)
        #expect(s.report.issues.first?.line == 2)
        #expect(s.report.issues.last?.line == 2 + 4 * (LoadReport.keptIssues - 1))
        #expect(s.measurementCount == 75)
    }

    @Test func badEpochTimesAreIssuesNotCrashes() throws {
        let s = try parsed("time,temp\n99999999999999999999999,1\n1767225600,2\n", name: "e.csv")
        #expect(s.column("temp")?.values == [2])
        #expect(s.report.issues.first?.description == "e.csv:2: column \"time\": \"99999999999999999999999\" is not a time")
    }

    @Test func emptyStationAndPhenomenonIsAnIssue() throws {
        let s = try parsed("time,station,phenomenon,value\n2026-01-15T08:00:00Z,,,1\n2026-01-15T08:00:00Z,A,PM10,2\n", name: "n.csv")
        #expect(s.seriesIDs == ["A · PM10"])
        #expect(s.report.issues.first?.description == "n.csv:2: column \"station\": names no series")
    }

    @Test func stationOnlyOrPhenomenonOnly() throws {
        let s = try parsed("time,station,phenomenon,value\n2026-01-15T08:00:00Z,,PM10,1\n2026-01-15T08:00:00Z,A,,2\n")
        #expect(s.seriesIDs == ["A", "PM10"])
        #expect(s.info("PM10")?.station == nil)
        #expect(s.info("PM10")?.phenomenon == "PM10")
        #expect(s.info("A")?.station == "A")
    }
}
