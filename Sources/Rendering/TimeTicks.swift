import DataCore

/// Where the time axis gets its ticks: at round local times of the display zone (every 15 min, 6 h,
/// at local midnight, on the 1st of a month), so a day tick is midnight where the viewer is, on the
/// short and the long day of a DST change too.
public enum TimeTicks {
    public struct Tick: Equatable, Sendable {
        public var time: Int64
        public var label: String
    }

    static let minute: Int64 = 60_000
    static let day: Int64 = 86_400_000
    /// Steps in minutes; from a day on they count local days, from 30 days local months.
    static let steps: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200, 129600, 525600]

    /// The step for a span with room for `maxTicks` labels.
    static func step(span: Int64, maxTicks: Int) -> Int64 {
        (steps.first { span / ($0 * minute) < Int64(max(1, maxTicks)) } ?? steps.last!) * minute
    }

    public static func ticks(_ vis: ClosedRange<Int64>, zone: ZoneTable, maxTicks: Int) -> [Tick] {
        let span = max(1, vis.upperBound - vis.lowerBound)
        let step = step(span: span, maxTicks: maxTicks)
        let times = step < day ? clockTicks(vis, step: step, zone: zone) : calendarTicks(vis, step: step, zone: zone)
        return times.map { Tick(time: $0, label: TimeFormat.axisLabel(zone.local($0), span: span)) }
    }

    /// Sub-day steps: every instant whose local time is a multiple of `step`, one offset segment at
    /// a time, so the hour the clocks go back shows twice and the skipped hour not at all.
    static func clockTicks(_ vis: ClosedRange<Int64>, step: Int64, zone: ZoneTable) -> [Int64] {
        var out: [Int64] = []
        var from = vis.lowerBound
        while from <= vis.upperBound, out.count < 1000 {
            let seg = zone.span(at: from)
            let upTo = min(vis.upperBound, seg.end == .max ? vis.upperBound : seg.end - 1)
            var wall = ceilDiv(from + seg.offset, step) * step
            while wall - seg.offset <= upTo, out.count < 1000 {
                out.append(wall - seg.offset)
                wall += step
            }
            if upTo >= vis.upperBound { break }
            from = upTo + 1
        }
        return out
    }

    /// Steps of days, weeks, months or years: local midnights (weeks start on Monday).
    static func calendarTicks(_ vis: ClosedRange<Int64>, step: Int64, zone: ZoneTable) -> [Int64] {
        let days = step / day
        var out: [Int64] = []
        var d = floorDiv(zone.local(vis.lowerBound), day)
        let lastDay = floorDiv(zone.local(vis.upperBound), day)
        while d <= lastDay, out.count < 1000 {
            let p = TimeFormat.parts(d * day)
            let take: Bool
            switch days {
            case ..<7: take = d % days == 0
            case 7, 14: take = (d + 3) % days == 0  // 1970-01-05 was a Monday
            case 30: take = p.day == 1
            case 90: take = p.day == 1 && (p.month - 1) % 3 == 0
            default: take = p.day == 1 && p.month == 1
            }
            if take {
                let t = zone.instant(fromLocal: d * day)
                if vis.contains(t) { out.append(t) }
            }
            d += 1
        }
        return out
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { -floorDiv(-a, b) }

    /// The zone's abbreviation for the visible range: `CET`, or `CEST/CET` when the clocks change in it.
    public static func zoneLabel(_ vis: ClosedRange<Int64>, zone: ZoneTable) -> String {
        let a = zone.abbreviation(at: vis.lowerBound), b = zone.abbreviation(at: vis.upperBound)
        return a == b ? a : a + "/" + b
    }
}
