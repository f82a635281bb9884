import Foundation
import Testing
@testable import DataCore

/// Numbers as people write them, ragged rows, and values that mean "missing".
@Suite("Real files: numbers, ragged rows, missing markers")
struct NumberAndRowTests {
    @Test func raggedLoggerRowsAreReadAndCountedOnce() throws {
        let s = try parsed(Shapes.raggedLogger.text, name: "logger.csv")
        #expect(s.column("Temp")?.values == [4.5, 4.25, 4, 3.75])
        #expect(s.column("RH")?.values == [80.5, 81, 82])
        #expect(s.report.rowsWithExtraFields == 2)
        #expect(s.report.rowsWithMissingFields == 1)
        #expect(s.report.firstRaggedLine == 2)
        #expect(s.report.skippedTotal == 0)
        #expect(s.report.issues.isEmpty)
        let u = try #require(s.understanding.first)
        #expect(u.decimalMark == "," && u.delimiter == ";")
        #expect(u.lines.contains { $0.contains("2 with more fields than the header") && $0.contains("1 with fewer fields") })
    }

    @Test func decimalCommaWithSemicolons() throws {
        let s = try parsed(Shapes.decimalComma.text)
        #expect(s.column("PM10")?.values == [12.5, 14.75, 9])
        #expect(s.column("Temperatur")?.values == [-1.5, -2, 0.5])
        #expect(s.info("Temperatur")?.unit == "°C")
    }

    @Test func decimalCommaInTabFileIsToldByValues() throws {
        let s = try parsed("time\tv\n2024-01-01T00:00:00Z\t1,5\n2024-01-01T01:00:00Z\t2,25\n")
        #expect(s.column("v")?.values == [1.5, 2.25])
    }

    @Test func decimalOptionOverrides() throws {
        let s = try parsed("time;v\n2024-01-01T00:00:00Z;1.500\n", options: LoadOptions(decimal: "."))
        #expect(s.column("v")?.values == [1.5])
    }

    @Test func delimiterOptionOverrides() throws {
        let s = try parsed("time|a|b\n2024-01-01T00:00:00Z|1|2\n", options: LoadOptions(delimiter: "|"))
        #expect(s.seriesIDs == ["a", "b"])
    }

    @Test func thousandsSeparatorsGluedUnitsAndSigns() throws {
        let s = try parsed("""
            time,energy,PM10,temp
            2024-01-01T00:00:00Z,"1,234.5",12.5µg/m³,+3 °C
            2024-01-01T01:00:00Z,"12,000",13 µg/m³,-2.5°C
            2024-01-01T02:00:00Z,999,NaN,-

            """)
        #expect(s.column("energy")?.values == [1234.5, 12000, 999])
        #expect(s.column("PM10")?.values == [12.5, 13])
        #expect(s.column("temp")?.values == [3, -2.5])
        #expect(s.info("PM10")?.unit == "µg/m³")
        #expect(s.info("temp")?.unit == "°C")
        #expect(s.report.skippedTotal == 0)
        #expect(s.report.missingValues == 2)
    }

    @Test func lenientNumbers() {
        #expect(ByteParsers.lenientDouble("1.234,5", decimalComma: true) == 1234.5)
        #expect(ByteParsers.lenientDouble("1 234 567") == 1_234_567)
        #expect(ByteParsers.lenientDouble("1\u{A0}234,5", decimalComma: true) == 1234.5)
        #expect(ByteParsers.lenientDouble("12.5 ppb") == 12.5)
        #expect(ByteParsers.lenientDouble("3rd floor") == nil)
        #expect(ByteParsers.lenientDouble("1,23") == nil)
        #expect(ByteParsers.lenientDouble("12,34,5") == nil)
        #expect(ByteParsers.lenientDouble("1.2.3") == nil)
    }

    @Test func sentinelsAreNamedAndNaMakesThemMissing() throws {
        let text = """
            time,PM10,temp
            2024-01-01T00:00:00Z,12,-999
            2024-01-01T01:00:00Z,-999,3.5
            2024-01-01T02:00:00Z,14,4
            2024-01-01T03:00:00Z,-999,-999.0
            2024-01-01T04:00:00Z,15,5

            """
        let s = try parsed(text)
        let markers = s.probableMissingMarkers()
        #expect(markers.map(\.series) == ["PM10", "temp"])
        #expect(markers.map(\.value) == [-999, -999])
        #expect(markers[0].count == 2 && markers[0].low == 12 && markers[0].high == 15)
        #expect(markers[0].description == "PM10: -999 appears 2 times, far outside the other values (12 to 15)")
        let clean = try parsed(text, options: LoadOptions(na: ["-999"]))
        #expect(clean.column("PM10")?.values == [12, 14, 15])
        #expect(clean.column("temp")?.values == [3.5, 4, 5])
        #expect(clean.probableMissingMarkers().isEmpty)
        #expect(clean.report.missingValues == 4)
    }

    @Test func aRepeatedValueInsideTheRangeIsNoMarker() throws {
        let s = try parsed("time,t\n2024-01-01T00:00:00Z,-200\n2024-01-01T01:00:00Z,-200\n2024-01-01T02:00:00Z,-190\n2024-01-01T03:00:00Z,-180\n")
        #expect(s.probableMissingMarkers().isEmpty)
    }
}
