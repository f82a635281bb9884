import Foundation

/// The viewer's own time zone, found as the C library finds it: `TZ` first, then `/etc/localtime`.
public enum LocalZone {
    public struct Resolution: Equatable, Sendable {
        /// An IANA name tzdata knows, or `UTC`.
        public var identifier: String
        /// Where it came from, for messages: `TZ`, `/etc/localtime`, or `default`.
        public var source: String
        /// A sentence when the environment named a zone that could not be used.
        public var note: String?
    }

    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment,
                               localtime: String = "/etc/localtime") -> Resolution {
        if let raw = environment["TZ"] {
            // POSIX: an empty TZ is UTC; a leading ':' means "a zone file", as does an absolute path.
            var name = raw.hasPrefix(":") ? String(raw.dropFirst()) : raw
            if name.isEmpty { return Resolution(identifier: "UTC", source: "TZ") }
            if name.hasPrefix("/"), let id = identifier(inZonePath: name) { name = id }
            if let id = known(name) { return Resolution(identifier: id, source: "TZ") }
            let fallback = fromLocaltime(localtime)
            return Resolution(identifier: fallback?.identifier ?? "UTC", source: fallback?.source ?? "default",
                              note: "TZ=\"\(TextSafety.printable(raw))\" is not a time zone this viewer knows; times are shown in \(fallback?.identifier ?? "UTC")")
        }
        return fromLocaltime(localtime) ?? Resolution(identifier: "UTC", source: "default")
    }

    /// `/etc/localtime` is a link into the zone files (`…/zoneinfo/Europe/Berlin`); Debian also
    /// names the zone in `/etc/timezone` next to it when the file is a copy.
    static func fromLocaltime(_ path: String) -> Resolution? {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
            let absolute = target.hasPrefix("/") ? target
                : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(target).standardized.path
            if let id = identifier(inZonePath: absolute).flatMap(known) { return Resolution(identifier: id, source: path) }
        }
        let beside = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("timezone").path
        if let text = try? String(contentsOfFile: beside, encoding: .utf8),
           let id = known(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return Resolution(identifier: id, source: path)
        }
        return nil
    }

    /// `/usr/share/zoneinfo/posix/Europe/Berlin` → `Europe/Berlin`.
    static func identifier(inZonePath path: String) -> String? {
        guard let r = path.range(of: "zoneinfo/", options: .backwards) else { return nil }
        var id = String(path[r.upperBound...])
        for prefix in ["posix/", "right/"] where id.hasPrefix(prefix) { id.removeFirst(prefix.count) }
        return id.isEmpty ? nil : id
    }

    /// The name as the viewer uses it: UTC's many spellings are `UTC`; other names must be zones.
    static func known(_ name: String) -> String? {
        if ["UTC", "UCT", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT",
            "GMT0", "Etc/GMT0", "GMT+0", "GMT-0", "Etc/GMT+0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich", "UTC0"].contains(name) {
            return "UTC"
        }
        return ZoneTable.named(name) != nil ? name : nil
    }
}
