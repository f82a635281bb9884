/// The compact columns a `SeriesColumn` keeps its measurements in. Each reads like an array (a
/// random-access collection indexed from 0) and gives back exactly what was appended; each falls
/// back to full-width storage for data its compact form cannot hold exactly.

/// Times in milliseconds, 4 bytes each: per block of 256 measurements the block's first time in
/// full, and every time as a 32-bit offset from it. A series whose times jump by more than ±24
/// days within one block keeps every time in full (8 bytes each).
public struct TimeColumn: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    @usableFromInline static let blockShift = 8
    @usableFromInline var bases: [Int64] = []
    @usableFromInline var offsets: [Int32] = []
    @usableFromInline var full: [Int64] = []
    @usableFromInline var isFull = false
    /// The last block's base, beside the arrays: appending within a block then touches only the
    /// offsets (a load appends to hundreds of series in turn, and each array is a cache line more).
    @usableFromInline var lastBase: Int64 = 0

    public init() {}
    public init(arrayLiteral times: Int64...) { self.init(times) }
    public init<S: Sequence<Int64>>(_ times: S) {
        reserveCapacity(times.underestimatedCount)
        for t in times { append(t) }
    }

    /// The same column as appending each time, a block at a time.
    init(_ times: [Int64]) {
        let n = times.count, size = 1 << Self.blockShift
        offsets.reserveCapacity(n)
        bases.reserveCapacity((n >> Self.blockShift) + 1)
        var s = 0
        while s < n {
            let base = times[s], e = Swift.min(n, s + size)
            bases.append(base)
            lastBase = base
            for i in s..<e {
                let (d, overflow) = times[i].subtractingReportingOverflow(base)
                guard !overflow, let o = Int32(exactly: d) else {
                    self = TimeColumn()
                    full = times
                    isFull = true
                    return
                }
                offsets.append(o)
            }
            s = e
        }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { isFull ? full.count : offsets.count }

    @inlinable public subscript(i: Int) -> Int64 {
        isFull ? full[i] : bases[i &>> Self.blockShift] &+ Int64(offsets[i])
    }

    /// `SeriesColumn`'s shortest step from `from` on, for 32-bit offsets: within a block the steps
    /// are differences of offsets, in a loop without branches the compiler can vectorise (a step
    /// below zero means out of order); a block's first step is from the block before.
    func shortestCompactStep(from: Int) -> Int64? {
        let size = 1 << Self.blockShift
        var step = Int64.max
        offsets.withUnsafeBufferPointer { o in
            bases.withUnsafeBufferPointer { b in
                var i = from
                while i < o.count {
                    let blockEnd = Swift.min(o.count, (i | (size - 1)) + 1)
                    if i & (size - 1) == 0 {
                        // Across blocks: both sides in full (any 64-bit difference fits: times are ms).
                        step = Swift.min(step, (b[i >> Self.blockShift] &+ Int64(o[i])) &- (b[(i - 1) >> Self.blockShift] &+ Int64(o[i - 1])))
                        i += 1
                    }
                    var m = Int64.max
                    if i < blockEnd {
                        for k in i..<blockEnd { m = Swift.min(m, Int64(o[k]) &- Int64(o[k - 1])) }
                    }
                    step = Swift.min(step, m)
                    i = blockEnd
                }
            }
        }
        return step < 0 ? nil : step
    }

    /// True when every time is held in full (some block spans more than 32 bits of milliseconds).
    public var isWide: Bool { isFull }
    public var byteCount: Int { bases.capacity * 8 + offsets.capacity * 4 + full.capacity * 8 }

    @inline(__always) public mutating func append(_ t: Int64) {
        if !isFull && offsets.count & ((1 << Self.blockShift) - 1) != 0 {
            let (d, overflow) = t.subtractingReportingOverflow(lastBase)
            if !overflow, let o = Int32(exactly: d) { offsets.append(o); return }
        }
        appendStartingABlock(t)
    }

    /// A time that starts a block, or does not fit the block's offsets, or a full column's.
    private mutating func appendStartingABlock(_ t: Int64) {
        if isFull { full.append(t); return }
        if offsets.count & ((1 << Self.blockShift) - 1) == 0 {
            bases.append(t)
            lastBase = t
            offsets.append(0)
            return
        }
        widen()
        full.append(t)
    }

    public mutating func append(contentsOf other: TimeColumn) {
        // Whole blocks line up: copy the parts as they are.
        if !isFull && !other.isFull && offsets.count & ((1 << Self.blockShift) - 1) == 0 {
            bases.appendGrowingGently(other.bases)
            offsets.appendGrowingGently(other.offsets)
            if let b = bases.last { lastBase = b }
            return
        }
        if isFull && other.isFull { full.appendGrowingGently(other.full); return }
        if isFull { full.reserveGently(count + other.count) } else {
            offsets.reserveGently(count + other.count)
            bases.reserveGently(((count + other.count) >> Self.blockShift) + 1)
        }
        var i = 0
        if !isFull && !other.isFull { i = appendOffsets(of: other) }
        for k in i..<other.count { append(other[k]) }
    }

    /// Appends `other`'s times (both compact) a block's room at a time, as one run of offsets
    /// from the block's base, where one at a time paid an array's checks per time (a load merges
    /// each part's few dozen measurements per series this way). Returns how many it appended:
    /// fewer than all at a time that does not fit its block's offsets.
    private mutating func appendOffsets(of other: TimeColumn) -> Int {
        let shift = Self.blockShift, size = 1 << shift, n = other.count
        var i = 0
        while i < n {
            if offsets.count & (size - 1) == 0 {
                let t = other[i]
                bases.append(t)
                lastBase = t
                offsets.append(0)
                i += 1
                continue
            }
            let room = Swift.min(n - i, size - offsets.count & (size - 1)), base = lastBase
            // Worked out on the stack, then appended in one copy.
            let fits = withUnsafeTemporaryAllocation(of: Int32.self, capacity: room) { run -> Bool in
                let ok = other.bases.withUnsafeBufferPointer { ob in
                    other.offsets.withUnsafeBufferPointer { oo in
                        for j in 0..<room {
                            let k = i &+ j
                            let (d, over) = (ob[k &>> shift] &+ Int64(oo[k])).subtractingReportingOverflow(base)
                            guard !over, let o = Int32(exactly: d) else { return false }
                            run[j] = o
                        }
                        return true
                    }
                }
                if ok { offsets.append(contentsOf: UnsafeBufferPointer(run)) }
                return ok
            }
            if !fits { return i }
            i += room
        }
        return n
    }

    mutating func reserveCapacity(_ n: Int) {
        if isFull { full.reserveCapacity(n); return }
        offsets.reserveCapacity(n)
        bases.reserveCapacity((n >> Self.blockShift) + 1)
    }

    private mutating func widen() {
        full = Array(self)
        isFull = true
        bases = []
        lastBase = 0
        offsets = []
    }

    public static func == (a: TimeColumn, b: TimeColumn) -> Bool { a.count == b.count && a.elementsEqual(b) }
}

