/// How the plotted series are spread over y axes: by unit (the automatic choice), all on one
/// shared axis, or one stacked sub-plot per unit. Only a choice other than automatic is saved.
public enum PlotAxesMode: String, Codable, CaseIterable, Sendable {
    case shared, stacked
}

/// Which y axis each plotted series (and each threshold) draws against. Pure, so both the
/// terminal plot and the exported chart use one rule.
public struct PlotAxes: Equatable, Sendable {
    public enum Layout: Equatable, Sendable {
        /// One y axis on the left.
        case single
        /// Two units: the first on the left, the second on the right.
        case leftRight
        /// One sub-plot per axis, top to bottom, under one time axis.
        case stacked
    }

    public struct Axis: Equatable, Sendable {
        /// The unit of every series on this axis; nil when they have none or (shared) differ.
        public var unit: String?
        /// Indices into the plotted series, in selection order.
        public var series: [Int]
    }

    public var layout: Layout
    public var axes: [Axis]
    /// Axis index of each plotted series.
    public var axisOfSeries: [Int]

    /// Series sharing a unit share an axis (a series without a unit counts as its own unit);
    /// axes come in the order their first series was selected.
    public static func assign(units: [String?], mode: PlotAxesMode? = nil) -> PlotAxes {
        var groups: [(unit: String?, series: [Int])] = []
        for (i, u) in units.enumerated() {
            if let g = groups.firstIndex(where: { $0.unit == u }) { groups[g].series.append(i) }
            else { groups.append((u, [i])) }
        }
        if groups.isEmpty { return PlotAxes(layout: .single, axes: [], axisOfSeries: []) }
        if mode == .shared || groups.count == 1 {
            let unit = groups.count == 1 ? groups[0].unit : nil
            return PlotAxes(layout: .single, axes: [Axis(unit: unit, series: Array(units.indices))],
                            axisOfSeries: Array(repeating: 0, count: units.count))
        }
        var of = Array(repeating: 0, count: units.count)
        for (a, g) in groups.enumerated() { for i in g.series { of[i] = a } }
        let layout: Layout = groups.count == 2 && mode != .stacked ? .leftRight : .stacked
        return PlotAxes(layout: layout, axes: groups.map { Axis(unit: $0.unit, series: $0.series) }, axisOfSeries: of)
    }

    /// The axes a threshold draws against: those of the plotted series it covers.
    public func axes(for t: Threshold, plotted: [SeriesInfoRef]) -> [Int] {
        var out: [Int] = []
        for (i, s) in plotted.enumerated() where i < axisOfSeries.count && t.covers(s) {
            if !out.contains(axisOfSeries[i]) { out.append(axisOfSeries[i]) }
        }
        return out
    }
}

extension PlotAxesMode {
    /// Automatic (nil) → shared → stacked → automatic.
    static func next(after m: PlotAxesMode?) -> PlotAxesMode? {
        switch m {
        case nil: return .shared
        case .shared: return .stacked
        case .stacked: return nil
        }
    }

    public static func describe(_ m: PlotAxesMode?) -> String {
        switch m {
        case nil: return "axes by unit (automatic)"
        case .shared: return "one shared y axis"
        case .stacked: return "one stacked plot per unit"
        }
    }
}
