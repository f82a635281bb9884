/// A colour as a theme names it: `#rrggbb`, a 256-colour number, or the terminal's default.
public enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)
    case indexed(Int)

    /// Parses `"#rrggbb"`, `"default"`, or a number 0…255 given as text.
    public static func parse(_ text: String) -> ThemeColor? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "default" || t == "none" { return .terminalDefault }
        if let n = Int(t) { return (0...255).contains(n) ? .indexed(n) : nil }
        guard t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) else { return nil }
        return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
    }

    /// The colour's RGB (xterm's values for indexed colours), nil for the terminal default.
    public var rgb: (Int, Int, Int)? {
        switch self {
        case .terminalDefault: return nil
        case let .rgb(r, g, b): return (Int(r), Int(g), Int(b))
        case .indexed(let n): return Self.xterm(n)
        }
    }

    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cube = [0, 95, 135, 175, 215, 255]

    static func xterm(_ n: Int) -> (Int, Int, Int) {
        if n < 16 { return ansi[n] }
        if n < 232 {
            let i = n - 16
            return (cube[i / 36], cube[(i / 6) % 6], cube[i % 6])
        }
        let g = 8 + (n - 232) * 10
        return (g, g, g)
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        // Weighted so that greens (to which eyes are most sensitive) count more.
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    /// Nearest of the 256 xterm colours (-1: terminal default).
    public var index256: Int {
        switch self {
        case .terminalDefault: return -1
        case .indexed(let n): return n
        case .rgb:
            let c = rgb!
            return (16..<256).min { Self.distance(Self.xterm($0), c) < Self.distance(Self.xterm($1), c) }!
        }
    }

    /// Nearest of the 8 basic colours (-1: terminal default).
    public var index8: Int {
        guard let c = rgb else { return -1 }
        if case .indexed(let n) = self, n < 8 { return n }
        return (0..<8).min { Self.distance(Self.ansi[$0], c) < Self.distance(Self.ansi[$1], c) }!
    }
}
