import Foundation
import Rendering
import Testing
@testable import Themes

@Suite struct ThemeTests {
    let loader = ThemeLoader(environment: ["HOME": "/nonexistent"])

    @Test func bundledThemesAreThere() {
        let names = Set(loader.list().map(\.name))
        #expect(names.isSuperset(of: ["dark", "light", "high-contrast", "colorblind"]))
    }

    @Test(arguments: ["dark", "light", "high-contrast", "colorblind"])
    func everyBundledThemeParsesAndColoursEveryRole(name: String) throws {
        let t = try loader.load(name)
        #expect(t.name == name)
        #expect(t.series.count == 8)
        #expect(t.heat.count == 8)
        for role in [ColorRole.text, .dim, .border, .borderFocused, .title, .titleBar, .accent, .selection, .cursor, .status,
                     .statusKey, .warning, .error, .axis, .threshold, .series(3), .named(2), .heat(5), .heat(29)] {
            let (fg, _) = t.colors(for: role)
            #expect(fg != .terminalDefault, "\(name): \(role)")
        }
    }

    @Test func darkFileMatchesTheBuiltInFallback() throws {
        let file = try loader.load("dark")
        #expect(file.colors == Theme.builtIn.colors)
        #expect(file.series == Theme.builtIn.series)
        #expect(file.heat == Theme.builtIn.heat)
    }

    @Test func brokenColourNamesFileLineAndKey() {
        let text = "name = \"x\"\n\n[colors]\ntext = 252\naccent = \"#12345\"\n"
        do {
            _ = try ThemeLoader.parse(text, file: "x.toml")
            Issue.record("accepted a broken colour")
        } catch {
            #expect(error.file == "x.toml")
            #expect(error.line == 5)
            #expect(error.key == "accent")
            #expect(error.description.hasPrefix("theme x.toml:5: key \"accent\":"))
        }
    }

    @Test func unknownRoleAndBadTOMLAndMissingText() {
        #expect(throws: ThemeError.self) { try ThemeLoader.parse("[colors]\ntext = 1\nbackgrund = 2\n", file: "t") }
        do { _ = try ThemeLoader.parse("[colors\ntext = 1", file: "t.toml"); Issue.record("accepted bad TOML") }
        catch { #expect(error.line == 1) }
        #expect(throws: ThemeError.self) { try ThemeLoader.parse("[colors]\naccent = 3\n", file: "t") }
        #expect(throws: ThemeError.self) { try ThemeLoader.parse("heat = [1, 2]\n[colors]\ntext = 3\n", file: "t") }
    }

    @Test func userThemesAreListedAndWinOverBundledNames() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dv-themes-\(UUID().uuidString)")
        let themes = dir.appendingPathComponent("dataviewer/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "[colors]\ntext = \"#ff0000\"\n".write(to: themes.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "[colors]\ntext = 1\n".write(to: themes.appendingPathComponent("dark.toml"), atomically: true, encoding: .utf8)
        let l = ThemeLoader(environment: ["XDG_CONFIG_HOME": dir.path])
        let list = l.list()
        #expect(list.contains { $0.name == "mine" && !$0.bundled })
        #expect(list.filter { $0.name == "dark" }.count == 1)
        #expect(try l.load("dark").colors["text"] == .indexed(1))
        #expect(try l.load("mine").colors["text"] == .rgb(255, 0, 0))
    }

    @Test func nearestColours() {
        #expect(ThemeColor.parse("#ff0000")!.index256 == 196)
        #expect(ThemeColor.parse("#000000")!.index256 == 16)
        #expect(ThemeColor.parse("#ffffff")!.index256 == 231)
        #expect(ThemeColor.parse("#808080")!.index256 == 244)
        #expect(ThemeColor.parse("#ff0000")!.index8 == 1)
        #expect(ThemeColor.parse("#00ff00")!.index8 == 2)
        #expect(ThemeColor.parse("#1c1c1c")!.index8 == 0)
        #expect(ThemeColor.parse("214")!.index8 == 3)  // orange → yellow on 8 colours
        #expect(ThemeColor.parse("default") == .terminalDefault)
        #expect(ThemeColor.parse("#12") == nil)
        #expect(ThemeColor.parse("300") == nil)
    }
}
