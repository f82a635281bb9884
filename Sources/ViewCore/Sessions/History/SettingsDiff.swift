import DataCore
import Foundation

/// What differs between two saved views, part by part, in words a person reads (not JSON paths).
/// Pure: both library backends and the viewer use it.
public struct SettingsDiff: Equatable, Sendable, Codable {
    public enum Part: String, CaseIterable, Codable, Sendable { case series, thresholds, dashboard, plot, map }
    public enum Kind: String, Codable, Sendable { case added, removed, changed }

    public struct Change: Equatable, Sendable, Codable {
        public var part: Part
        public var kind: Kind
        /// What changed: a series id, "threshold PM10", "zoom"…
        public var what: String
        public var from: String?
        public var to: String?
        public init(_ part: Part, _ kind: Kind, _ what: String, from: String? = nil, to: String? = nil) {
            self.part = part
            self.kind = kind
            self.what = what
            self.from = from
            self.to = to
        }
    }

    public var changes: [Change]
    public var isEmpty: Bool { changes.isEmpty }

    public init(from old: ViewSettings, to new: ViewSettings) {
        changes = Self.series(old.series, new.series) + Self.thresholds(old.thresholds, new.thresholds)
            + Self.dashboard(old.dashboard, new.dashboard)
            + (old.plot == new.plot ? [] : Self.fields(.plot, Self.flatten(old.plot), Self.flatten(new.plot)))
            + (old.map == new.map ? [] : Self.fields(.map, Self.flatten(old.map), Self.flatten(new.map)))
    }

    /// The diff, one heading per part that changed, then one indented line per change.
    public var lines: [String] {
        guard !isEmpty else { return ["no differences"] }
        var out: [String] = []
        for part in Part.allCases {
            let mine = changes.filter { $0.part == part }
            guard !mine.isEmpty else { continue }
            out.append(part.rawValue)
            for c in mine {
                switch c.kind {
                case .added: out.append("  + " + c.what + (c.to.map { " (\($0))" } ?? ""))
                case .removed: out.append("  − " + c.what + (c.from.map { " (\($0))" } ?? ""))
                case .changed: out.append("  ~ \(c.what): \(c.from ?? "none") → \(c.to ?? "none")")
                }
            }
        }
        return out
    }

    /// One line: "+2 series, threshold PM10 50→40, map zoom 3→5".
    public var summary: String {
        guard !isEmpty else { return "no changes to the view" }
        var parts: [String] = []
        let added = changes.filter { $0.part == .series && $0.kind == .added }.count
        let removed = changes.filter { $0.part == .series && $0.kind == .removed }.count
        if added > 0 { parts.append("+\(added) series") }
        if removed > 0 { parts.append("−\(removed) series") }
        for c in changes where !(c.part == .series && c.kind != .changed) {
            let prefix = c.part == .plot || c.part == .map ? c.part.rawValue + " " : ""
            switch c.kind {
            case .added: parts.append("+" + prefix + c.what)
            case .removed: parts.append("−" + prefix + c.what)
            case .changed: parts.append("\(prefix)\(c.what) \(c.from ?? "none")→\(c.to ?? "none")")
            }
        }
        return parts.joined(separator: ", ")
    }
}

// MARK: the parts

extension SettingsDiff {
    static func series(_ a: SeriesSettings, _ b: SeriesSettings) -> [Change] {
        guard a != b else { return [] }
        var out: [Change] = []
        let before = Set(a.selected), after = Set(b.selected)
        for id in b.selected where !before.contains(id) { out.append(Change(.series, .added, id)) }
        for id in a.selected where !after.contains(id) { out.append(Change(.series, .removed, id)) }
        let kept = a.selected.filter(after.contains)
        if kept != b.selected.filter(before.contains) {
            out.append(Change(.series, .changed, "order", from: kept.joined(separator: ", "), to: b.selected.filter(before.contains).joined(separator: ", ")))
        }
        let f = a.filter, g = b.filter
        func text(_ s: String) -> String { s.isEmpty ? "none" : "\"\(s)\"" }
        if f.text != g.text { out.append(Change(.series, .changed, "filter text", from: text(f.text), to: text(g.text))) }
        if f.phenomenon != g.phenomenon { out.append(Change(.series, .changed, "filter phenomenon", from: f.phenomenon ?? "any", to: g.phenomenon ?? "any")) }
        if f.station != g.station { out.append(Change(.series, .changed, "filter station", from: f.station ?? "any", to: g.station ?? "any")) }
        if f.window != g.window { out.append(Change(.series, .changed, "time window", from: window(f.window), to: window(g.window))) }
        if f.valueMin != g.valueMin { out.append(Change(.series, .changed, "minimum value", from: f.valueMin.map(number) ?? "none", to: g.valueMin.map(number) ?? "none")) }
        if f.valueMax != g.valueMax { out.append(Change(.series, .changed, "maximum value", from: f.valueMax.map(number) ?? "none", to: g.valueMax.map(number) ?? "none")) }
        return out
    }

