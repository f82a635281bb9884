import CZlib
import Foundation
import Testing
@testable import DataCore

/// Writes the map layer format, the way scripts/make_map_layer.py does, for small test files.
struct MapLayerWriter {
    var payload: [UInt8] = []

    mutating func varint(_ n: UInt64) {
        var n = n
        repeat {
            let b = UInt8(n & 0x7F)
            n >>= 7
            payload.append(n == 0 ? b : b | 0x80)
        } while n != 0
    }

    mutating func zigzag(_ n: Int) { varint(n >= 0 ? UInt64(n) << 1 : (UInt64(-n) << 1) - 1) }

    var file: [UInt8] {
        var out = Array("DVMAPLAYER".utf8) + [1]
        let crc = payload.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        for v in [UInt32(payload.count), crc] { for k in 0..<4 { out.append(UInt8((v >> (8 * k)) & 0xFF)) } }
        return out + payload
    }

    /// One level with one coastline of three points (in 0.001° quanta) and two places.
    static var sample: MapLayerWriter {
        var w = MapLayerWriter()
        w.varint(1)  // levels
        w.varint(0)  // min degrees per pixel
        w.varint(1000)  // quantum: 0.001°
        w.varint(1)  // lines
        w.payload.append(0)  // coastline
        w.varint(3)
        for (dx, dy) in [(4_300, 52_080), (10, -20), (-5, 5)] { w.zigzag(dx); w.zigzag(dy) }
        w.varint(2)  // places
        for (rank, lon, lat, name) in [(1, 51_000, 470_000, "Zürich"), (0, 43_000, 520_800, "The Hague")] {
            w.payload.append(UInt8(rank))
            w.zigzag(lon)
            w.zigzag(lat)
            w.varint(UInt64(name.utf8.count))
            w.payload += Array(name.utf8)
        }
        return w
    }
}

@Suite struct MapLayerFileTests {
    @Test func readsLinesAndPlaces() throws {
        let layer = try MapLayerFile.decode(MapLayerWriter.sample.file)
        #expect(layer.levels.count == 1)
        let l = layer.levels[0]
        #expect(l.lon.map { Double($0) }.map { ($0 * 1000).rounded() } == [4_300, 4_310, 4_305])
        #expect(l.lat.map { Double($0) }.map { ($0 * 1000).rounded() } == [52_080, 52_060, 52_065])
        #expect(l.kind == [.coastline])
        #expect(l.start == [0] && l.end == [3])
        #expect(abs(Double(l.minLon[0]) - 4.300) < 1e-4 && abs(Double(l.maxLat[0]) - 52.080) < 1e-4)
        // Largest places first, whatever the file's order.
        #expect(layer.places.map(\.name) == ["The Hague", "Zürich"])
        #expect(layer.places[1].rank == 1 && abs(layer.places[1].lat - 47.0) < 1e-9 && abs(layer.places[1].lon - 5.1) < 1e-9)
    }

    /// The reader cuts lines into pieces as it decodes them; the result must be what cutting the
    /// decoded lines gives: two levels (in the file coarse last), a one-point line (dropped), lines
    /// of two points and of a hundred (four pieces).
    @Test func readingCutsAsCuttingTheLinesDoes() throws {
        var rng = SplitMix(state: 7)
        var w = MapLayerWriter()
        var want: [MapLayer.Level] = []
        w.varint(2)
        for (minDpp, lengths) in [(UInt64(0), [2, 1, 100, 33]), (80_000, [5, 64, 1])] {
            let quantum = 1000.0
            w.varint(minDpp)
            w.varint(UInt64(quantum))
            w.varint(UInt64(lengths.count))
            var lines: [MapLayer.Polyline] = []
            for (k, n) in lengths.enumerated() {
                let kind = MapFeature.allCases[k % MapFeature.allCases.count]
                w.payload.append(kind.rawValue)
                w.varint(UInt64(n))
                var x = 0, y = 0, lon: [Float] = [], lat: [Float] = []
                for _ in 0..<n {
                    let dx = Int.random(in: -900...900, using: &rng), dy = Int.random(in: -900...900, using: &rng)
                    w.zigzag(dx); w.zigzag(dy)
                    x += dx; y += dy
                    lon.append(Float(Double(x) * quantum / 1e6))
                    lat.append(Float(Double(y) * quantum / 1e6))
                }
                lines.append(MapLayer.Polyline(kind: kind, lon: lon, lat: lat))
            }
            want.append(MapLayer.Level(minDegreesPerPixel: Double(minDpp) / 1e6, lines: lines))
        }
        w.varint(0)  // places
        let got = try MapLayerFile.decode(w.file), cut = MapLayer(levels: want, places: [])
        #expect(got.levels.map(\.minDegreesPerPixel) == [0.08, 0])
        for (a, b) in zip(got.levels, cut.levels) {
            #expect(a.lon == b.lon && a.lat == b.lat && a.start == b.start && a.end == b.end && a.kind == b.kind)
            #expect(a.minLon == b.minLon && a.maxLon == b.maxLon && a.minLat == b.minLat && a.maxLat == b.maxLat)
        }
        #expect(got.levels[1].lon.count == 2 + 100 + 33 && got.levels[1].start.count == 1 + 4 + 1)
    }

