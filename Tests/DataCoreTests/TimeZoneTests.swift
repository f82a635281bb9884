import Foundation
import Testing
@testable import DataCore

/// UTC instant of a written time (`2026-03-29 01:00`), for readable tests.
func utc(_ text: String) -> Int64 { LocalTimeText.parse(text, in: .utc)! }

let hour: Int64 = 3_600_000

@Suite struct ZoneTableTests {
    let berlin = ZoneTable.named("Europe/Berlin")!
    let newYork = ZoneTable.named("America/New_York")!

    @Test func abbreviationsAreTzdatas() {
        #expect(berlin.abbreviation(at: utc("2026-01-15 12:00")) == "CET")
        #expect(berlin.abbreviation(at: utc("2026-07-15 12:00")) == "CEST")
        #expect(newYork.abbreviation(at: utc("2026-01-15 12:00")) == "EST")
        #expect(newYork.abbreviation(at: utc("2026-07-15 12:00")) == "EDT")
        #expect(ZoneTable.utc.abbreviation(at: 0) == "UTC")
        #expect(ZoneTable.named("Asia/Kolkata")!.abbreviation(at: utc("2026-01-15 12:00")) == "IST")
    }

    @Test func zonedTimesCarryTheAbbreviationOfTheirInstant() {
        #expect(TimeFormat.zoned(utc("2026-01-15 12:00"), in: berlin) == "2026-01-15 13:00 CET")
        #expect(TimeFormat.zoned(utc("2026-07-15 12:00"), in: berlin) == "2026-07-15 14:00 CEST")
        // Either side of the autumn change: the same wall clock hour, told apart by the abbreviation.
        #expect(TimeFormat.zoned(utc("2026-10-25 00:30"), in: berlin) == "2026-10-25 02:30 CEST")
        #expect(TimeFormat.zoned(utc("2026-10-25 01:30"), in: berlin) == "2026-10-25 02:30 CET")
        #expect(TimeFormat.zoned(utc("2026-11-01 00:00"), in: newYork) == "2026-10-31 20:00 EDT")
        #expect(TimeFormat.zoned(0, in: .utc) == "1970-01-01 00:00 UTC")
    }

    @Test func offsetsChangeAtTheInstantTheClocksDo() {
        // Berlin springs forward at 01:00 UTC on the last Sunday of March, falls back on the last of October.
        #expect(berlin.offset(at: utc("2026-03-29 00:59")) == 1 * hour)
        #expect(berlin.offset(at: utc("2026-03-29 01:00")) == 2 * hour)
        #expect(berlin.offset(at: utc("2026-10-25 00:59")) == 2 * hour)
        #expect(berlin.offset(at: utc("2026-10-25 01:00")) == 1 * hour)
        // New York at 02:00 local: 07:00 UTC in March, 06:00 UTC in November.
        #expect(newYork.offset(at: utc("2026-03-08 06:59")) == -5 * hour)
        #expect(newYork.offset(at: utc("2026-03-08 07:00")) == -4 * hour)
        #expect(newYork.offset(at: utc("2026-11-01 05:59")) == -4 * hour)
        #expect(newYork.offset(at: utc("2026-11-01 06:00")) == -5 * hour)
        #expect(berlin.transitions(in: utc("2026-01-01 00:00")...utc("2026-12-31 00:00"))
                == [utc("2026-03-29 01:00"), utc("2026-10-25 01:00")])
    }

    @Test func wallClockTimesInGapsAndOverlaps() {
        #expect(berlin.instant(fromLocal: utc("2026-01-15 12:00")) == utc("2026-01-15 11:00"))
        // 02:30 on the spring day does not exist: it is read as 03:30 CEST.
        #expect(berlin.instant(fromLocal: utc("2026-03-29 02:30")) == utc("2026-03-29 01:30"))
        // 02:30 on the autumn day happens twice: the first, still in CEST.
        #expect(berlin.instant(fromLocal: utc("2026-10-25 02:30")) == utc("2026-10-25 00:30"))
        #expect(newYork.instant(fromLocal: utc("2026-11-01 01:30")) == utc("2026-11-01 05:30"))
        #expect(newYork.instant(fromLocal: utc("2026-03-08 02:30")) == utc("2026-03-08 07:30"))
    }

    @Test func unknownAndHostileNamesAreNotZones() {
        #expect(ZoneTable.named("Mars/Olympus_Mons") == nil)
        #expect(ZoneTable.named("../../etc/passwd") == nil)
        #expect(ZoneTable.named("Europe/Berlin\u{1B}[2J") == nil)
        #expect(ZoneTable.named("") == nil)
        #expect(ZoneTable.named("UTC") === ZoneTable.utc)
        #expect(ZoneTable.named("Europe/Berlin") === berlin)  // cached
    }

    @Test func segmentLookupMatchesFoundationOverAYear() {
        // The table is built from Foundation's TimeZone; every hour of a year must agree with it.
        let tz = TimeZone(identifier: "America/New_York")!
        var t = utc("2026-01-01 00:00")
        while t < utc("2027-01-01 00:00") {
            #expect(newYork.offset(at: t) == Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t) / 1000))) * 1000)
            t += hour
        }
    }

    @Test func tzifAbbreviationsReadFromTheFiles() throws {
        let names = try #require(TZifAbbreviations.read("Europe/Berlin"))
        #expect(names.name(offsetSeconds: 3600, dst: false) == "CET")
        #expect(names.name(offsetSeconds: 7200, dst: true) == "CEST")
        #expect(TZifAbbreviations.parse(Array("TZif2 not really".utf8)) == nil)
        #expect(TZifAbbreviations.parse([]) == nil)
        #expect(TZifAbbreviations.read("Nowhere/Else") == nil)
    }
}

