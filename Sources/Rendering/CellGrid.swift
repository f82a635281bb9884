import DataCore
import ViewCore

/// What a cell's colour means; the terminal layer maps roles to a theme's colours.
public enum ColorRole: Hashable, Sendable {
    case text, dim, border, borderFocused, title, titleBar, accent, selection, cursor
    case status, statusKey, warning, error, axis
    case series(Int)
    case threshold
    /// One of the named colours a threshold can have (red, orange, yellow, magenta, cyan, green, blue, white).
    case named(Int)
    /// Heat-map level 0…7 of ramp r: `heat(r * 8 + level)`.
    case heat(Int)
    /// The map layer's lines (coasts and borders; lakes and rivers are its water) and its place
    /// names and scale bar: muted, under the data.
    case mapLayer, mapWater, mapLabel

    public static let seriesPaletteSize = 8
    public static let heatLevels = 8
}

public struct CellStyle: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = CellStyle(rawValue: 1)
    public static let reverse = CellStyle(rawValue: 2)
    public static let underline = CellStyle(rawValue: 4)
}

/// One terminal cell. A wide character occupies its cell and an empty continuation cell after it.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var role: ColorRole
    public var style: CellStyle
    public init(_ text: String = " ", role: ColorRole = .text, style: CellStyle = []) {
        self.text = text
        self.role = role
        self.style = style
    }
    public var isContinuation: Bool { text.isEmpty }
}

/// A plain grid of cells: what every view draws into, with no terminal attached.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes text from (x, y), clipped at `x + maxWidth` and the grid's edge. Returns columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: ColorRole = .text, style: CellStyle = [], maxWidth: Int = .max) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, x &+ min(maxWidth, width))
        var cx = x
        for ch in TextSafety.printable(text) {
            let w = TextWidth.of(ch)
            if w == 0 { continue }
            if cx + w > limit { break }
            if cx >= 0 {
                clearWide(at: cx, y)
                self[cx, y] = Cell(String(ch), role: role, style: style)
                if w == 2 {
                    clearWide(at: cx + 1, y)
                    self[cx + 1, y] = Cell("", role: role, style: style)
                }
            }
            cx += w
        }
        return cx - x
    }

    /// Overwriting half of a wide character blanks the other half, so no stray glyph survives.
    private mutating func clearWide(at x: Int, _ y: Int) {
        guard x >= 0, x < width else { return }
        if self[x, y].isContinuation, x > 0 { self[x - 1, y].text = " " }
        if x + 1 < width, self[x + 1, y].isContinuation, !self[x, y].isContinuation { self[x + 1, y].text = " " }
    }

    public mutating func fill(_ r: Rect, with cell: Cell = Cell()) {
        for yy in max(0, r.y)..<min(height, r.y + r.height) {
            for xx in max(0, r.x)..<min(width, r.x + r.width) { self[xx, yy] = cell }
        }
    }

    public mutating func style(row y: Int, from x0: Int, to x1: Int, role: ColorRole, style: CellStyle) {
        guard y >= 0, y < height else { return }
        for x in max(0, x0)..<min(width, x1) {
            cells[y * width + x].role = role
            cells[y * width + x].style = style
        }
    }

    /// The grid as plain text, one line per row, trailing blanks removed.
    public var text: String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width { line += cells[y * width + x].text }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

