import Foundation
import Testing
@testable import DataCore

/// Times without an offset are read in `--tz ZONE`; with an offset or `Z` they are exact.
@Suite("Real files: reading times in a time zone")
struct TimeZoneReadingTests {
    @Test func defaultIsUTCAndSaysSo() throws {
        let s = try parsed("time,v\n2024-07-01 12:00,1\n")
        #expect(s.column("v")?.times == [utc(2024, 7, 1, 12)])
        #expect(s.understanding.first?.timeZone.hasPrefix("UTC") == true)
    }

    @Test func namedZoneAcrossBothDaylightSavingChanges() throws {
        let text = """
            time,v
            2024-03-31 01:30,1
            2024-03-31 03:30,2
            2024-07-01 12:00,3
            2024-10-27 01:30,4
            2024-10-27 03:30,5
            2024-12-01 00:00,6
            2024-12-01T00:00:00Z,7

            """
        let s = try parsed(text, options: LoadOptions(tz: "Europe/Amsterdam"))
        let c = try #require(s.column("v"))
        #expect(c.values == [1, 2, 3, 4, 5, 6, 7])
        #expect(c.times == [utc(2024, 3, 31, 0, 30), utc(2024, 3, 31, 1, 30), utc(2024, 7, 1, 10),
                            utc(2024, 10, 26, 23, 30), utc(2024, 10, 27, 2, 30), utc(2024, 11, 30, 23), utc(2024, 12, 1)])
        #expect(s.understanding.first?.timeZone == "Europe/Amsterdam")
    }

    @Test func composedTimesAreReadInTheZoneToo() throws {
        let s = try parsed("Date;Time;v\n01.07.2024;12.00.00;1\n", options: LoadOptions(tz: "America/New_York"))
        #expect(s.column("v")?.times == [utc(2024, 7, 1, 16)])
        let p = try parsed("year,month,day,hour,v\n2024,1,15,12,1\n", options: LoadOptions(tz: "Asia/Kolkata"))
        #expect(p.column("v")?.times == [utc(2024, 1, 15, 6, 30)])
    }

    /// Against Foundation's Calendar, for every hour of a year with two changes.
    @Test func zoneClockAgreesWithCalendarForAWholeYear() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        var clock = ZoneClock(zone: zone)
        var wall = utc(2024, 1, 1)
        while wall < utc(2025, 1, 1) {
            let gmt = Calendar(identifier: .gregorian)
            var c = gmt.dateComponents(in: TimeZone(identifier: "UTC")!, from: Date(timeIntervalSince1970: Double(wall) / 1000))
            c.timeZone = zone
            // The hour skipped in spring has no answer in Calendar to compare with.
            if !(c.month == 3 && c.day == 31 && c.hour == 2) {
                let expected = Int64(cal.date(from: DateComponents(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: 15))!.timeIntervalSince1970 * 1000)
                #expect(clock.instant(wall: wall + 15 * 60_000) == expected, "wall \(c)")
            }
            wall += 3_600_000
        }
    }

    @Test func badZoneIsOneSentence() {
        let e = loadError { () throws(LoadError) in try CSVLoader.load(paths: ["/nonexistent"], options: LoadOptions(tz: "Mars/Olympus")) }
        #expect(e?.reason == "--tz \"Mars/Olympus\" is not a time zone; use an IANA name such as Europe/Amsterdam, or UTC, or local")
    }

    @Test func badOptionValues() {
        #expect(LoadOptions(delimiter: "ab").problem() == "--delimiter must be one character such as , ; or tab, not \"ab\"")
        #expect(LoadOptions(decimal: ";").problem() == "--decimal must be . or , not \";\"")
        #expect(LoadOptions(skip: -1).problem() == "--skip must be a number of lines from 0 to 100000, not -1")
        #expect(LoadOptions(tz: "local").problem() == nil)
        #expect(LoadOptions(tz: "UTC").problem() == nil)
        #expect(LoadOptions(delimiter: "tab").problem() == nil)
    }

    @Test func optionsRoundTripAndOverride() throws {
        let saved = LoadOptions(station: "site", tz: "Europe/Berlin", na: ["-999"])
        let data = try JSONEncoder().encode(saved)
        #expect(try JSONDecoder().decode(LoadOptions.self, from: data) == saved)
        let now = saved.overridden(by: LoadOptions(tz: "UTC", skip: 2))
        #expect(now == LoadOptions(station: "site", tz: "UTC", na: ["-999"], skip: 2))
    }
}
