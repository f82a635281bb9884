import Foundation
import Testing

/// Text from data and from other users never writes to the terminal: station, phenomenon
/// and unit names with escape sequences (OSC 52 clipboard writes, clear screen, colours), BEL,
/// backspace, C1 controls, bidi overrides, 300-character names and wide ones (CJK, emoji); session
/// names with control characters (refused) and wide ones (accepted).
@Suite("Hardening: hostile text (E2E)", .serialized, .timeLimit(.minutes(2)))
struct HostileTextE2ETests {
    static let stations = [
        "osc52\u{1B}]52;c;aGFja2VkIGNsaXBib2FyZA==\u{07}end",
        "clear\u{1B}[2J\u{1B}[Hscreen",
        "colour\u{1B}[31;1;5mred\u{1B}[0m",
        "bell\u{07}\u{07}ring",
        "back\u{08}\u{08}\u{08}space",
        "bidi\u{202E}desrever\u{202C} \u{2066}iso\u{2069}",
        "long " + String(repeating: "L", count: 300),
        "東京タワー測定局 大気観測",
        "📡 station 🌍 📈",
        "c1\u{9B}31mcsi\u{9D}0;title\u{9C}",
        "del\u{7F}x cr\rx tab\tx",
        "title\u{1B}]0;pwned\u{1B}\\ st",
    ]
    static let phenomena = [
        "PM10", "NO2\u{1B}[31mred", "O3\u{07}", "te\u{202D}mp", "🔥 heat", "微小粒子状物質",
        String(repeating: "P", count: 300), "x\u{1B}]52;c;cGhlbm9t\u{07}", "noise", "微風", "hum\u{08}id", "rain",
    ]
    static let units = [
        "µg/m³", "ppb\u{1B}[5m", "u\u{08}", "°C", "🔥", "ｍ／ｓ", String(repeating: "U", count: 300),
        "\u{1B}[2J", "dB(A)", "‰", "%\u{202E}", "mm",
    ]

