import Foundation

/// Parses the body of a big file on every core: the bytes are cut into parts at record boundaries
/// (outside quotes), each part is parsed on its own, and the parts are merged back in file order as
/// they finish, so memory stays near one store.
final class ParallelCSV: @unchecked Sendable {
    /// Bytes per part: small enough that a small file still keeps every core busy and little is
    /// held at once; a big file's parts are larger (`partSize(expecting:)`), so that fewer parts
    /// are set up, merged and freed.
    static let partSize = 2 << 20
    static func partSize(expecting bytes: Double) -> Int {
        bytes >= Double(2 << 30) ? 8 << 20 : bytes >= Double(256 << 20) ? 4 << 20 : partSize
    }

    private let partSize: Int
    static func bufferCapacity(partSize: Int) -> Int { partSize + (1 << 20) + (64 << 10) }

    private let template: RowParser.Template
    private let seed: RowParser.Seed
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let cores: Int
    /// Parts cut and not yet taken by a parser, in file order, and how many parser threads run.
    private var queued: [(index: Int, bytes: [UInt8])] = []
    private var parsers = 0
    private let lock = NSLock()
    private var merged: MeasurementStore
    private var done: [Int: (store: MeasurementStore, lines: Int)] = [:]
    private var nextToMerge = 0
    private var submitted = 0
    private var rows = 0
    /// The line the next part to merge starts on: parts count their lines as they are parsed, so
    /// the thread that reads the file does no more than cut it.
    private var line: Int

    private var carry: [UInt8]
    /// Buffers of parsed parts, emptied, for the next parts: a part is cut from a buffer that
    /// already has room for it, so parts are not allocated, grown and freed one after another
    /// (freed big buffers make malloc keep them, which showed as ~10 MB of peak RSS at 1M rows).
    private var spare: [[UInt8]] = []
    /// Room for a part, the chunk that completes it and the start of the next record.
    private let bufferCapacity: Int

    /// How much the base's columns will grow: they are made room for at the first merge, on a
    /// parser's thread, not before the first part is cut (the room's pages fault in as it is made).
    private var growth: Double?

    init(template: RowParser.Template, seed: RowParser.Seed, base: MeasurementStore, leftover: [UInt8], line: Int, expectedBytes: Double = 0,
         growth: Double? = nil) {
        self.growth = growth
        partSize = Self.partSize(expecting: expectedBytes)
        bufferCapacity = Self.bufferCapacity(partSize: partSize)
        self.template = template
        self.seed = seed
        merged = base
        carry = leftover
        carry.reserveCapacity(bufferCapacity)
        self.line = line
        cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // One part more than there are cores: one waits, ready, while the others parse or merge,
        // so a core that finishes never idles until the reading thread cuts the next.
        slots = DispatchSemaphore(value: cores + 1)
        // The bytes gathered before hold a part already: the parsers start on it now.
        cutParts()
    }

    /// Lines parsed and merged so far (rows, near enough, for a progress bar).
    var linesSubmitted: Int {
        lock.lock()
        defer { lock.unlock() }
        return line
    }

    func feed<C: Collection<UInt8>>(_ chunk: C, final: Bool) {
        carry.append(contentsOf: chunk)
        cutParts()
        if final && carry.contains(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) {
            submit(carry)
            carry = []
        }
    }

    private func cutParts() {
        while carry.count >= partSize {
            guard let cut = Self.boundary(carry) else { break }  // one record longer than the buffer so far
            // The buffer itself becomes the part (moved, not copied); only the cut-off tail is copied.
            var part = carry
            carry = takeSpare()
            carry.append(contentsOf: part[cut...])
            part.removeSubrange(cut...)
            submit(part)
        }
    }

    /// Waits for every part; returns the store (the base, then the parts in file order), the line
    /// after the last, and the rows the parts held (the base's are counted where it was parsed).
    func finish() -> (store: MeasurementStore, nextLine: Int, rows: Int) {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return (merged, line, rows)
    }

