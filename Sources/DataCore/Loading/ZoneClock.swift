import Foundation

/// Turns wall-clock times (read as if UTC) into instants in a time zone. The offset is looked up
/// once per wall-clock hour and kept, so a file of consecutive rows asks Foundation rarely.
struct ZoneClock: Sendable {
    let zone: TimeZone?
    private var hour = Int64.min
    private var offset: Int64 = 0

    init(zone: TimeZone?) { self.zone = zone }

    @inline(__always)
    mutating func instant(wall: Int64) -> Int64 {
        guard let zone else { return wall }
        let h = wall >= 0 ? wall / 3_600_000 : (wall - 3_599_999) / 3_600_000
        if h != hour {
            hour = h
            offset = Self.offset(zone, wall: h * 3_600_000)
        }
        return wall - offset
    }

    /// The offset in force at a wall-clock time, as Foundation's Calendar reads it: in the hour
    /// repeated in autumn the first one (summer time); in the hour skipped in spring the offset
    /// before it (02:30 reads as 03:30 summer time).
    static func offset(_ zone: TimeZone, wall: Int64) -> Int64 {
        func at(_ ms: Int64) -> Int64 { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000))) * 1000 }
        let before = at(wall - 86_400_000), after = at(wall + 86_400_000)
        for o in [before, after] where at(wall - o) == o { return o }
        return before
    }
}
