import DataCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Themes
import ViewCore
@testable import ChartExport

@Suite struct ChartExportTests {
    let store = exportStore()
    let dark = bundledTheme("dark")

    func render(_ s: AppState, _ f: ChartFormat, _ w: Int = 1600, _ h: Int = 900, theme: Theme? = nil) throws -> Data {
        try ChartExport.render(s, store, theme: theme ?? dark, format: f, width: w, height: h)
    }

    @Test(arguments: [(1600, 900), (800, 600), (320, 200)])
    func pngHasTheSizeAskedForAndAValidHeader(size: (Int, Int)) throws {
        let png = try render(exportState(store), .png, size.0, size.1)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(w == size.0 && h == size.1)
        let img = try #require(DecodedPNG(png))
        #expect(img.width == size.0 && img.height == size.1)
    }

    @Test func thePlotAreaIsDrawnInTheSeriesColour() throws {
        let img = try #require(DecodedPNG(try render(exportState(store), .png)))
        let plot = paneRect(.plot, width: 1600, height: 900)
        #expect(img.distinctColours(in: plot) > 20, "the plot is not blank")
        #expect(img.count(near: rgb(dark, .series(0)), in: plot) > 800, "the series line is drawn")
        // Nothing was plotted in the second series' colour.
        #expect(img.count(near: rgb(dark, .series(1)), in: plot, tolerance: 20) < 50)
    }

    @Test func exceedingPointsTakeTheThresholdsColour() throws {
        var s = exportState(store)
        let plot = paneRect(.plot, width: 1600, height: 900)
        let before = try #require(DecodedPNG(try render(s, .png)))
        s.settings.thresholds = [Threshold(id: 1, scope: .phenomenon("PM10"), value: 40, label: "limit", color: "magenta")]
        let after = try #require(DecodedPNG(try render(s, .png)))
        let magenta = (255, 0, 255)
        #expect(before.count(near: magenta, in: plot) < 20)
        #expect(after.count(near: magenta, in: plot) > 300, "threshold line and exceeding points in magenta")
    }

    @Test func aLightThemeGivesALightPicture() throws {
        let light = try #require(DecodedPNG(try render(exportState(store), .png, theme: bundledTheme("light"))))
        let (r, g, b) = light.rgb(5, 450)
        #expect(r + g + b > 600, "light background, got \(r),\(g),\(b)")
        let darkImg = try #require(DecodedPNG(try render(exportState(store), .png)))
        let (dr, dg, db) = darkImg.rgb(5, 450)
        #expect(dr + dg + db < 150, "dark background, got \(dr),\(dg),\(db)")
    }

    @Test func theHeatMapColoursTheMap() throws {
        var s = exportState(store)
        let map = paneRect(.map, width: 1600, height: 900)
        let viridisTop = (0xfd, 0xe7, 0x25), viridisBottom = (0x44, 0x01, 0x54)
        let off = try #require(DecodedPNG(try render(s, .png)))
        s.settings.map.heatmap.enabled = true
        let on = try #require(DecodedPNG(try render(s, .png)))
        #expect(off.count(near: viridisBottom, in: map, tolerance: 30) < 30)
        #expect(on.count(near: viridisTop, in: map, tolerance: 60) + on.count(near: viridisBottom, in: map, tolerance: 60) > 100)
    }

