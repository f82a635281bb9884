/// One field of a record: a byte range of the buffer. `escaped` marks doubled quotes inside.
struct FieldSpan {
    var start: Int
    var end: Int
    var escaped: Bool
}

/// The fields of one record, reused from record to record. A class, so that the reader appends
/// through one pointer without a copy-on-write check per field.
final class FieldList: RandomAccessCollection {
    private var base: UnsafeMutablePointer<FieldSpan>
    private var capacity: Int
    private(set) var endIndex = 0
    var startIndex: Int { 0 }

    init(capacity: Int = 16) {
        self.capacity = Swift.max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    subscript(i: Int) -> FieldSpan {
        precondition(i >= 0 && i < endIndex, "field index out of range")
        return base[i]
    }

    @inline(__always) func append(_ f: FieldSpan) {
        if endIndex == capacity { grow() }
        (base + endIndex).initialize(to: f)
        endIndex += 1
    }

    func removeAll() { endIndex = 0 }

    func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= endIndex, "cannot remove more fields than there are")
        endIndex -= k
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: endIndex)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}

/// Splits CSV bytes into records of fields (RFC 4180 quoting, CRLF or LF or CR), without copying.
struct CSVRecordReader {
    static let maxRecordBytes = 1 << 20

    let buf: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    var pos: Int
    /// Line number (1-based) where the next record starts.
    var line = 1
    /// False while more bytes may follow (streaming): a record cut by the buffer's end is not
    /// returned; `next` stops before it, so the caller keeps those bytes for the next chunk.
    var final = true

    enum Failure: Error { case recordTooLong(line: Int) }

    init(_ buf: UnsafeBufferPointer<UInt8>, delimiter: UInt8, start: Int = 0) {
        self.buf = buf
        self.delimiter = delimiter
        self.pos = start
    }

    /// Fills `fields` with the next record and returns its first line, or nil at the end.
    /// Blank lines are skipped.
    mutating func next(_ fields: FieldList) throws(Failure) -> Int? {
        let n = buf.count
        // Skip blank lines.
        while pos < n && (buf[pos] == 10 || buf[pos] == 13) {
            if !final && buf[pos] == 13 && pos + 1 >= n { return nil }  // CR LF split across chunks
            if buf[pos] == 10 || (buf[pos] == 13 && (pos + 1 >= n || buf[pos + 1] != 10)) { line += 1 }
            pos += 1
        }
        guard pos < n else { return nil }
        fields.removeAll()
        let startLine = line
        let recordStart = pos
        while true {
            if pos < n && buf[pos] == 34 {  // quoted field
                pos += 1
                let s = pos
                var escaped = false
                while pos < n {
                    let b = buf[pos]
                    if b == 34 {
                        if pos + 1 < n && buf[pos + 1] == 34 { escaped = true; pos += 2; continue }
                        break
                    }
                    if b == 10 { line += 1 }
                    pos += 1
                    if pos - recordStart > Self.maxRecordBytes { throw .recordTooLong(line: startLine) }
                }
                if pos >= n && !final { return cut(recordStart, startLine) }
                fields.append(FieldSpan(start: s, end: min(pos, n), escaped: escaped))
                if pos < n { pos += 1 }  // closing quote
                // Tolerate stray bytes between the closing quote and the delimiter.
                while pos < n && buf[pos] != delimiter && buf[pos] != 10 && buf[pos] != 13 { pos += 1 }
            } else {
                var s = pos
                // Sixty-four bytes at a time, every delimiter, LF and CR of a block in one go: the
                // fields of a record's unquoted run are appended here, until a line end or a quoted
                // field next. A quote in the block only costs a look at each field's first byte.
                var stopped = false
                if let base = buf.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    wide: while pos < n {
                        let block = n - pos >= BlockMasks.width
                            ? BlockMasks(raw + pos, delimiter: delimiter) : BlockMasks(tail: raw + pos, count: n - pos, delimiter: delimiter)
                        var m = block.ends
                        while m != 0 {
                            let p = pos &+ m.trailingZeroBitCount
                            m &= m &- 1
                            fields.append(FieldSpan(start: s, end: p, escaped: false))
                            s = p &+ 1
                            // A quote opens the next field: seen in the mask, or past the block's last byte.
                            let quoteNext = (block.quotes != 0 || p &- pos == BlockMasks.width - 1) && s < n && buf[s] == 34
                            if buf[p] != delimiter || quoteNext { pos = p; stopped = true; break wide }
                        }
                        pos = Swift.min(pos + BlockMasks.width, n)
                        if pos - recordStart > Self.maxRecordBytes { throw .recordTooLong(line: startLine) }
                    }
                }
                // The buffer ended inside the run: its last field runs to the end.
                if !stopped { fields.append(FieldSpan(start: s, end: n, escaped: false)) }
                if pos - recordStart > Self.maxRecordBytes { throw .recordTooLong(line: startLine) }
            }
            if pos >= n { return final ? startLine : cut(recordStart, startLine) }
            let b = buf[pos]
            if b == delimiter { pos += 1; continue }
            if !final && b == 13 && pos + 1 >= n { return cut(recordStart, startLine) }
            // End of record.
            if b == 13 && pos + 1 < n && buf[pos + 1] == 10 { pos += 2 } else { pos += 1 }
            line += 1
            return startLine
        }
    }

    /// Rewinds to the start of a record the buffer cut short.
    private mutating func cut(_ recordStart: Int, _ startLine: Int) -> Int? {
        pos = recordStart
        line = startLine
        return nil
    }

    /// The field's text, with doubled quotes undone. Invalid UTF-8 gives nil.
    func string(_ f: FieldSpan) -> String? {
        var s = f.start, e = f.end
        ByteParsers.trim(buf, &s, &e)
        let slice = UnsafeBufferPointer(rebasing: buf[s..<e])
        guard var text = String(validating: slice, as: UTF8.self) else { return nil }
        if f.escaped { text = text.replacingOccurrences(of: "\"\"", with: "\"") }
        return text
    }

    /// For error messages: the field's text, shortened and made printable.
    func excerpt(_ f: FieldSpan) -> String {
        let e = min(f.end, f.start + 40)
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[f.start..<e]), as: UTF8.self)
        return TextSafety.printable(text) + (f.end > e ? "…" : "")
    }
}

/// Picks the delimiter from the header line: the most frequent of `,` `;` tab outside quotes.
func detectDelimiter(_ buf: UnsafeBufferPointer<UInt8>, start: Int) -> UInt8 {
    var counts: [UInt8: Int] = [44: 0, 59: 0, 9: 0]
    var inQuotes = false
    var i = start
    while i < buf.count && (buf[i] == 10 || buf[i] == 13) { i += 1 }  // blank lines before the header
    while i < buf.count {
        let b = buf[i]
        if b == 34 { inQuotes.toggle() }
        else if !inQuotes && (b == 10 || b == 13) { break }
        else if !inQuotes && counts[b] != nil { counts[b]! += 1 }
        i += 1
    }
    let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }!
    return best.value == 0 ? 44 : best.key
}
