#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Which of 64 bytes end a field (the delimiter, LF or CR) and which are quotes, one bit a byte
/// (bit k is byte k). A record's fields are then cut with one bit loop per 64 bytes, instead of a
/// loop, and a mispredicted exit from it, per 8 bytes.
struct BlockMasks {
    static let width = 64

    let ends: UInt64
    let quotes: UInt64

    /// The masks of the 64 bytes at `p`; all of them must be readable.
    @inline(__always) init(_ p: UnsafeRawPointer, delimiter: UInt8) {
        #if arch(x86_64)
        // SSE2 is in every x86-64 processor: 16 bytes compared at once, a bit a byte by movemask.
        let d = _mm_set1_epi8(Int8(bitPattern: delimiter)), lf = _mm_set1_epi8(10), cr = _mm_set1_epi8(13), q = _mm_set1_epi8(34)
        var e: UInt64 = 0, qs: UInt64 = 0
        for k in 0..<4 {
            let v = _mm_loadu_si128((p + 16 * k).assumingMemoryBound(to: __m128i.self))
            let hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr))
            e |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(hit))) << (16 * k)
            qs |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(_mm_cmpeq_epi8(v, q)))) << (16 * k)
        }
        ends = e
        quotes = qs
        #else
        self = Self.portable(p, delimiter: delimiter)
        #endif
    }

    /// The masks of the last `count` (< 64) bytes of a buffer, read from a zero-padded copy; the
    /// padding marks nothing.
    @inline(never) init(tail p: UnsafeRawPointer, count: Int, delimiter: UInt8) {
        var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let masks = withUnsafeMutableBytes(of: &block) { b in
            b.baseAddress!.copyMemory(from: p, byteCount: count)
            return BlockMasks(UnsafeRawPointer(b.baseAddress!), delimiter: delimiter)
        }
        let real = count >= 64 ? UInt64.max : (1 << UInt64(count)) &- 1
        self.init(ends: masks.ends & real, quotes: masks.quotes & real)
    }

    init(ends: UInt64, quotes: UInt64) {
        self.ends = ends
        self.quotes = quotes
    }

    /// The same masks eight bytes at a time in plain integer arithmetic, for processors without SSE2.
    static func portable(_ p: UnsafeRawPointer, delimiter: UInt8) -> BlockMasks {
        var e: UInt64 = 0, qs: UInt64 = 0
        let d = UInt64(delimiter) &* 0x0101_0101_0101_0101
        for k in 0..<8 {
            let w = p.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)
            let hit = zeroBytes(w ^ d) | zeroBytes(w ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroBytes(w ^ 0x0D0D_0D0D_0D0D_0D0D)
            e |= gather(hit) << (8 * k)
            qs |= gather(zeroBytes(w ^ 0x2222_2222_2222_2222)) << (8 * k)
        }
        return BlockMasks(ends: e, quotes: qs)
    }

    /// The high bit of each zero byte of `w`, exactly (no carry crosses bytes).
    @inline(__always) static func zeroBytes(_ w: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((w & low7) &+ low7) | w | low7)
    }

    /// The high bits of the eight bytes of `w` as the low eight bits, byte k to bit k.
    @inline(__always) static func gather(_ w: UInt64) -> UInt64 {
        (((w >> 7) & 0x0101_0101_0101_0101) &* 0x0102_0408_1020_4080) >> 56
    }
}
