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
    /// Each result with the tick of its last use; the least recently used goes first.
    private var entries: [Key: (column: SeriesColumn, used: UInt64)] = [:]
    private var tick: UInt64 = 0
    private var held = 0

    func value(_ key: Key, _ make: () -> SeriesColumn) -> SeriesColumn {
        // A hit costs a hash lookup: every trace of every aggregated frame asks.
        if let hit: SeriesColumn = lock.withLock({
            guard let e = entries[key] else { return nil }
            tick += 1
            entries[key]?.used = tick
            return e.column
        }) { return hit }
        let made = make()  // outside the lock: another thread's frame need not wait for this one
        let bytes = made.byteCount
        guard bytes <= Self.byteLimit / 4 else { return made }
        lock.withLock {
            guard entries[key] == nil else { return }
            tick += 1
            entries[key] = (made, tick)
            held += bytes
            while held > Self.byteLimit || entries.count > Self.entryLimit {
                guard let old = entries.min(by: { $0.value.used < $1.value.used }) else { break }
                entries[old.key] = nil
                held -= old.value.column.byteCount
            }
        }
        return made
    }

    var count: Int { lock.withLock { entries.count } }
}
