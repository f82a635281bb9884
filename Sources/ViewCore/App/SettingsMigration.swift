import Foundation

/// Brings a settings document of an older version to the current one, on the JSON object, one
/// version step at a time; then fills keys a document leaves out with the defaults.
enum SettingsMigration {
    /// A version-`v` document as a version-`v + 1` one.
    static func step(from v: Int, _ doc: [String: Any]) -> [String: Any] {
        var d = doc
        switch v {
        case 1:
            // Version 1 had no display zone: times were shown in UTC and called so, but the viewer's
            // own zone is what a person reads. A `timeZone` a version-1 writer left (it ignored
            // unknown keys) meant nothing, so it is replaced too.
            if var plot = d["plot"] as? [String: Any] {
                plot["timeZone"] = DisplayTimeZone.local.text
                d["plot"] = plot
            }
        default:
            preconditionFailure("no migration from settings version \(v)")
        }
        d["version"] = v + 1
        return d
    }

    static func migrated(_ doc: [String: Any], from version: Int) -> [String: Any] {
        var d = doc
        for v in version..<SettingsDocument.currentVersion { d = step(from: v, d) }
        return d
    }

    /// The parts that are plain records (not enums with a payload): keys absent from a document get
    /// the default's value, so a document written before a key existed, or by hand, still loads.
    static let records: [[String]] = [["series"], ["series", "filter"], ["plot"], ["map"], ["map", "heatmap"]]

    /// The default settings as a JSON object (read-only after it is made).
    nonisolated(unsafe) static let defaults: [String: Any] =
        (try? JSONSerialization.jsonObject(with: Data(SettingsDocument.encode(ViewSettings()).utf8))) as? [String: Any] ?? [:]

    static func filledWithDefaults(_ doc: [String: Any]) -> [String: Any] {
        var d = doc
        for path in records { fill(&d, defaults, path[...]) }
        return d
    }

    private static func fill(_ doc: inout [String: Any], _ defaults: [String: Any], _ path: ArraySlice<String>) {
        guard let key = path.first, var part = doc[key] as? [String: Any], let def = defaults[key] as? [String: Any] else { return }
        if path.count == 1 {
            for (k, v) in def where part[k] == nil { part[k] = v }
        } else {
            fill(&part, def, path.dropFirst())
        }
        doc[key] = part
    }
}
