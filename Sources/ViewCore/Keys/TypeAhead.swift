/// Keys typed while the view waits for a library answer they build on: `S j Enter y` typed at once
/// needs the sessions list before `j` means anything. Such keys are held, in order, and applied one
/// by one once the answer is there, each to the state it was typed for. `Esc` is never held: it
/// closes what is waiting and drops the keys meant for it, so a slow library never traps the user.
public struct TypeAhead: Equatable, Sendable {
    public private(set) var held: [InputEvent] = []
    public init() {}

    /// The events to apply now for `event`, typed while `waiting` (or not).
    public mutating func offer(_ event: InputEvent, waiting: Bool) -> [InputEvent] {
        switch event {
        case .resize:
            return [event]
        case .key(.escape) where waiting, .key(.ctrl("c")) where waiting:
            held.removeAll()
            return [event]
        case .key, .mouse:
            if waiting || !held.isEmpty {
                held.append(event)
                return []
            }
            return [event]
        }
    }

    /// The next held event, once nothing is waited for.
    public mutating func release(waiting: Bool) -> InputEvent? {
        guard !waiting, !held.isEmpty else { return nil }
        return held.removeFirst()
    }
}

extension AppState {
    /// A dialog on top is waiting for the library's list; keys for it would act on nothing.
    public var waitsForLibraryList: Bool {
        switch topOverlay {
        case .sessions(let d)?: d.loading
        case .sessionHistory(let h)?: h.loading
        default: false
        }
    }
}
