import Foundation

/// Tells a read under way to stop at its next chunk (its result would be thrown away: a newer
/// read of the same file is wanted). The read then fails with `reason`.
public final class LoadCancellation: @unchecked Sendable {
    public static let reason = "read cancelled"
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() { lock.withLock { cancelled = true } }
    public var isCancelled: Bool { lock.withLock { cancelled } }
}