@Suite struct LocalZoneTests {
    func localtime(linkingTo target: String?, timezoneFile: String? = nil) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dv-tz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("localtime").path
        if let target { try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target) }
        else { FileManager.default.createFile(atPath: path, contents: Data("TZif".utf8)) }
        if let timezoneFile { try timezoneFile.write(toFile: dir.appendingPathComponent("timezone").path, atomically: true, encoding: .utf8) }
        return path
    }

    @Test func tzComesFirst() throws {
        let lt = try localtime(linkingTo: "/usr/share/zoneinfo/America/New_York")
        #expect(LocalZone.resolve(environment: ["TZ": "Europe/Berlin"], localtime: lt)
                == .init(identifier: "Europe/Berlin", source: "TZ"))
        #expect(LocalZone.resolve(environment: ["TZ": ":Asia/Tokyo"], localtime: lt).identifier == "Asia/Tokyo")
        #expect(LocalZone.resolve(environment: ["TZ": "/usr/share/zoneinfo/Europe/Paris"], localtime: lt).identifier == "Europe/Paris")
        #expect(LocalZone.resolve(environment: ["TZ": ""], localtime: lt).identifier == "UTC")
        #expect(LocalZone.resolve(environment: ["TZ": "Etc/UTC"], localtime: lt).identifier == "UTC")
    }

    @Test func thenEtcLocaltime() throws {
        let lt = try localtime(linkingTo: "/usr/share/zoneinfo/America/New_York")
        #expect(LocalZone.resolve(environment: [:], localtime: lt) == .init(identifier: "America/New_York", source: lt))
        let posix = try localtime(linkingTo: "/usr/share/zoneinfo/posix/Europe/Berlin")
        #expect(LocalZone.resolve(environment: [:], localtime: posix).identifier == "Europe/Berlin")
        let relative = try localtime(linkingTo: "../../usr/share/zoneinfo/Asia/Tokyo")
        #expect(LocalZone.resolve(environment: [:], localtime: relative).identifier == "Asia/Tokyo")
        // A copied file (no link): Debian's /etc/timezone beside it names the zone.
        let copy = try localtime(linkingTo: nil, timezoneFile: "Europe/Amsterdam\n")
        #expect(LocalZone.resolve(environment: [:], localtime: copy).identifier == "Europe/Amsterdam")
        #expect(LocalZone.resolve(environment: [:], localtime: "/nonexistent/localtime") == .init(identifier: "UTC", source: "default"))
    }

    @Test func anUnknownTZSaysSoAndFallsBack() throws {
        let lt = try localtime(linkingTo: "/usr/share/zoneinfo/Europe/Berlin")
        let r = LocalZone.resolve(environment: ["TZ": "Mars/Base\u{1B}]0;x"], localtime: lt)
        #expect(r.identifier == "Europe/Berlin")
        #expect(r.note?.contains("is not a time zone this viewer knows") == true)
        #expect(r.note?.contains("\u{1B}") == false)
    }
}

