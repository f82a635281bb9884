import DataCore

/// Where times are shown: the viewer's own zone, UTC, or an IANA zone a session pins.
/// Stored as the string `"local"`, `"UTC"` or the zone's name (`"Europe/Berlin"`).
public enum DisplayTimeZone: Codable, Equatable, Hashable, Sendable {
    case local
    case utc
    case named(String)

    public init(_ text: String) throws(InvalidName) {
        switch text {
        case "local": self = .local
        case "UTC", "utc": self = .utc
        default:
            guard ZoneTable.isPlausibleName(text) else { throw InvalidName(text: text) }
            self = .named(text)
        }
    }

    public struct InvalidName: Error, CustomStringConvertible {
        public var text: String
        public var description: String {
            "\"\(TextSafety.printable(text))\" is not a time zone (local, UTC or an IANA name such as Europe/Berlin)"
        }
    }

    public var text: String {
        switch self {
        case .local: return "local"
        case .utc: return "UTC"
        case .named(let n): return n
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do { self = try DisplayTimeZone(text) } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

extension DisplayTimeZone {
    /// The zone's name given the viewer's own zone (`localZone`, an IANA name or `UTC`).
    public func identifier(localZone: String) -> String {
        switch self {
        case .local: return localZone
        case .utc: return "UTC"
        case .named(let n): return n
        }
    }

    /// The zone's offsets; a name tzdata does not know (a session from a machine with newer tzdata) shows UTC.
    public func table(localZone: String) -> ZoneTable {
        ZoneTable.named(identifier(localZone: localZone)) ?? .utc
    }
}
