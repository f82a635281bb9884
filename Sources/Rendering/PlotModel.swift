import DataCore
import Foundation
import ViewCore

/// What the plot shows, worked out once for every drawer: the terminal's braille plot and the
/// exported chart read the same traces, axes, ranges and thresholds.
public struct PlotModel {
    public var visible: ClosedRange<Int64>
    public var traces: [PlotTrace]
    public var axes: PlotAxes
    /// The value range of each axis, padded when automatic.
    public var ranges: [ClosedRange<Double>]
    /// Applied thresholds of the plotted series, each with the axes it draws against.
    public var thresholds: [(threshold: Threshold, axes: [Int])]

    /// The pane's title: style, aggregation, visible span, zoom.
    public static func title(_ s: AppState) -> String {
        let p = s.settings.plot
        var title = "Plot · \(p.style.rawValue)"
        if p.bucket != .raw { title += " · \(p.bucket.rawValue) \(p.reduce.rawValue)" }
        if let vis = PlotTimeWindow.visible(p, data: s.dataRange, window: s.settings.series.filter.window) {
            title += " · " + TimeFormat.duration(vis.upperBound - vis.lowerBound)
        }
        if p.span != nil { title += " (zoomed)" }
        return title
    }

    /// Why there is nothing to plot, when there is not.
    public static func emptyReason(_ s: AppState) -> String {
        s.catalog.isEmpty ? "no data" : "select a series with Space"
    }

    public static func make(_ s: AppState, _ store: MeasurementStore) -> PlotModel? {
        let p = s.settings.plot
        let plotted = s.plottedSeries
        guard let vis = PlotTimeWindow.visible(p, data: s.dataRange, window: s.settings.series.filter.window), !plotted.isEmpty else { return nil }
        let filter = s.settings.series.filter, zone = s.displayZone
        @Sendable func trace(_ k: Int) -> PlotTrace {
            PlotTrace(role: .series(k % ColorRole.seriesPaletteSize), info: plotted[k])
                .reading(store.column(plotted[k].id) ?? SeriesColumn(), vis, p, filter, zone: zone)
        }
        var traces: [PlotTrace]
        if p.bucket != .raw && plotted.count > 1 {
            // The first frame of an aggregation reduces every plotted series whole: on all cores at once.
            traces = plotted.indices.map { PlotTrace(role: .series($0 % ColorRole.seriesPaletteSize), info: plotted[$0]) }
            traces.withUnsafeMutableBufferPointer { b in
                nonisolated(unsafe) let out = b
                DispatchQueue.concurrentPerform(iterations: out.count) { out[$0] = trace($0) }
            }
        } else {
            traces = plotted.indices.map(trace)
        }
        let axes = PlotAxes.assign(units: plotted.map(\.unit), mode: p.axes)
        let refs = plotted.map { SeriesInfoRef(id: $0.id, phenomenon: $0.phenomenon) }
        let ths = s.settings.thresholds.filter(\.applied).map { ($0, axes.axes(for: $0, plotted: refs)) }.filter { !$0.1.isEmpty }
        var ranges: [ClosedRange<Double>] = []
        for (a, axis) in axes.axes.enumerated() {
            var lo = Double.infinity, hi = -Double.infinity
            for i in axis.series { if let e = traces[i].extent() { lo = min(lo, e.min); hi = max(hi, e.max) } }
            for t in ths where t.1.contains(a) { lo = min(lo, t.0.value); hi = max(hi, t.0.value) }
            if !lo.isFinite { lo = 0; hi = 1 }
            // A fixed range is in one unit: it applies to the first axis; the others stay automatic.
            let fixedMin = a == 0 ? p.yMin : nil, fixedMax = a == 0 ? p.yMax : nil
            var l = fixedMin ?? lo, h = fixedMax ?? hi
            if fixedMin == nil && fixedMax == nil {
                let pad = (h - l) * 0.05
                l -= pad
                h += pad
            }
            if h <= l { l -= 1; h += 1 }
            ranges.append(l...h)
        }
        return PlotModel(visible: vis, traces: traces, axes: axes, ranges: ranges, thresholds: ths)
    }