@Suite struct LocalTimeTextTests {
    let berlin = ZoneTable.named("Europe/Berlin")!

    @Test func wallClockInTheZoneUnlessAnOffsetIsGiven() {
        #expect(LocalTimeText.parse("2026-01-15 12:00", in: berlin) == utc("2026-01-15 11:00"))
        #expect(LocalTimeText.parse("2026-07-15 12:00", in: berlin) == utc("2026-07-15 10:00"))
        #expect(LocalTimeText.parse("2026-07-15T12:00:30", in: berlin) == utc("2026-07-15 10:00") + 30_000)
        #expect(LocalTimeText.parse("2026-07-15", in: berlin) == utc("2026-07-14 22:00"))
        #expect(LocalTimeText.parse("2026-07-15 12:00Z", in: berlin) == utc("2026-07-15 12:00"))
        #expect(LocalTimeText.parse("2026-07-15 12:00 UTC", in: berlin) == utc("2026-07-15 12:00"))
        #expect(LocalTimeText.parse("2026-07-15 12:00+05:30", in: berlin) == utc("2026-07-15 06:30"))
        #expect(LocalTimeText.parse("2026-07-15 12:00-04", in: berlin) == utc("2026-07-15 16:00"))
    }

    @Test func notTimes() {
        for bad in ["", "tomorrow", "2026-13-01", "2026-02-30 10:00", "2026-01-01 24:00", "2026-01-01 10:60",
                    "2026-01-01 10", "2026-01-01 10:00 CET", "2026-01-01 10:00+1:00", "२०२६-01-01", "2026-01-01 10:00:00:00"] {
            #expect(LocalTimeText.parse(bad, in: berlin) == nil, "\(bad)")
        }
    }
}

@Suite struct LocalBucketTests {
    let berlin = ZoneTable.named("Europe/Berlin")!

    /// Hourly points over Berlin's long autumn day, each valued with its local day of the month.
    func column() -> SeriesColumn {
        var c = SeriesColumn()
        var t = utc("2026-10-23 22:00")
        while t < utc("2026-10-26 23:00") {
            c.append(time: t, value: Double(TimeFormat.parts(berlin.local(t)).day))
            t += hour
        }
        c.finish()
        return c
    }

    @Test func dayBucketsAreLocalDays() {
        let c = column()
        let days = c.buckets(in: c.times[0]...c.times[c.count - 1], width: 86_400_000, reduce: .mean, zone: berlin)
        #expect(days.map(\.value) == [24, 25, 26])  // no bucket mixes two local days
        // Each point sits at local noon of its day.
        #expect(days.map { TimeFormat.dateTime($0.time, in: berlin) } == ["2026-10-24 12:00", "2026-10-25 12:00", "2026-10-26 12:00"])
        let counts = c.buckets(in: c.times[0]...c.times[c.count - 1], width: 86_400_000, reduce: .max, zone: berlin).count
        #expect(counts == 3)
        // In UTC the same data's days straddle Berlin's: means are not whole days.
        let inUTC = c.buckets(in: c.times[0]...c.times[c.count - 1], width: 86_400_000, reduce: .mean)
        #expect(inUTC.contains { $0.value != $0.value.rounded() })
    }

    @Test func theLongDayHasTwentyFiveHours() {
        let c = column()
        let day = utc("2026-10-24 22:00")...utc("2026-10-25 22:59")
        #expect(c.indices(in: day).count == 25)
        let one = c.buckets(in: day, width: 86_400_000, reduce: .min, zone: berlin)
        #expect(one.count == 1 && one[0].value == 25)
    }
}
