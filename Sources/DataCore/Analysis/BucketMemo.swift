import Foundation

/// The last few results of `SeriesColumn.bucketColumn`. Every aggregated frame asks for them
/// again, and with fine buckets (a minute, an hour) the reduction visits every measurement. A
/// result is a function of its key alone: the summary's stamp changes whenever the column does.
final class BucketMemo: @unchecked Sendable {
    struct Key: Hashable {
        var stamp: UInt64
        var count: Int
        var width: Int64
        var reduce: Reduction
        var low: Double?
        var high: Double?
        var zone: String
    }

    static let shared = BucketMemo()
    /// Memory kept at most: minute, hour and day buckets of 50 series of 20,000 measurements each
    /// all fit, so cycling through the aggregations reduces each series once per setting.
    static let byteLimit = 32 << 20
    static let entryLimit = 512

    private let lock = NSLock()
    private var entries: [Key: SeriesColumn] = [:]
    private var order: [Key] = []  // least recently used first
    private var held = 0

    func value(_ key: Key, _ make: () -> SeriesColumn) -> SeriesColumn {
        if let hit: SeriesColumn = lock.withLock({
            guard let b = entries[key] else { return nil }
            if let i = order.lastIndex(of: key), i != order.count - 1 { order.remove(at: i); order.append(key) }
            return b
        }) { return hit }
        let made = make()  // outside the lock: another thread's frame need not wait for this one
        let bytes = made.byteCount
        guard bytes <= Self.byteLimit / 4 else { return made }
        lock.withLock {
            guard entries[key] == nil else { return }
            entries[key] = made
            order.append(key)
            held += bytes
            while held > Self.byteLimit || order.count > Self.entryLimit {
                let old = order.removeFirst()
                held -= entries.removeValue(forKey: old)?.byteCount ?? 0
            }
        }
        return made
    }

    var count: Int { lock.withLock { entries.count } }
}
