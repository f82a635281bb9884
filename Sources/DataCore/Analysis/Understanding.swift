/// The loader's decisions as text, for `inspect` and the first-open notice.
public enum Understanding {
    public struct Document: Encodable {
        public var files: [FileUnderstanding]
        public var series: Int
        public var measurements: Int
        public var probableMissingMarkers: [MissingMarker]
        public var skipped: [String]
        public init(files: [FileUnderstanding], series: Int, measurements: Int, probableMissingMarkers: [MissingMarker], skipped: [String]) {
            self.files = files
            self.series = series
            self.measurements = measurements
            self.probableMissingMarkers = probableMissingMarkers
            self.skipped = skipped
        }
    }

    public static func text(_ store: MeasurementStore) -> [String] {
        var out: [String] = []
        for u in store.understanding {
            out.append(u.file)
            out += u.lines.map { "  " + $0 }
        }
        out += summary(store)
        return out
    }

    private static func summary(_ store: MeasurementStore) -> [String] {
        var out = ["\(store.series.count) series, \(store.measurementCount) measurements"]
        for m in store.probableMissingMarkers().prefix(6) {
            out.append("probable missing marker: \(m.description); --na \(MissingMarker.text(m.value)) reads it as missing")
        }
        for i in store.report.issues.prefix(5) { out.append("skipped: \(i.description)") }
        return out
    }

    /// Shorter: files read alike are told once.
    public static func notice(_ store: MeasurementStore) -> [String] {
        var out: [String] = []
        var shown: [[String]] = []
        var alike = 0
        for u in store.understanding {
            let lines = u.lines.filter { !$0.hasPrefix("rows:") && !$0.hasPrefix("station \"") }
            if shown.contains(lines) { alike += 1; continue }
            shown.append(lines)
            if shown.count > 3 { alike += 1; continue }
            out.append(u.file)
            out += u.lines.map { "  " + $0 }
        }
        if alike > 0 { out.append("… and \(alike) more file\(alike == 1 ? "" : "s") read alike") }
        out += summary(store)
        out.append("`dataviewer inspect` shows this again; --time, --station, --tz, --na, --delimiter, --decimal, --skip override it")
        return out
    }
}
