import Foundation
import TOMLKit

/// A theme file that cannot be used, named by file, line and key.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var reason: String
    public var description: String {
        "theme \(file)" + (line.map { ":\($0)" } ?? "") + (key.map { ": key \"\($0)\"" } ?? "") + ": \(reason)"
    }
}

/// Finds, lists and reads theme files: bundled ones and the user's own.
public struct ThemeLoader: Sendable {
    public var bundledFolder: String
    public var userFolder: String

    public init(environment env: [String: String] = ProcessInfo.processInfo.environment) {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "/").resolvingSymlinksInPath().deletingLastPathComponent()
        let installed = exe.appendingPathComponent("../share/dataviewer/themes").standardizedFileURL.path
        bundledFolder = env["DATAVIEWER_THEMES"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (FileManager.default.fileExists(atPath: installed) ? installed : repo.appendingPathComponent("themes").path)
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.config")
        userFolder = config + "/dataviewer/themes"
    }

    /// Theme names, bundled first; a user theme with a bundled name replaces it.
    public func list() -> [(name: String, path: String, bundled: Bool)] {
        func names(_ folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
        }
        let user = names(userFolder)
        var out = names(bundledFolder).filter { !user.contains($0) }.map { (String($0.dropLast(5)), bundledFolder + "/" + $0, true) }
        out += user.map { (String($0.dropLast(5)), userFolder + "/" + $0, false) }
        return out
    }

    /// A theme by name (user folder first, then bundled) or by path.
    public func load(_ nameOrPath: String) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") { return try Self.read(path: nameOrPath) }
        guard let entry = list().first(where: { $0.name == nameOrPath }) else {
            let known = list().map(\.name).joined(separator: ", ")
            throw ThemeError(file: nameOrPath, line: nil, key: nil, reason: "no such theme (known: \(known))")
        }
        return try Self.read(path: entry.path)
    }

    public static func read(path: String) throws(ThemeError) -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: path, line: nil, key: nil, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ThemeError(file: path, line: nil, key: nil, reason: "is not UTF-8 text") }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ThemeError(file: file, line: Int(e.source.begin.line), key: nil, reason: "is not valid TOML: \(e.description)")
        } catch {
            throw ThemeError(file: file, line: nil, key: nil, reason: "is not valid TOML")
        }
        let lines = text.components(separatedBy: "\n")
        func lineOf(_ key: String) -> Int? {
            lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + " ") || $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + "=") }.map { $0 + 1 }
        }
        func fail(_ key: String, _ reason: String) -> ThemeError { ThemeError(file: file, line: lineOf(key), key: key, reason: reason) }
        func color(_ key: String, _ v: TOMLValueConvertible) throws(ThemeError) -> ThemeColor {
            if let s = v.string, let c = ThemeColor.parse(s) { return c }
            if let n = v.int, (0...255).contains(n) { return .indexed(n) }
            let shown = v.string.map { "\"\($0)\"" } ?? v.debugDescription
            throw fail(key, "\(shown) is not a colour (use \"#rrggbb\", a number 0–255 or \"default\")")
        }
        var theme = Theme(name: (file as NSString).lastPathComponent.replacingOccurrences(of: ".toml", with: ""), colors: [:], series: [], heat: [])
        for (key, value) in table {
            switch key {
            case "name":
                guard let s = value.string else { throw fail(key, "must be text") }
                theme.name = s
            case "colors":
                guard let t = value.table else { throw fail(key, "must be a table [colors]") }
                for (k, v) in t {
                    guard Theme.keys[k] != nil else {
                        throw fail(k, "is not a colour role (known: \(Theme.keys.keys.sorted().joined(separator: ", ")))")
                    }
                    theme.colors[k] = try color(k, v)
                }
            case "series", "heat":
                guard let a = value.array else { throw fail(key, "must be a list of colours") }
                var list: [ThemeColor] = []
                for v in a { list.append(try color(key, v)) }
                if key == "heat" && list.count != 8 { throw fail(key, "needs exactly 8 colours, low to high (has \(list.count))") }
                if key == "series" && list.isEmpty { throw fail(key, "needs at least one colour") }
                if key == "heat" { theme.heat = list } else { theme.series = list }
            default:
                throw fail(key, "is not a theme setting (use name, [colors], series, heat)")
            }
        }
        guard theme.colors["text"] != nil else { throw ThemeError(file: file, line: nil, key: "text", reason: "is missing from [colors]") }
        return theme
    }
}
