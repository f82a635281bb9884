// libFuzzer entry for the CSV reader (SPEC §1.3: bad input never crashes, never invents data).
// Built by scripts/fuzz against DataCore compiled with -enable-testing; the same checks run in
// Tests/DataCoreTests/FuzzRegressionTests.swift over Fuzz/corpus/csv and Fuzz/crashers/csv.
@testable import DataCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzCSV(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// What CSVLoader.load(path:) does with a file's bytes, both delimiter modes, plus the invariants
/// the viewer relies on. A broken invariant traps, so libFuzzer keeps the input as a crasher.
func fuzzCSV(_ bytes: [UInt8]) {
    var input = bytes
    if bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B {  // .csv.gz path
        do throws(LoadError) {
            input = try FileBytes.gunzip(bytes, displayName: "fuzz.csv.gz")
        } catch {
            check(error, "fuzz.csv.gz")
            return
        }
    }
    for (tabHint, firstLine) in [(false, 1), (true, 1000)] {
        do throws(LoadError) {
            var store = try CSVLoader.parse(input, fileName: "fuzz.csv", tabHint: tabHint, firstLine: firstLine)
            check(store, finished: false)
            store.finish()
            check(store, finished: true)
        } catch {
            check(error, "fuzz.csv")
        }
    }
}

func require(_ ok: Bool, _ what: @autoclosure () -> String) {
    if !ok { fatalError("fuzz invariant broken: \(what())") }
}

func printable(_ s: String) -> Bool { TextSafety.printable(s) == s }

func check(_ e: LoadError, _ name: String) {
    require(e.file == name, "error names \(e.file), not \(name)")
    require(!e.reason.isEmpty, "error without a reason")
    require(printable(e.description), "error not printable: \(e.description.debugDescription)")
}

func check(_ s: MeasurementStore, finished: Bool) {
    require(s.measurementCount > 0, "a store without measurements was returned")
    require(s.series.count == s.columns.count, "series and columns differ in number")
    require(s.report.issues.count <= LoadReport.keptIssues, "too many issues kept")
    require(s.report.skippedRows >= 0 && s.report.skippedValues >= 0 && s.report.missingValues >= 0, "negative counts")
    for issue in s.report.issues {
        require(printable(issue.description), "issue not printable: \(issue.description.debugDescription)")
    }
    var ids = Set<String>()
    for (i, info) in s.series.enumerated() {
        require(ids.insert(info.id).inserted, "duplicate series id \(info.id.debugDescription)")
        require(s.index(ofSeries: info.id) == i || !finished, "index of \(info.id.debugDescription) is wrong")
        for t in [info.id, info.name, info.phenomenon, info.station ?? "", info.unit ?? ""] {
            require(printable(t), "series text not printable: \(t.debugDescription)")
        }
        let c = s.columns[i]
        require(c.times.count == c.values.count, "times and values differ in length")
        require(c.lats.count == c.lons.count, "lats and lons differ in length")
        require(c.lats.isEmpty || c.lats.count <= c.times.count, "more positions than times")
        require(c.values.allSatisfy { $0.isFinite }, "a value is not finite")
        if finished {
            require(c.lats.isEmpty || c.lats.count == c.times.count, "positions not padded by finish()")
            require(zip(c.times, c.times.dropFirst()).allSatisfy { $0 <= $1 }, "times not sorted by finish()")
        }
        for k in c.lats.indices where !c.lats[k].isNaN || !c.lons[k].isNaN {
            require((-90...90).contains(c.lats[k]) && (-180...180).contains(c.lons[k]), "position out of range")
        }
    }
    if finished, let r = s.timeRange { require(r.lowerBound <= r.upperBound, "bad time range") }
}
