import DataCore

/// What the data looked like when a session was saved: per selected series its newest time and
/// count, and which series the data had. Loading later compares it with the data as it is then.
public struct DataWatermark: Codable, Equatable, Sendable {
    public struct Mark: Codable, Equatable, Sendable {
        public var id: String
        public var last: Int64?
        public var count: Int
        public init(id: String, last: Int64?, count: Int) {
            self.id = id
            self.last = last
            self.count = count
        }
    }

    public var marks: [Mark]
    /// Every series id of the data at save, to tell new series; nil when there were too many to keep.
    public var catalog: [String]?
    /// The data files (absolute paths), so that `sessions show` can look at them again.
    public var sources: [String]

    public static let catalogLimit = 2000

    public init(marks: [Mark], catalog: [String]?, sources: [String]) {
        self.marks = marks
        self.catalog = catalog
        self.sources = sources
    }

    /// The watermark of `selected` in `store` now.
    public init(selected: [String], store: MeasurementStore, sources: [String]) {
        marks = selected.map { id in
            guard let c = store.column(id) else { return Mark(id: id, last: nil, count: 0) }
            return Mark(id: id, last: c.count > 0 ? c.times[c.count - 1] : nil, count: c.count)
        }
        catalog = store.series.count <= Self.catalogLimit ? store.series.map(\.id) : nil
        self.sources = sources
    }
}

/// What changed in the data between a save and now.
public struct DataSinceSaved: Equatable, Sendable {
    /// Measurements of the saved series added (negative: removed) since the save.
    public var added: Int
    /// The newest time of those series now.
    public var newest: Int64?
    public var newSeries: [String]
    /// Saved series the data no longer has.
    public var missing: [String]

    public init(saved: DataWatermark, now: DataWatermark) {
        let current = Dictionary(now.marks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var added = 0
        var newest: Int64?
        var missing: [String] = []
        for m in saved.marks {
            guard let c = current[m.id], c.count > 0 || m.count == 0 else { missing.append(m.id); continue }
            added += c.count - m.count
            if let l = c.last { newest = max(newest ?? l, l) }
        }
        self.added = added
        self.newest = newest
        self.missing = missing
        if let before = saved.catalog.map(Set.init), let after = now.catalog {
            newSeries = after.filter { !before.contains($0) }
        } else {
            newSeries = []
        }
    }

    public var isUnchanged: Bool { added == 0 && newSeries.isEmpty && missing.isEmpty }

    /// "+1,204 measurements since saved (to 2026-11-30 15:00 CET); 1 new series; 2 series missing: a, b",
    /// the time in `zone`.
    public func message(in zone: ZoneTable = .utc) -> String {
        var parts: [String] = []
        if added > 0 {
            parts.append("+\(Self.grouped(added)) measurements since saved" + (newest.map { " (to \(TimeFormat.zoned($0, in: zone)))" } ?? ""))
        } else if added < 0 {
            parts.append("−\(Self.grouped(-added)) measurements since saved (the data was rewritten)")
        } else {
            parts.append("no new measurements since saved")
        }
        if !newSeries.isEmpty { parts.append("\(newSeries.count) new series") }
        if !missing.isEmpty {
            parts.append("\(missing.count) series missing: " + missing.prefix(3).joined(separator: ", ") + (missing.count > 3 ? ", …" : ""))
        }
        return parts.joined(separator: "; ")
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
