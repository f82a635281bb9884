/// One-line text fields (filters, names, form values) edit alike: type, Backspace, Ctrl-U clears.
enum TextEditing {
    /// The text after key `k`, or nil when the key does not edit text (or the text is full).
    static func edited(_ text: String, by k: Key, limit: Int) -> String? {
        switch k {
        case .backspace:
            return text.isEmpty ? nil : String(text.dropLast())
        case .ctrl("u"):
            return text.isEmpty ? nil : ""
        case .char(let c):
            return text.count < limit ? text + String(c) : nil
        default:
            return nil
        }
    }
}