    @Test func longLinesAreCutIntoJoinedPieces() {
        let n = 100
        let line = MapLayer.Polyline(kind: .countryBorder, lon: (0..<n).map { Float($0) }, lat: (0..<n).map { Float(-$0) })
        let p = MapLayer(levels: [.init(minDegreesPerPixel: 0, lines: [line])], places: []).levels[0]
        #expect(p.start.count == 4)  // 99 segments in pieces of at most 32
        for i in 1..<p.start.count { #expect(p.start[i] == p.end[i - 1] - 1) }  // each piece starts where the last ended
        #expect(p.end.last == Int32(n))
        #expect(p.minLon[1] == 32 && p.maxLon[1] == 64 && p.minLat[1] == -64 && p.maxLat[1] == -32)
    }

    @Test func picksTheLevelForTheZoom() {
        let line = MapLayer.Polyline(kind: .coastline, lon: [0, 1], lat: [0, 1])
        let layer = MapLayer(levels: [0.0, 0.08, 0.008].map { .init(minDegreesPerPixel: $0, lines: [line]) }, places: [])
        #expect(layer.level(degreesPerPixel: 1)?.minDegreesPerPixel == 0.08)
        #expect(layer.level(degreesPerPixel: 0.05)?.minDegreesPerPixel == 0.008)
        #expect(layer.level(degreesPerPixel: 0.0001)?.minDegreesPerPixel == 0)
    }

    @Test func everyTruncationIsAnErrorNotACrash() {
        let file = MapLayerWriter.sample.file
        for n in 0..<file.count {
            #expect(throws: MapLayerError.self) { try MapLayerFile.decode(Array(file.prefix(n))) }
        }
    }

    @Test func damagedBytesAreCaught() {
        let file = MapLayerWriter.sample.file
        for i in 0..<file.count {
            var bad = file
            bad[i] ^= 0x5A
            #expect(throws: MapLayerError.self) { try MapLayerFile.decode(bad) }
        }
    }

    @Test func saysWhatIsWrong() throws {
        var wrongVersion = MapLayerWriter.sample.file
        wrongVersion[10] = 9
        #expect(throws: MapLayerError("format version 9, expected 1")) { try MapLayerFile.decode(wrongVersion) }
        #expect(throws: MapLayerError("not a map layer file")) { try MapLayerFile.decode(Array("time,value\n1,2\n".utf8)) }
        // A count far beyond the file (with a valid checksum) must not allocate it.
        var w = MapLayerWriter()
        w.varint(1); w.varint(0); w.varint(1000); w.varint(1 << 40)
        #expect(throws: MapLayerError.self) { try MapLayerFile.decode(w.file) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("maplayer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("none.dvmap").path
        #expect(throws: MapLayerError("the map layer file \(missing) cannot be read")) { try MapLayerFile.read(path: missing) }
        let damaged = dir.appendingPathComponent("bad.dvmap")
        try Data(MapLayerWriter.sample.file.dropLast(3)).write(to: damaged)
        do {
            _ = try MapLayerFile.read(path: damaged.path)
            Issue.record("a damaged file was read")
        } catch {
            #expect(error.description.hasPrefix("the map layer file \(damaged.path) is damaged ("))
        }
    }

    @Test func theBundledFileIsWholeAndReal() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("map-data/natural-earth.dvmap").path
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        #expect(size <= 8 << 20)
        let layer = try MapLayerFile.read(path: path)
        #expect(layer.levels.map(\.minDegreesPerPixel) == [0.08, 0.008, 0])
        for level in layer.levels {
            #expect(Set(level.kind) == [.coastline, .countryBorder, .regionBorder, .lake, .river])
            #expect(level.lon.allSatisfy { (-180...180).contains($0) } && level.lat.allSatisfy { (-90...90).contains($0) })
        }
        let bern = try #require(layer.places.first { $0.name == "Bern" })
        #expect(abs(bern.lat - 46.95) < 0.1 && abs(bern.lon - 7.45) < 0.1 && bern.rank == 0)
        #expect(layer.places.count > 7000 && layer.places.filter { $0.rank == 0 }.count > 200)
    }

    /// The Rhine through Basel and the Nieuwe Maas through Rotterdam, where the country and the
    /// region levels are used (the world level has the largest rivers only: not the Rhine).
    @Test(arguments: [("Basel", 47.56, 7.59), ("Rotterdam", 51.92, 4.48)])
    func theBundledFileHasRiversWhereTheyAre(place: String, lat: Double, lon: Double) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("map-data/natural-earth.dvmap").path
        let layer = try MapLayerFile.read(path: path)
        #expect(layer.levels[0].kind.filter { $0 == .river }.count >= 10, "the world level's rivers")
        for level in layer.levels.dropFirst() {
            // The 50m rivers are drawn a few kilometres off; the 10m ones within a kilometre or two.
            let most = level.minDegreesPerPixel > 0 ? 0.05 : 0.015, d = nearestRiver(level, lat: lat, lon: lon)
            #expect(d < most, "no river within \(most)° of \(place) at level \(level.minDegreesPerPixel): \(d)°")
        }
    }

    /// Degrees (of latitude) from a position to the nearest river segment of a level.
    func nearestRiver(_ level: MapLayer.Pieces, lat: Double, lon: Double) -> Double {
        let k = cos(lat * .pi / 180)
        var best = Double.infinity
        for p in level.start.indices where level.kind[p] == .river {
            for i in Int(level.start[p])..<Int(level.end[p]) - 1 {
                let ax = (Double(level.lon[i]) - lon) * k, ay = Double(level.lat[i]) - lat
                let bx = (Double(level.lon[i + 1]) - lon) * k, by = Double(level.lat[i + 1]) - lat
                let dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy
                let t = len > 0 ? max(0, min(1, -(ax * dx + ay * dy) / len)) : 0
                best = min(best, hypot(ax + t * dx, ay + t * dy))
            }
        }
        return best
    }
}
