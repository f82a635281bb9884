import Foundation

/// Series index by the bytes of a row's key cells: an open-addressing table that hashes eight
/// bytes at a time and keeps the keys in one byte arena, so a lookup allocates nothing (a
/// `[[UInt8]: Int]` dictionary hashes byte by byte, a cost paid on every row).
struct ByteKeyTable {
    /// Entry index per slot, -1 for an empty slot.
    private var slots = [Int32](repeating: -1, count: 64)
    /// One lookup reads one entry: its hash, where its key lies in the arena, and its value.
    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
        var value: Int
    }
    private var entries: [Entry] = []
    private var arena: [UInt8] = []
    /// Per entry, the entry looked up right after it last time (-1: none yet). Files list their
    /// series in one order at every time, so a row's key is mostly the one after the row before's:
    /// checking that costs a compare of bytes, where a lookup hashes the key and probes the slots.
    private var following: [Int32] = []

    var count: Int { entries.count }

    /// Eight bytes at a time, then murmur3's finaliser: every input bit reaches the low bits that
    /// pick the slot (keys such as `Station 12␟PM10` differ only in a few bytes).
    static func hash(_ k: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(k.count)
        var i = 0
        let base = UnsafeRawPointer(k.baseAddress)
        while i + 8 <= k.count {
            h = (h ^ base!.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h = (h << 31) | (h >> 33)
            i += 8
        }
        var tail: UInt64 = 0
        if i < k.count && k.count >= 8 {
            tail = base!.loadUnaligned(fromByteOffset: k.count - 8, as: UInt64.self)  // the last eight bytes, overlapping
        } else {
            while i < k.count { tail = (tail << 8) | UInt64(k[i]); i += 1 }
        }
        h ^= tail
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }

    @inline(__always) func find(_ k: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        findEntry(k, hash: h).map(value(at:))
    }

    @inline(__always) func value(at e: Int) -> Int { entries[e].value }

    /// The entry that followed entry `e` last time, when its key is `k`.
    @inline(__always) func entry(after e: Int, ifKey k: UnsafeBufferPointer<UInt8>) -> Int? {
        guard e >= 0 else { return nil }
        let f = Int(following[e])
        guard f >= 0 else { return nil }
        return entries.withUnsafeBufferPointer { entries in
            arena.withUnsafeBufferPointer { arena in
                let entry = entries[f]
                return entry.count == k.count
                    && ByteParsers.sameBytes(UnsafeRawPointer(arena.baseAddress! + entry.start), UnsafeRawPointer(k.baseAddress), k.count) ? f : nil
            }
        }
    }

    mutating func follow(_ e: Int, with f: Int) { following[e] = Int32(f) }

    /// The entry whose key is `k`, by its hash.
    @inline(__always) func findEntry(_ k: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBufferPointer { arena in
                    let mask = slots.count - 1
                    var s = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let e = Int(slots[s])
                        if e < 0 { return nil }
                        let entry = entries[e]
                        if entry.hash == h && entry.count == k.count
                            && ByteParsers.sameBytes(UnsafeRawPointer(arena.baseAddress! + entry.start), UnsafeRawPointer(k.baseAddress), k.count) {
                            return e
                        }
                        s = (s + 1) & mask
                    }
                }
            }
        }
    }

    /// Adds a key not in the table; its entry.
    @discardableResult
    mutating func insert(_ k: UnsafeBufferPointer<UInt8>, hash h: UInt64, value: Int) -> Int {
        if (entries.count + 1) * 2 > slots.count { grow() }
        // A few spare bytes after the last key: the arena is never empty, so a key has an address.
        if arena.isEmpty { arena.reserveCapacity(256) }
        entries.append(Entry(hash: h, start: arena.count, count: k.count, value: value))
        arena.append(contentsOf: k)
        arena.append(0)
        following.append(-1)
        place(entries.count - 1)
        return entries.count - 1
    }

    private mutating func place(_ e: Int) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: entries[e].hash) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(e)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for e in entries.indices { place(e) }
    }
}