/// Values, 4 bytes each while every value of the series is a decimal of at most 9 fraction digits
/// that fits 32 bits once scaled (`12.5` is 125 × 10⁻¹): the value read back is then the very
/// double that was appended (the scaled integer divided by the power of ten is the correctly
/// rounded decimal, as parsing its text gave). The first value that is not such a decimal turns
/// the column into full doubles (8 bytes each).
public struct ValueColumn: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    @usableFromInline var scaled: [Int32] = []
    /// 10 to the power `digits`: `scaled[i] / scale` is value i.
    @usableFromInline var scale = 1.0
    @usableFromInline var digits = 0
    /// The largest magnitude in `scaled`, to know whether more digits still fit.
    @usableFromInline var largest: Int32 = 0
    @usableFromInline var full: [Double] = []
    @usableFromInline var isFull = false

    static let powers: [Double] = (0...9).map { [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9][$0] }

    public init() {}
    public init(arrayLiteral values: Double...) { self.init(values) }
    public init<S: Sequence<Double>>(_ values: S) {
        reserveCapacity(values.underestimatedCount)  // a sorted copy of a column is sized exactly
        for v in values { append(v) }
    }

    /// Full doubles as they are, without looking for a compact form.
    init(doubles: [Double]) {
        full = doubles
        isFull = true
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { isFull ? full.count : scaled.count }

    @inlinable public subscript(i: Int) -> Double {
        isFull ? full[i] : Double(scaled[i]) / scale
    }

    /// True when the values are held as 32-bit scaled decimals (lossless), false for full doubles.
    public var isCompact: Bool { !isFull }
    /// Fraction digits of the scaled decimals (0 for full doubles).
    public var decimalDigits: Int { isFull ? 0 : digits }
    public var byteCount: Int { scaled.capacity * 4 + full.capacity * 8 }

    /// `v` as a decimal scaled by `s`, when that gives back exactly `v` (bit for bit, so -0 and NaN never do).
    @inline(__always) static func scaledValue(_ v: Double, _ s: Double) -> Int32? {
        // Rounded half away from zero by hand: `rounded()` is a call into libm on baseline x86-64.
        let y = v * s
        guard y.magnitude <= 2_147_483_647 else { return nil }
        let m = Int32(y < 0 ? y - 0.5 : y + 0.5)
        return (Double(m) / s).bitPattern == v.bitPattern ? m : nil
    }

    public mutating func append(_ v: Double) {
        if isFull { full.append(v); return }
        if let m = Self.scaledValue(v, scale) { push(m); return }
        // More fraction digits than so far: scale everything up, if it still fits.
        for d in (digits + 1)..<Self.powers.count {
            if let m = Self.scaledValue(v, Self.powers[d]), rescale(to: d) { push(m); return }
        }
        widen()
        full.append(v)
    }

    /// Appends the decimal `mantissa / 10^digits` (as `ByteParsers.shortDecimal` reads it): the same
    /// column as appending its double, without the round trip through one.
    @inline(__always) mutating func append(mantissa: Int32, digits d: Int) {
        if !isFull {
            if d == digits { push(mantissa); return }
            if d < digits {
                let (m, overflow) = mantissa.multipliedReportingOverflow(by: Self.intPower(digits - d))
                if !overflow { push(m); return }
            } else if rescale(to: d) {
                push(mantissa)
                return
            }
        }
        append(Double(mantissa) / Self.powers[d])
    }

    /// 10^n for n in 0...9; a literal tuple, so reading one needs no lazy global.
    private static let intPowers: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) =
        (1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000)
    @inline(__always) private static func intPower(_ n: Int) -> Int32 {
        withUnsafeBytes(of: intPowers) { $0.load(fromByteOffset: n * 4, as: Int32.self) }
    }

    @inline(__always) private mutating func push(_ m: Int32) {
        scaled.append(m)
        if m.magnitude > largest.magnitude { largest = Int32(m.magnitude) }  // |m| ≤ Int32.max, checked above
    }

    /// Scales every value to `d` fraction digits; false (and nothing changed) when one would not fit.
    private mutating func rescale(to d: Int) -> Bool {
        guard d > digits else { return true }
        let factor = Int64(Self.powers[d - digits])
        guard Int64(largest) * factor <= Int64(Int32.max) else { return false }
        let f = Int32(factor)
        scaled.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] *= f } }
        largest *= f
        digits = d
        scale = Self.powers[d]
        return true
    }

    public mutating func append(contentsOf other: ValueColumn) {
        if isFull || other.isFull || other.digits > digits && !rescale(to: other.digits) {
            if !isFull { widen() }
            if other.isFull { full.append(contentsOf: other.full) } else { for v in other { full.append(v) } }
            return
        }
        if other.digits == digits {
            scaled.appendGrowingGently(other.scaled)
            if other.largest > largest { largest = other.largest }
            return
        }
        let factor = Int64(Self.powers[digits - other.digits])
        guard Int64(other.largest) * factor <= Int64(Int32.max) else {
            widen()
            for v in other { full.append(v) }
            return
        }
        let f = Int32(factor)
        scaled.reserveCapacity(scaled.count + other.scaled.count)
        for m in other.scaled { push(m * f) }
    }

    mutating func reserveCapacity(_ n: Int) {
        if isFull { full.reserveCapacity(n) } else { scaled.reserveCapacity(n) }
    }

    private mutating func widen() {
        full = Array(self)
        isFull = true
        scaled = []
        digits = 0
        scale = 1
        largest = 0
    }

    /// Equal values in order (a compact and a full column holding the same values are equal).
    public static func == (a: ValueColumn, b: ValueColumn) -> Bool { a.count == b.count && a.elementsEqual(b) }
}

