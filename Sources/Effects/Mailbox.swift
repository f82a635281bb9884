import Foundation
import ViewCore

/// The one channel results come back through: effect threads post, the run loop drains it
/// between frames. Thread-safe; never blocks a poster.
public final class Mailbox<Message: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Message] = []

    public init() {}

    public func post(_ m: Message) {
        condition.lock()
        items.append(m)
        condition.signal()
        condition.unlock()
    }

    /// Everything posted so far, oldest first.
    public func drain() -> [Message] {
        condition.lock()
        defer { condition.unlock() }
        let out = items
        items.removeAll()
        return out
    }

    /// Waits until something is posted or `seconds` pass, then drains.
    public func wait(seconds: Double) -> [Message] {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while items.isEmpty && condition.wait(until: deadline) {}
        let out = items
        items.removeAll()
        return out
    }
}

/// What comes back to the run loop: an action for the reducer, or news for the part that asked.
public enum Message: Sendable {
    case action(Action)
    /// Several results of one effect, applied in order (a loaded session, then what its data gained).
    case actions([Action])
    case data(DataEvent)
    case autosave(AutosaveOutcome)
}
