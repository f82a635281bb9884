import Foundation
import Testing

/// `keep_versions = N` in `$XDG_CONFIG_HOME/dataviewer/config.toml`, as a person sets it up.
@Suite("keep_versions in config.toml (E2E)", .timeLimit(.minutes(2)))
struct ConfigKeepVersionsE2ETests {
    func writeConfig(_ lib: E2ELibraryFixture, _ text: String) throws {
        let folder = lib.environment["XDG_CONFIG_HOME"]! + "/dataviewer"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/config.toml", atomically: true, encoding: .utf8)
    }

    func kept(_ lib: E2ELibraryFixture, _ name: String) async throws -> [Int?] {
        let out = try await lib.ok(["sessions", "history", name, "--json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]).map { $0["version"] as? Int }
    }

    @Test("keep_versions = 2 keeps each session's last two versions, like library init --keep-versions 2")
    func applies() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("K", style: "line")
        try await lib.ok(["sessions", "import", try lib.home.write("bar.json", E2ELibraryFixture.settingsDocument(style: "bar")), "--name", "K", "--force"])
        try await lib.ok(["sessions", "import", try lib.home.write("step.json", E2ELibraryFixture.settingsDocument(style: "step")), "--name", "K", "--force"])
        #expect(try await kept(lib, "K") == [3, 2, 1], "the default keeps them all")

        try writeConfig(lib, "# my defaults\nkeep_versions = 2\n")
        #expect(try await kept(lib, "K") == [3, 2], "the next command trims to the configured limit")
        try await lib.ok(["sessions", "import", try lib.home.write("line.json", E2ELibraryFixture.settingsDocument(style: "line")), "--name", "K", "--force"])
        #expect(try await kept(lib, "K") == [4, 3])
        #expect(try await lib.ok(["library", "init", lib.library]).contains("each session keeps its last 2 versions"))
        // The flag still works for this command, and says what the config file will do next.
        let init5 = try await lib.ok(["library", "init", lib.library, "--keep-versions", "5"])
        #expect(init5.contains("keeps its last 5 versions") && init5.contains("keep_versions = 2"), "\(init5)")
    }

    @Test("a bad keep_versions is one sentence naming the file and line, and non-zero exit — also for the viewer in a terminal")
    func badValues() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("K")
        let file = lib.environment["XDG_CONFIG_HOME"]! + "/dataviewer/config.toml"
        for (text, shown) in [("keep_versions = 0", "not 0"), ("keep_versions = \"ten\"", "not \"ten\""), ("keep_versions = 1.5", "not 1.5")] {
            try writeConfig(lib, "\n" + text + "\n")
            SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "history", "K"]),
                                                    containing: "\(file):2: keep_versions must be a whole number of at least 1, \(shown)")
            SessionsBadInputE2ETests.expectSentence(try await lib.run(["library", "init", lib.library]), containing: "keep_versions must be a whole number")
        }
        try writeConfig(lib, "keep_versions = [\n")
        SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "list"]), containing: "\(file):")
        SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "list"]), containing: "is not valid TOML")
        try writeConfig(lib, "keep_versions = -1\n")
        let tmux = try TmuxSession([lib.data, "--library", lib.library, "--user", "ana"], width: 100, height: 30, home: lib.home)
        let status = try await tmux.waitForExit()
        let screen = try tmux.screen()
        #expect(status == 1, "\(screen.dump)")
        // The terminal wraps the sentence at its width (a space at the break is lost): read it without spaces.
        let text = screen.lines.joined().replacingOccurrences(of: " ", with: "")
        #expect(text.contains("keep_versionsmustbeawholenumberofatleast1,not-1"), "\(screen.dump)")
        #expect(!screen.contains(" Plot · "), "refused before the screen opened: \(screen.dump)")
        tmux.kill()
        // Nothing was trimmed or lost by the refusals.
        try writeConfig(lib, "")
        #expect(try await kept(lib, "K") == [1])
    }
}
