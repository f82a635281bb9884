import DataCore

/// `Y`: the plot's y axis, automatic or a fixed range.
enum YRangeForm {
    static func make(_ s: AppState) -> FieldForm {
        let p = s.settings.plot
        return FieldForm(title: "Plot y axis", purpose: .yRange, fields: [
            .init("Automatic", .toggle(p.yMin == nil && p.yMax == nil), hint: "fit the visible data"),
            .init("Min", .text(p.yMin.map(NumberFormat.short) ?? ""), hint: "fixed bottom, when not automatic"),
            .init("Max", .text(p.yMax.map(NumberFormat.short) ?? ""), hint: "fixed top, when not automatic"),
        ])
    }

    static func apply(_ form: FieldForm, to s: inout AppState) -> String? {
        if form.isOn("Automatic") {
            s.settings.plot.yMin = nil
            s.settings.plot.yMax = nil
            return nil
        }
        guard let lo = FormNumber.parse(form.text("Min")) ?? nil else { return "Min: type a number, or tick Automatic" }
        guard let hi = FormNumber.parse(form.text("Max")) ?? nil else { return "Max: type a number, or tick Automatic" }
        guard lo < hi else { return "Min must be below Max" }
        s.settings.plot.yMin = lo
        s.settings.plot.yMax = hi
        return nil
    }
}
