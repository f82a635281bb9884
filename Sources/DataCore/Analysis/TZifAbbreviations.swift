import Foundation

/// The abbreviations tzdata gives a zone (`CET`/`CEST`, `EST`/`EDT`), read from its TZif file.
/// Foundation on Linux names most zones by offset (`GMT+1`); people read `CET`.
struct TZifAbbreviations {
    private struct Key: Hashable { var offset: Int32; var dst: Bool }
    private var byType: [Key: String] = [:]
    private var byOffset: [Int32: String] = [:]

    /// The zone's name for this offset and DST flag, the one used most recently when there were several.
    func name(offsetSeconds: Int, dst: Bool) -> String? {
        byType[Key(offset: Int32(offsetSeconds), dst: dst)] ?? byOffset[Int32(offsetSeconds)]
    }

    static var directory: String {
        ProcessInfo.processInfo.environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo"
    }

    static func read(_ identifier: String, directory: String = directory) -> TZifAbbreviations? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + identifier) else { return nil }
        return parse([UInt8](data))
    }

    /// RFC 8536: a version-1 block with 32-bit times, then (version 2 and later) the same with 64-bit times.
    static func parse(_ b: [UInt8]) -> TZifAbbreviations? {
        func u32(_ i: Int) -> Int? {
            guard i >= 0, i + 4 <= b.count else { return nil }
            return Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
        }
        func block(at h: Int, timeSize: Int) -> (types: [(Key, Int)], transitions: [Int], chars: Int, charCount: Int, end: Int)? {
            guard b.count >= h + 44, b[h..<h + 4].elementsEqual("TZif".utf8),
                  let isut = u32(h + 20), let isstd = u32(h + 24), let leap = u32(h + 28),
                  let timecnt = u32(h + 32), let typecnt = u32(h + 36), let charcnt = u32(h + 40) else { return nil }
            let times = h + 44, idx = times + timecnt * timeSize, types = idx + timecnt, chars = types + typecnt * 6
            let end = chars + charcnt + leap * (timeSize + 4) + isstd + isut
            guard end <= b.count, typecnt > 0 else { return nil }
            var ttinfo: [(Key, Int)] = []
            for t in 0..<typecnt {
                let o = types + t * 6
                let off = Int32(truncatingIfNeeded: u32(o)!)
                ttinfo.append((Key(offset: off, dst: b[o + 4] != 0), Int(b[o + 5])))
            }
            return (ttinfo, (0..<timecnt).map { Int(b[idx + $0]) }, chars, charcnt, end)
        }
        guard var blk = block(at: 0, timeSize: 4) else { return nil }
        if b[4] >= UInt8(ascii: "2"), let v2 = block(at: blk.end, timeSize: 8) { blk = v2 }
        var out = TZifAbbreviations()
        func name(_ type: Int) -> String? {
            guard blk.types.indices.contains(type) else { return nil }
            let start = blk.chars + blk.types[type].1
            guard start < blk.chars + blk.charCount else { return nil }
            var end = start
            while end < blk.chars + blk.charCount, b[end] != 0 { end += 1 }
            let s = String(decoding: b[start..<end], as: UTF8.self)
            return s.isEmpty ? nil : s
        }
        // Every type, then again in transition order, so the most recent use of an offset wins.
        for type in Array(blk.types.indices) + blk.transitions {
            guard let n = name(type) else { continue }
            out.byType[blk.types[type].0] = n
            out.byOffset[blk.types[type].0.offset] = n
        }
        return out
    }
}
