/// Without a UTF-8 locale every cell must be ASCII: glyphs get stand-ins, the rest `?`.
enum AsciiFallback {
    static let table: [Unicode.Scalar: String] = [
        "·": ".", "µ": "u", "°": "o", "³": "3", "²": "2", "━": "-", "─": "-", "│": "|", "┃": "|",
        "■": "#", "●": "*", "○": "o", "…": "~", "▏": "|", "×": "x", "–": "-", "—": "-", "☰": "=",
        "✕": "x", "💾": "S", "📋": "C", "↑": "^", "↓": "v", "←": "<", "→": ">", "┤": "|", "└": "+",
        "▶": ">", "‹": "<", "›": ">", "⚲": "@", "░": ".", "▒": ":", "▓": "*", "█": "#", "＋": "+", "ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e", "ß": "ss",
    ]

    static func transliterate(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        var out = ""
        for u in s.unicodeScalars {
            if u.isASCII { out.unicodeScalars.append(u) }
            else if let r = table[u] { out += r }
            else if (0x2800...0x28FF).contains(u.value) { out += "." }
            else { out += "?" }
        }
        return out
    }

    /// Rewrites the grid cell by cell; wide glyphs become one ASCII cell plus a blank.
    static func apply(_ grid: inout CellGrid) {
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                var c = grid[x, y]
                if c.isContinuation { c.text = " "; grid[x, y] = c; continue }
                let t = transliterate(c.text)
                if t != c.text {
                    c.text = String(t.prefix(1))
                    grid[x, y] = c
                }
            }
        }
    }
}