    static func thresholds(_ a: [Threshold], _ b: [Threshold]) -> [Change] {
        guard a != b else { return [] }
        var out: [Change] = []
        let old = Dictionary(a.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let new = Dictionary(b.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        for t in b where old[t.id] == nil { out.append(Change(.thresholds, .added, "threshold " + scope(t), to: describe(t))) }
        for t in a where new[t.id] == nil { out.append(Change(.thresholds, .removed, "threshold " + scope(t), from: describe(t))) }
        for t in b {
            guard let o = old[t.id], o != t else { continue }
            let name = "threshold " + scope(t)
            if o.scope != t.scope { out.append(Change(.thresholds, .changed, name + " scope", from: scope(o), to: scope(t))) }
            if o.value != t.value { out.append(Change(.thresholds, .changed, name, from: number(o.value), to: number(t.value))) }
            if o.above != t.above { out.append(Change(.thresholds, .changed, name + " direction", from: o.above ? "above" : "below", to: t.above ? "above" : "below")) }
            if o.label != t.label { out.append(Change(.thresholds, .changed, name + " label", from: "\"\(o.label)\"", to: "\"\(t.label)\"")) }
            if o.color != t.color { out.append(Change(.thresholds, .changed, name + " colour", from: o.color, to: t.color)) }
            if o.applied != t.applied { out.append(Change(.thresholds, .changed, name, from: o.applied ? "applied" : "not applied", to: t.applied ? "applied" : "not applied")) }
        }
        return out
    }

    static func dashboard(_ a: [DashboardPanel], _ b: [DashboardPanel]) -> [Change] {
        guard a != b else { return [] }
        var out: [Change] = []
        var left = a
        var kept: [DashboardPanel] = []
        for p in b {
            if let i = left.firstIndex(of: p) { left.remove(at: i); kept.append(p) }
            else { out.append(Change(.dashboard, .added, "panel " + panel(p))) }
        }
        var right = b
        for p in a {
            if let i = right.firstIndex(of: p) { right.remove(at: i) } else { out.append(Change(.dashboard, .removed, "panel " + panel(p))) }
        }
        let keptOld = a.filter { p in kept.contains(p) }
        if keptOld != kept {
            out.append(Change(.dashboard, .changed, "panel order", from: keptOld.map(panel).joined(separator: ", "), to: kept.map(panel).joined(separator: ", ")))
        }
        return out
    }

    /// Plot and map are compared field by field, so a field added later is still shown.
    static func fields(_ part: Part, _ a: [String: String], _ b: [String: String]) -> [Change] {
        let keys = Set(a.keys).union(b.keys).sorted { order($0) < order($1) || (order($0) == order($1) && $0 < $1) }
        return keys.compactMap { k in
            let x = a[k] ?? "auto", y = b[k] ?? "auto"
            return x == y ? nil : Change(part, .changed, label(k), from: x, to: y)
        }
    }
}

// MARK: words for values

extension SettingsDiff {
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%g", v)
    }

    static func duration(_ ms: Int64) -> String {
        let units: [(Int64, String)] = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "min"), (1000, "s")]
        for (size, name) in units where ms >= size && ms % size == 0 { return "\(ms / size) \(name)" }
        if ms >= 3_600_000 { return String(format: "%.1f h", Double(ms) / 3_600_000) }
        return "\(ms) ms"
    }

    static func window(_ w: TimeWindow) -> String {
        switch w {
        case .all: return "all"
        case .last(let ms): return "last " + duration(ms)
        case let .between(from, to): return TimeFormat.dateTime(from) + " – " + TimeFormat.dateTime(to)
        }
    }

    static func scope(_ t: Threshold) -> String {
        switch t.scope {
        case .phenomenon(let p): return p
        case .series(let id): return id
        }
    }

    static func describe(_ t: Threshold) -> String {
        "\(t.above ? ">" : "<") \(number(t.value))" + (t.label.isEmpty ? "" : " \"\(t.label)\"") + (t.applied ? "" : ", not applied")
    }

    static func panel(_ p: DashboardPanel) -> String { p.kind.title + (p.seriesID.map { " of \($0)" } ?? "") }

    /// A part's fields as "key path → words" (the paths are the document's keys); times and spans
    /// in people's units. Reflection, not a JSON round trip: a history summarises 100 versions at once.
    static func flatten(_ value: Any) -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ v: Any, _ path: String) {
            let m = Mirror(reflecting: v)
            if m.displayStyle == .optional {
                if let inner = m.children.first { walk(inner.value, path) }
                return
            }
            switch v {
            case let b as Bool: out[path] = b ? "on" : "off"
            case let s as String: out[path] = s
            case let r as any RawRepresentable: out[path] = "\(r.rawValue)"
            case let n as Int64:
                out[path] = path == "span" ? duration(n) : path == "end" ? TimeFormat.dateTime(n) : String(n)
            case let n as Int: out[path] = String(n)
            case let n as Double: out[path] = number(n)
            default:
                if m.displayStyle == .struct {
                    for c in m.children { if let k = c.label { walk(c.value, path.isEmpty ? k : path + "." + k) } }
                } else {
                    out[path] = "\(v)"
                }
            }
        }
        walk(value, "")
        return out
    }

    static let labels: [String: String] = [
        "style": "style", "bucket": "aggregation", "reduce": "reduction", "span": "visible span", "end": "visible end",
        "yMin": "y min", "yMax": "y max", "legend": "legend", "timeZone": "time zone",
        "centerLat": "centre latitude", "centerLon": "centre longitude", "zoom": "zoom",
        "heatmap.enabled": "heat-map", "heatmap.radius": "heat-map radius", "heatmap.intensity": "heat-map intensity",
        "heatmap.ramp": "heat-map ramp", "heatmap.seriesID": "heat-map series",
    ]
    static let fieldOrder = ["style", "bucket", "reduce", "span", "end", "yMin", "yMax", "legend", "timeZone",
                             "zoom", "centerLat", "centerLon", "heatmap.enabled", "heatmap.radius", "heatmap.intensity",
                             "heatmap.ramp", "heatmap.seriesID"]

    static func label(_ key: String) -> String { labels[key] ?? key }
    static func order(_ key: String) -> Int { fieldOrder.firstIndex(of: key) ?? fieldOrder.count }
}

