import DataCore
import Foundation

/// Builds the forms from the state, and applies a submitted form back to it.
enum FormBuilders {
    static let windows: [(String, TimeWindow?)] = [
        ("all", .all), ("last 1 h", .last(milliseconds: 3_600_000)), ("last 6 h", .last(milliseconds: 6 * 3_600_000)),
        ("last 24 h", .last(milliseconds: 86_400_000)), ("last 7 d", .last(milliseconds: 7 * 86_400_000)),
        ("last 30 d", .last(milliseconds: 30 * 86_400_000)), ("between", nil),
    ]
    static let colours = Threshold.colourNames

    static func filters(_ s: AppState) -> FieldForm {
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

    static func threshold(_ s: AppState, editing t: Threshold?) -> FieldForm {
        let current = s.visibleSeries.indices.contains(s.ui.cursor) ? s.visibleSeries[s.ui.cursor] : s.plottedSeries.first
        var scopes: [String] = []
        if let c = current { scopes = ["phenomenon \(c.phenomenon)", "series \(c.id)"] }
        var scopeIndex = 0
        if let t {
            switch t.scope {
            case .phenomenon(let p): scopes = ["phenomenon \(p)"] + scopes.filter { $0 != "phenomenon \(p)" }
            case .series(let id): scopes = ["series \(id)"] + scopes.filter { $0 != "series \(id)" }
            }
            scopeIndex = 0
        }
        return FieldForm(title: t == nil ? "New threshold" : "Edit threshold", purpose: .threshold(editing: t?.id), fields: [
            .init("Applies to", .choice(options: scopes, index: scopeIndex), hint: "the series under the cursor, or its phenomenon"),
            .init("Value", .text(t.map { NumberFormat.short($0.value) } ?? ""), hint: "a number in the series' unit"),
            .init("Exceeded when", .choice(options: ["above", "below"], index: t?.above == false ? 1 : 0)),
            .init("Label", .text(t?.label ?? ""), hint: "e.g. EU daily limit"),
            .init("Colour", .choice(options: colours, index: colours.firstIndex(of: t?.color ?? "red") ?? 0)),
            .init("Applied", .toggle(t?.applied ?? true), hint: "unapplied thresholds are kept but not drawn"),
        ])
    }

    static func yRange(_ s: AppState) -> FieldForm {
        let p = s.settings.plot
        return FieldForm(title: "Plot y axis", purpose: .yRange, fields: [
            .init("Automatic", .toggle(p.yMin == nil && p.yMax == nil), hint: "fit the visible data"),
            .init("Min", .text(p.yMin.map(NumberFormat.short) ?? ""), hint: "fixed bottom, when not automatic"),
            .init("Max", .text(p.yMax.map(NumberFormat.short) ?? ""), hint: "fixed top, when not automatic"),
        ])
    }

    static func number(_ text: String) -> Double?? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        if t.isEmpty { return .some(nil) }
        guard let v = Double(t), v.isFinite else { return nil }
        return .some(v)
    }

    /// Applies a submitted form; returns an error sentence when a field is wrong (the form stays open).
    static func apply(_ form: FieldForm, to s: inout AppState) -> String? {
        switch form.purpose {
        case .filters:
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
            guard let lo = number(form.text("Min value")) else { return "Min value: \"\(form.text("Min value"))\" is not a number" }
            guard let hi = number(form.text("Max value")) else { return "Max value: \"\(form.text("Max value"))\" is not a number" }
            if let lo, let hi, lo > hi { return "Min value must not be above Max value" }
            f.valueMin = lo
            f.valueMax = hi
            s.settings.series.filter = f
            s.settings.plot.span = nil
            s.settings.plot.end = nil
        case .threshold(let editing):
            let scopeText = form.text("Applies to")
            guard !scopeText.isEmpty else { return "select a series first: thresholds apply to a series or its phenomenon" }
            let scope: Threshold.Scope = scopeText.hasPrefix("phenomenon ")
                ? .phenomenon(String(scopeText.dropFirst("phenomenon ".count)))
                : .series(String(scopeText.dropFirst("series ".count)))
            guard let value = number(form.text("Value")) ?? nil else { return "Value: type a number" }
            let label = form.text("Label").trimmingCharacters(in: .whitespaces)
            let t = Threshold(id: editing ?? ((s.settings.thresholds.map(\.id).max() ?? 0) + 1), scope: scope, value: value,
                              above: form.index("Exceeded when") == 0,
                              label: label.isEmpty ? "\(form.index("Exceeded when") == 0 ? ">" : "<") \(NumberFormat.short(value))" : label,
                              color: form.text("Colour"), applied: form.isOn("Applied"))
            if let i = s.settings.thresholds.firstIndex(where: { $0.id == editing }) { s.settings.thresholds[i] = t }
            else { s.settings.thresholds.append(t) }
        case .yRange:
            if form.isOn("Automatic") {
                s.settings.plot.yMin = nil
                s.settings.plot.yMax = nil
            } else {
                guard let lo = number(form.text("Min")) ?? nil else { return "Min: type a number, or tick Automatic" }
                guard let hi = number(form.text("Max")) ?? nil else { return "Max: type a number, or tick Automatic" }
                guard lo < hi else { return "Min must be below Max" }
                s.settings.plot.yMin = lo
                s.settings.plot.yMax = hi
            }
        }
        return nil
    }
}
