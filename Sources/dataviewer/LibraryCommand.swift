import ArgumentParser
import Foundation
import SessionLibrary
import UserConfig

/// `dataviewer library init [PATH] [--keep-versions N]`: creates the library (or updates its settings).
struct LibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "library", abstract: "Create a session library and set its options.",
                                                    subcommands: [Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the library (or update an existing one's settings).")
        @Argument(help: "The library file (default: --library, $DATAVIEWER_LIBRARY or ~/.local/share/dataviewer/library.sqlite).")
        var path: String?
        @Option(help: ArgumentHelp("How many versions each session keeps (default 100).", valueName: "N"))
        var keepVersions: String?
        @OptionGroup var lib: LibraryOptions

        func run() throws {
            let file = path ?? lib.libraryPath
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
