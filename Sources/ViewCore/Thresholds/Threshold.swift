/// A threshold on one phenomenon or one series; `applied` false keeps it set but unused.
public struct Threshold: Codable, Equatable, Sendable, Identifiable {
    public enum Scope: Codable, Equatable, Sendable {
        case phenomenon(String)
        case series(String)
    }
    public var id: Int
    public var scope: Scope
    public var value: Double
    public var above: Bool
    public var label: String
    /// A colour name of the theme's palette or `#rrggbb`.
    public var color: String
    public var applied: Bool

    public init(id: Int, scope: Scope, value: Double, above: Bool = true, label: String, color: String = "red", applied: Bool = true) {
        self.id = id
        self.scope = scope
        self.value = value
        self.above = above
        self.label = label
        self.color = color
        self.applied = applied
    }

    public func exceeded(by v: Double) -> Bool { above ? v > value : v < value }

    /// The colours a threshold can have, by name (themes give each a colour).
    public static let colourNames = ["red", "orange", "yellow", "magenta", "cyan", "green", "blue", "white"]

    public func covers(_ s: SeriesInfoRef) -> Bool {
        switch scope {
        case .phenomenon(let p): return s.phenomenon == p
        case .series(let id): return s.id == id
        }
    }
}

/// The two facts of a series a threshold needs, so ViewCore's settings stay independent of the store.
public struct SeriesInfoRef: Sendable {
    public var id: String
    public var phenomenon: String
    public init(id: String, phenomenon: String) {
        self.id = id
        self.phenomenon = phenomenon
    }
}
