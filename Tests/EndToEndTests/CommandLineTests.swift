import Foundation
import Testing

@Suite("Command line", .timeLimit(.minutes(1)))
struct CommandLineTests {
    /// A bad input file, made inside `dir`.
    enum BadInput: String, CaseIterable, CustomTestStringConvertible {
        case missing, empty, binary, headerOnly

        var testDescription: String { rawValue }

        func path(in dir: TemporaryDirectory) throws -> String {
            switch self {
            case .missing: return "/nonexistent.csv"
            case .empty: return try dir.write("empty.csv", "")
            case .binary:
                var bytes = Data("time,series,value\n".utf8)
                bytes.append(contentsOf: (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ ($0 >> 3)) })
                return try dir.write("blob.csv", bytes)
            case .headerOnly: return try dir.write("header.csv", "time,station,phenomenon,value,unit,lat,lon\n")
            }
        }
    }

    @Test("bad input exits non-zero with one sentence on stderr", arguments: BadInput.allCases, [[String](), ["render"]])
    func badInput(_ input: BadInput, command: [String]) async throws {
        let dir = try TemporaryDirectory()
        let path = try input.path(in: dir)
        let r = try await Dataviewer.run(command + [path])
        let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(r.status != 0 && !r.signaled, "exit status \(r.status), stderr: \(err)")
        #expect(err.contains((path as NSString).lastPathComponent), "stderr should name the file: \(err)")
        #expect(err.split(separator: " ").count >= 3, "stderr should be a sentence: \(err)")
        #expect(!err.contains("Fatal error") && !err.contains("Stack dump"), "crashed: \(err)")
        #expect(err.split(separator: "\n").count <= 3, "a sentence, not a dump: \(err)")
        #expect(r.stdout.isEmpty, "nothing on stdout: \(r.stdoutText)")
    }

    /// One `library init` takes a file or a postgres URL; --group on a file, and a bad --keep-versions, are one sentence.
    @Test("library init: --group on a file and a bad --keep-versions on a team URL are refused with one sentence")
    func libraryInitOptionsBelongToTheirKind() async throws {
        let dir = try TemporaryDirectory()
        let file = dir.path + "/lib.sqlite"
        let g = try await Dataviewer.run(["library", "init", file, "--group", "team"])
        #expect(g.status == 1 && g.stderrText.contains("--group is for a team library"), "stderr: \(g.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: file), "nothing created on a refused init")
        let k = try await Dataviewer.run(["library", "init", "postgres://127.0.0.1:1/db", "--keep-versions", "0"])
        #expect(k.status == 1 && k.stderrText.contains("--keep-versions needs a whole number of at least 1"), "stderr: \(k.stderrText)")
        #expect(k.stderrText.split(separator: "\n").count == 1, "one sentence: \(k.stderrText)")
        let ok = try await Dataviewer.run(["library", "init", file, "--keep-versions", "5"])
        #expect(ok.status == 0 && ok.stdoutText.contains("keeps its last 5 versions"), "stdout: \(ok.stdoutText) stderr: \(ok.stderrText)")
    }

    @Test("render of a file with bad rows prints the view, reports the skipped rows, writes no escapes")
    func renderBadRows() async throws {
        let r = try await Dataviewer.run(["render", "--size", "80x24", Dataviewer.sampleData("bad-rows.csv")])
        #expect(r.status == 0, "stderr: \(r.stderrText)")
        #expect(r.stderrText.contains("skipped 3 rows"), "stderr: \(r.stderrText)")
        // Line 22 lacks its last two fields: read, and counted once as a short row.
        #expect(r.stderrText.contains("1 with fewer (read as missing), first on line 22"), "stderr: \(r.stderrText)")
        for line in [":7:", ":14:", ":31:"] {
            #expect(r.stderrText.contains("bad-rows.csv" + line), "stderr should name line \(line): \(r.stderrText)")
        }
        #expect(!r.stdout.contains(0x1B), "an ESC byte in stdout")
        let screen = Screen(r.stdoutText)
        #expect(screen.lines.count == 24, "\(screen.dump)")
        #expect(screen.lines.first?.contains("bad-rows.csv") == true, "\(screen.dump)")
        #expect(screen.seriesRows.contains { $0.name.hasPrefix("Centrum · PM10") }, "\(screen.dump)")
    }

    @Test("render --size WxH prints exactly H lines, none wider than W", arguments: [(80, 24), (120, 40)])
    func renderSize(width: Int, height: Int) async throws {
        let r = try await Dataviewer.run(["render", "--size", "\(width)x\(height)"])
        #expect(r.status == 0, "stderr: \(r.stderrText)")
        #expect(!r.stdout.contains(0x1B), "an ESC byte in stdout")
        let text = r.stdoutText
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == height, "\(Screen(text).dump)")
        for (k, line) in lines.enumerated() {
            #expect(Columns.width(line) <= width, "line \(k + 1) is \(Columns.width(line)) columns wide: \(line)")
        }
        let screen = Screen(text)
        #expect(screen.lines.first?.contains("☰ dataviewer") == true, "\(screen.dump)")
        #expect(screen.lines.first?.contains("city-air.csv.gz") == true, "\(screen.dump)")
        #expect(screen.hasBraille, "\(screen.dump)")
        #expect(screen.lines.last?.contains("q quit") == true, "\(screen.dump)")
    }

    @Test("render --ascii uses only ASCII stand-ins for the symbols")
    func renderASCII() async throws {
        let r = try await Dataviewer.run(["render", "--ascii", "--size", "80x24"])
        #expect(r.status == 0, "stderr: \(r.stderrText)")
        let screen = Screen(r.stdoutText)
        #expect(screen.lines.first?.hasPrefix(" = dataviewer") == true, "\(screen.dump)")
        #expect(!screen.hasBraille && !screen.contains("☰"), "\(screen.dump)")
    }
}
