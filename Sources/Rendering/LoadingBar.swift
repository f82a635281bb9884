import DataCore
import ViewCore

/// A background read in the title bar: a bar, then bytes, rows, rate and time left, cut to fit.
enum LoadingBar {
    static func text(_ l: Loading, width: Int, unicode: Bool) -> String {
        let p = l.progress
        let percent = Int(p.fraction * 100)
        var facts = ["\(percent)%", "\(megabytes(p.bytes))/\(megabytes(p.totalBytes)) MB"]
        if p.rows > 0 { facts.append("\(rows(p.rows)) rows") }
        if l.rate > 0 { facts.append("\(megabytes(Int(l.rate))) MB/s") }
        if let left = l.secondsLeft, l.seconds >= 0.5 { facts.append(duration(left) + " left") }
        let barWidth = max(4, min(20, width / 6))
        var line = ""
        // Drop facts from the end until bar and facts fit.
        while true {
            let candidate = "reading " + bar(p.fraction, barWidth, unicode) + " " + facts.joined(separator: " · ")
            if TextWidth.of(candidate) <= width || facts.count <= 1 { line = candidate; break }
            facts.removeLast()
        }
        return TextWidth.of(line) <= width ? line : TextWidth.truncate(line, to: max(0, width))
    }

    static func bar(_ f: Double, _ width: Int, _ unicode: Bool) -> String {
        let full = Int((f * Double(width)).rounded(.down))
        let (on, off) = unicode ? ("█", "░") : ("#", "-")
        return "[" + String(repeating: on, count: full) + String(repeating: off, count: width - full) + "]"
    }

    static func rows(_ n: Int) -> String {
        n >= 1_000_000 ? String(format: "%.1fM", Double(n) / 1e6) : n >= 10_000 ? "\(n / 1000)k" : "\(n)"
    }

    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_000_000
        return mb < 10 ? String(format: "%.1f", mb) : String(Int(mb.rounded()))
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded(.up))
        return t < 60 ? "\(t) s" : "\(t / 60) min \(t % 60) s"
    }
}
