import ArgumentParser
import Foundation
import SessionLibrary
import TeamLibrary
import UserConfig

/// `dataviewer library init [PATH|URL] [--keep-versions N] [--group ROLE]`: creates a SQLite library (or
/// updates its settings), or sets up a team library on PostgreSQL (run once by whoever administers it).
struct LibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "library", abstract: "Create a session library (SQLite or a team library on PostgreSQL) and set its options.",
                                                    subcommands: [Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the library (or update an existing one's settings); on PostgreSQL, its schema, row-level security and the group role its users are granted.")
        @Argument(help: ArgumentHelp("The library file or postgres://[user@]host[:port]/database[?sslmode=disable|require|verify-full] (default: --library, $DATAVIEWER_LIBRARY, config.toml or ~/.local/share/dataviewer/library.sqlite).", valueName: "path|url"))
        var path: String?
        @Option(help: ArgumentHelp("How many versions each session keeps (default 100).", valueName: "N"))
        var keepVersions: String?
        @Option(help: ArgumentHelp("On a team library: the role team members are granted (created when missing; default \(TeamSchema.defaultGroup)).", valueName: "role"))
        var group: String?
        @OptionGroup var lib: LibraryOptions

        func run() throws {
            let location = path ?? lib.libraryLocation
            if TeamAddress.isURL(location) { initTeam(location) } else { initFile(location) }
        }

        func initTeam(_ url: String) {
            let group = group ?? TeamSchema.defaultGroup
            let address: TeamAddress
            let applied: [Int]
            do { address = try TeamAddress.parse(url, environment: ProcessInfo.processInfo.environment) } catch { fail(error.description) }
            let keep = keepVersions.map { k -> Int in
                guard let n = Int(k), n >= 1 else { fail("--keep-versions needs a whole number of at least 1, not \"\(k)\"") }
                return n
            }
            do { applied = try TeamLibrary.initialise(address, group: group, keepVersions: keep) } catch { fail(error.description) }
            let versions = keep.map { "; each session keeps its last \($0) versions" } ?? ""
            if applied.isEmpty {
                print("\(address.display) is up to date (schema version \(TeamSchema.latest)); \(group) may use it" + versions)
            } else {
                print("\(address.display) is ready (schema version \(TeamSchema.latest)); give people access with: GRANT \(group) TO <login>;" + versions)
            }
        }

        func initFile(_ file: String) {
            if group != nil { fail("--group is for a team library (postgres://…); \(file) is a SQLite file, whose users need no role") }
            let existed = FileManager.default.fileExists(atPath: file)
            let library: Library
            do { library = try Library(path: file) } catch { fail(error.description) }
            if let keepVersions {
                guard let n = Int(keepVersions), n >= 1 else { fail("--keep-versions needs a whole number of at least 1, not \"\(keepVersions)\"") }
                do { try library.setKeepVersions(n) } catch { fail(error.description) }
            } else {
                ConfiguredKeepVersions.apply(to: library)
            }
            let keep = (try? library.keepVersions()) ?? Library.defaultKeepVersions
            var note = ""
            if keepVersions != nil, let configured = ConfiguredKeepVersions.value(), configured != keep {
                note = " (until the next command: keep_versions = \(configured) in \(UserConfig.path(environment: ProcessInfo.processInfo.environment)) applies then)"
            }
            print((existed ? "library \(file) is ready" : "created the library \(file)") + "; each session keeps its last \(keep) versions" + note)
        }
    }
}
