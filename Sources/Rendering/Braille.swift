/// A canvas of braille dots, 2×4 per cell, each cell coloured by the last role drawn into it.
/// Cells are stored column by column, so a vertical run of dots (what noisy data draws most) is
/// contiguous; a cell's role is a small code into the canvas's own list of the roles drawn.
public struct BrailleCanvas {
    public let columns: Int
    public let rows: Int
    public var pixelWidth: Int { columns * 2 }
    public var pixelHeight: Int { rows * 4 }
    private var bits: [UInt8]
    /// 0: no role; n: `roleList[n - 1]`.
    private var codes: [UInt16]
    private var roleList: [ColorRole] = []
    /// The role of the last call and its code: a trace draws hundreds of runs in one role.
    private var lastRole: ColorRole? = nil
    private var lastCode: UInt16 = 0

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        codes = Array(repeating: 0, count: self.columns * self.rows)
    }

    @inline(__always) private mutating func code(_ role: ColorRole) -> UInt16 {
        if role == lastRole { return lastCode }
        let c: UInt16
        if let i = roleList.firstIndex(of: role) { c = UInt16(i + 1) } else {
            roleList.append(role)
            c = UInt16(roleList.count)
        }
        lastRole = role
        lastCode = c
        return c
    }

    /// The braille bit of dot row `r` (0…3) in dot column `c` (0 or 1).
    @inline(__always) static func dot(_ c: Int, _ r: Int) -> UInt8 {
        r == 3 ? (c == 0 ? 0x40 : 0x80) : UInt8(truncatingIfNeeded: (c == 0 ? 1 : 8) << r)
    }

    /// Whether any dot of a cell is set.
    public func isSet(column: Int, row: Int) -> Bool {
        column >= 0 && row >= 0 && column < columns && row < rows && bits[column * rows + row] != 0
    }

    /// Sets the dot at pixel (x, y), y = 0 at the top.
    @inline(__always) public mutating func set(_ x: Int, _ y: Int, role: ColorRole) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let i = (x >> 1) * rows + (y >> 2)
        let k = code(role)
        bits[i] |= Self.dot(x & 1, y & 3)
        codes[i] = k
    }

    /// Bresenham's line; the dots it sets in one column go in as one vertical run, since the
    /// steep lines of noisy data cross dozens of rows per column, hundreds of lines a frame.
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, role: ColorRole) {
        let k = code(role)
        var x = x0, y = y0, runTop = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        let steep = dx < -dy
        var guardSteps = 0
        while guardSteps < 100_000 {
            if x == x1 && y == y1 { break }
            if steep {
                // The steps that move y alone come in stretches whose length is a division away.
                let need = dy - 2 * err
                if need > 0 {
                    let k = dx == 0 ? abs(y1 - y) : min((need + 2 * dx - 1) / (2 * dx), abs(y1 - y))
                    if k > 0 { err += k * dx; y += k * sy; guardSteps += k; continue }
                }
            }
            let e2 = 2 * err, runBottom = y
            var nx = x
            if e2 >= dy { err += dy; nx += sx }
            if e2 <= dx { err += dx; y += sy }
            if nx != x {
                run(x, from: runTop, to: runBottom, code: k)
                x = nx
                runTop = y
            }
            guardSteps += 1
        }
        run(x, from: runTop, to: y, code: k)
    }

    /// The dots of rows `from...to` (0…3) of dot column `c` in one cell.
    @inline(__always) static func columnMask(_ c: Int, from: Int, to: Int) -> UInt8 {
        let m = (UInt8(0x0F) >> UInt8(3 - (to - from))) << UInt8(from)
        let low = m & 7, high = m & 8
        return c == 0 ? low | (high << 3) : (low << 3) | (high << 4)
    }

    /// A vertical run of dots (bars and envelopes draw thousands of these a frame): the cells
    /// between its ends take a whole dot column each.
    public mutating func vertical(_ x: Int, from y0: Int, to y1: Int, role: ColorRole) {
        run(x, from: y0, to: y1, code: code(role))
    }

    @inline(__always) private mutating func run(_ x: Int, from y0: Int, to y1: Int, code: UInt16) {
        guard x >= 0, x < pixelWidth else { return }
        let top = max(0, min(y0, y1)), bottom = min(pixelHeight - 1, max(y0, y1))
        guard top <= bottom else { return }
        let c = x & 1, base = (x >> 1) * rows
        let first = top >> 2, last = bottom >> 2
        bits.withUnsafeMutableBufferPointer { bits in
            codes.withUnsafeMutableBufferPointer { codes in
                if first == last {
                    bits[base + first] |= Self.columnMask(c, from: top & 3, to: bottom & 3)
                    codes[base + first] = code
                    return
                }
                bits[base + first] |= Self.columnMask(c, from: top & 3, to: 3)
                bits[base + last] |= Self.columnMask(c, from: 0, to: bottom & 3)
                let full = Self.columnMask(c, from: 0, to: 3)
                var i = base + first + 1
                while i < base + last { bits[i] |= full; i += 1 }
                for j in (base + first)...(base + last) { codes[j] = code }
            }
        }
    }

    /// The 256 braille patterns as cell text, made once rather than once per cell and frame.
    private static let patterns: [String] = (0..<256).map { String(Character(Unicode.Scalar(0x2800 + UInt32($0))!)) }

    /// Copies the dots into the grid at (x, y); empty cells are left as they are.
    public func draw(into grid: inout CellGrid, x: Int, y: Int, unicode: Bool) {
        for r in 0..<rows {
            for c in 0..<columns {
                let i = c * rows + r
                let b = bits[i], k = Int(codes[i])
                guard b != 0, k > 0 else { continue }
                let role = roleList[k - 1]
                let ch: String
                if unicode {
                    ch = Self.patterns[Int(b)]
                } else {
                    let top = b & 0x1B != 0, bottom = b & 0xE4 != 0
                    ch = top && bottom ? ":" : top ? "'" : "."
                }
                grid[x + c, y + r] = Cell(ch, role: role)
            }
        }
    }
}
