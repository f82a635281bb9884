/// The plot: its style, aggregation, time zoom and pan, legend, display time zone.
public enum PlotAction: Equatable, Sendable {
    case cycleStyle
    case cycleBucket
    case cycleReduce
    case zoom(factor: Double)
    case pan(fraction: Double)
    case resetView
    case toggleLegend
    /// Axes by unit (automatic) → one shared axis → stacked plots → automatic.
    case cycleAxes
    /// `z`: local → UTC → a named zone.
    case cycleTimeZone
}

func reducePlot(_ s: inout AppState, _ a: PlotAction) {
    let window = s.settings.series.filter.window
    switch a {
    case .cycleStyle:
        s.settings.plot.style = s.settings.plot.style.next
    case .cycleBucket:
        s.settings.plot.bucket = s.settings.plot.bucket.next
    case .cycleReduce:
        s.settings.plot.reduce = s.settings.plot.reduce.next
    case .zoom(let factor):
        s.settings.plot = PlotTimeWindow.zoomed(s.settings.plot, by: factor, data: s.dataRange, window: window)
    case .pan(let fraction):
        s.settings.plot = PlotTimeWindow.panned(s.settings.plot, by: fraction, data: s.dataRange, window: window)
    case .resetView:
        s.settings.plot.span = nil
        s.settings.plot.end = nil
    case .toggleLegend:
        s.settings.plot.legend.toggle()
    case .cycleAxes:
        s.settings.plot.axes = PlotAxesMode.next(after: s.settings.plot.axes)
        s.ui.message = PlotAxesMode.describe(s.settings.plot.axes)
    case .cycleTimeZone:
        s = TimeZoneCycle.cycled(s)
    }
}

extension CaseIterable where Self: Equatable {
    /// The next case, wrapping round: what a "cycle" key steps to.
    var next: Self {
        let all = Array(Self.allCases)
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