    /// Text in the SVG, read back by Foundation's XML parser.
    final class SVGText: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var root: String?
        var attributes: [String: String] = [:]
        private var inText = false
        func parser(_ p: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String]) {
            if root == nil { root = name; attributes = a }
            if name == "text" { inText = true; texts.append("") }
        }
        func parser(_ p: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { inText = false }
        }
        func parser(_ p: XMLParser, foundCharacters s: String) {
            if inText { texts[texts.count - 1] += s }
        }
    }

    func parsedSVG(_ s: AppState) throws -> SVGText {
        let data = try render(s, .svg)
        let parser = XMLParser(data: data)
        let reader = SVGText()
        parser.delegate = reader
        #expect(parser.parse(), "SVG is well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        return reader
    }

    @Test func svgIsXMLWithSeriesNamesAndAxisUnitsAsText() throws {
        let s = exportState(store, selected: ["Centrum · PM10", "Centrum · temperature"])
        let svg = try parsedSVG(s)
        #expect(svg.root == "svg")
        #expect(svg.attributes["width"] == "1600" && svg.attributes["height"] == "900")
        #expect(svg.texts.contains("µg/m³"), "left axis unit")
        #expect(svg.texts.contains("°C"), "right axis unit")
        #expect(svg.texts.contains("Centrum · PM10 (µg/m³)"), "legend")
        #expect(svg.texts.contains("Centrum · temperature (°C)"))
        #expect(svg.texts.contains { $0.hasPrefix("Plot · line") })
        #expect(svg.texts.contains { $0.hasPrefix("dataviewer · fixture.csv") })
    }

    @Test func hostileNamesAreEscapedInTheSVG() throws {
        var csv = "time,series,value,unit\n"
        for h in 0..<10 { csv += "2026-11-01T0\(h):00:00Z,\"<b>&\u{1B}[31m\",\(h),\"a\"\"b\"\n" }
        var hostile = try CSVLoader.parse(Array(csv.utf8), fileName: "h.csv")
        hostile.finish()
        let s = exportState(hostile, selected: hostile.series.map(\.id))
        let data = try ChartExport.render(s, hostile, theme: dark, format: .svg, width: 800, height: 600)
        let parser = XMLParser(data: data)
        let reader = SVGText()
        parser.delegate = reader
        #expect(parser.parse())
        #expect(!String(decoding: data, as: UTF8.self).contains("\u{1B}"))
        #expect(reader.texts.contains { $0.contains("<b>&") })
    }

    @Test func pdfHasOnePageOfThePicturesSize() throws {
        let pdf = try render(exportState(store, selected: ["Centrum · PM10", "Zuilen · PM10"]), .pdf)
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        let text = String(decoding: pdf, as: Unicode.ASCII.self)
        let pages = text.components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }.count
        #expect(pages == 1)
        let pdfinfo = ["/usr/bin/pdfinfo", "/usr/local/bin/pdfinfo"].first { FileManager.default.isExecutableFile(atPath: $0) }
        if let pdfinfo {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("dv-\(UUID().uuidString).pdf")
            try pdf.write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: pdfinfo)
            p.arguments = [url.path]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let info = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(info.range(of: #"Pages:\s+1\n"#, options: .regularExpression) != nil, "\(info)")
            #expect(info.contains("1200 x 675 pts"), "\(info)")
        }
    }

    @Test(arguments: [(100, 900), (1600, 50), (9000, 900)])
    func aSizeOutOfRangeIsOneSentence(size: (Int, Int)) {
        #expect(throws: ExportError.self) { try render(exportState(store), .png, size.0, size.1) }
        do { _ = try render(exportState(store), .svg, size.0, size.1) } catch let error as ExportError {
            #expect(error.description.contains("\(size.0)x\(size.1)"))
            #expect(!error.description.contains("\n"))
        } catch { Issue.record("\(error)") }
    }

    @Test func anUnwritablePathNamesTheFolder() {
        do {
            try ChartExport.write(exportState(store), store, theme: dark, format: .png, width: 800, height: 600, to: "/nonexistent-folder/x.png")
            Issue.record("wrote into a folder that does not exist")
        } catch {
            #expect(error.description == "cannot write /nonexistent-folder/x.png: the folder /nonexistent-folder does not exist")
        }
    }

    @Test func stackedAxesForThreeUnitsLabelEachSubPlot() throws {
        var csv = "time,station,phenomenon,value,unit\n"
        for h in 0..<24 {
            let t = "2026-11-01T\(h < 10 ? "0" : "")\(h):00:00Z"
            csv += "\(t),A,PM10,\(20 + h),µg/m³\n\(t),A,temperature,\(5 + h % 4),°C\n\(t),A,humidity,\(60 + h),%\n"
        }
        var three = try CSVLoader.parse(Array(csv.utf8), fileName: "three.csv")
        three.finish()
        let s = exportState(three, selected: three.series.map(\.id))
        let data = try ChartExport.render(s, three, theme: dark, format: .svg, width: 1600, height: 900)
        let parser = XMLParser(data: data)
        let reader = SVGText()
        parser.delegate = reader
        #expect(parser.parse())
        for u in ["µg/m³", "°C", "%"] { #expect(reader.texts.contains(u), "unit \(u)") }
    }

    @Test func aMillionPointsStayASmallPicture() throws {
        var big = MeasurementStore(sourceName: "big")
        let k = big.seriesIndex(for: SeriesInfo(id: "big", name: "big", phenomenon: "x", station: nil, unit: "u"))
        for i in 0..<1_000_000 {
            big.append(series: k, time: 1_793_491_200_000 + Int64(i) * 1000, value: sin(Double(i) / 5000) * 10 + Double(i % 7))
        }
        big.finish()
        let s = exportState(big, selected: ["big"])
        let svg = try ChartExport.render(s, big, theme: dark, format: .svg, width: 1600, height: 900)
        #expect(svg.count < 1_500_000, "an envelope per pixel column, not a million points: \(svg.count) bytes")
    }
}

/// The map layer's hook: whatever a backdrop draws lands in the map's area, under the data.
final class SquareBackdrop: MapBackdrop {
    var calls = 0
    var projected: (Double, Double)?
    func draw(on surface: Surface, area: PixelRect, viewport: MapViewport, project: (Double, Double) -> (Double, Double)) {
        calls += 1
        projected = project(viewport.centerLat, viewport.centerLon)
        surface.fill(PixelRect(x: area.x, y: area.y, width: area.width / 4, height: area.height / 4), RGBA(1, 0.5, 0))
    }
}

@Suite struct MapBackdropTests {
    @Test func aBackdropIsDrawnInTheMapAreaAndProjectsItsCentreToTheMiddle() throws {
        let store = exportStore()
        let backdrop = SquareBackdrop()
        let png = try ChartExport.render(exportState(store), store, theme: bundledTheme("dark"), format: .png, width: 1600, height: 900, backdrop: backdrop)
        #expect(backdrop.calls == 1)
        let map = paneRect(.map, width: 1600, height: 900)
        let (x, y) = try #require(backdrop.projected)
        #expect(abs(x - (map.x + map.width / 2)) < map.width * 0.1 && abs(y - (map.y + map.height / 2)) < map.height * 0.15, "centre at \(x),\(y) in \(map)")
        let img = try #require(DecodedPNG(png))
        #expect(img.count(near: (255, 128, 0), in: map, tolerance: 10) > 5000)
        #expect(img.count(near: (255, 128, 0), in: paneRect(.plot, width: 1600, height: 900), tolerance: 10) == 0)
    }
}
