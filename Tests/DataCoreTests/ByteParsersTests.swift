import Foundation
import Testing
@testable import DataCore

@Suite("ByteParsers.parseTime")
struct ParseTimeTests {
    @Test func isoWithZ() {
        #expect(ByteParsers.parseTime("2026-01-15T08:00:00Z") == 1_768_464_000_000)
        #expect(ByteParsers.parseTime("2000-01-01T00:00:00Z") == 946_684_800_000)
        #expect(ByteParsers.parseTime("1970-01-01T00:00:00Z") == 0)
        #expect(ByteParsers.parseTime("2024-02-29T23:59:59Z") == 1_709_251_199_000)
        #expect(ByteParsers.parseTime("2026-01-15t08:00:00z") == 1_768_464_000_000)
    }

    @Test func isoWithColonOffset() {
        #expect(ByteParsers.parseTime("2026-10-25T02:30:00+02:00") == 1_792_888_200_000)
        #expect(ByteParsers.parseTime("2026-10-25T02:30:00+01:00") == 1_792_891_800_000)
        #expect(ByteParsers.parseTime("2026-03-01T12:00:00-05:00") == 1_772_384_400_000)
    }

    @Test func isoWithCompactAndHourOnlyOffset() {
        #expect(ByteParsers.parseTime("2026-03-01T12:00:00+0200") == 1_772_359_200_000)
        #expect(ByteParsers.parseTime("2026-03-01T12:00:00+02") == 1_772_359_200_000)
        #expect(ByteParsers.parseTime("2026-03-01T12:00:00-0530") == utc(2026, 3, 1, 17, 30))
        #expect(ByteParsers.parseTime("2026-03-01 12:00:00 UTC") == utc(2026, 3, 1, 12))
    }

    @Test func offsetsAcrossMidnightAndYear() {
        #expect(ByteParsers.parseTime("2026-01-01T00:30:00+01:00") == utc(2025, 12, 31, 23, 30))
        #expect(ByteParsers.parseTime("2025-12-31T22:00:00-05:00") == utc(2026, 1, 1, 3))
    }

    @Test func daylightSavingChangeIsOneHour() throws {
        let summer = try #require(ByteParsers.parseTime("2026-10-25T02:30:00+02:00"))
        let winter = try #require(ByteParsers.parseTime("2026-10-25T02:30:00+01:00"))
        #expect(winter - summer == 3_600_000)
    }

    @Test func spaceSeparatedWithoutSeconds() {
        #expect(ByteParsers.parseTime("2026-07-04 13:45") == 1_783_172_700_000)
        #expect(ByteParsers.parseTime("2026-07-04 13:45:30") == 1_783_172_730_000)
        #expect(ByteParsers.parseTime("2026-07-04T13:45") == 1_783_172_700_000)
        #expect(ByteParsers.parseTime("  2026-07-04 13:45  ") == 1_783_172_700_000)
    }

    @Test func fractionalSeconds() {
        #expect(ByteParsers.parseTime("2026-07-04 13:45:30.123") == 1_783_172_730_123)
        #expect(ByteParsers.parseTime("2026-07-04T13:45:30.5Z") == 1_783_172_730_500)
        #expect(ByteParsers.parseTime("2026-07-04T13:45:30.123456Z") == 1_783_172_730_123)
        #expect(ByteParsers.parseTime("2026-07-04T13:45:30,250Z") == 1_783_172_730_250)
        #expect(ByteParsers.parseTime("2026-07-04T13:45:30.Z") == nil)
    }

    @Test func slashDateAndDateOnly() {
        #expect(ByteParsers.parseTime("2026/02/28") == 1_772_236_800_000)
        #expect(ByteParsers.parseTime("2026-02-28") == 1_772_236_800_000)
        #expect(ByteParsers.parseTime("2026/02/28 06:00") == utc(2026, 2, 28, 6))
        #expect(ByteParsers.parseTime("2026-3-7") == utc(2026, 3, 7))
        #expect(ByteParsers.parseTime("07.03.2026") == utc(2026, 3, 7))
        #expect(ByteParsers.parseTime("07.03.2026 09:15") == utc(2026, 3, 7, 9, 15))
    }

