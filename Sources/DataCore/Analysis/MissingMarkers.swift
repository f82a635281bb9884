/// Values such as -999 that loggers write for "no reading": they repeat exactly and lie far outside
/// the rest. Named in the report so a person can say `--na -999`; never dropped on a guess.
public struct MissingMarker: Sendable, Equatable, Codable {
    public var series: String
    public var value: Double
    public var count: Int
    /// The other values' range.
    public var low: Double
    public var high: Double

    public var description: String {
        "\(series): \(Self.text(value)) appears \(count) times, far outside the other values (\(Self.text(low)) to \(Self.text(high)))"
    }

    public static func text(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}

extension MeasurementStore {
    static let markerCandidates: [Double] = [-999, -9999, -99999, -200, -99, -999.9, -99.9, 9999, 99999, -1e30]

    /// The probable missing-value markers, per series.
    public func probableMissingMarkers() -> [MissingMarker] {
        var out: [MissingMarker] = []
        for (i, info) in series.enumerated() {
            let values = columns[i].values
            var counts = [Int](repeating: 0, count: Self.markerCandidates.count)
            var low = Double.infinity, high = -Double.infinity
            for x in values {
                if let k = Self.markerCandidates.firstIndex(of: x) { counts[k] += 1; continue }
                if x < low { low = x }
                if x > high { high = x }
            }
            for (k, c) in counts.enumerated() where c >= 2 {
                let m = Self.markerCandidates[k]
                // "Far outside": beyond the other values by more than their whole spread.
                let spread = low.isFinite ? max(high - low, 1) : 1
                let far = !low.isFinite || (m < low - spread) || (m > high + spread)
                if far { out.append(MissingMarker(series: info.name, value: m, count: c, low: low.isFinite ? low : m, high: high.isFinite ? high : m)) }
            }
        }
        return out
    }
}
