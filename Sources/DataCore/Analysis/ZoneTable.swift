import Foundation

/// One time zone's offsets from UTC as a sorted table of the instants where they change, built once
/// per zone from Foundation's `TimeZone` (tzdata) and cached. Converting a time is a binary search in
/// a few hundred entries: no `Calendar` and no formatter per label or point.
public final class ZoneTable: Sendable {
    /// The IANA name (`Europe/Berlin`), or `UTC`.
    public let identifier: String
    /// `starts[i]` is the first instant (ms since the epoch) of segment `i`; `starts[0]` is `Int64.min`.
    private let starts: [Int64]
    /// Offset from UTC in ms during segment `i` (local = utc + offset).
    private let offsets: [Int64]
    /// The zone's abbreviation during segment `i` (`CET`, `CEST`, `EST`, `UTC`).
    private let abbreviations: [String]

    init(identifier: String, starts: [Int64], offsets: [Int64], abbreviations: [String]) {
        self.identifier = identifier
        self.starts = starts
        self.offsets = offsets
        self.abbreviations = abbreviations
    }

    public static let utc = ZoneTable(identifier: "UTC", starts: [Int64.min], offsets: [0], abbreviations: ["UTC"])

    /// The zone with this IANA name (or `UTC`), or nil when tzdata does not know it. Cached.
    public static func named(_ identifier: String) -> ZoneTable? {
        if identifier == "UTC" { return utc }
        lock.lock()
        defer { lock.unlock() }
        if let t = tables[identifier] { return t }
        let t = build(identifier)
        tables[identifier] = t
        return t
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var tables: [String: ZoneTable?] = [:]

    /// Transitions from 1900 to 2100 cover every measurement anyone has; outside, the nearest offset holds.
    private static let first = Date(timeIntervalSince1970: -2_208_988_800)
    private static let last = Date(timeIntervalSince1970: 4_102_444_800)

    private static func build(_ identifier: String) -> ZoneTable? {
        // Foundation accepts some names tzdata lacks (abbreviations such as "EST" map to other zones);
        // only real zone names and fixed offsets are zones here.
        guard isPlausibleName(identifier), let tz = TimeZone(identifier: identifier) else { return nil }
        let names = TZifAbbreviations.read(identifier)
        func abbreviation(_ d: Date, _ offsetSeconds: Int) -> String {
            names?.name(offsetSeconds: offsetSeconds, dst: tz.isDaylightSavingTime(for: d))
                ?? fallbackAbbreviation(offsetSeconds)
        }
        var starts: [Int64] = [Int64.min]
        var offsets: [Int64] = [Int64(tz.secondsFromGMT(for: first)) * 1000]
        var abbreviations = [abbreviation(first, tz.secondsFromGMT(for: first))]
        var t = first
        while let next = tz.nextDaylightSavingTimeTransition(after: t), next > t, next < last {
            t = next
            let off = tz.secondsFromGMT(for: t)
            let abbr = abbreviation(t, off)
            if Int64(off) * 1000 == offsets.last!, abbr == abbreviations.last! { continue }
            starts.append(Int64((t.timeIntervalSince1970 * 1000).rounded()))
            offsets.append(Int64(off) * 1000)
            abbreviations.append(abbr)
        }
        return ZoneTable(identifier: identifier, starts: starts, offsets: offsets, abbreviations: abbreviations)
    }

    /// `Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`, `UTC`: letters, digits and `/_+-`.
    public static func isPlausibleName(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 64, !s.hasPrefix("/"), !s.hasSuffix("/"), !s.contains("..") else { return false }
        return s.unicodeScalars.allSatisfy { c in
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "/_+-".unicodeScalars.contains(c))
        }
    }

    /// `UTC+1`, `UTC-5:30`: for zones whose tzdata names could not be read.
    static func fallbackAbbreviation(_ seconds: Int) -> String {
        if seconds == 0 { return "UTC" }
        let a = abs(seconds), h = a / 3600, m = a % 3600 / 60
        return "UTC" + (seconds < 0 ? "-" : "+") + "\(h)" + (m == 0 ? "" : ":" + TimeFormat.two(m))
    }

    /// Index of the segment that holds `ms`.
    @inline(__always) func segment(_ ms: Int64) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= ms { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Offset from UTC in ms at the instant `ms`.
    public func offset(at ms: Int64) -> Int64 { offsets[segment(ms)] }

    public func abbreviation(at ms: Int64) -> String { abbreviations[segment(ms)] }

    /// The instant `ms` as local wall-clock milliseconds (for `TimeFormat.parts`).
    public func local(_ ms: Int64) -> Int64 { ms &+ offset(at: ms) }

    /// The offset segment holding `ms`: its bounds (start inclusive, end exclusive) and offset, so
    /// a loop over sorted times looks the zone up once per change instead of once per point.
    public func span(at ms: Int64) -> (start: Int64, end: Int64, offset: Int64) {
        let i = segment(ms)
        return (starts[i], i + 1 < starts.count ? starts[i + 1] : Int64.max, offsets[i])
    }

    /// The instant a local wall-clock time names. A time that occurs twice (the hour the clocks go
    /// back) is its first occurrence; one that does not occur (the hour they skip) moves forward by
    /// the gap, as clocks do.
    public func instant(fromLocal wall: Int64) -> Int64 {
        let day: Int64 = 86_400_000
        let before = offset(at: wall &- day), after = offset(at: wall &+ day)
        for o in [max(before, after), min(before, after)] where offset(at: wall &- o) == o { return wall &- o }
        return wall &- before
    }

    /// The instants at which this zone's clocks change within `range`.
    public func transitions(in range: ClosedRange<Int64>) -> [Int64] {
        starts.dropFirst().filter { range.contains($0) }
    }
}
