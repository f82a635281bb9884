import Foundation
import Testing

// Helpers for the session-library and sharing end-to-end tests. They build on the
// shared harness in Support/ and add nothing to it: one fixture per test (its own HOME, library and
// data file), a reader for the sessions dialog on screen, and a few driving steps.

/// One session as `dataviewer sessions list --json` prints it.
struct E2ESessionInfo: Decodable, Equatable, Sendable {
    var name: String
    var owner: String
    var shareable: Bool
    var link: String?
    var createdAt: String
    var updatedAt: String
}

/// A private library for one test: a temporary HOME holding the library file and a small data file.
final class E2ELibraryFixture {
    let home: TemporaryDirectory
    /// The library file (`--library`); it does not exist until dataviewer first writes it.
    let library: String
    /// A small wide CSV (`humidity`, `temp`), quick to load.
    let data: String
    let environment: [String: String]
    let binary: String

    init() throws {
        binary = try Dataviewer.requireBinary()
        home = try TemporaryDirectory(prefix: "dv-e2e-home")
        library = home.url.appendingPathComponent("team-library.sqlite").path
        data = try home.write("wide.csv", DataFiles.wideCSV(rows: 50))
        environment = Dataviewer.environment(home: home.url)
        try FileManager.default.createDirectory(atPath: environment["TMPDIR"]!, withIntermediateDirectories: true)
    }

    /// `dataviewer ARGS --library LIB [--user USER]`, without a terminal.
    func run(_ args: [String], user: String? = "ana", library lib: String? = nil) async throws -> ProcessResult {
        var full = args + ["--library", lib ?? library]
        if let user { full += ["--user", user] }
        return try await ProcessRunner.run(binary, full, environment: environment, currentDirectory: home.url,
                                           timeout: .seconds(20))
    }

    /// Runs and requires exit status 0; returns stdout.
    @discardableResult
    func ok(_ args: [String], user: String = "ana", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let r = try await run(args, user: user)
        guard r.status == 0, !r.signaled else {
            throw E2EError("`dataviewer \(args.map(shellQuote).joined(separator: " ")) --user \(user)` failed with \(r.status) "
                + "(at \(sourceLocation)): \(r.stderrText)")
        }
        return r.stdoutText
    }

    /// `sessions list --json` for `user`.
    func sessions(user: String = "ana", sourceLocation: SourceLocation = #_sourceLocation) async throws -> [E2ESessionInfo] {
        let out = try await ok(["sessions", "list", "--json"], user: user, sourceLocation: sourceLocation)
        do {
            return try JSONDecoder().decode([E2ESessionInfo].self, from: Data(out.utf8))
        } catch {
            throw E2EError("sessions list --json printed something that is not the expected JSON (\(error)):\n\(out)")
        }
    }

    func names(user: String = "ana", sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        try await sessions(user: user, sourceLocation: sourceLocation).map(\.name).sorted()
    }

    /// `sessions export NAME`, parsed.
    func export(_ name: String, user: String = "ana") async throws -> [String: Any] {
        let out = try await ok(["sessions", "export", name], user: user)
        guard let doc = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] else {
            throw E2EError("sessions export \(name) did not print a JSON object:\n\(out)")
        }
        return doc
    }

    /// The plot style stored in the session (`plot.style` of its settings).
    func storedPlotStyle(_ name: String, user: String = "ana") async throws -> String? {
        (try await export(name, user: user)["plot"] as? [String: Any])?["style"] as? String
    }

    /// A settings document for the wide CSV with the given plot style.
    static func settingsDocument(style: String = "line") -> String {
        """
        {"version": 1,
         "series": {"selected": ["humidity"], "filter": {"text": "", "window": {"all": {}}}},
         "thresholds": [],
         "dashboard": [{"kind": "statistics"}, {"kind": "sparkline"}, {"kind": "latest"}],
         "plot": {"style": "\(style)", "bucket": "raw", "reduce": "mean", "legend": true},
         "map": {"zoom": 0, "heatmap": {"enabled": false, "intensity": 5, "radius": 2, "ramp": "viridis"}}}
        """
    }

    /// Saves a session through `sessions import` (and `sessions share` when `shared`); returns its link if shared.
    @discardableResult
    func importSession(_ name: String, style: String = "line", shared: Bool = false, user: String = "ana") async throws -> String? {
        let file = try home.write("import-\(UUID().uuidString.prefix(8)).json", Self.settingsDocument(style: style))
        try await ok(["sessions", "import", file, "--name", name], user: user)
        guard shared else { return nil }
        return try await ok(["sessions", "share", name], user: user).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `render DATA --session S --size 100x30`.
    func render(session: String, user: String = "ana") async throws -> ProcessResult {
        try await run(["render", data, "--session", session, "--size", "100x30"], user: user)
    }

    /// Starts the viewer on the fixture's data (or `arguments`) in tmux and waits for its first screen.
    func viewer(_ arguments: [String]? = nil, user: String = "ana", width: Int = 100, height: Int = 30,
                sourceLocation: SourceLocation = #_sourceLocation) async throws -> TmuxSession {
        let args = (arguments ?? [data]) + ["--library", library, "--user", user]
        let tmux = try TmuxSession(args, width: width, height: height, home: home)
        try await tmux.waitUntil("the viewer's first screen", timeout: .seconds(30), sourceLocation: sourceLocation) {
            $0.lines.count == height && $0.lines.first?.contains("dataviewer") == true && $0.contains(" Plot · ") && !$0.isReading
        }
        return tmux
    }
}