    /// Thresholds drawn on axis `a`.
    public func thresholds(onAxis a: Int) -> [Threshold] {
        thresholds.filter { $0.axes.contains(a) }.map(\.threshold)
    }

    /// The thresholds that colour a trace's exceeding points.
    public func thresholds(of trace: PlotTrace) -> [Threshold] {
        let ref = SeriesInfoRef(id: trace.info.id, phenomenon: trace.info.phenomenon)
        return thresholds.map(\.threshold).filter { $0.covers(ref) }
    }

    /// The colour of a threshold's line, label and exceeding points.
    public static func thresholdRole(_ t: Threshold) -> ColorRole { PlotPaneView.thresholdRole(t) }

    /// Round values for a value axis: about `count` steps of 1, 2 or 5 × 10ⁿ inside the range.
    public static func valueTicks(_ r: ClosedRange<Double>, count: Int) -> [Double] {
        let span = r.upperBound - r.lowerBound
        guard span > 0, span.isFinite, count > 0 else { return [r.lowerBound] }
        let raw = span / Double(count)
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        var v = (r.lowerBound / step).rounded(.up) * step
        var out: [Double] = []
        while v <= r.upperBound + step * 1e-9, out.count < 50 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }
}

/// One plotted series' visible data.
public struct PlotTrace {
    public var role: ColorRole
    public var info: SeriesInfo
    /// Raw data is read in place (no copy per frame); aggregated data is read the same way from
    /// the series' bucket column (see `SeriesColumn.bucketColumn`).
    var column = SeriesColumn()
    /// Set when `column` is the raw series read as one measurement per bucket: its times are drawn
    /// at their buckets' middles.
    var clock: BucketClock?
    var range: Range<Int> = 0..<0
    var valueRange: ClosedRange<Double>?
    /// Points at most this far apart in time are joined by the line (nil: only those a few pixels apart).
    var joinWithin: Int64?

    public init(role: ColorRole, info: SeriesInfo) {
        self.role = role
        self.info = info
    }

    public var isEmpty: Bool { range.isEmpty }

    /// How far apart, at `perMillisecond` pixels per ms, two points of this trace are still joined
    /// by the line because of `joinWithin` (0 without it).
    public func joinPixels(perMillisecond k: Double) -> Double {
        joinWithin.map { (Double($0) * k).rounded(.up) } ?? 0
    }

    /// Every visible (time, value), in time order.
    @inline(__always) public func forEach(_ body: (Int64, Double) -> Void) {
        let values = column.values
        if let vr = valueRange {
            for i in range where vr.contains(values[i]) { body(time(i), values[i]) }
        } else {
            for i in range { body(time(i), values[i]) }
        }
    }

    /// Where the measurement at `i` is drawn.
    @inline(__always) func time(_ i: Int) -> Int64 {
        let t = column.times[i]
        return clock?.middle(t) ?? t
    }

    /// The visible part of a series: raw (in place), or reduced per bucket.
    func reading(_ c: SeriesColumn, _ vis: ClosedRange<Int64>, _ p: PlotSettings, _ f: SeriesFilter, zone: ZoneTable) -> Self {
        var t = self
        t.column = c
        t.range = c.indices(in: vis)
        t.valueRange = (f.valueMin != nil || f.valueMax != nil) ? (f.valueMin ?? -.infinity)...(f.valueMax ?? .infinity) : nil
        if p.bucket != .raw {
            // The value filter chose what went into the buckets; it does not apply to their values.
            let red: Reduction = p.reduce == .mean ? .mean : p.reduce == .min ? .min : .max
            (t.column, t.clock) = c.bucketReading(width: p.bucket.milliseconds, reduce: red, valueRange: t.valueRange, zone: zone)
            t.range = t.column.indices(in: vis, movedBy: t.clock)
            t.valueRange = nil
            // Neighbouring buckets are joined however far apart they are drawn (zoomed in, an
            // hour is many pixels wide); only a missing bucket is a gap in the line.
            t.joinWithin = p.bucket.milliseconds * 3 / 2
        }
        return t
    }
}
