import Foundation

/// The field forms (filters, a threshold, the y range): one behaviour for all of them.
public enum FormAction: Equatable, Sendable {
    case open(FieldForm)
    case edit(FieldForm)
    /// Enter: the form's part applies it, or the form stays open with a sentence saying what is wrong.
    case submit
}

func reduceForm(_ s: inout AppState, _ a: FormAction) {
    switch a {
    case .open(let f):
        s.ui.overlays.append(.form(f))
    case .edit(let f):
        if case .form? = s.topOverlay { s.replaceTop(.form(f)) }
    case .submit:
        guard case .form(var f)? = s.topOverlay else { return }
        let error: String?
        switch f.purpose {
        case .filters: error = FilterForm.apply(f, to: &s)
        case .threshold(let editing): error = ThresholdForm.apply(f, editing: editing, to: &s)
        case .yRange: error = YRangeForm.apply(f, to: &s)
        }
        if let error {
            f.error = error
            s.replaceTop(.form(f))
        } else {
            s.ui.overlays.removeLast()
            s.ui.cursor = s.clampedCursor(s.ui.cursor)
        }
    }
}

/// Numbers typed into forms: a comma works as the decimal point; empty means "no value".
enum FormNumber {
    /// nil: not a number; .some(nil): empty.
    static func parse(_ text: String) -> Double?? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        if t.isEmpty { return .some(nil) }
        guard let v = Double(t), v.isFinite else { return nil }
        return .some(v)
    }
}
