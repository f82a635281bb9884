import Foundation

/// Performs effects off the input thread, one at a time in the order asked, and posts each result
/// to the mailbox. Work never touches the state: it gets copies, and answers with a message.
public final class EffectRunner: @unchecked Sendable {
    private let queue = DispatchQueue(label: "dataviewer.effects", qos: .userInitiated)
    private let mailbox: Mailbox<Message>
    private let lock = NSLock()
    private var pending = 0

    public init(mailbox: Mailbox<Message>) {
        self.mailbox = mailbox
    }

    /// Queues `work`; what it returns is posted (nil: nothing to say).
    public func run(_ work: @escaping @Sendable () -> Message?) {
        lock.withLock { pending += 1 }
        queue.async { [self] in
            let result = work()
            // Posted before counted down: whoever sees the runner idle finds every result in the mailbox.
            if let result { mailbox.post(result) }
            lock.withLock { pending -= 1 }
        }
    }

    /// Effects queued or running.
    public var busy: Bool { lock.withLock { pending > 0 } }

    /// Waits until everything queued so far has run, or `seconds` pass; true when it has.
    @discardableResult
    public func waitUntilIdle(seconds: Double) -> Bool {
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        return done.wait(timeout: .now() + seconds) == .success
    }
}
