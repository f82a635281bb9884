import DataCore
import Testing

/// The end of a run (a pixel column's piece, a time bucket), found from a guess, is the first
/// index past it, wherever the guess lands: before, on, after the end, or beyond the range.
@Suite struct GallopTests {
    @Test func gallopEndIsTheFirstIndexPastTheRun() {
        var rng = SplitMix(state: 43)
        for _ in 0..<3_000 {
            let n = 1 + Int(rng.next() % 300)
            let i = Int(rng.next() % UInt64(n))
            let want = i + 1 + Int(rng.next() % UInt64(n - i))  // in (i, n]
            let near = Int(rng.next() % UInt64(n + 40)) - 20
            var probes = 0
            let got = gallopEnd(after: i, before: n, near: near) { k in
                probes += 1
                #expect(k > i && k < n, "probes inside (i, end) only")
                return k < want
            }
            #expect(got == want, "n \(n) i \(i) near \(near)")
            #expect(probes <= 4 + 3 * (Int.bitWidth - n.leadingZeroBitCount), "a logarithm of probes")
        }
        // A right guess costs two probes: the last index in the piece and the first past it.
        var probes = 0
        #expect(gallopEnd(after: 100, before: 100_000, near: 600) { probes += 1; return $0 < 600 } == 600)
        #expect(probes == 2)
    }
}
