import DataCore
import Foundation

/// A new or edited threshold as a form, for the series under the cursor or its phenomenon.
enum ThresholdForm {
    static let colours = Threshold.colourNames

    static func make(_ s: AppState, editing t: Threshold?) -> FieldForm {
        let current = s.cursorSeries ?? s.plottedSeries.first
        var scopes: [String] = []
        if let c = current { scopes = ["phenomenon \(c.phenomenon)", "series \(c.id)"] }
        if let t {
            switch t.scope {
            case .phenomenon(let p): scopes = ["phenomenon \(p)"] + scopes.filter { $0 != "phenomenon \(p)" }
            case .series(let id): scopes = ["series \(id)"] + scopes.filter { $0 != "series \(id)" }
            }
        }
        return FieldForm(title: t == nil ? "New threshold" : "Edit threshold", purpose: .threshold(editing: t?.id), fields: [
            .init("Applies to", .choice(options: scopes, index: 0), hint: "the series under the cursor, or its phenomenon"),
            .init("Value", .text(t.map { NumberFormat.short($0.value) } ?? ""), hint: "a number in the series' unit"),
            .init("Exceeded when", .choice(options: ["above", "below"], index: t?.above == false ? 1 : 0)),
            .init("Label", .text(t?.label ?? ""), hint: "e.g. EU daily limit"),
            .init("Colour", .choice(options: colours, index: colours.firstIndex(of: t?.color ?? "red") ?? 0)),
            .init("Applied", .toggle(t?.applied ?? true), hint: "unapplied thresholds are kept but not drawn"),
        ])
    }

    /// Adds the threshold, or replaces the one with id `editing`; returns what is wrong instead.
    static func apply(_ form: FieldForm, editing: Int?, to s: inout AppState) -> String? {
        let scopeText = form.text("Applies to")
        guard !scopeText.isEmpty else { return "select a series first: thresholds apply to a series or its phenomenon" }
        let scope: Threshold.Scope = scopeText.hasPrefix("phenomenon ")
            ? .phenomenon(String(scopeText.dropFirst("phenomenon ".count)))
            : .series(String(scopeText.dropFirst("series ".count)))
        guard let value = FormNumber.parse(form.text("Value")) ?? nil else { return "Value: type a number" }
        let label = form.text("Label").trimmingCharacters(in: .whitespaces)
        let above = form.index("Exceeded when") == 0
        let t = Threshold(id: editing ?? ((s.settings.thresholds.map(\.id).max() ?? 0) + 1), scope: scope, value: value,
                          above: above, label: label.isEmpty ? "\(above ? ">" : "<") \(NumberFormat.short(value))" : label,
                          color: form.text("Colour"), applied: form.isOn("Applied"))
        if let i = s.settings.thresholds.firstIndex(where: { $0.id == editing }) { s.settings.thresholds[i] = t }
        else { s.settings.thresholds.append(t) }
        return nil
    }
}
