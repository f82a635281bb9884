import Foundation
import Testing

/// Bad names, bad documents, bad libraries and other people's sessions: each refused with a sentence,
/// a non-zero exit and nothing written.
@Suite("Sessions: bad input (E2E)", .timeLimit(.minutes(1)))
struct SessionsBadInputE2ETests {
    /// The stderr of a refused command is one or two lines of words, names no Swift internals and has no ESC.
    static func expectSentence(_ r: ProcessResult, containing needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(r.status != 0 && !r.signaled, "exit status \(r.status), stderr: \(err)", sourceLocation: sourceLocation)
        #expect(err.contains(needle), "stderr should say \"\(needle)\": \(err)", sourceLocation: sourceLocation)
        #expect(err.split(separator: " ").count >= 4, "a sentence: \(err)", sourceLocation: sourceLocation)
        #expect(err.split(separator: "\n").count <= 3, "a sentence, not a dump: \(err)", sourceLocation: sourceLocation)
        #expect(!err.contains("Fatal error") && !err.contains("Error Domain") && !err.contains("GRDB"),
                "internals leaked: \(err)", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains(0x1B), "an ESC byte on stderr", sourceLocation: sourceLocation)
    }

    @Test("Enter on an empty (or blank) name says to type one and saves nothing")
    func emptyName() async throws {
        let lib = try E2ELibraryFixture()
        let tmux = try await lib.viewer()
        try await tmux.openSessions(listing: [])
        try tmux.send("n")
        try await tmux.waitUntil("the New session form") { E2ELibraryScreen($0).dialog(titled: "New session") != nil }
        try tmux.send("Enter")
        let s = try await tmux.waitUntil("the status to ask for a name") { $0.lines.last?.contains("type a name for the session") == true }
        #expect(E2ELibraryScreen(s).dialog(titled: "New session") != nil, "the form stays open\(s.dump)")
        try tmux.type("   ")
        try tmux.send("Enter")
        try await tmux.waitFor("type a name for the session")
        #expect(try await lib.sessions().isEmpty)
        try tmux.send("Escape")
        let back = try await tmux.waitUntil("the form to close") { E2ELibraryScreen($0).dialog(titled: "New session") == nil }
        #expect(back.contains("no sessions yet"), "\(back.dump)")
        #expect(try await lib.sessions().isEmpty)
    }

    @Test("a name with an escape sequence is refused by import, and nothing is saved")
    func escapeInName() async throws {
        let lib = try E2ELibraryFixture()
        let file = try lib.home.write("doc.json", E2ELibraryFixture.settingsDocument(style: "bar"))
        for bad in ["bad\u{1B}[2Jname", "tab\there", "new\nline", "bell\u{07}"] {
            let r = try await lib.run(["sessions", "import", file, "--name", bad])
            Self.expectSentence(r, containing: "cannot be a session name")
        }
        #expect(try await lib.sessions().isEmpty)
    }

    @Test("a duplicate import is refused without --force and leaves the first; --force replaces it")
    func duplicateImport() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Twice", style: "line")
        let bars = try lib.home.write("bars.json", E2ELibraryFixture.settingsDocument(style: "bar"))
        let r = try await lib.run(["sessions", "import", bars, "--name", "Twice"])
        Self.expectSentence(r, containing: "a session named \"Twice\" already exists")
        #expect(r.stderrText.contains("--force"), "the sentence should say how: \(r.stderrText)")
        #expect(try await lib.storedPlotStyle("Twice") == "line")

        try await lib.ok(["sessions", "import", bars, "--name", "Twice", "--force"])
        #expect(try await lib.storedPlotStyle("Twice") == "bar")
        #expect(try await lib.names() == ["Twice"])
    }

    enum BadDocument: String, CaseIterable, CustomTestStringConvertible {
        case notJSON, futureVersion, array, empty
        var testDescription: String { rawValue }
        var contents: String {
            switch self {
            case .notJSON: return "time,value\n2026-11-01T00:00Z,1\n"
            case .futureVersion: return #"{"version": 99}"#
            case .array: return "[1, 2, 3]"
            case .empty: return ""
            }
        }
    }

    @Test("an import of a document that is not settings is refused; the library is unchanged", arguments: BadDocument.allCases)
    func badDocument(_ doc: BadDocument) async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Existing", style: "step")
        let before = try await lib.sessions()
        let file = try lib.home.write("\(doc.rawValue).json", doc.contents)
        let r = try await lib.run(["sessions", "import", file, "--name", "New one"])
        Self.expectSentence(r, containing: "\(doc.rawValue).json")
        if doc == .futureVersion {
            #expect(r.stderrText.contains("99"), "say which version: \(r.stderrText)")
        }
        #expect(try await lib.sessions() == before)
        // Same for --force over an existing session: it keeps its settings.
        let f = try await lib.run(["sessions", "import", file, "--name", "Existing", "--force"])
        #expect(f.status != 0, "stderr: \(f.stderrText)")
        #expect(try await lib.storedPlotStyle("Existing") == "step")
    }

    @Test("a library path that is a text file is refused by every command and left byte for byte",
          arguments: [["sessions", "list"], ["sessions", "import", "DOC"], ["render", "DATA"], ["sessions", "delete", "x", "--yes"]])
    func libraryIsTextFile(_ command: [String]) async throws {
        let lib = try E2ELibraryFixture()
        let contents = "my shopping list\neggs\nmilk\n"
        let path = try lib.home.write("notes.txt", contents)
        let doc = try lib.home.write("doc.json", E2ELibraryFixture.settingsDocument())
        let args = command.map { $0 == "DOC" ? doc : $0 == "DATA" ? lib.data : $0 }
        let r = try await lib.run(args, library: path)
        Self.expectSentence(r, containing: "is not a dataviewer library")
        #expect(r.stderrText.contains("notes.txt"), "name the file: \(r.stderrText)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == contents)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: lib.home.path).filter { $0.hasPrefix("notes.txt") }
        #expect(siblings == ["notes.txt"], "no -wal/-shm/journal files next to it: \(siblings)")
    }

    @Test("the viewer refuses a library that is a text file with a sentence and leaves it alone")
    func viewerLibraryIsTextFile() async throws {
        let lib = try E2ELibraryFixture()
        let contents = "not a database\n"
        let path = try lib.home.write("notes.txt", contents)
        let tmux = try TmuxSession([lib.data, "--library", path, "--user", "ana"], home: lib.home)
        let status = try await tmux.waitForExit()
        let screen = try tmux.screen()
        #expect(status != 0, "\(screen.dump)")
        #expect(screen.contains("is not a dataviewer library"), "\(screen.dump)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == contents)
    }

    @Test("bob cannot delete, rename, export or unshare ana's session: there is none by that name for him")
    func otherUsersSession() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Ana's", style: "bar", shared: true)
        let before = try await lib.sessions()
        for cmd in [["sessions", "delete", "Ana's", "--yes"], ["sessions", "rename", "Ana's", "Bob's"],
                    ["sessions", "unshare", "Ana's"], ["sessions", "new-link", "Ana's"], ["sessions", "show", "Ana's"]] {
            let r = try await lib.run(cmd, user: "bob")
            Self.expectSentence(r, containing: "there is no session named \"Ana's\"")
        }
        #expect(try await lib.sessions() == before)
        #expect(try await lib.sessions(user: "bob").isEmpty)
    }

    @Test("sessions delete without --yes and without a terminal refuses (exit 2) and keeps the session")
    func deleteNeedsYes() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Keep me")
        let r = try await lib.run(["sessions", "delete", "Keep me"])
        #expect(r.status == 2, "exit \(r.status), stderr: \(r.stderrText)")
        Self.expectSentence(r, containing: "Keep me")
        #expect(try await lib.names() == ["Keep me"])
        let y = try await lib.run(["sessions", "delete", "Keep me", "--yes"])
        #expect(y.status == 0, "stderr: \(y.stderrText)")
        #expect(try await lib.names().isEmpty)
    }

    @Test("commands on a session that does not exist say so", arguments: [
        ["render", "DATA", "--session", "nosuch"], ["sessions", "show", "nosuch"], ["sessions", "export", "nosuch"],
        ["sessions", "rename", "nosuch", "other"], ["sessions", "share", "nosuch"], ["sessions", "delete", "nosuch", "--yes"],
    ])
    func noSuchSession(_ command: [String]) async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Real one")
        let r = try await lib.run(command.map { $0 == "DATA" ? lib.data : $0 })
        Self.expectSentence(r, containing: "there is no session named \"nosuch\"")
        #expect(r.stdout.isEmpty, "stdout: \(r.stdoutText)")
        #expect(try await lib.names() == ["Real one"])
    }

    @Test("the viewer with --session nosuch exits non-zero with a sentence")
    func viewerNoSuchSession() async throws {
        let lib = try E2ELibraryFixture()
        let tmux = try TmuxSession([lib.data, "--session", "nosuch", "--library", lib.library, "--user", "ana"], home: lib.home)
        let status = try await tmux.waitForExit()
        let screen = try tmux.screen()
        #expect(status != 0, "\(screen.dump)")
        #expect(screen.contains("there is no session named \"nosuch\""), "\(screen.dump)")
    }

    @Test("rename in the CLI onto a bad or taken name is refused")
    func renameBadNames() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("A")
        try await lib.importSession("B")
        Self.expectSentence(try await lib.run(["sessions", "rename", "A", "B"]), containing: "already exists")
        Self.expectSentence(try await lib.run(["sessions", "rename", "A", "x\u{1B}]52;c;aGk=\u{07}"]), containing: "cannot be a session name")
        let empty = try await lib.run(["sessions", "rename", "A", ""])
        #expect(empty.status != 0, "renaming to nothing must fail: \(empty.stderrText)")
        #expect(try await lib.names() == ["A", "B"])
    }
}
