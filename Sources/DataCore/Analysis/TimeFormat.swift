/// UTC calendar arithmetic and labels, without Foundation's locale-dependent formatters.
public enum TimeFormat {
    public struct Parts: Equatable, Sendable {
        public var year, month, day, hour, minute, second: Int
    }

    public static func parts(_ ms: Int64) -> Parts {
        let secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let days = Int(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400)
        let rem = Int(secs - Int64(days) * 86400)
        // Howard Hinnant's civil_from_days.
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return Parts(year: y, month: m, day: d, hour: rem / 3600, minute: rem % 3600 / 60, second: rem % 60)
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// `2026-11-03 14:05`
    public static func dateTime(_ ms: Int64) -> String {
        let p = parts(ms)
        return "\(p.year)-\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute))"
    }

    /// `2026-11-03T14:05:00Z`
    public static func iso(_ ms: Int64) -> String {
        let p = parts(ms)
        return "\(p.year)-\(two(p.month))-\(two(p.day))T\(two(p.hour)):\(two(p.minute)):\(two(p.second))Z"
    }

    /// `2026-11-03 15:05` in `zone`.
    public static func dateTime(_ ms: Int64, in zone: ZoneTable) -> String { dateTime(zone.local(ms)) }

    /// `2026-11-03 15:05 CET`: a time on its own, where no axis says the zone.
    public static func zoned(_ ms: Int64, in zone: ZoneTable) -> String {
        dateTime(zone.local(ms)) + " " + zone.abbreviation(at: ms)
    }

    /// A short axis label whose precision fits the visible span; `ms` is local wall-clock time.
    public static func axisLabel(_ ms: Int64, span: Int64) -> String {
        let p = parts(ms)
        if span > 400 * 86_400_000 { return "\(p.year)-\(two(p.month))" }
        if span > 10 * 86_400_000 { return "\(two(p.month))-\(two(p.day))" }
        if span > 12 * 3_600_000 { return "\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute))" }
        return "\(two(p.hour)):\(two(p.minute))"
    }

    /// `3 d 4 h`, `45 min`: a duration for titles.
    public static func duration(_ ms: Int64) -> String {
        let m = ms / 60_000
        if m < 120 { return "\(m) min" }
        let h = m / 60
        if h < 72 { return "\(h) h" }
        return "\(h / 24) d" + (h % 24 == 0 ? "" : " \(h % 24) h")
    }
}

/// Numbers for labels: few significant digits, no exponent for everyday magnitudes.
public enum NumberFormat {
    public static func short(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        let a = abs(v)
        let s: String
        if a >= 10_000 || (a > 0 && a < 0.01) { s = String(format: "%.3g", v) }
        else if a >= 100 { s = String(Int(v.rounded())) }
        else if a >= 10 { s = trim(String(format: "%.1f", v)) }
        else { s = trim(String(format: "%.2f", v)) }
        return s == "-0" ? "0" : s
    }

    private static func trim(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}

import Foundation
