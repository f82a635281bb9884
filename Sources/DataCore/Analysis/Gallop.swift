/// The first index in `(i, end)` for which `inside` is false, or `end`: `inside` holds at `i` and,
/// the data being sorted, up to that index. `near` is probed first (where the answer is expected),
/// then the search gallops from there, doubling its step, and bisects the last step: a right guess
/// costs two probes side by side, a short run what it holds, a long one a logarithm. The plot's
/// pixel columns and the time buckets both find their ends this way.
@inlinable @inline(__always)
public func gallopEnd(after i: Int, before end: Int, near: Int, _ inside: (Int) -> Bool) -> Int {
    var lo = i, hi = end  // inside(lo); hi == end or !inside(hi)
    let p = Swift.min(Swift.max(near, i + 1), end)
    if p < end && inside(p) {
        lo = p
        var step = 1
        while true {
            let q = lo + step
            if q >= end { break }
            if !inside(q) { hi = q; break }
            lo = q
            step &<<= 1
        }
    } else {
        hi = p
        var step = 1
        while hi - lo > 1 {
            let q = hi - step
            if q <= lo { break }
            if inside(q) { lo = q; break }
            hi = q
            step &<<= 1
        }
    }
    while hi - lo > 1 {
        let mid = (lo + hi) >> 1
        if inside(mid) { lo = mid } else { hi = mid }
    }
    return hi
}
