import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Helpers for the live view, autosave and follow tests. Everything lives under
// `LiveE2E` so that nothing clashes with the shared harness in `Support/`.

/// One test's world: its own HOME (also the folder for data files) and its own session library.
final class LiveWorld {
    let home: TemporaryDirectory
    let library: String

    init() throws {
        home = try TemporaryDirectory(prefix: "dv-e2e-live")
        library = home.url.appendingPathComponent("library.sqlite").path
    }

    /// Writes a data file into the world and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String { try home.write(name, contents) }

    /// The arguments of a viewer on `data` with this world's library.
    func arguments(_ data: [String], _ extra: [String] = []) -> [String] { ["--library", library] + extra + data }

    /// Starts the viewer on `data` and waits until its first screen is drawn and quiet.
    func viewer(_ data: [String], _ extra: [String] = [], width: Int = 120, height: Int = 36,
                sourceLocation: SourceLocation = #_sourceLocation) async throws -> (TmuxSession, Screen) {
        let tmux = try TmuxSession(arguments(data, extra), width: width, height: height, home: home)
        let screen = try await tmux.waitUntil("the viewer's first screen", quiet: LiveE2E.quiet, timeout: .seconds(40),
                                              sourceLocation: sourceLocation, LiveE2E.isViewer)
        return (tmux, screen)
    }

    /// `dataviewer render` against this world's library, without a terminal.
    func render(_ data: [String], _ extra: [String] = [], width: Int, height: Int) async throws -> ProcessResult {
        let bin = try Dataviewer.requireBinary()
        return try await ProcessRunner.run(bin, ["render", "--library", library, "--size", "\(width)x\(height)"] + extra + data,
                                           environment: Dataviewer.environment(home: home.url),
                                           currentDirectory: Dataviewer.repositoryRoot, timeout: .seconds(60))
    }
}

enum LiveE2E {
    // MARK: generated data

    /// Four fixed stations, three phenomena each, one reading an hour from 2026-11-01T00:00Z.
    static let stations: [(name: String, lat: Double, lon: Double)] = [
        ("Alpha", 52.0900, 5.1000), ("Bravo", 52.1000, 5.1400), ("Charlie", 52.0800, 5.1300), ("Delta", 52.1100, 5.0900),
    ]
    static let header = "time,station,phenomenon,value,unit,lat,lon\n"
    static let startEpoch = 1_793_491_200 // 2026-11-01T00:00:00Z

    static func pm10(station i: Int, hour h: Int) -> Int { 10 + (h * 7 + i * 13) % 41 }
    static func no2(station i: Int, hour h: Int) -> Int { 20 + (h * 3 + i * 5) % 30 }
    static func temperature(hour h: Int) -> Double { 5 + Double(h % 24) / 2 }

