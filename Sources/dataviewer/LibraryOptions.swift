import ArgumentParser
import DataCore
import Foundation
import SessionLibrary

/// `--library` and `--user`, shared by every command that touches the session library.
struct LibraryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The session library (default: $DATAVIEWER_LIBRARY or ~/.local/share/dataviewer/library.sqlite).", valueName: "path"))
    var library: String?

    @Option(help: ArgumentHelp("Whose sessions to use (default: the login name).", valueName: "name"))
    var user: String?

    var owner: String {
        if let u = user, !u.isEmpty { return u }
        let env = ProcessInfo.processInfo.environment
        if let u = env["USER"] ?? env["LOGNAME"], !u.isEmpty { return u }
        if let pw = getpwuid(getuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return "user\(getuid())"
    }

    var libraryPath: String {
        Library.resolvePath(explicit: library, environment: ProcessInfo.processInfo.environment)
    }

    /// The user's session of that name, or a sentence and exit 1.
    func existing(_ name: String, in library: Library) -> SessionRecord {
        do {
            if let r = try library.session(owner: owner, name: name) { return r }
            fail(LibraryError.noSuchSession(name: name).description)
        } catch { fail(error.description) }
    }

    func open() throws -> Library {
        let library: Library
        do { library = try Library(path: libraryPath) } catch { fail(error.description) }
        ConfiguredKeepVersions.apply(to: library)
        return library
    }
}

/// Prints `dataviewer: MESSAGE` on stderr and exits with `code`.
func fail(_ message: String, code: Int32 = 1) -> Never {
    // Names and paths in the sentence come from users: nothing in them may write to the terminal.
    let safe = message.split(separator: "\n", omittingEmptySubsequences: false)
        .map { TextSafety.printable(String($0)) }.joined(separator: "\n")
    FileHandle.standardError.write(Data("dataviewer: \(safe)\n".utf8))
    exit(code)
}