/// Reads the viewer's chrome and the sessions dialog from a screen.
struct E2ELibraryScreen {
    let screen: Screen
    init(_ screen: Screen) { self.screen = screen }

    var titleBar: String { screen.lines.first ?? "" }
    var statusLine: String { screen.lines.last ?? "" }

    /// The plot type in the plot's title, `Plot · scatter · 49 h` → `scatter`.
    var plotStyle: String? {
        guard let line = screen.lines.first(where: { $0.contains(" Plot · ") }),
              let r = line.range(of: " Plot · ") else { return nil }
        return String(line[r.upperBound...].prefix { $0.isLetter })
    }

    /// The sessions dialog is open (its title is on screen).
    var sessionsDialogOpen: Bool { screen.lines.contains { $0.contains("┏ Sessions · ") } }

    /// The session rows of the dialog: `💾 ✕ 📋 NAME … shared DATE`.
    var sessionRows: [(name: String, shareable: Bool, line: String)] {
        screen.lines.compactMap { line -> (String, Bool, String)? in
            guard let r = line.range(of: "💾 ✕ ") else { return nil }
            var rest = String(line[r.upperBound...])
            let copyIcon = rest.hasPrefix("📋")
            if copyIcon { rest.removeFirst() }
            rest = String(rest.drop { $0 == " " })
            let name = Self.cut(rest)
            guard !name.isEmpty else { return nil }
            return (name, copyIcon && line.contains(" shared "), line)
        }
    }

    var sessionNames: [String] { sessionRows.map(\.name) }

