import Foundation
import Testing

/// Pictures of the view: `render --format png|svg|pdf -o FILE`, and `e` in the viewer.
@Suite("Export", .timeLimit(.minutes(2)))
struct ExportE2ETests {
    /// Two stations' PM10 and a temperature, with positions: small, so the viewer starts at once.
    static func data(in dir: TemporaryDirectory) throws -> String {
        var csv = "time,station,phenomenon,value,unit,lat,lon\n"
        for h in 0..<72 {
            let t = "2026-11-0\(1 + h / 24)T\(String(format: "%02d", h % 24)):00:00Z"
            let c = sin(Double(h % 24) / 24 * 2 * .pi)
            csv += "\(t),Centrum,PM10,\(String(format: "%.1f", 30 + 15 * c)),µg/m³,52.0907,5.1214\n"
            csv += "\(t),Zuilen,PM10,\(String(format: "%.1f", 20 + 8 * c)),µg/m³,52.1100,5.1000\n"
            csv += "\(t),Centrum,temperature,\(String(format: "%.1f", 8 + 4 * c)),°C,52.0907,5.1214\n"
        }
        return try dir.write("air.csv", csv)
    }

    static func pngSize(_ d: Data) -> (Int, Int)? {
        guard d.count > 24, Array(d.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              String(decoding: d[12..<16], as: UTF8.self) == "IHDR" else { return nil }
        return (d[16..<20].reduce(0) { $0 << 8 | Int($1) }, d[20..<24].reduce(0) { $0 << 8 | Int($1) })
    }

    @Test("e in the viewer writes dataviewer-YYYYMMDD-HHMMSS.png in the working directory and says where")
    func exportKeyWritesAPNG() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let data = try Self.data(in: home)
        let tmux = try TmuxSession([data, "--library", "lib.sqlite"], width: 160, home: home)
        try await waitForViewer(tmux)
        try tmux.send("e")
        let screen = try await tmux.waitFor("exported the view to", timeout: .seconds(30))
        let files = try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0.hasPrefix("dataviewer-") && $0.hasSuffix(".png") }
        #expect(files.count == 1, "\(files)")
        let name = try #require(files.first)
        #expect(name.range(of: #"^dataviewer-\d{8}-\d{6}\.png$"#, options: .regularExpression) != nil, "\(name)")
        #expect(screen.lines.last?.contains(home.url.resolvingSymlinksInPath().path + "/" + name) == true
                    || screen.lines.last?.contains(name) == true, "status line names the file:\(screen.dump)")
        let png = try Data(contentsOf: home.url.appendingPathComponent(name))
        let size = try #require(Self.pngSize(png), "a PNG")
        #expect(size == (1600, 900))
        #expect(png.count > 20_000, "a real chart, not an empty picture: \(png.count) bytes")
        // The viewer goes on working after the export.
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test("render --format png|svg|pdf -o FILE writes a picture of that kind", arguments: ["png", "svg", "pdf"])
    func renderFormats(_ format: String) async throws {
        let dir = try TemporaryDirectory()
        let data = try Self.data(in: dir)
        let out = dir.url.appendingPathComponent("view.\(format)").path
        let r = try await Dataviewer.run(["render", data, "--library", dir.url.appendingPathComponent("lib.sqlite").path,
                                          "--format", format, "-o", out, "--size", "1200x800"])
        #expect(r.status == 0, "stderr: \(r.stderrText)")
        #expect(r.stdout.isEmpty)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        switch format {
        case "png": #expect(Self.pngSize(bytes).map { $0 == (1200, 800) } == true)
        case "svg":
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("<svg") && text.contains("width=\"1200\""))
            #expect(text.contains(">Centrum · temperature (°C)<") || text.contains(">Centrum · PM10 (µg/m³)<"), "legend text")
        default:
            #expect(String(decoding: bytes.prefix(5), as: UTF8.self) == "%PDF-")
            let pages = String(decoding: bytes, as: Unicode.ASCII.self).components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }
            #expect(pages.count == 1)
        }
    }

    @Test("the format comes from the file name; --theme and --session are honoured")
    func formatFromNameSessionAndTheme() async throws {
        let dir = try TemporaryDirectory()
        let data = try Self.data(in: dir)
        let lib = dir.url.appendingPathComponent("lib.sqlite").path
        let settings = try dir.write("s.json", #"{"version": 1, "series": {"selected": ["Centrum · temperature", "Zuilen · PM10"], "filter": {"text": "", "window": {"all": {}}}}}"#)
        let imp = try await Dataviewer.run(["sessions", "import", settings, "--name", "two units", "--library", lib])
        #expect(imp.status == 0, "\(imp.stderrText)")
        let out = dir.url.appendingPathComponent("s.svg").path
        let r = try await Dataviewer.run(["render", data, "--library", lib, "--session", "two units", "--theme", "light", "-o", out])
        #expect(r.status == 0, "\(r.stderrText)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains(">Centrum · temperature (°C)<") && svg.contains(">Zuilen · PM10 (µg/m³)<"), "both series in the legend")
        #expect(svg.contains(">°C<") && svg.contains(">µg/m³<"), "a unit on each axis")
        #expect(svg.contains(">session: two units"), "the session in the title")
        #expect(!svg.contains("fill=\"#1c1c1e\""), "light theme, not the dark background")
    }

    @Test("bad render input: one sentence, non-zero exit, no file", arguments: [
        (["--format", "gif", "-o", "OUT/x.gif"], "--format must be text, png, svg or pdf"),
        (["-o", "/nonexistent-folder/x.png"], "the folder /nonexistent-folder does not exist"),
        (["-o", "OUT"], "it is a folder"),
        (["--format", "png"], "needs a file"),
        (["-o", "OUT/x.png", "--size", "10x10"], "--size must look like 1600x900"),
        (["-o", "OUT/x.png", "--size", "99999x900"], "--size must look like 1600x900"),
        (["--size", "wide"], "--size must look like 120x40"),
        (["-o", "OUT/x.png", "--theme", "no-such-theme"], "no such theme"),
    ])
    func badInput(_ args: [String], _ expected: String) async throws {
        let dir = try TemporaryDirectory()
        let data = try Self.data(in: dir)
        let a = args.map { $0.replacingOccurrences(of: "OUT", with: dir.path) }
        let r = try await Dataviewer.run(["render", data, "--library", dir.url.appendingPathComponent("lib.sqlite").path] + a)
        let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(r.status != 0 && !r.signaled, "status \(r.status): \(err)")
        #expect(err.contains(expected), "\(err)")
        #expect(err.split(separator: "\n").count == 1, "one sentence: \(err)")
        #expect(!err.contains("Fatal error"))
        #expect(r.stdout.isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !["air.csv", "lib.sqlite"].contains($0) && !$0.hasPrefix("lib.sqlite") }
        #expect(left.isEmpty, "no picture written: \(left)")
    }
}
