import Foundation

/// The versioned JSON form of `ViewSettings`: `version`, `series`, `thresholds`, `dashboard`,
/// `plot`, `map`. Older versions are migrated step by step on reading; newer ones are refused whole.
/// Version 2 added the plot's `timeZone`.
public enum SettingsDocument {
    public static let currentVersion = 2

    public struct DecodeError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func encode(_ s: ViewSettings) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        let body = try! enc.encode(Versioned(version: currentVersion, settings: s))
        return String(decoding: body, as: UTF8.self)
    }

    public static func decode(_ text: String) throws(DecodeError) -> ViewSettings {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data), let dict = object as? [String: Any] else {
            throw DecodeError(description: "is not a JSON object")
        }
        guard let version = dict["version"] as? Int else {
            throw DecodeError(description: "has no \"version\" number; is it a dataviewer settings document?")
        }
        guard version <= currentVersion else {
            throw DecodeError(description: "is settings version \(version), newer than this dataviewer understands (up to \(currentVersion)); update dataviewer to open it")
        }
        guard version >= 1 else { throw DecodeError(description: "has an invalid version \(version)") }
        do {
            let current = SettingsMigration.filledWithDefaults(SettingsMigration.migrated(dict, from: version))
            let body = try JSONSerialization.data(withJSONObject: current)
            return try JSONDecoder().decode(Versioned.self, from: body).settings
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx),
                let DecodingError.keyNotFound(_, ctx), let DecodingError.dataCorrupted(ctx) {
            let path = ctx.codingPath.map(\.stringValue).joined(separator: ".")
            throw DecodeError(description: "has a bad value at \"\(path)\": \(ctx.debugDescription)")
        } catch {
            throw DecodeError(description: "cannot be read: \(error)")
        }
    }

    /// Top-level keys are optional on reading: an absent part is the default one.
    struct Versioned: Codable {
        var version: Int
        var settings: ViewSettings

        enum Keys: String, CodingKey { case version, series, thresholds, dashboard, plot, map }

        init(version: Int, settings: ViewSettings) {
            self.version = version
            self.settings = settings
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            version = try c.decode(Int.self, forKey: .version)
            var s = ViewSettings()
            s.series = try c.decodeIfPresent(SeriesSettings.self, forKey: .series) ?? s.series
            s.thresholds = try c.decodeIfPresent([Threshold].self, forKey: .thresholds) ?? s.thresholds
            s.dashboard = try c.decodeIfPresent([DashboardPanel].self, forKey: .dashboard) ?? s.dashboard
            s.plot = try c.decodeIfPresent(PlotSettings.self, forKey: .plot) ?? s.plot
            s.map = try c.decodeIfPresent(MapSettings.self, forKey: .map) ?? s.map
            settings = s
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(version, forKey: .version)
            try c.encode(settings.series, forKey: .series)
            try c.encode(settings.thresholds, forKey: .thresholds)
            try c.encode(settings.dashboard, forKey: .dashboard)
            try c.encode(settings.plot, forKey: .plot)
            try c.encode(settings.map, forKey: .map)
        }
    }
}