    /// Text up to two spaces or a border.
    static func cut(_ s: String) -> String {
        var out = ""
        var previousSpace = false
        for c in s {
            if "┃│".contains(c) { break }
            if c == " " {
                if previousSpace { out.removeLast(); break }
                previousSpace = true
            } else {
                previousSpace = false
            }
            out.append(c)
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// The inside of the dialog box whose title is `title` (`┏ TITLE ━…┓` … `┗…┛`), one string per row.
    func dialog(titled title: String) -> [String]? {
        guard let (top, left) = screen.position(of: "┏ \(title) ") else { return nil }
        var x = 0, right: Int?
        for c in screen.lines[top] {
            if c == "┓" && x > left { right = x; break }
            x += Columns.width(c)
        }
        guard let right else { return nil }
        var rows: [String] = []
        var row = top + 1
        while row < screen.lines.count {
            if Columns.slice(screen.lines[row], left..<(left + 1)) == "┗" { break }
            rows.append(Columns.slice(screen.lines[row], (left + 1)..<right).trimmingCharacters(in: .whitespaces))
            row += 1
        }
        return rows
    }

    /// The dialog's text with its line breaks and runs of spaces made single spaces.
    func dialogText(titled title: String) -> String? {
        dialog(titled: title).map { E2ELibraryScreen.squeeze($0.joined(separator: " ")) }
    }

    static func squeeze(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " }).joined(separator: " ")
    }
}

/// Runs of reverse-video text on a `capture-pane -e` screen: the list cursor and the focused button.
enum E2EReverse {
    static func runs(_ escaped: String) -> [String] {
        var out: [String] = []
        for line in Attributes.reverseFlags(escaped) {
            var run = ""
            for (c, reversed) in line {
                if reversed { run.append(c) } else if !run.isEmpty { out.append(run); run = "" }
            }
            if !run.isEmpty { out.append(run) }
        }
        return out
    }
}

extension TmuxSession {
    var libraryScreen: E2ELibraryScreen { get throws { E2ELibraryScreen(try screen()) } }

    /// The row under the sessions dialog's cursor: `New session` or a session's name.
    func sessionsCursor() throws -> String? {
        for run in E2EReverse.runs(try screenWithEscapes()) {
            if run.contains("New session") { return "New session" }
            if let r = run.range(of: "💾 ✕ ") {
                var rest = String(run[r.upperBound...])
                if rest.hasPrefix("📋") { rest.removeFirst() }
                return E2ELibraryScreen.cut(String(rest.drop { $0 == " " }))
            }
        }
        return nil
    }

    /// The focused button of a confirmation, e.g. `[ Cancel ]`.
    func focusedButton() throws -> String? {
        E2EReverse.runs(try screenWithEscapes())
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("[ ") && $0.hasSuffix(" ]") }
    }

    /// Expects the confirmation's focused button to be `label`.
    func expectFocusedButton(_ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let focused = try focusedButton()
        let s = try screen()
        #expect(focused == label, "the focused button should be \(label), is \(focused ?? "none")\(s.dump)",
                sourceLocation: sourceLocation)
    }

    /// `S`, then waits until the dialog lists exactly `names` (in any order).
    @discardableResult
    func openSessions(listing names: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try send("S")
        return try await waitForSessionList(names, sourceLocation: sourceLocation)
    }

    @discardableResult
    func waitForSessionList(_ names: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await waitUntil("the sessions dialog listing \(names)", sourceLocation: sourceLocation) {
            let v = E2ELibraryScreen($0)
            return v.sessionsDialogOpen && v.sessionNames.sorted() == names.sorted()
                && (!names.isEmpty || $0.contains("no sessions yet"))
        }
    }

    /// Moves the dialog's cursor onto `name` with j/k and waits until it is there.
    func selectSession(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let rows = try libraryScreen.sessionNames
        guard let target = rows.firstIndex(of: name).map({ $0 + 1 }) else {
            throw E2EError("no row \"\(name)\" in the sessions dialog (at \(sourceLocation))\(try screen())")
        }
        let current: Int
        switch try sessionsCursor() {
        case "New session"?: current = 0
        case let n? where rows.contains(n): current = rows.firstIndex(of: n)! + 1
        default: throw E2EError("cannot see the sessions dialog's cursor (at \(sourceLocation))\(try screen())")
        }
        let delta = target - current
        if delta != 0 { try send(Array(repeating: delta > 0 ? "j" : "k", count: abs(delta))) }
        try await waitUntil("the cursor on \"\(name)\"", sourceLocation: sourceLocation) { _ in try self.sessionsCursor() == name }
    }

    /// Waits for the confirmation titled `title` and returns its text (spaces squeezed).
    func waitForQuestion(_ title: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let s = try await waitUntil("the \"\(title)\" question", sourceLocation: sourceLocation) {
            E2ELibraryScreen($0).dialog(titled: title) != nil
        }
        return E2ELibraryScreen(s).dialogText(titled: title) ?? ""
    }

    @discardableResult
    func waitForPlot(_ style: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await waitUntil("Plot · \(style)", sourceLocation: sourceLocation) { E2ELibraryScreen($0).plotStyle == style }
    }
}

/// A link's token: `dataviewer://session/<token>` → `<token>`.
func e2eLinkToken(_ link: String) -> String? {
    let prefix = "dataviewer://session/"
    guard link.hasPrefix(prefix) else { return nil }
    return String(link.dropFirst(prefix.count))
}

/// 22 base64url characters: 128 bits.
func e2eIsToken(_ t: String) -> Bool {
    t.count == 22 && t.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
}
