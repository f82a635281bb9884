import CZlib
import Foundation

/// Why a map layer file could not be used, as one sentence for the status line.
public struct MapLayerError: Error, Equatable, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads the bundled map layer (made by scripts/make-map-layer): a checked header, then per level
/// delta-encoded polylines, then the place names. Every read is bounds-checked, so a damaged file
/// is an error and never a crash.
public enum MapLayerFile {
    static let magic = Array("DVMAPLAYER".utf8)
    static let version: UInt8 = 1

    public static func read(path: String) throws(MapLayerError) -> MapLayer {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MapLayerError("the map layer file \(path) cannot be read")
        }
        do { return try decode([UInt8](data)) } catch {
            throw MapLayerError("the map layer file \(path) is damaged (\(error))")
        }
    }

    public static func decode(_ bytes: [UInt8]) throws(MapLayerError) -> MapLayer {
        let head = magic.count + 1 + 8
        guard bytes.count >= head, Array(bytes[0..<magic.count]) == magic else { throw MapLayerError("not a map layer file") }
        guard bytes[magic.count] == version else { throw MapLayerError("format version \(bytes[magic.count]), expected \(version)") }
        var r = ByteReader(bytes, at: magic.count + 1)
        let length = Int(try r.u32()), crc = try r.u32()
        guard bytes.count - head == length else { throw MapLayerError("\(bytes.count - head) bytes of data, the header says \(length)") }
        let actual = bytes.withUnsafeBufferPointer { p in
            UInt32(truncatingIfNeeded: crc32(0, p.baseAddress! + head, UInt32(length)))
        }
        guard actual == crc else { throw MapLayerError("checksum mismatch") }

        var levels: [MapLayer.Pieces] = []
        let levelCount = try r.count(limit: 16)
        for _ in 0..<levelCount {
            let minDpp = Double(try r.varint()) / 1e6
            let quantum = Double(try r.varint()) / 1e6
            guard quantum > 0 else { throw MapLayerError("a level with no quantum") }
            // Points go straight into the level's flat arrays: no array per line to copy from.
            var b = PiecesBuilder()
            let n = try r.count(limit: length)
            for _ in 0..<n {
                guard let kind = MapFeature(rawValue: try r.u8()) else { throw MapLayerError("unknown feature kind") }
                let points = try r.count(limit: length)
                var x = 0, y = 0
                for _ in 0..<points {
                    x += try r.zigzag()
                    y += try r.zigzag()
                    b.lon.append(Float(Double(x) * quantum))
                    b.lat.append(Float(Double(y) * quantum))
                }
                b.endLine(kind: kind, count: points)
            }
            levels.append(b.pieces(minDegreesPerPixel: minDpp))
        }
        var places: [MapPlace] = []
        let placeCount = try r.count(limit: length)
        places.reserveCapacity(placeCount)
        for _ in 0..<placeCount {
            let rank = Int(try r.u8())
            let lon = Double(try r.zigzag()) / 1e4, lat = Double(try r.zigzag()) / 1e4
            let name = try r.string(try r.count(limit: 200))
            places.append(MapPlace(name: name, lat: lat, lon: lon, rank: rank))
        }
        guard r.atEnd else { throw MapLayerError("data after the place names") }
        return MapLayer(pieces: levels, places: places)
    }
}

/// Little-endian reads that throw instead of reading past the end.
struct ByteReader {
    let bytes: [UInt8]
    var at: Int
    init(_ bytes: [UInt8], at: Int) {
        self.bytes = bytes
        self.at = at
    }

    var atEnd: Bool { at == bytes.count }

    mutating func u8() throws(MapLayerError) -> UInt8 {
        guard at < bytes.count else { throw MapLayerError("it ends early") }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func u32() throws(MapLayerError) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(try u8()) << (8 * k) }
        return v
    }

    mutating func varint() throws(MapLayerError) -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = try u8()
            guard shift < 63 else { throw MapLayerError("a number is too long") }
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return v }
            shift += 7
        }
    }

    mutating func zigzag() throws(MapLayerError) -> Int {
        let u = try varint()
        guard u < 1 << 40 else { throw MapLayerError("a coordinate is out of range") }
        return Int(u >> 1) ^ -Int(u & 1)
    }

    /// A count that cannot exceed what the file could hold (a damaged count must not allocate gigabytes).
    mutating func count(limit: Int) throws(MapLayerError) -> Int {
        let n = try varint()
        guard n <= UInt64(limit) else { throw MapLayerError("a count of \(n) is more than the file holds") }
        return Int(n)
    }

    mutating func string(_ n: Int) throws(MapLayerError) -> String {
        guard n <= bytes.count - at else { throw MapLayerError("it ends early") }
        defer { at += n }
        guard let s = String(bytes: bytes[at..<at + n], encoding: .utf8) else { throw MapLayerError("a place name is not UTF-8") }
        return s
    }
}
