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

    /// The entry after another is taken only for its own key: not for a key of the same length
    /// that differs in one byte, nor for a prefix, nor before it was ever followed.
    @Test func followingEntryIsTakenOnlyForItsOwnKey() {
        var table = ByteKeyTable()
        let keys = ["Station 1\u{1F}PM10", "Station 2\u{1F}PM10", "Station 3\u{1F}PM10", "Station 2\u{1F}PM1"].map { Array($0.utf8) }
        let e = keys.enumerated().map { i, k in k.withUnsafeBufferPointer { table.insert($0, hash: ByteKeyTable.hash($0), value: 10 + i) } }
        func after(_ a: Int, _ k: [UInt8]) -> Int? { k.withUnsafeBufferPointer { table.entry(after: a, ifKey: $0) } }
        #expect(after(e[0], keys[1]) == nil && after(-1, keys[1]) == nil)
        table.follow(e[0], with: e[1])
        #expect(after(e[0], keys[1]) == e[1] && table.value(at: e[1]) == 11)
        #expect(after(e[0], keys[2]) == nil, "same length, one byte apart")
        #expect(after(e[0], keys[3]) == nil, "a prefix")
        #expect(after(e[1], keys[2]) == nil, "never followed")
        table.follow(e[0], with: e[2])
        #expect(after(e[0], keys[2]) == e[2] && after(e[0], keys[1]) == nil)
    }

    /// Rows that list their series in one order, then another, then at random, with stations
    /// whose names are prefixes of others and some missing at some times: every value lands in
    /// its own series, in one part and across the parts parsed on every core.
    @Test func rowsFindTheirSeriesWhateverTheOrder() throws {
        var rng = SplitMix(state: 2_026_120_61)
        let stations = (0..<24).map { $0 == 23 ? "Station 1x" : "Station \($0)" }
        var text = "time,station,phenomenon,value\n", want: [String: Int] = [:]
        for t in 0..<2_400 {
            var order = Array(0..<(stations.count * 2))
            if t >= 800 { order = order.map { ($0 + 7) % order.count } }
            if t >= 1_600 { order.shuffle(using: &rng) }
            for k in order where rng.next() % 11 != 0 {
                let (s, p) = (k / 2, k % 2)
                text += "2026-01-01T00:00:00Z".replacingOccurrences(of: "00:00:00", with: String(format: "%02d:%02d:00", t / 60 % 24, t % 60))
                text += ",\(stations[s]),\(p == 0 ? "PM10" : "NO2"),\(s * 10 + p)\n"
                want["\(s) \(p)", default: 0] += 1
            }
        }
        let path = NSTemporaryDirectory() + "dv-series-order-\(getpid()).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(text.utf8.count > 3 << 20, "large enough for parts on every core")
        let store = try CSVLoader.load(paths: [path])
        #expect(store.series.count == want.count)
        for (i, info) in store.series.enumerated() {
            let s = try #require(stations.firstIndex(of: info.station ?? "")), p = info.phenomenon == "PM10" ? 0 : 1
            let values = Array(store.columns[i].values)
            #expect(values.count == want["\(s) \(p)"], "\(info.id)")
            #expect(values.allSatisfy { $0 == Double(s * 10 + p) }, "\(info.id)")
        }
    }

    /// A record longer than the limit is found, whole or cut off at the end, exactly where the
    /// gaps between line feeds (outside quotes) say so; with and without quotes in the bytes.
    @Test func recordLongerThanALimitIsFoundWhereverItLies() {
        var rng = SplitMix(state: 2_026_120_62)
        for round in 0..<3_000 {
            let limit = 1 + Int(rng.next() % 40)
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 12) {
                let n = Int(rng.next() % UInt64(limit + 3))
                bytes += [UInt8](repeating: 97, count: n)
                if rng.next() % 8 != 0 { bytes.append(10) }
            }
            if round % 5 == 0 && !bytes.isEmpty { bytes[Int(rng.next() % UInt64(bytes.count))] = 34 }
            // The plain reading: line feeds outside quotes, and the gaps between them.
            var longest = 0, run = 0, quoted = false
            for b in bytes {
                if b == 34 { quoted.toggle() }
                if b == 10 && !quoted { longest = max(longest, run); run = 0 } else { run += 1 }
            }
            longest = max(longest, run)
            let want = bytes.count > limit && longest > limit
            #expect(ParallelCSV.hasRecord(in: bytes, longerThan: limit) == want, "round \(round): limit \(limit), \(bytes)")
        }
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