    private func takeSpare() -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        if var b = spare.popLast() { b.removeAll(keepingCapacity: true); return b }
        var b = [UInt8]()
        b.reserveCapacity(bufferCapacity)
        return b
    }

    private func submit(_ part: [UInt8]) {
        let index = submitted
        submitted += 1
        slots.wait()
        group.enter()
        lock.lock()
        queued.append((index, part))
        let start = parsers < cores
        if start { parsers += 1 }
        lock.unlock()
        // A parser takes parts while there are any, then ends: threads are reused while the file
        // keeps them busy, and none is left waiting when a load stops early. Threads of their own
        // at a lower priority: parsing never starves the input thread.
        if start { BackgroundThread.run { [self] in parseQueued() } }
    }

    private func parseQueued() {
        lock.lock()
        while !queued.isEmpty {
            let (index, part) = queued.removeFirst()
            lock.unlock()
            let (store, parsed, lines) = RowParser.parsePartCounting(part, line: 1, template, seed: seed)
            lock.lock()
            spare.append(part)
            done[index] = (store, lines)
            rows += parsed
            if let g = growth, done[nextToMerge] != nil {
                merged.reserve(scale: g)
                growth = nil
            }
            while var next = done.removeValue(forKey: nextToMerge) {
                next.store.report.shiftLines(by: line - 1)
                merged.append(next.store)
                line += next.lines
                nextToMerge += 1
            }
            slots.signal()
            group.leave()
        }
        parsers -= 1
        lock.unlock()
    }

    /// Index just after the last line end that is outside quotes, or nil when there is none.
    static func boundary(_ bytes: [UInt8]) -> Int? {
        var inQuotes = false
        var last: Int? = nil
        // Without any quote (memchr is vectorised), the last line end is the boundary.
        let unquoted: Int?? = bytes.withUnsafeBytes { b in
            guard let base = b.baseAddress, b.count > 0, memchr(base, 34, b.count) == nil else { return nil }
            var i = b.count - 1
            while i >= 0 && b[i] != 10 { i -= 1 }
            return .some(i >= 0 ? i + 1 : nil)
        }
        if let unquoted { return unquoted }
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count {
                let c = b[i]
                if c == 34 { inQuotes.toggle() }
                else if c == 10 && !inQuotes { last = i + 1 }
            }
        }
        return last
    }

    /// True when `bytes` (starting at a record boundary) hold a record, or the start of one at
    /// their end, longer than `limit`: line feeds outside quotes are further apart than that.
    static func hasRecord(in bytes: [UInt8], longerThan limit: Int) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, b.count > limit else { return false }
            var start = 0
            if memchr(base, 34, b.count) == nil {
                // A record longer than the limit is a window of limit + 1 bytes without a line feed:
                // each window is searched from its end (a line's length back, mostly), and the next
                // starts after the last line feed in it.
                while b.count - start > limit {
                    var i = start + limit
                    while i >= start && b[i] != 10 { i -= 1 }
                    if i < start { return true }
                    start = i + 1
                }
                return false
            }
            var inQuotes = false
            for i in 0..<b.count {
                let c = b[i]
                if c == 34 { inQuotes.toggle() }
                else if c == 10 && !inQuotes {
                    if i - start > limit { return true }
                    start = i + 1
                }
            }
            return b.count - start > limit
        }
    }

    /// Lines as the record reader counts them: LF, CRLF, or a lone CR.
    static func lines(_ bytes: [UInt8]) -> Int {
        var n = 0
        // Without a CR, count the LFs eight bytes at a time.
        let fast: Int? = bytes.withUnsafeBytes { b in
            guard let base = b.baseAddress, b.count > 0 else { return 0 }
            guard memchr(base, 13, b.count) == nil else { return nil }
            var count = 0, i = 0
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, lf: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
            while i + 8 <= b.count {
                let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ lf
                // High bit set in each byte of x that is not zero; the zero bytes were line feeds.
                let nonZero = ((x & low7) &+ low7) | x
                count += (~nonZero & 0x8080_8080_8080_8080).nonzeroBitCount
                i += 8
            }
            while i < b.count { if b[i] == 10 { count += 1 }; i += 1 }
            return count
        }
        if let fast { return fast }
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count {
                if b[i] == 10 { n += 1 }
                else if b[i] == 13 && (i + 1 >= b.count || b[i + 1] != 10) { n += 1 }
            }
        }
        return n
    }
}
