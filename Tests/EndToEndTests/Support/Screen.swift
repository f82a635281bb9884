import Foundation
import Testing

/// One capture of the pane as text, with helpers that read the viewer's layout.
struct Screen: CustomStringConvertible, Sendable {
    let lines: [String]

    init(_ text: String) {
        var l = text.components(separatedBy: "\n")
        if l.last == "" { l.removeLast() }
        lines = l
    }

    var text: String { lines.joined(separator: "\n") }

    /// The data is still being read: a progress bar in the title bar, or the series list waiting.
    /// A screen "ready for keys about the data" is one where this is false.
    var isReading: Bool {
        (lines.first?.contains("reading [") ?? false) || lines.contains { $0.contains("reading the data…") }
    }

    /// The screen in a frame, on lines of its own: for failure messages (`"…\(screen.dump)"`).
    var dump: String {
        "\n┌" + String(repeating: "─", count: 20) + " screen\n" + lines.map { "│" + $0 }.joined(separator: "\n") + "\n└" + String(repeating: "─", count: 20)
    }

    var description: String { dump }

    func contains(_ s: String) -> Bool { text.contains(s) }

    var hasBraille: Bool { text.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) } }

    /// The program's exit status, from the `EXIT=n` the pane's wrapper prints when it ends; nil while it
    /// runs. Looked for anywhere in a line: after kill -9 nobody leaves the alternate screen, so the
    /// marker lands wherever the viewer left the cursor.
    var exitStatus: Int32? {
        for line in lines.reversed() {
            guard let r = line.range(of: "EXIT=") else { continue }
            if let n = Int32(line[r.upperBound...].prefix { $0.isNumber }) { return n }
        }
        return nil
    }

    /// (row, column) of the first occurrence of `s`, columns counted in terminal cells.
    func position(of s: String) -> (row: Int, column: Int)? {
        for (row, line) in lines.enumerated() {
            if let r = line.range(of: s) { return (row, Columns.width(String(line[..<r.lowerBound]))) }
        }
        return nil
    }

    /// The text of a rectangle of cells (wide characters count two columns).
    func region(rows: Range<Int>, columns: Range<Int>) -> [String] {
        rows.clamped(to: 0..<lines.count).map { Columns.slice(lines[$0], columns) }
    }

    // MARK: the viewer's panes

    static let verticalBorders: Set<Character> = ["│", "┃", "|"]

    /// The rows of the Series pane (the pane at the left edge), without the ●/○ mark.
    /// Each entry: (selected, name as shown, possibly cut at the pane's edge).
    var seriesRows: [(selected: Bool, name: String)] {
        var out: [(Bool, String)] = []
        for line in lines {
            guard let first = line.first, Self.verticalBorders.contains(first) else { continue }
            let inner = line.dropFirst().prefix { !Self.verticalBorders.contains($0) }
            guard let mark = inner.first, ["●", "○", "*", "o"].contains(mark) else { continue }
            out.append((mark == "●" || mark == "*", String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)))
        }
        return out
    }

    /// The title of the Series pane, e.g. `Series 1/42 /pm10`.
    var seriesTitle: String? {
        guard let line = lines.first(where: { $0.contains("Series ") }), let r = line.range(of: "Series ") else { return nil }
        return String(line[r.lowerBound...].prefix { !"━─┓┐-+".contains($0) }).trimmingCharacters(in: .whitespaces)
    }

    /// The Plot pane: from its title row down to its bottom border, from its left border to the screen's edge.
    var plotPane: [String] {
        // The title is `┌ Plot · line …` (`+ Plot . line …` in ASCII); the corner is just before it.
        guard let (top, col) = position(of: " Plot ") else { return [] }
        let left = max(0, col - 1)
        var bottom = top + 1
        while bottom < lines.count {
            let c = Columns.slice(lines[bottom], left..<(left + 1))
            if c == "└" || c == "┗" || c == "+" { break }
            bottom += 1
        }
        return region(rows: top..<min(lines.count, bottom + 1), columns: left..<Int.max)
    }

    /// The legend entries in the plot (`━ NAME (unit)`), top to bottom.
    var legend: [String] {
        plotPane.compactMap { line -> String? in
            guard let r = line.range(of: "━ ") else { return nil }
            let rest = line[r.upperBound...]
            guard let c = rest.first, c.isLetter || c.isNumber else { return nil }
            return String(rest.prefix { !Self.verticalBorders.contains($0) }).trimmingCharacters(in: .whitespaces)
        }
    }
}

/// Reading attributes from `capture-pane -e` output.
enum Attributes {
    /// For each line: the visible characters and whether each was drawn in reverse video.
    static func reverseFlags(_ escaped: String) -> [[(Character, Bool)]] {
        escaped.components(separatedBy: "\n").map { line in
            var out: [(Character, Bool)] = []
            var reverse = false
            var chars = Array(line)
            var i = 0
            while i < chars.count {
                if chars[i] == "\u{1B}", i + 1 < chars.count, chars[i + 1] == "[" {
                    var j = i + 2, params = ""
                    while j < chars.count, !(chars[j].isLetter) { params.append(chars[j]); j += 1 }
                    if j < chars.count, chars[j] == "m" {
                        let ps = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                        var k = 0
                        while k < ps.count {
                            switch ps[k] {
                            case 0: reverse = false
                            case 7: reverse = true
                            case 27: reverse = false
                            case 38, 48, 58: k += (k + 1 < ps.count && ps[k + 1] == 5) ? 2 : 4
                            default: break
                            }
                            k += 1
                        }
                    }
                    i = j + 1
                    continue
                }
                out.append((chars[i], reverse))
                i += 1
            }
            chars.removeAll()
            return out
        }
    }

    /// The index, among `Screen.seriesRows`, of the row drawn in reverse video (the list's cursor).
    static func seriesCursor(_ escaped: String) -> Int? {
        var row = 0
        for line in reverseFlags(escaped) {
            guard line.count > 1, Screen.verticalBorders.contains(line[0].0),
                  ["●", "○", "*", "o"].contains(line[1].0) else { continue }
            if line[1].1 { return row }
            row += 1
        }
        return nil
    }
}

/// Terminal column widths: braille and box drawing are one column, East Asian wide and emoji two.
enum Columns {
    static func width(_ c: Character) -> Int {
        guard let u = c.unicodeScalars.first else { return 0 }
        let v = u.value
        if v == 0 || (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x1F680...0x1F6FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    static func width(_ s: String) -> Int { s.reduce(0) { $0 + width($1) } }

    /// The characters of `line` that start inside `columns`.
    static func slice(_ line: String, _ columns: Range<Int>) -> String {
        var x = 0, out = ""
        for c in line {
            if x >= columns.upperBound { break }
            if x >= columns.lowerBound { out.append(c) }
            x += width(c)
        }
        return out
    }
}

/// Short in expanded `#expect` expressions; messages add the whole screen with `.dump`.
extension Screen: CustomTestStringConvertible {
    var testDescription: String {
        "Screen(\(lines.count) lines: \"\(lines.first.map { String($0.prefix(40)) } ?? "")…\")"
    }
}
