import Foundation

/// A time typed by a person (`2026-03-29 02:30`), read as wall-clock time in the zone they see;
/// a trailing `Z`, `UTC` or offset (`+01:00`) makes it exact instead.
public enum LocalTimeText {
    public static func parse(_ text: String, in zone: ZoneTable) -> Int64? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        func number(_ n: Int) -> Int? {
            guard s.count >= n, s.prefix(n).allSatisfy(\.isASCII), let v = Int(s.prefix(n)) else { return nil }
            guard s.prefix(n).allSatisfy({ $0.isNumber }) else { return nil }
            s.removeFirst(n)
            return v
        }
        func skip(_ c: Character) -> Bool {
            guard s.first == c else { return false }
            s.removeFirst()
            return true
        }
        guard let y = number(4), skip("-"), let mo = number(2), skip("-"), let d = number(2),
              (1...12).contains(mo), (1...daysIn(month: mo, year: y)).contains(d) else { return nil }
        var ms: Int64 = 0
        if skip(" ") || skip("T") {
            while skip(" ") {}
            guard let h = number(2), skip(":"), let mi = number(2), h < 24, mi < 60 else { return nil }
            ms = Int64(h * 3600 + mi * 60) * 1000
            if skip(":") {
                guard let sec = number(2), sec < 60 else { return nil }
                ms += Int64(sec) * 1000
            }
        }
        let wall = Int64(daysFromCivil(y, mo, d)) * 86_400_000 + ms
        while skip(" ") {}
        if s.isEmpty { return zone.instant(fromLocal: wall) }
        if s == "Z" || s == "UTC" { return wall }
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        s.removeFirst()
        guard let oh = number(2), oh <= 14 else { return nil }
        _ = skip(":")
        let om = s.isEmpty ? 0 : number(2)
        guard let om, om < 60, s.isEmpty else { return nil }
        let offset = Int64(oh * 3600 + om * 60) * 1000
        return sign == "+" ? wall - offset : wall + offset
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