/// A latitude or a longitude per measurement; a fixed station's one position is held once.
/// NaN where a measurement has no position.
public struct PositionColumn: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    @usableFromInline var each: [Float] = []
    @usableFromInline var constant: Float = 0
    @usableFromInline var constantCount = 0
    @usableFromInline var isConstant = true

    public init() {}
    public init(arrayLiteral xs: Float...) { self.init(xs) }
    public init<S: Sequence<Float>>(_ xs: S) {
        for x in xs { append(x) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { isConstant ? constantCount : each.count }

    @inlinable public subscript(i: Int) -> Float {
        if isConstant {
            precondition(i >= 0 && i < constantCount, "position index out of range")
            return constant
        }
        return each[i]
    }

    /// The one value every entry has (a fixed station), nil when they differ or there are none.
    public var single: Float? { isConstant && constantCount > 0 ? constant : nil }
    public var byteCount: Int { each.capacity * 4 }

    @inline(__always) public mutating func append(_ x: Float) {
        // A fixed station's next position: a count, inline (a load appends two per row).
        if isConstant && constantCount > 0 && x.bitPattern == constant.bitPattern { constantCount += 1; return }
        appendOther(x)
    }

    private mutating func appendOther(_ x: Float) {
        if !isConstant { each.append(x); return }
        if constantCount == 0 { constant = x; constantCount = 1; return }
        if x.bitPattern == constant.bitPattern { constantCount += 1; return }
        vary()
        each.append(x)
    }

    mutating func append(repeating x: Float, count n: Int) {
        guard n > 0 else { return }
        if isConstant && (constantCount == 0 || x.bitPattern == constant.bitPattern) {
            constant = x
            constantCount += n
            return
        }
        if isConstant { vary() }
        each.append(contentsOf: repeatElement(x, count: n))
    }

    public mutating func append(contentsOf other: PositionColumn) {
        if other.isConstant {
            append(repeating: other.constant, count: other.constantCount)
        } else {
            if isConstant { vary() }
            each.appendGrowingGently(other.each)
        }
    }

    mutating func reserveCapacity(_ n: Int) {
        if !isConstant { each.reserveCapacity(n) }
    }

    private mutating func vary() {
        each = [Float](repeating: constant, count: constantCount)
        isConstant = false
        constantCount = 0
    }

    /// Equal bit for bit (NaN, "no position", equals NaN).
    public static func == (a: PositionColumn, b: PositionColumn) -> Bool {
        a.count == b.count && a.elementsEqual(b) { $0.bitPattern == $1.bitPattern }
    }
}

extension Array {
    /// Appends, growing by a quarter rather than doubling when full: a big file's parts are
    /// appended one after another to columns reserved from an estimate, and an estimate a little
    /// short would otherwise leave up to half of a column's memory unused.
    @inline(__always) mutating func appendGrowingGently(_ other: [Element]) {
        reserveGently(count + other.count)
        append(contentsOf: other)
    }

    @inline(__always) mutating func reserveGently(_ needed: Int) {
        if needed > capacity { reserveCapacity(Swift.max(needed, capacity + capacity >> 2)) }
    }
}
