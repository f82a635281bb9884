import Foundation
import TOMLKit

/// The user's `config.toml` (`$XDG_CONFIG_HOME/dataviewer/config.toml`): defaults that apply to
/// every command. Keys it does not know are left to the parts that read them.
public struct UserConfig: Equatable, Sendable {
    /// `keep_versions = N`: how many versions each session keeps, as `library init --keep-versions N`.
    public var keepVersions: Int?
    /// `library = "…"`: the session library, a SQLite file or a postgres:// URL.
    public var library: String?

    public init(keepVersions: Int? = nil, library: String? = nil) {
        self.keepVersions = keepVersions
        self.library = library
    }

    public static func path(environment env: [String: String]) -> String {
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.config")
        return config + "/dataviewer/config.toml"
    }

    /// The file's settings; no file is no settings.
    public static func load(environment env: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> UserConfig {
        let file = path(environment: env)
        guard FileManager.default.fileExists(atPath: file) else { return UserConfig() }
        guard let data = FileManager.default.contents(atPath: file) else { throw ConfigError(file: file, line: nil, reason: "cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigError(file: file, line: nil, reason: "is not UTF-8 text") }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> UserConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ConfigError(file: file, line: Int(e.source.begin.line), reason: "is not valid TOML: \(e.description)")
        } catch {
            throw ConfigError(file: file, line: nil, reason: "is not valid TOML")
        }
        var config = UserConfig()
        if let v = table["keep_versions"] {
            let line = text.components(separatedBy: "\n").firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("keep_versions") }.map { $0 + 1 }
            guard let n = v.int, n >= 1 else {
                let shown = v.string.map { "\"\($0)\"" } ?? v.debugDescription
                throw ConfigError(file: file, line: line, reason: "keep_versions must be a whole number of at least 1, not \(shown)")
            }
            config.keepVersions = n
        }
        if let v = table["library"] {
            let line = text.components(separatedBy: "\n").firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("library") }.map { $0 + 1 }
            guard let s = v.string, !s.isEmpty else {
                throw ConfigError(file: file, line: line, reason: "library must be a string (a path or a postgres:// URL), not \(v.debugDescription)")
            }
            config.library = s
        }
        return config
    }
}

/// A config file that cannot be used: one sentence naming the file (and line).
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String
    public var description: String { file + (line.map { ":\($0)" } ?? "") + ": " + reason }
}
