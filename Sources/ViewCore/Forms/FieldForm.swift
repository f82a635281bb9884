/// A small dialog of labelled fields: text, a choice among options, or a tick box.
/// Used for the filters, thresholds and the plot's y range, so they all behave alike.
public struct FieldForm: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case filters
        case threshold(editing: Int?)
        case yRange
    }

    public enum Value: Equatable, Sendable {
        case text(String)
        case choice(options: [String], index: Int)
        case toggle(Bool)
    }

    public struct Field: Equatable, Sendable {
        public var label: String
        public var value: Value
        public var hint: String
        public init(_ label: String, _ value: Value, hint: String = "") {
            self.label = label
            self.value = value
            self.hint = hint
        }

        public var text: String {
            switch value {
            case .text(let t): return t
            case let .choice(options, i): return options.indices.contains(i) ? options[i] : ""
            case .toggle(let on): return on ? "yes" : "no"
            }
        }
    }

    public var title: String
    public var purpose: Purpose
    public var fields: [Field]
    public var focus = 0
    public var error: String?

    public init(title: String, purpose: Purpose, fields: [Field]) {
        self.title = title
        self.purpose = purpose
        self.fields = fields
    }

    public func text(_ label: String) -> String { fields.first { $0.label == label }?.text ?? "" }
    public func index(_ label: String) -> Int {
        if case .choice(_, let i)? = fields.first(where: { $0.label == label })?.value { return i }
        return 0
    }
    public func isOn(_ label: String) -> Bool {
        if case .toggle(let on)? = fields.first(where: { $0.label == label })?.value { return on }
        return false
    }

    /// The form after one key: moves between fields, edits text, cycles choices, ticks boxes.
    /// Enter and Esc are handled by the key map.
    public func editing(_ k: Key) -> FieldForm? {
        var f = self
        f.error = nil
        switch k {
        case .tab, .down: f.focus = (focus + 1) % fields.count; return f
        case .backTab, .up: f.focus = (focus + fields.count - 1) % fields.count; return f
        default: break
        }
        var field = fields[focus]
        switch (field.value, k) {
        case (.text(let t), _):
            guard let edited = TextEditing.edited(t, by: k, limit: 60) else { return nil }
            field.value = .text(edited)
        case (let .choice(options, i), .char(" ")), (let .choice(options, i), .right), (let .choice(options, i), .char("l")):
            field.value = .choice(options: options, index: (i + 1) % max(1, options.count))
        case (let .choice(options, i), .left), (let .choice(options, i), .char("h")):
            field.value = .choice(options: options, index: (i + options.count - 1) % max(1, options.count))
        case (.toggle(let on), .char(" ")), (.toggle(let on), .left), (.toggle(let on), .right):
            field.value = .toggle(!on)
        default:
            return nil
        }
        f.fields[focus] = field
        return f
    }
}
