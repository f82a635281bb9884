import Foundation

/// Where a load's time goes, phase by phase, on one core: for the benchmark, not the viewer.
/// Each phase repeats the ones before it (read, split, …), so the cost of a phase is its time
/// minus the previous one's. The file must be a long CSV with `time`, `value`, `lat`, `lon` columns.
public enum LoadPhases {
    public static func measure(path: String) throws(LoadError) -> [(phase: String, seconds: Double)] {
        var out: [(String, Double)] = []
        var t0 = clock()
        var bytes: [UInt8] = []
        _ = try FileBytes.stream(path: path, displayName: path) { (chunk: ArraySlice<UInt8>, _: Bool) throws(LoadError) in
            bytes.append(contentsOf: chunk)
        }
        out.append(("read (4 MiB chunks, into one buffer)", clock() - t0))
        let header = bytes.firstIndex(of: 10).map { $0 + 1 } ?? 0
        let names = String(decoding: bytes[..<max(0, header - 1)], as: UTF8.self).split(separator: ",").map(String.init)
        guard let tc = names.firstIndex(of: "time"), let vc = names.firstIndex(of: "value"),
              let lac = names.firstIndex(of: "lat"), let loc = names.firstIndex(of: "lon") else {
            throw LoadError(file: path, reason: "needs time, value, lat and lon columns")
        }
        var sink = 0.0
        bytes.withUnsafeBufferPointer { buf in
            func pass(numbers: Bool, times: Bool) {
                var r = CSVRecordReader(buf, delimiter: 44, start: header)
                let fields = FieldList()
                var exact = false
                while let _ = try? r.next(fields) {
                    guard fields.count > max(tc, vc, lac, loc) else { continue }
                    if numbers {
                        sink += ByteParsers.parseDouble(buf, fields[vc].start, fields[vc].end) ?? 0
                        sink += ByteParsers.parseDouble(buf, fields[lac].start, fields[lac].end) ?? 0
                        sink += ByteParsers.parseDouble(buf, fields[loc].start, fields[loc].end) ?? 0
                    }
                    if times { sink += Double(ByteParsers.parseTime(buf, fields[tc].start, fields[tc].end, order: .dmy, exact: &exact) ?? 0) }
                }
            }
            t0 = clock(); pass(numbers: false, times: false); out.append(("+ split into records and fields", clock() - t0))
            t0 = clock(); pass(numbers: true, times: false); out.append(("+ parse numbers (value, lat, lon)", clock() - t0))
            t0 = clock(); pass(numbers: true, times: true); out.append(("+ parse times", clock() - t0))
        }
        t0 = clock()
        var store = try CSVLoader.parse(bytes, fileName: path)
        out.append(("whole row loop into the store (series keys, appends)", clock() - t0))
        bytes = []
        t0 = clock()
        store.finish()
        out.append(("finish (sort check, value summaries)", clock() - t0))
        if sink == 42 { print("") }  // keeps the parses from being optimised away
        return out
    }

    private static func clock() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