    static func time(hour h: Int) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(startEpoch + h * 3600)))
    }

    /// Rows (no header) of the long layout for the given hours and stations (indices into `stations`).
    static func rows(hours: Range<Int>, stations which: [Int] = [0, 1, 2, 3],
                     phenomena: [String] = ["PM10", "NO2", "temperature"]) -> String {
        var s = ""
        for h in hours {
            let t = time(hour: h)
            for i in which {
                let st = stations[i]
                let pos = "\(String(format: "%.4f", st.lat)),\(String(format: "%.4f", st.lon))"
                for p in phenomena {
                    switch p {
                    case "PM10": s += "\(t),\(st.name),PM10,\(pm10(station: i, hour: h)),µg/m³,\(pos)\n"
                    case "NO2": s += "\(t),\(st.name),NO2,\(no2(station: i, hour: h)),µg/m³,\(pos)\n"
                    default: s += "\(t),\(st.name),temperature,\(temperature(hour: h)),°C,\(pos)\n"
                    }
                }
            }
        }
        return s
    }

    /// The 4 × 3 series over 72 hours: 864 rows, opens at once.
    static func cityCSV(hours: Int = 72) -> String { header + rows(hours: 0..<hours) }

    /// Appends bytes to a file the way a logger does (O_APPEND, no truncation, no rename).
    static func append(_ path: String, _ text: String) throws {
        guard let h = FileHandle(forWritingAtPath: path) else { throw E2EError("cannot open \(path) to append") }
        defer { try? h.close() }
        try h.seekToEnd()
        try h.write(contentsOf: Data(text.utf8))
    }

    /// Truncates the file in place, then writes new contents into the same inode.
    static func truncateAndWrite(_ path: String, _ text: String) throws {
        guard let h = FileHandle(forWritingAtPath: path) else { throw E2EError("cannot open \(path)") }
        defer { try? h.close() }
        try h.truncate(atOffset: 0)
        try h.write(contentsOf: Data(text.utf8))
    }

    /// Writes a new file next to `path` and renames it over `path` (a new inode).
    static func replaceByRename(_ path: String, _ text: String) throws {
        let tmp = path + ".new"
        try Data(text.utf8).write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, path) == 0 else { throw E2EError("rename failed: errno \(errno)") }
    }

    // MARK: waiting

    /// The viewer's main screen is drawn: the title bar, the pane borders and a status line.
    static func isViewer(_ s: Screen) -> Bool {
        guard s.lines.count >= 3, s.lines[0].contains("dataviewer"), s.lines[0].contains("☰"), !s.isReading else { return false }
        let last = s.lines[s.lines.count - 1].trimmingCharacters(in: .whitespaces)
        let bottom = s.lines[s.lines.count - 2]
        // A start is complete once the map layer, read in the background, is drawn too.
        return !last.isEmpty && (bottom.hasPrefix("└") || bottom.hasPrefix("┗"))
            && !s.lines.contains { $0.contains("reading map…") }
    }

    /// How long the live-view tests want the screen still before they judge it.
    static let quiet: Duration = .milliseconds(250)

    /// Sends keys, then waits until the screen satisfies `condition` and is quiet.
    @discardableResult
    static func press(_ tmux: TmuxSession, _ keys: [String], until what: String = "the keys to take effect",
                      timeout: Duration = .seconds(15), sourceLocation: SourceLocation = #_sourceLocation,
                      _ condition: (Screen) throws -> Bool = { _ in true }) async throws -> Screen {
        try tmux.send(keys)
        return try await tmux.waitUntil(what, quiet: quiet, timeout: timeout, sourceLocation: sourceLocation, condition)
    }

    /// kill -9 the running dataviewer and wait until it is gone and the pane shows its exit status.
    static func killHard(_ tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard let pid = try tmux.programPID() else { throw E2EError("dataviewer is not running\(try tmux.screen())") }
        try killHard(tmux, pid: pid, sourceLocation: sourceLocation)
        let status = try await waitForDeath(tmux, pid: pid, sourceLocation: sourceLocation)
        #expect(status == 128 + SIGKILL, "the viewer should have died of SIGKILL", sourceLocation: sourceLocation)
    }

    /// Waits until `pid` has ended and returns the status the pane's wrapper printed (`EXIT=n`).
    /// (`TmuxSession.waitForExit` waits for the marker alone; this also waits for the process.)
    static func waitForDeath(_ tmux: TmuxSession, pid: pid_t, timeout: Duration = .seconds(10),
                             sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        func alive() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        }
        while clock.now < deadline {
            if !alive(), let status = try tmux.screen().exitStatus { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw E2EError("dataviewer (pid \(pid)) did not end within \(timeout) (at \(sourceLocation))\(try tmux.screen())")
    }

    /// kill -9 a known pid at once (no /proc scan between the keys and the kill).
    static func killHard(_ tmux: TmuxSession, pid: pid_t, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard liveE2EKill(pid, SIGKILL) == 0 else { throw E2EError("kill(\(pid), SIGKILL) failed: errno \(errno)") }
    }

    /// Bytes typed into the program's terminal that it has not read yet (FIONREAD on its stdin);
    /// nil when that cannot be known.
    static func unreadInput(pid: pid_t) -> Int? {
        let fd = open("/proc/\(pid)/fd/0", O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var n: Int32 = 0
        guard ioctl(fd, UInt(FIONREAD), &n) == 0 else { return nil }
        return Int(n)
    }

    /// Sends keys and waits until the program has read them all and its screen is quiet: the screen
    /// then shows the state after the last key, whether or not the keys changed anything.
    @discardableResult
    static func pressAndSettle(_ tmux: TmuxSession, pid: pid_t, _ keys: [String], quiet: Duration = .milliseconds(200),
                               sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try tmux.send(keys)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while let n = unreadInput(pid: pid), n > 0, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await tmux.waitUntil("the keys \(keys) to take effect", quiet: quiet, sourceLocation: sourceLocation) { _ in true }
    }

    // MARK: reading the screen

    static let paneNames = ["Series", "Plot", "Map", "Dashboard"]

    /// The pane with the heavy border (the focused one), when no dialog is open.
    static func focusedPane(_ s: Screen) -> String? {
        for line in s.lines {
            for name in paneNames {
                guard let r = line.range(of: "┏ \(name) ") else { continue }
                if name == "Series" {
                    // `┏ Series & filters` is the form, not the pane.
                    guard line[r.upperBound...].first?.isNumber == true else { continue }
                }
                return name
            }
        }
        return nil
    }

    /// The title of a pane as drawn in its top border, e.g. `Plot · scatter · hour mean · 71 h`.
    static func paneTitle(_ s: Screen, _ name: String) -> String? {
        for line in s.lines {
            for corner in ["┏ ", "┌ "] {
                guard let r = line.range(of: corner + name + " ") else { continue }
                if name == "Series", line[r.upperBound...].first?.isNumber != true { continue }
                var title = ""
                var rest = line[line.index(r.lowerBound, offsetBy: 2)...]
                while let c = rest.first {
                    if "┐┓".contains(c) { break }
                    if (c == " "), let n = rest.dropFirst().first, "─━".contains(n) { break }
                    title.append(c)
                    rest = rest.dropFirst()
                }
                return title.trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// (row, first column, last column) of a pane's box, from its top-left corner to its top-right corner.
    static func paneBox(_ s: Screen, _ name: String) -> (top: Int, left: Int, right: Int, bottom: Int)? {
        for (row, line) in s.lines.enumerated() {
            var col = 0
            var leftCol: Int? = nil
            let chars = Array(line)
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if leftCol == nil, "┏┌".contains(c), String(chars[(i + 1)...].prefix(name.count + 2)) == " \(name) " {
                    leftCol = col
                } else if let l = leftCol, col > l, "┓┐".contains(c) {
                    var bottom = row + 1
                    while bottom < s.lines.count {
                        let b = Columns.slice(s.lines[bottom], l..<(l + 1))
                        if b == "└" || b == "┗" { break }
                        bottom += 1
                    }
                    return (row, l, col, bottom)
                }
                col += Columns.width(c)
                i += 1
            }
        }
        return nil
    }

    /// The inside of a pane (between its borders), one string per row.
    static func paneInside(_ s: Screen, _ name: String) -> [String] {
        guard let b = paneBox(s, name), b.bottom > b.top + 1 else { return [] }
        return s.region(rows: (b.top + 1)..<b.bottom, columns: (b.left + 1)..<b.right)
    }

    static let panelKinds = ["Statistics", "Exceedances", "Sparkline", "Histogram", "Latest values"]

    /// The dashboard's panels, top to bottom: whether each is selected (`▶`) and its heading.
    static func panels(_ s: Screen) -> [(selected: Bool, heading: String)] {
        paneInside(s, "Dashboard").compactMap { row in
            guard let first = row.first, first == "▶" || first == " " else { return nil }
            let heading = String(row.dropFirst())
            guard panelKinds.contains(where: { heading.hasPrefix($0) }) else { return nil }
            return (first == "▶", heading.trimmingCharacters(in: .whitespaces))
        }
    }

    /// `Dashboard · N panels` → N.
    static func panelCount(_ s: Screen) -> Int? {
        guard let t = paneTitle(s, "Dashboard"), let r = t.range(of: "· ") else { return nil }
        return Int(t[r.upperBound...].prefix { $0.isNumber })
    }

    /// `Map 52.0950, 5.1150 · zoom 3 …` → (lat, lon, zoom).
    static func mapPlace(_ s: Screen) -> (lat: Double, lon: Double, zoom: Int)? {
        guard let t = paneTitle(s, "Map") else { return nil }
        let parts = t.dropFirst(4).components(separatedBy: " · ")
        guard parts.count >= 2 else { return nil }
        let ll = parts[0].components(separatedBy: ", ")
        guard ll.count == 2, let lat = Double(ll[0]), let lon = Double(ll[1]), parts[1].hasPrefix("zoom "),
              let z = Int(parts[1].dropFirst(5)) else { return nil }
        return (lat, lon, z)
    }

    static let shades: Set<Character> = ["░", "▒", "▓", "█"]

    static func shadeCount(_ lines: [String]) -> Int { lines.reduce(0) { $0 + $1.filter { shades.contains($0) }.count } }

    /// The title bar with the autosave time blanked out, for screens of two different runs.
    static func maskClock(_ s: Screen) -> [String] {
        s.lines.enumerated().map { i, line in
            guard i == 0, let r = line.range(of: "autosaved ") else { return line }
            let after = line[r.upperBound...]
            let clock = after.prefix { $0.isNumber || $0 == ":" }
            return String(line[..<r.upperBound]) + String(repeating: "#", count: clock.count) + String(after.dropFirst(clock.count))
        }
    }

    /// The lines without trailing blanks (`capture-pane` drops them, `render` may not).
    static func rtrim(_ lines: [String]) -> [String] {
        var out = lines.map { l in String(l[..<(l.lastIndex { $0 != " " }.map { l.index(after: $0) } ?? l.startIndex)]) }
        while out.last == "" { out.removeLast() }
        return out
    }

    /// Two screens are the same, line for line (a plain Bool, so that `#expect` does not print both screens).
    static func same(_ a: Screen, _ b: Screen) -> Bool { a.lines == b.lines }

    /// A line-by-line diff of two screens, for failure messages.
    static func diff(_ a: Screen, _ b: Screen, _ la: String = "expected", _ lb: String = "actual") -> String {
        var out = ""
        for i in 0..<max(a.lines.count, b.lines.count) {
            let x = i < a.lines.count ? a.lines[i] : "<none>", y = i < b.lines.count ? b.lines[i] : "<none>"
            if x != y { out += "\nrow \(i):\n  \(la): \(x)\n  \(lb): \(y)" }
        }
        return out.isEmpty ? " (no difference)" : out
    }

    /// Moves the Series cursor to the first row whose name starts with `name` (the Series pane must be focused).
    static func cursorTo(_ tmux: TmuxSession, series name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try tmux.send("g")
        try await tmux.waitUntil("the cursor at the top", sourceLocation: sourceLocation) { _ in try tmux.seriesCursor() == 0 }
        let rows = try tmux.screen().seriesRows
        guard let index = rows.firstIndex(where: { $0.name.hasPrefix(name) }) else {
            throw E2EError("no series \(name) in the list (at \(sourceLocation))\(try tmux.screen())")
        }
        if index > 0 { try tmux.send(Array(repeating: "j", count: index)) }
        try await tmux.waitUntil("the cursor on \(name)", sourceLocation: sourceLocation) { _ in try tmux.seriesCursor() == index }
    }
}

extension LiveE2E {
    /// In the open filter form: moves to Time window and presses Space until `wanted` shows.
    @discardableResult
    static func chooseTimeWindow(_ tmux: TmuxSession, _ wanted: String) async throws -> String {
        try tmux.send("Tab", "Tab", "Tab")
        var choice = ""
        for _ in 0..<10 {
            let s = try await tmux.waitUntil("the time window choice", quiet: quiet) { _ in true }
            choice = s.lines.first { $0.contains("Time window") }?.components(separatedBy: "‹ ").dropFirst().first?
                .components(separatedBy: " ›").first ?? "?"
            if choice == wanted { break }
            try tmux.send("Space")
        }
        return choice
    }
}

/// A small deterministic generator (SplitMix64), so that a failing kill loop can be replayed with its seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func liveE2EKill(_ pid: pid_t, _ sig: Int32) -> Int32 { kill(pid, sig) }
