import Foundation
import Testing
@testable import DataCore

/// The record reader finds every delimiter and line end of an eight-byte word at once: fields of
/// any length, at any offset from a word, next to quoted fields and at the buffer's end, must split
/// exactly as written.
@Suite("CSV record reader")
struct CSVRecordReaderTests {
    /// Random records built from known fields: unquoted ones (empty, short, longer than a word) and
    /// quoted ones holding delimiters, doubled quotes and line ends; LF or CRLF; blank lines between.
    @Test(arguments: [UInt8(44), 59, 9])
    func randomRecordsSplitAsWritten(delimiter: UInt8) throws {
        var rng = SplitMix(state: 4_202_612 + UInt64(delimiter))
        let d = String(UnicodeScalar(delimiter))
        var text = "", expected: [[String]] = [], quotedFields = 0
        for _ in 0..<4000 {
            let count = 1 + Int(rng.next() % 9)
            var fields: [String] = []
            var cells: [String] = []
            for _ in 0..<count {
                let length = Int(rng.next() % 20)
                if rng.next() % 5 == 0 {
                    let alphabet = ["a", "1", d, "\"", "\n", " ", "."]
                    let inner = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
                    fields.append(inner)
                    cells.append("\"" + inner.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                    quotedFields += 1
                } else {
                    let alphabet = ["a", "b", "7", ".", "-", " ", "x"]
                    let cell = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
                    fields.append(cell)
                    cells.append(cell)
                }
            }
            // A record of one empty field is a blank line, which the reader skips.
            if fields == [""] { continue }
            expected.append(fields)
            text += cells.joined(separator: d) + (rng.next() % 3 == 0 ? "\r\n" : "\n")
            if rng.next() % 50 == 0 { text += "\n" }
        }
        #expect(quotedFields > 1000)
        let bytes = Array(text.utf8)
        var got: [[String]] = []
        var lines: [Int] = []
        try bytes.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) throws in
            var reader = CSVRecordReader(buf, delimiter: delimiter)
            let fields = FieldList(capacity: 2)  // grows as records need
            while let line = try reader.next(fields) {
                got.append(fields.map { reader.string($0) ?? "<not UTF-8>" })
                lines.append(line)
            }
        }
        // `string` trims spaces around a field, as the loader reads cells.
        let trimmed = expected.map { $0.map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(got.count == trimmed.count)
        let firstDifference = got.indices.first { $0 >= trimmed.count || got[$0] != trimmed[$0] }
        #expect(firstDifference == nil, "record \(firstDifference ?? -1): \(firstDifference.map { got[$0] } ?? []) ≠ \(firstDifference.map { trimmed[$0] } ?? [])")
        #expect(lines == lines.sorted() && Set(lines).count == lines.count)
    }

    /// A record cut by a chunk's end is not returned until the rest arrives.
    @Test func aRecordCutByTheBufferEndWaitsForTheRest() throws {
        let bytes = Array("abcdefgh,ijklmnop,qr\nstuvwxyz,0123456".utf8)
        try bytes.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) throws in
            var reader = CSVRecordReader(buf, delimiter: 44)
            reader.final = false
            let fields = FieldList()
            #expect(try reader.next(fields) == 1)
            #expect(fields.map { reader.string($0) } == ["abcdefgh", "ijklmnop", "qr"])
            #expect(try reader.next(fields) == nil)
            #expect(reader.pos == 21)
        }
    }
}
