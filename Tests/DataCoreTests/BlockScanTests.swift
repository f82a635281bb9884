import Foundation
import Testing
@testable import DataCore

/// The record reader cuts fields from 64-byte masks and finds series by their key bytes in a
/// table of its own: both must agree with reading byte by byte, wherever a field falls.
@Suite("Block masks and key table")
struct BlockScanTests {
    /// The masks of random blocks (every byte that matters, and bytes of 0x80 and above) equal a
    /// byte-by-byte look, from the SSE2 path and the portable one, and for a buffer's last bytes.
    @Test(arguments: [UInt8(44), 59, 9])
    func masksMarkEveryDelimiterLineEndAndQuote(delimiter: UInt8) {
        var rng = SplitMix(state: 61_206 + UInt64(delimiter))
        let alphabet: [UInt8] = [delimiter, 10, 13, 34, 32, 48, 97, 0x80, 0xAC, 0xFF, 0x7F, 0, 44, 59, 9]
        var wrong = 0
        for _ in 0..<3000 {
            let bytes = (0..<BlockMasks.width).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            var ends: UInt64 = 0, quotes: UInt64 = 0
            for (k, b) in bytes.enumerated() {
                if b == delimiter || b == 10 || b == 13 { ends |= 1 << UInt64(k) }
                if b == 34 { quotes |= 1 << UInt64(k) }
            }
            bytes.withUnsafeBytes { raw in
                let fast = BlockMasks(raw.baseAddress!, delimiter: delimiter)
                let portable = BlockMasks.portable(raw.baseAddress!, delimiter: delimiter)
                if fast.ends != ends || fast.quotes != quotes || portable.ends != ends || portable.quotes != quotes { wrong += 1 }
                // A buffer's last bytes: only they are marked, whatever lies past them.
                let count = Int(rng.next() % UInt64(BlockMasks.width))
                let tail = BlockMasks(tail: raw.baseAddress!, count: count, delimiter: delimiter)
                let real: UInt64 = (1 << UInt64(count)) - 1
                if tail.ends != ends & real || tail.quotes != quotes & real { wrong += 1 }
            }
        }
        #expect(wrong == 0)
    }

    /// A quoted field that starts at every offset around the first two 64-byte blocks (right
    /// after a block's last byte among them), after unquoted fields and before more of them.
    @Test func quotedFieldsAtEveryOffsetAcrossBlocks() throws {
        for lead in 0..<(3 * BlockMasks.width) {
            let a = String(repeating: "a", count: lead)
            let text = "\(a),\"x,\"\"y\"\"\nz\",w,\"\",v\n1,2,3,4,5\n"
            let records = try split(text)
            #expect(records == [[a, "x,\"y\"\nz", "w", "", "v"], ["1", "2", "3", "4", "5"]], "lead \(lead)")
        }
    }

    /// A quote inside an unquoted field is a letter, wherever the block starts.
    @Test func quotesInsideUnquotedFieldsAreLetters() throws {
        for lead in 0..<(2 * BlockMasks.width) {
            let a = String(repeating: "b", count: lead)
            let records = try split("\(a)x\"y,q\"r,s\n\(a)\r\nt,u\n")
            // An empty line is no record.
            let alone: [[String]] = lead == 0 ? [] : [[a]]
            #expect(records == [[a + "x\"y", "q\"r", "s"]] + alone + [["t", "u"]], "lead \(lead)")
        }
    }

    /// Keys of every length up to 40 bytes, many alike but for one byte or a prefix: each finds its
    /// own value, and a key never added finds none.
    @Test func keyTableFindsEachKeyAndNoOther() {
        var rng = SplitMix(state: 2_026_120_6)
        var table = ByteKeyTable()
        var keys: [[UInt8]: Int] = [:]
        let base = Array("Station 12\u{1F}PM2.5 µg/m³ and more text after".utf8)
        while keys.count < 3000 {
            var k = Array(base.prefix(Int(rng.next() % 41)))
            if !k.isEmpty && rng.next() % 2 == 0 { k[Int(rng.next() % UInt64(k.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            if rng.next() % 3 == 0 { k += Array(String(rng.next() % 1000).utf8) }
            guard keys[k] == nil else { continue }
            keys[k] = keys.count
            k.withUnsafeBufferPointer { table.insert($0, hash: ByteKeyTable.hash($0), value: keys.count - 1) }
        }
        #expect(table.count == keys.count)
        var wrong = 0
        for (k, v) in keys {
            k.withUnsafeBufferPointer { if table.find($0, hash: ByteKeyTable.hash($0)) != v { wrong += 1 } }
            let absent = k + [0x1E]
            if keys[absent] == nil {
                absent.withUnsafeBufferPointer { if table.find($0, hash: ByteKeyTable.hash($0)) != nil { wrong += 1 } }
            }
        }
        #expect(wrong == 0)
    }

    private func split(_ text: String) throws -> [[String]] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) throws in
            var reader = CSVRecordReader(buf, delimiter: 44)
            let fields = FieldList()
            var out: [[String]] = []
            while try reader.next(fields) != nil { out.append(fields.map { reader.string($0) ?? "<not UTF-8>" }) }
            return out
        }
    }
}
