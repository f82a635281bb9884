import Foundation
import Testing

/// Big data never freezes the screen: it is read behind a progress bar while the keys keep working.
@Suite("Never block: background reads (E2E)", .timeLimit(.minutes(3)))
struct BackgroundLoadE2ETests {
    /// 10 million rows, written once per run with awk (seconds, where Swift in a debug build takes
    /// minutes) into a folder of its own; tests link it in place, they never copy it.
    static let tenMillion: Result<String, E2EError> = {
        do {
            let dir = try TemporaryDirectory(prefix: "dv-e2e-10m")
            keep.append(dir)
            let path = dir.url.appendingPathComponent("ten-million.csv").path
            try awk(#"BEGIN { print "time,station,phenomenon,value"; for (i = 0; i < 10000000; i++) print 1767225600 + i * 6 ",S" i % 100 ",PM10," i % 97 ".5" }"#, into: path)
            return .success(path)
        } catch { return .failure(E2EError("could not write the 10M-row file: \(error)")) }
    }()
    nonisolated(unsafe) static var keep: [TemporaryDirectory] = []

    static func awk(_ program: String, into path: String, gzip: Bool = false) throws {
        let r = try ProcessRunner.runSync("/bin/sh", ["-c", "awk '\(program)' \(gzip ? "| gzip -1 " : "")> \(shellQuote(path))"])
        guard r.status == 0 else { throw E2EError("awk failed: \(r.stderrText)") }
    }

    /// Polls the screen every 20 ms until `condition` holds; returns the seconds it took.
    static func secondsUntil(_ tmux: TmuxSession, limit: Double, _ condition: (Screen) -> Bool) throws -> (Double, Screen) {
        let t0 = Date()
        var last = try tmux.screen()
        while !condition(last) {
            if Date().timeIntervalSince(t0) > limit { break }
            usleep(20_000)
            last = try tmux.screen()
        }
        return (Date().timeIntervalSince(t0), last)
    }

    static func hasProgressBar(_ s: Screen) -> Bool {
        guard let title = s.lines.first else { return false }
        return title.contains("dataviewer") && title.contains("reading [") && title.contains("%")
    }

    @Test("10M rows: title bar and progress bar within 1 s, ? opens help while it loads, q quits at once")
    func bigFileShowsTheScreenAtOnce() async throws {
        let data = try Self.tenMillion.get()
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let tmux = try TmuxSession([data, "--library", "lib.sqlite"], width: 120, height: 30, home: home)
        let (shown, first) = try Self.secondsUntil(tmux, limit: 10) { Self.hasProgressBar($0) }
        #expect(Self.hasProgressBar(first), "no progress bar in the title bar\(first.dump)")
        #expect(shown <= 1.0, "the first screen took \(shown) s\(first.dump)")
        #expect(first.lines.first?.contains("ten-million.csv") == true, "\(first.dump)")
        #expect(first.lines.first?.contains("/248 MB") == true || first.lines.first?.contains(" MB") == true, "\(first.dump)")

        try tmux.send("?")
        let (help, withHelp) = try Self.secondsUntil(tmux, limit: 10) { $0.contains("Help · keys") }
        #expect(withHelp.contains("Help · keys"), "\(withHelp.dump)")
        #expect(help <= 0.5, "help took \(help) s to open while loading\(withHelp.dump)")
        // Help covers the title bar; once it is closed the bar shows the read still under way.
        try tmux.send("Escape")
        let (_, closed) = try Self.secondsUntil(tmux, limit: 10) { !$0.contains("Help · keys") }
        #expect(Self.hasProgressBar(closed), "the load should still be under way (a debug build reads 10M rows in tens of seconds)\(closed.dump)")
        print("10M rows: progress bar after \(String(format: "%.2f", shown)) s, help while loading after \(String(format: "%.2f", help)) s")

        // The bar moves on while we look: bytes, rows, rate.
        let (_, later) = try Self.secondsUntil(tmux, limit: 15) { s in
            Self.hasProgressBar(s) && s.lines[0].contains("rows") && !s.contains("Help · keys")
        }
        #expect(later.lines[0].contains("rows") && later.lines[0].contains("MB/s"), "\(later.dump)")

        // Resize and the menu work too.
        try tmux.resize(width: 90, height: 26)
        try await tmux.waitUntil("a redraw at 90x26", timeout: .seconds(10)) { $0.lines.count == 26 && Self.hasProgressBar($0) }
        try tmux.send("m")
        try await tmux.waitFor("Sessions", timeout: .seconds(5))
        try tmux.send("Escape")

        let t0 = Date()
        try tmux.send("q")
        let status = try await tmux.waitForExit(timeout: .seconds(10))
        let quit = Date().timeIntervalSince(t0)
        #expect(status == 0)
        #expect(quit < 3, "q during a load took \(quit) s")
    }

    @Test("a session loaded on data whose file was replaced by 10M rows applies at once; help opens within 0.5 s during the read")
    func sessionLoadRereadsInTheBackground() async throws {
        let big = try Self.tenMillion.get()
        let lib = try E2ELibraryFixture()
        // A small file first; the session picks one of its series and the step style.
        var small = "time,station,phenomenon,value\n"
        for i in 0..<200 { small += "\(1_767_225_600 + i * 6),S\(i % 100),PM10,\(i % 97).5\n" }
        let data = try lib.home.write("air.csv", small)
        let doc = E2ELibraryFixture.settingsDocument(style: "step").replacingOccurrences(of: "\"humidity\"", with: "\"S1 · PM10\"")
        let file = try lib.home.write("steps.json", doc)
        try await lib.ok(["sessions", "import", file, "--name", "Steps"])
        let tmux = try await lib.viewer([data])

        // Nothing changed on disk: loading the session reads nothing again.
        try tmux.send("S")
        try await tmux.waitForSessionList(["Steps"])
        try tmux.send("j", "Enter", "y")
        let same = try await tmux.waitForPlot("step")
        #expect(!Self.hasProgressBar(same), "an unchanged file was read again\(same.dump)")
        try tmux.send("p")  // back to another style, so the next load shows
        try await tmux.waitUntil("another plot style") { !$0.contains("Plot · step") }

        // The file is replaced by 10 million rows (a hard link: a new inode, no copy).
        let next = lib.home.url.appendingPathComponent("air.next").path
        #expect(link(big, next) == 0)
        #expect(rename(next, data) == 0)
        try tmux.send("S")
        try await tmux.waitForSessionList(["Steps"])
        try tmux.send("j", "Enter", "y")
        let (applied, loaded) = try Self.secondsUntil(tmux, limit: 20) { $0.contains("Plot · step") }
        #expect(loaded.contains("Plot · step"), "the session's settings apply at once\(loaded.dump)")
        #expect(applied < 5, "applying the session took \(applied) s\(loaded.dump)")
        let (_, reading) = try Self.secondsUntil(tmux, limit: 20) { Self.hasProgressBar($0) }
        #expect(Self.hasProgressBar(reading), "the changed file is read again behind a progress bar\(reading.dump)")

        try tmux.send("?")
        let (help, withHelp) = try Self.secondsUntil(tmux, limit: 10) { $0.contains("Help · keys") }
        #expect(help <= 0.5, "help took \(help) s while the file was read again\(withHelp.dump)")
        try tmux.send("Escape")
        let (_, closed) = try Self.secondsUntil(tmux, limit: 10) { !$0.contains("Help · keys") }
        #expect(Self.hasProgressBar(closed), "still reading when help opened and closed\(closed.dump)")
        print("session on replaced 10M-row file: settings applied after \(String(format: "%.2f", applied)) s, help during the read after \(String(format: "%.2f", help)) s")
        try tmux.send("q")
        #expect(try await tmux.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test("a .csv.gz of 200 MB unpacked loads in the viewer with peak RSS below the unpacked size")
    func gzipIsInflatedAsAStream() async throws {
        let home = try TemporaryDirectory(prefix: "dv-e2e-home")
        let path = home.url.appendingPathComponent("long-rows.csv.gz").path
        // Long rows keep the parse quick in a debug build: 600k rows of ~350 bytes.
        try Self.awk(#"BEGIN { pad = "Station"; for (k = 0; k < 29; k++) pad = pad " long name"; print "time,station,phenomenon,value,unit"; for (i = 0; i < 600000; i++) print 1767225600 + i * 6 "," pad " " i % 100 ",PM10," i % 97 ".5,micrograms per cubic metre" }"#,
                     into: path, gzip: true)
        let unpacked = try ProcessRunner.runSync("/bin/sh", ["-c", "gzip -dc \(shellQuote(path)) | wc -c"])
        let plainBytes = Int(unpacked.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(plainBytes > 200_000_000)
        let packedBytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

        let tmux = try TmuxSession([path, "--library", "lib.sqlite"], width: 120, height: 30, home: home)
        let (_, bar) = try Self.secondsUntil(tmux, limit: 10) { Self.hasProgressBar($0) }
        // Progress counts the compressed bytes read.
        let total = "/\(packedBytes >= 10_000_000 ? String(Int((Double(packedBytes) / 1e6).rounded())) : String(format: "%.1f", Double(packedBytes) / 1e6)) MB"
        #expect(bar.lines.first?.contains(total) == true, "expected \(total) in the bar\(bar.dump)")
        let pid = try #require(try tmux.programPID())
        let done = try await tmux.waitUntil("the data read", timeout: .seconds(150)) { s in
            !s.isReading && s.contains("Series 1/100")
        }
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let hwm = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        let kb = Int(hwm?.split(separator: " ").dropFirst().first ?? "") ?? Int.max
        print("gzip stream: \(plainBytes / 1_000_000) MB unpacked, \(packedBytes / 1_000_000) MB packed, peak RSS \(kb / 1024) MB")
        #expect(kb * 1024 < plainBytes, "peak RSS \(kb / 1024) MB is not below the unpacked \(plainBytes / 1_000_000) MB\(done.dump)")
        try tmux.send("q")
        #expect(try await tmux.waitForExit(timeout: .seconds(10)) == 0)
    }
}
