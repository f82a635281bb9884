/// Earlier and later versions of the view settings, newest last; kept in the library too.
public struct UndoHistory: Equatable, Sendable {
    public static let limit = 100
    public var past: [ViewSettings] = []
    public var future: [ViewSettings] = []
    public init(past: [ViewSettings] = [], future: [ViewSettings] = []) {
        self.past = past
        self.future = future
    }

    mutating func record(_ previous: ViewSettings) {
        past.append(previous)
        // Trim in steps, so the library rewrites its copy once per 20 changes, not on every one.
        if past.count > Self.limit + 20 { past.removeFirst(past.count - Self.limit) }
        future.removeAll()
    }

    mutating func undo(current: ViewSettings) -> ViewSettings? {
        guard let last = past.popLast() else { return nil }
        future.append(current)
        return last
    }

    mutating func redo(current: ViewSettings) -> ViewSettings? {
        guard let next = future.popLast() else { return nil }
        past.append(current)
        return next
    }
}