    @Test func epochSecondsAndMilliseconds() {
        #expect(ByteParsers.parseTime("1767225600") == 1_767_225_600_000)
        #expect(ByteParsers.parseTime("1767225600123") == 1_767_225_600_123)
        #expect(ByteParsers.parseTime("1767225600.5") == 1_767_225_600_500)
        #expect(ByteParsers.parseTime("946684800") == 946_684_800_000)
    }

    @Test func slashDatesInBothOrders() {
        var exact = true
        #expect(ByteParsers.parseTime("12/03/2026", order: .dmy, exact: &exact) == utc(2026, 3, 12))
        #expect(!exact)
        #expect(ByteParsers.parseTime("12/03/2026 10:00", order: .mdy, exact: &exact) == utc(2026, 12, 3, 10))
        #expect(ByteParsers.parseTime("03-12-2026", order: .mdy, exact: &exact) == utc(2026, 3, 12))
        #expect(ByteParsers.parseTime("2026-03-12T10:00Z", order: .mdy, exact: &exact) == utc(2026, 3, 12, 10))
        #expect(exact)
    }

    @Test func invalidTimes() {
        for s in ["", "   ", "yesterday", "2026-13-01", "2026-02-30", "2025-02-29", "2026-01-01T25:00",
                  "2026-01-01T12:60", "2026-01-01 12:00 +1", "2026-01-01X12:00", "31/31/2026", "2026-01-01T12:00:00+25:00",
                  "2026-01-01T12:00:00Zjunk", "12345", "-1767225600"] {
            #expect(ByteParsers.parseTime(s) == nil, "\(s) should not parse")
        }
    }

    @Test func hugeEpochIsRefusedNotACrash() {
        // 20+ digits overflow Int64 milliseconds: must be refused, not trap.
        #expect(ByteParsers.parseTime("99999999999999999999") == nil)
        #expect(ByteParsers.parseTime("1" + String(repeating: "0", count: 40)) == nil)
        #expect(ByteParsers.parseTime("9999999999999999999.5") == nil)
    }

    @Test func midnightAsTwentyFour() {
        #expect(ByteParsers.parseTime("2026-01-01T24:00:00Z") == utc(2026, 1, 2))
        #expect(ByteParsers.parseTime("2026-01-01T24:00:01Z") == nil)
    }
}

@Suite("ByteParsers.parseDouble")
struct ParseDoubleTests {
    @Test func plainNumbers() {
        #expect(ByteParsers.parseDouble("12.5") == 12.5)
        #expect(ByteParsers.parseDouble("-3") == -3)
        #expect(ByteParsers.parseDouble("+7.25") == 7.25)
        #expect(ByteParsers.parseDouble(".5") == 0.5)
        #expect(ByteParsers.parseDouble("5.") == 5)
        #expect(ByteParsers.parseDouble(" 42 ") == 42)
        #expect(ByteParsers.parseDouble("0.1") == 0.1)
        #expect(ByteParsers.parseDouble("1010.7") == 1010.7)
    }

    @Test func exponentsAndLongNumbers() {
        #expect(ByteParsers.parseDouble("1e3") == 1000)
        #expect(ByteParsers.parseDouble("2.5E-2") == 0.025)
        #expect(ByteParsers.parseDouble("12345678901234567890") == 12345678901234567890.0)
        #expect(ByteParsers.parseDouble("3.14159265358979323846") == 3.14159265358979323846)
    }

    @Test func manyFractionDigitsKeepTheirValue() {
        // Leading zeros after the point must not eat the significant digits.
        #expect(ByteParsers.parseDouble("0.00000000000000000012") == 1.2e-19)
        #expect(ByteParsers.parseDouble("0.000000000000000000000000005") == 5e-27)
    }

    @Test func decimalComma() {
        #expect(ByteParsers.parseDouble("12,5", decimalComma: true) == 12.5)
        #expect(ByteParsers.parseDouble("-0,25", decimalComma: true) == -0.25)
        #expect(ByteParsers.parseDouble("1,5e2", decimalComma: true) == 150)
        #expect(ByteParsers.parseDouble("12,5") == nil)
        #expect(ByteParsers.parseDouble("1.234,5", decimalComma: true) == nil)
    }

    @Test func notNumbers() {
        for s in ["", "abc", "1.2.3", "12a", "e5", "--1", "+", "inf", "1e400", "0x10", "1 2"] {
            #expect(ByteParsers.parseDouble(s) == nil, "\(s) should not parse")
        }
    }
}
