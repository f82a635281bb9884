import Foundation
import Testing
@testable import DataCore

/// Replays every input the CSV fuzzer kept (`Fuzz/corpus/csv`) and every one that once broke the
/// reader (`Fuzz/crashers/csv`) through the real parser: each gives a store or a `LoadError`, never a
/// crash, and keeps the invariants `Fuzz/csv/main.swift` checks. `scripts/fuzz`
/// finds new inputs; a crasher it writes is replayed here from then on.
@Suite("Fuzz regressions: CSV reader", .timeLimit(.minutes(2)))
struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// The files of `Fuzz/<sub>`, as paths relative to `Fuzz/`.
    static func inputs(_ sub: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fuzzFolder.appendingPathComponent(sub).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(sub)/\($0)" }
    }

    static let corpus = inputs("corpus/csv")
    static let crashers = inputs("crashers/csv")

    @Test func theFoldersAreThere() {
        #expect(Self.corpus.count >= 10, "Fuzz/corpus/csv is missing or nearly empty")
        #expect(Self.corpus.contains("corpus/csv/seed-bad-rows.csv"))
        #expect(Self.crashers.contains("crashers/csv/empty-series-cell.csv"))
    }

    @Test(arguments: corpus + crashers)
    func replay(_ file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fuzzFolder.appendingPathComponent(file)))
        var input = bytes
        if bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B {
            do throws(LoadError) {
                input = try FileBytes.gunzip(bytes, displayName: "fuzz.csv.gz")
            } catch {
                check(error, "fuzz.csv.gz", file)
                return
            }
        }
        for (tabHint, firstLine) in [(false, 1), (true, 1000)] {
            do throws(LoadError) {
                var store = try CSVLoader.parse(input, fileName: "fuzz.csv", tabHint: tabHint, firstLine: firstLine)
                check(store, finished: false, file)
                store.finish()
                check(store, finished: true, file)
            } catch {
                check(error, "fuzz.csv", file)
            }
        }
    }

    // MARK: the bugs the fuzzer found, pinned down

    /// An empty cell in the series column force-unwrapped the missing name and crashed the viewer.
    @Test func anEmptySeriesCellSkipsTheRow() throws {
        let text = "time,value,series\n2024-03-07T10:00:00Z,5,\n2024-03-07T10:10:00Z,6,a\n"
        let store = try parsed(text, name: "e.csv")
        #expect(store.series.map(\.id) == ["a"])
        #expect(store.measurementCount == 1)
        #expect(store.report.skippedRows == 1)
        #expect(store.report.issues.map(\.description) == ["e.csv:2: column \"series\": names no series"])
    }

    /// With a station column too, the row is named by its station; the value header is its phenomenon.
    @Test func anEmptySeriesCellFallsBackToTheStation() throws {
        let store = try parsed("time,series,station,value\n2024-03-07T10:00:00Z,,Centrum,5\n2024-03-07T10:00:00Z,x,Centrum,6\n")
        #expect(store.series.map(\.id) == ["Centrum", "x"])
        #expect(store.series.map(\.phenomenon) == ["value", "x"])
        #expect(store.report.skippedRows == 0)
    }

    // MARK: invariants (the same as Fuzz/csv/main.swift)

    private func printable(_ s: String) -> Bool { TextSafety.printable(s) == s }

    private func check(_ e: LoadError, _ name: String, _ file: String) {
        #expect(e.file == name, "\(file)")
        #expect(!e.reason.isEmpty, "\(file)")
        #expect(printable(e.description), "\(file): error not printable: \(e.description.debugDescription)")
    }

    private func check(_ s: MeasurementStore, finished: Bool, _ file: String) {
        #expect(s.measurementCount > 0, "\(file): a store without measurements")
        #expect(s.series.count == s.columns.count, "\(file)")
        #expect(s.report.issues.count <= LoadReport.keptIssues, "\(file)")
        for issue in s.report.issues {
            #expect(printable(issue.description), "\(file): issue not printable: \(issue.description.debugDescription)")
        }
        #expect(Set(s.series.map(\.id)).count == s.series.count, "\(file): duplicate series ids")
        for (i, info) in s.series.enumerated() {
            if finished { #expect(s.index(ofSeries: info.id) == i, "\(file)") }
            for t in [info.id, info.name, info.phenomenon, info.station ?? "", info.unit ?? ""] {
                #expect(printable(t), "\(file): series text not printable: \(t.debugDescription)")
            }
            let c = s.columns[i]
            #expect(c.times.count == c.values.count, "\(file)")
            #expect(c.lats.count == c.lons.count, "\(file)")
            #expect(c.lats.isEmpty || c.lats.count <= c.times.count, "\(file)")
            #expect(c.values.allSatisfy { $0.isFinite }, "\(file): a value is not finite")
            if finished {
                #expect(c.lats.isEmpty || c.lats.count == c.times.count, "\(file)")
                #expect(zip(c.times, c.times.dropFirst()).allSatisfy { $0 <= $1 }, "\(file): times not sorted")
            }
            for k in c.lats.indices where !c.lats[k].isNaN || !c.lons[k].isNaN {
                #expect((-90...90).contains(c.lats[k]) && (-180...180).contains(c.lons[k]), "\(file): position out of range")
            }
        }
    }
}
