/// Finds the delimiter and the header line from the first bytes of a file: the header is the line
/// whose fields look like names and whose following lines are shaped like it. Lines above it
/// (a station line, `#` comments, a title) are preamble and are skipped.
struct HeaderSniffer {
    struct Found: Equatable {
        var delimiter: UInt8
        /// Byte offset where the header record starts.
        var headerStart: Int
        /// 1-based line of the header.
        var headerLine: Int
        /// The lines above the header that were skipped, shortened, for the report.
        var preamble: [String]
    }

    private struct Record {
        var line: Int
        var start: Int
        var fields: [String]
        var comment: Bool
    }

    static let candidates: [UInt8] = [44, 59, 9, 124]

    /// `skip` lines are skipped unconditionally first; `delimiter` forces one.
    static func find(_ buf: UnsafeBufferPointer<UInt8>, final: Bool, skip: Int?, delimiter forced: UInt8?) -> Found {
        var start = 0, line = 1
        if let skip {
            var n = 0
            while n < skip, start < buf.count {
                if buf[start] == 10 { n += 1; line += 1 }
                else if buf[start] == 13 && (start + 1 >= buf.count || buf[start + 1] != 10) { n += 1; line += 1 }
                start += 1
            }
        }
        let delimiters = forced.map { [$0] } ?? candidates
        var best: (score: Int, found: Found)? = nil
        for d in delimiters {
            let records = Self.records(buf, from: start, line: line, delimiter: d, final: final)
            guard let (h, score) = header(records, exact: skip != nil) else { continue }
            let r = records[h]
            let found = Found(delimiter: d, headerStart: r.start, headerLine: r.line,
                              preamble: records[..<h].map { TextSafety.printable(String($0.fields.joined(separator: String(UnicodeScalar(d))).prefix(60))) })
            if best == nil || score > best!.score { best = (score, found) }
        }
        if let best { return best.found }
        // Nothing looks like a header: the first line is taken, and its fields decide what fails.
        let d = forced ?? detectDelimiter(buf, start: start)
        let first = records(buf, from: start, line: line, delimiter: d, final: final).first
        return Found(delimiter: d, headerStart: first?.start ?? start, headerLine: first?.line ?? line, preamble: [])
    }

    private static func records(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, delimiter: UInt8, final: Bool) -> [Record] {
        var reader = CSVRecordReader(buf, delimiter: delimiter, start: start)
        reader.line = line
        reader.final = final
        var out: [Record] = []
        let fields = FieldList()
        while out.count < 60 {
            let at = Self.skipBlank(buf, reader.pos)
            guard let l = try? reader.next(fields) else { break }
            let texts = fields.map { reader.string($0) ?? "\u{FFFD}" }
            let comment = texts.first?.hasPrefix("#") == true
            out.append(Record(line: l, start: at, fields: texts, comment: comment))
        }
        return out
    }

    private static func skipBlank(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int) -> Int {
        var i = p
        while i < buf.count && (buf[i] == 10 || buf[i] == 13) { i += 1 }
        return i
    }

    /// A field that reads as a name: not empty, not a number, not a time.
    private static func nameLike(_ s: String) -> Bool {
        let t = s.trimmedWhitespace
        guard !t.isEmpty else { return false }
        if ByteParsers.lenientDouble(t) != nil || ByteParsers.parseDouble(t) != nil { return false }
        if ByteParsers.parseTime(t) != nil { return false }
        return t.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// The index of the header record and how sure that is, or nil when none fits.
    private static func header(_ records: [Record], exact: Bool) -> (Int, Int)? {
        for h in records.indices {
            let r = records[h]
            if r.comment { continue }
            let n = r.fields.count
            let names = r.fields.filter(nameLike).count
            let nonEmpty = r.fields.filter { !$0.trimmedWhitespace.isEmpty }.count
            let body = records[(h + 1)...].filter { !$0.comment }.prefix(20)
            if exact { return n >= 1 ? (h, n * 10) : nil }
            guard n >= 2, names * 2 >= nonEmpty, names >= 1 else { continue }
            if body.isEmpty { return (h, n) }
            // A row matches when it has the header's fields, or more that are all empty (logger
            // padding); a few rows may be cut short. Most rows must match.
            func empty(_ f: ArraySlice<String>) -> Bool { f.allSatisfy { $0.trimmedWhitespace.isEmpty } }
            let strong = body.filter { $0.fields.count == n || ($0.fields.count > n && empty($0.fields[n...])) }.count
            let short = body.filter { $0.fields.count < n && $0.fields.count >= max(2, n - 2) }.count
            let exactFits = body.filter { $0.fields.count == n }.count
            guard strong * 2 >= body.count, (strong + short) * 10 >= body.count * 8 else { continue }
            return (h, n * 100 + exactFits)
        }
        return nil
    }
}
