import DataCore
import Foundation

/// `F`: the series filters as a form (text, phenomenon, station, time window, value range).
enum FilterForm {
    static let windows: [(String, TimeWindow?)] = [
        ("all", .all), ("last 1 h", .last(milliseconds: 3_600_000)), ("last 6 h", .last(milliseconds: 6 * 3_600_000)),
        ("last 24 h", .last(milliseconds: 86_400_000)), ("last 7 d", .last(milliseconds: 7 * 86_400_000)),
        ("last 30 d", .last(milliseconds: 30 * 86_400_000)), ("between", nil),
    ]

    static func make(_ s: AppState) -> FieldForm {
        let f = s.settings.series.filter
        let byName = { (a: String, b: String) in a.lowercased() < b.lowercased() }
        let phenomena = ["any"] + Array(Set(s.catalog.map(\.phenomenon))).sorted(by: byName)
        let stations = ["any"] + Array(Set(s.catalog.compactMap(\.station))).sorted(by: byName)
        var windowIndex = 0
        var from = "", to = ""
        switch f.window {
        case .all: windowIndex = 0
        case .last(let ms): windowIndex = windows.firstIndex { $0.1 == .last(milliseconds: ms) } ?? 0
        case let .between(a, b):
            windowIndex = windows.count - 1
            from = TimeFormat.dateTime(a, in: s.displayZone)
            to = TimeFormat.dateTime(b, in: s.displayZone)
        }
        // Times are typed as the axis shows them: in the display zone, unless given an offset.
        let zone = TextSafety.printable(s.displayZone.identifier)
        return FieldForm(title: "Series & filters", purpose: .filters, fields: [
            .init("Text", .text(f.text), hint: "part of a series name"),
            .init("Phenomenon", .choice(options: phenomena, index: phenomena.firstIndex(of: f.phenomenon ?? "any") ?? 0), hint: "Space/←→ choose"),
            .init("Station", .choice(options: stations, index: stations.firstIndex(of: f.station ?? "any") ?? 0), hint: "Space/←→ choose"),
            .init("Time window", .choice(options: windows.map(\.0), index: windowIndex), hint: "relative windows move with new data"),
            .init("From", .text(from), hint: "YYYY-MM-DD HH:MM (\(zone)), for between"),
            .init("To", .text(to), hint: "YYYY-MM-DD HH:MM (\(zone)), for between"),
            .init("Min value", .text(f.valueMin.map(NumberFormat.short) ?? ""), hint: "empty: no limit"),
            .init("Max value", .text(f.valueMax.map(NumberFormat.short) ?? ""), hint: "empty: no limit"),
        ])
    }

    /// Applies the form, or returns what is wrong (the form stays open). New filters show the whole window.
    static func apply(_ form: FieldForm, to s: inout AppState) -> String? {
        var f = SeriesFilter()
        f.text = form.text("Text")
        let ph = form.text("Phenomenon"), st = form.text("Station")
        f.phenomenon = ph == "any" ? nil : ph
        f.station = st == "any" ? nil : st
        let w = windows[form.index("Time window")]
        if let window = w.1 {
            f.window = window
        } else {
            let zone = s.displayZone
            guard let a = LocalTimeText.parse(form.text("From"), in: zone) else { return "From: \"\(form.text("From"))\" is not a time (YYYY-MM-DD HH:MM)" }
            guard let b = LocalTimeText.parse(form.text("To"), in: zone) else { return "To: \"\(form.text("To"))\" is not a time (YYYY-MM-DD HH:MM)" }
            guard a < b else { return "From must be before To" }
            f.window = .between(from: a, to: b)
        }
        guard let lo = FormNumber.parse(form.text("Min value")) else { return "Min value: \"\(form.text("Min value"))\" is not a number" }
        guard let hi = FormNumber.parse(form.text("Max value")) else { return "Max value: \"\(form.text("Max value"))\" is not a number" }
        if let lo, let hi, lo > hi { return "Min value must not be above Max value" }
        f.valueMin = lo
        f.valueMax = hi
        s.settings.series.filter = f
        s.settings.plot.span = nil
        s.settings.plot.end = nil
        return nil
    }
}
