import Foundation

/// Series index by the bytes of a row's key cells: an open-addressing table that hashes eight
/// bytes at a time and keeps the keys in one byte arena, so a lookup allocates nothing (a
/// `[[UInt8]: Int]` dictionary hashes byte by byte, a cost paid on every row).
struct ByteKeyTable {
    private var slots = [Int32](repeating: -1, count: 64)
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var values: [Int] = []
    private var arena: [UInt8] = []

    var count: Int { values.count }

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

    func find(_ k: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            if hashes[e] == h && equal(e, k) { return values[e] }
            s = (s + 1) & mask
        }
    }

    private func equal(_ e: Int, _ k: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[e], end = e + 1 < starts.count ? starts[e + 1] : arena.count
        guard end - start == k.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            k.isEmpty || memcmp(a.baseAddress! + start, k.baseAddress!, k.count) == 0
        }
    }

    /// Adds a key not in the table.
    mutating func insert(_ k: UnsafeBufferPointer<UInt8>, hash h: UInt64, value: Int) {
        if (values.count + 1) * 2 > slots.count { grow() }
        hashes.append(h)
        starts.append(arena.count)
        arena.append(contentsOf: k)
        values.append(value)
        place(values.count - 1)
    }

    private mutating func place(_ e: Int) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hashes[e]) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(e)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for e in values.indices { place(e) }
    }
}
