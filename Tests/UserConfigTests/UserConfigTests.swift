import Foundation
import Testing
import UserConfig

@Suite struct UserConfigTests {
    @Test func keepVersionsIsAWholeNumber() throws {
        #expect(try UserConfig.parse("keep_versions = 7\n", file: "c.toml") == UserConfig(keepVersions: 7))
        #expect(try UserConfig.parse("", file: "c.toml") == UserConfig())
        // The library's location, a file or a team library's URL.
        #expect(try UserConfig.parse("library = \"/tmp/x.sqlite\"\nkeep_versions = 1", file: "c.toml") == UserConfig(keepVersions: 1, library: "/tmp/x.sqlite"))
        #expect(try UserConfig.parse("library = \"postgres://db/team\"", file: "c.toml").library == "postgres://db/team")
        // Other keys belong to other parts: left alone.
        #expect(try UserConfig.parse("theme = \"light\"", file: "c.toml") == UserConfig())
    }

    @Test func aLibraryThatIsNotAStringIsOneSentence() {
        do {
            _ = try UserConfig.parse("keep_versions = 3\nlibrary = 5\n", file: "c.toml")
            Issue.record("accepted a number as the library")
        } catch {
            #expect(error.description == "c.toml:2: library must be a string (a path or a postgres:// URL), not 5", "\(error)")
        }
    }

    @Test(arguments: [("keep_versions = 0", "not 0"), ("keep_versions = -3", "not -3"), ("keep_versions = \"5\"", "not \"5\""),
                      ("keep_versions = 2.5", "not 2.5"), ("\n\nkeep_versions = true", "not true")])
    func badValuesAreOneSentence(_ text: String, _ shown: String) {
        do {
            _ = try UserConfig.parse(text, file: "/home/a/.config/dataviewer/config.toml")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix("/home/a/.config/dataviewer/config.toml:"), "\(error)")
            #expect(error.description.contains("keep_versions must be a whole number of at least 1, \(shown)"), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func brokenTOMLNamesTheLine() {
        do {
            _ = try UserConfig.parse("keep_versions = 3\nthis is not toml\n", file: "c.toml")
            Issue.record("accepted broken TOML")
        } catch {
            #expect(error.line == 2 && error.description.hasPrefix("c.toml:2: is not valid TOML"), "\(error)")
        }
    }

    @Test func theFileIsFoundUnderXDGConfigHomeOrHome() throws {
        #expect(UserConfig.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/dataviewer/config.toml")
        #expect(UserConfig.path(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]) == "/h/.config/dataviewer/config.toml")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dv-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dataviewer"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try UserConfig.load(environment: ["XDG_CONFIG_HOME": dir.path]) == UserConfig(), "no file: no settings")
        try "keep_versions = 12\n".write(to: dir.appendingPathComponent("dataviewer/config.toml"), atomically: true, encoding: .utf8)
        #expect(try UserConfig.load(environment: ["XDG_CONFIG_HOME": dir.path]) == UserConfig(keepVersions: 12))
    }
}