    /// A long CSV (quoted fields) with every hostile name, positions for the map, and one bad row
    /// whose value is an escape sequence (it is skipped and reported).
    static func hostileCSV() -> String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var s = "time,station,phenomenon,value,unit,lat,lon\n"
        for h in 0..<24 {
            for i in stations.indices {
                let value = 10 + Double(i) + Double(h) * 0.5
                s += "2026-11-01T\(h < 10 ? "0" : "")\(h):00:00Z,\(q(stations[i])),\(q(phenomena[i])),\(value),\(q(units[i])),"
                    + "\(52 + Double(i) * 0.01),\(5 + Double(i) * 0.01)\n"
            }
        }
        s += "2026-11-02T00:00:00Z,\(q(stations[0])),\(q(phenomena[0])),\(q("\u{1B}]52;c;aGFja2Vk\u{07}")),\(q(units[0])),52,5\n"
        return s
    }

    /// N of `Series k/N` in the Series pane's title.
    static func seriesTotal(_ s: Screen) -> Int? {
        for line in s.lines {
            guard let r = line.range(of: "Series "), let slash = line[r.upperBound...].firstIndex(of: "/") else { continue }
            if let n = Int(line[line.index(after: slash)...].prefix { $0.isNumber }) { return n }
        }
        return nil
    }

    /// Lines wider than `width` columns (wide characters count two).
    static func tooWide(_ text: String, _ width: Int) -> [String] {
        Screen(text).lines.filter { Columns.width($0) > width }.map { "\(Columns.width($0)) columns: \($0.prefix(60))…" }
    }

    @Test("hostile series names: render prints no control bytes and no line wider than the size; the viewer shows them neutralised and no OSC 52 reaches tmux")
    func hostileSeriesNames() async throws {
        let lab = try StressLab()
        let data = try lab.home.write("hostile.csv", Self.hostileCSV())
        let written = Self.stations.count
        let tried = Self.stations.count + Self.phenomena.count + Self.units.count

        // 1. A fresh render (one series selected).
        let fresh = try await lab.run(["render", data, "--size", "100x30", "--fresh"], user: "ana")
        try Self.expectClean(fresh, width: 100, height: 30, what: "render --fresh")

        // 2. The viewer, with every series selected, one at a time under the cursor.
        let tmux = try TmuxSession([data, "--library", lab.library, "--user", "ana"], width: 100, height: 30, home: lab.home)
        defer { tmux.kill() }
        var s = try await tmux.waitUntil("the viewer", timeout: .seconds(30)) { StressLab.isViewer($0) }
        if s.contains("Skipped while reading") {
            #expect(s.contains("␛"), "the skipped row's escape is shown neutralised\(s.dump)")
            try tmux.send("Escape")
            s = try await tmux.waitUntil("the notice to close") { !$0.contains("Skipped while reading") }
        }
        // `Series k/N` in the pane's title: N series were read (a name may not survive the CSV reader whole).
        guard let n = Self.seriesTotal(s) else { throw E2EError("no `Series k/N` title\(s.dump)") }
        #expect(n == written, "\(written) hostile series written, \(n) read\(s.dump)")
        let series = n
        try tmux.send("c", "g", "Space")
        for _ in 1..<series { try tmux.send("j", "Space") }
        s = try await tmux.waitUntil("all \(series) series selected", timeout: .seconds(15)) { $0.contains("Series \(series)/\(series)") }
        // Let it draw the last frame.
        try await Task.sleep(for: .milliseconds(300))
        s = try tmux.screen()
        #expect(s.lines.count == 30 && s.lines[0].contains("dataviewer") && s.lines[0].contains("☰"), "the title bar is intact\(s.dump)")
        #expect(s.lines.contains { $0.hasPrefix("┏ Series") || $0.hasPrefix("┌ Series") }, "the Series pane is intact\(s.dump)")
        for stand in ["␛", "␇", "␈"] { #expect(s.contains(stand), "\(stand) should be visible\(s.dump)") }
        #expect(!s.contains("pwned") || s.contains("␛]0;pwned"), "\(s.dump)")
        let title = try tmux.format("#{pane_title}")
        let titleSet = title.contains("pwned") || title.contains("title")
        #expect(!titleSet, "the pane title was set from data: \(StressLab.visible(title))")
        let clip = try tmux.clipboard()
        #expect(clip == nil || clip!.isEmpty, "an OSC 52 from the data reached tmux's clipboard: \(clip ?? "")")

        // 3. Quit (the view is autosaved) and render that view: all series, legend, dashboard, map.
        try tmux.send("q")
        let status = try await tmux.waitForExit(timeout: .seconds(15))
        let last = try tmux.screen()
        #expect(status == 0, "the viewer should quit cleanly\(last.dump)")
        for size in [(100, 30), (80, 24), (160, 50)] {
            let r = try await lab.run(["render", data, "--size", "\(size.0)x\(size.1)"], user: "ana")
            try Self.expectClean(r, width: size.0, height: size.1, what: "render --size \(size.0)x\(size.1)")
            if size.0 == 100 {
                let all = r.stdoutText.contains("Series \(series)/\(series)")
                #expect(all, "the autosaved view has every series\n\(StressLab.visible(r.stdoutText))")
            }
        }
        print("hostile text: \(tried) hostile series names tried (\(Self.stations.count) stations, \(Self.phenomena.count) phenomena, "
              + "\(Self.units.count) units) in render at 3 sizes and in the viewer; clipboard \(clip == nil ? "empty (no buffer)" : "\"\(clip!)\"")")
    }

    /// No ESC or other control bytes but newline on stdout or stderr, no line wider than `width`, a
    /// `height`-line screen, no crash.
    static func expectClean(_ r: ProcessResult, width: Int, height: Int, what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(r.status == 0 && !r.signaled, "\(what): exit \(r.status): \(StressLab.visible(r.stderrText))", sourceLocation: sourceLocation)
        let out = StressLab.unsafeCharacters(r.stdout), err = StressLab.unsafeCharacters(r.stderr)
        #expect(out.isEmpty, "\(what): stdout has \(out)", sourceLocation: sourceLocation)
        #expect(err.isEmpty, "\(what): stderr has \(err): \(StressLab.visible(r.stderrText))", sourceLocation: sourceLocation)
        let wide = tooWide(r.stdoutText, width)
        #expect(wide.isEmpty, "\(what): \(wide.count) lines wider than \(width):\n\(wide.prefix(5).joined(separator: "\n"))", sourceLocation: sourceLocation)
        let lines = Screen(r.stdoutText).lines.count
        #expect(lines == height, "\(what): \(lines) lines\n\(StressLab.visible(r.stdoutText))", sourceLocation: sourceLocation)
    }

    static let refusedNames = [
        "esc\u{1B}[2Jclear", "osc\u{1B}]52;c;aGFja2Vk\u{07}", "bell\u{07}", "back\u{08}space", "tab\there", "new\nline",
        "cr\rreturn", "del\u{7F}ete", "c1\u{9B}31m", "bidi\u{202E}txet", "iso\u{2066}late", String(repeating: "L", count: 300),
        "\u{1B}]52;c;" + String(repeating: "A", count: 300) + "\u{07}",
    ]
    static let acceptedNames = [
        "東京 セッション", "📡 station 🌍 report", "Ünïcødé — naïve café", String(repeating: "測", count: 100), "ｆｕｌｌｗｉｄｔｈ 🔥",
    ]

    @Test("session names: control characters refused with a clean sentence, wide ones accepted and shown aligned")
    func hostileSessionNames() async throws {
        let lab = try StressLab()
        let data = try lab.home.write("wide.csv", DataFiles.wideCSV(rows: 30))
        let doc = try lab.home.write("doc.json", StressLab.settingsDocument(style: "bar"))
        try await lab.ok(["sessions", "import", doc, "--name", "Plain"], user: "ana")

        var refusedMessages = 0
        for name in Self.refusedNames {
            for args in [["sessions", "import", doc, "--name", name], ["sessions", "rename", "Plain", name]] {
                let r = try await lab.run(args, user: "ana")
                let err = r.stderrText
                #expect(r.status != 0 && !r.signaled, "\(args[1]) \(name.debugDescription): exit \(r.status)")
                // (Bools, not expressions on the text: a failing #expect prints its operands raw.)
                let says = err.contains("cannot be a session name"), oneLine = err.split(separator: "\n").count == 1
                #expect(says, "\(args[1]) \(name.debugDescription): \(StressLab.visible(err))")
                let unsafe = StressLab.unsafeCharacters(r.stderr)
                #expect(unsafe.isEmpty, "the refusal echoes the name raw (\(unsafe)): \(StressLab.visible(err))")
                #expect(oneLine, "one line: \(StressLab.visible(err))")
                refusedMessages += 1
            }
            // Commands that name a session that cannot exist say so without echoing it raw.
            for args in [["sessions", "share", name], ["sessions", "export", name], ["render", data, "--session", name, "--size", "80x24"]] {
                let r = try await lab.run(args, user: "ana")
                #expect(r.status != 0 && !r.signaled, "\(args[1]) \(name.debugDescription): exit \(r.status)")
                let unsafe = StressLab.unsafeCharacters(r.stderr)
                #expect(unsafe.isEmpty, "\(args[0]) \(args[1]): stderr echoes the name raw (\(unsafe)): \(StressLab.visible(r.stderrText))")
            }
        }
        let afterRefusals = try await lab.sessions(user: "ana").map(\.name)
        let onlyPlain = afterRefusals == ["Plain"]
        #expect(onlyPlain, "nothing was saved under a refused name: \(afterRefusals.map(StressLab.visible))")

        for name in Self.acceptedNames {
            try await lab.ok(["sessions", "import", doc, "--name", name], user: "ana")
            let r = try await lab.run(["render", data, "--session", name, "--size", "100x30"], user: "ana")
            try Self.expectClean(r, width: 100, height: 30, what: "render --session \(name.prefix(12))")
            // (A name wider than the title bar's room is left out of it: only the others must be named there.)
            if Columns.width(name) <= 40 {
                let named = r.stdoutText.contains("session: \(name)")
                #expect(named, "the title bar names the session\n\(StressLab.visible(r.stdoutText))")
            }
        }
        let listed = Set(try await lab.sessions(user: "ana").map(\.name))
        #expect(listed == Set(Self.acceptedNames + ["Plain"]), "names round-trip exactly: \(listed.sorted())")
        let plain = try await lab.run(["sessions", "list"], user: "ana")
        let plainClean = plain.status == 0 && StressLab.unsafeCharacters(plain.stdout).isEmpty
        #expect(plainClean, "sessions list: \(StressLab.visible(plain.stdoutText))")

        // The sessions dialog: every row's right border in the same column, no line wider than the pane.
        let tmux = try TmuxSession([data, "--library", lab.library, "--user", "ana"], width: 100, height: 30, home: lab.home)
        defer { tmux.kill() }
        try await tmux.waitUntil("the viewer", timeout: .seconds(30)) { StressLab.isViewer($0) }
        try tmux.send("S")
        let s = try await tmux.waitUntil("the sessions dialog with all \(listed.count) sessions") {
            $0.contains("Sessions · \(listed.count)") && $0.contains("📡 station")
        }
        let rows = s.lines.filter { $0.contains("💾") }
        #expect(rows.count == listed.count, "one row per session\(s.dump)")
        // The dialog's right border: the first ┃ after the row's icons.
        let borders = Set(rows.map { row -> Int in
            guard let icons = row.firstIndex(of: "💾"),
                  let i = row[icons...].firstIndex(where: { "┃│".contains($0) }) else { return -1 }
            return Columns.width(String(row[..<i]))
        })
        #expect(borders.count == 1 && !borders.contains(-1), "the dialog's right border moves with wide names: \(borders.sorted())\(s.dump)")
        for stand in ["東京 セッション", "📡 station 🌍 report", "Ünïcødé"] { #expect(s.contains(stand), "\(stand) on screen\(s.dump)") }
        let clipboard = try tmux.clipboard()
        #expect(clipboard == nil)
        print("hostile text: \(Self.refusedNames.count + Self.acceptedNames.count) hostile session names tried: "
              + "\(Self.refusedNames.count) refused (\(refusedMessages) refusals, each a clean sentence), \(Self.acceptedNames.count) wide ones accepted and aligned in the dialog")
    }
}
