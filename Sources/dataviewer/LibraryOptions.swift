import ArgumentParser
import DataCore
import Foundation
import SessionLibrary
import TeamLibrary
import UserConfig

/// `--library` and `--user`, shared by every command that touches the session library.
struct LibraryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The session library: a SQLite file or postgres://[user@]host[:port]/db (default: $DATAVIEWER_LIBRARY, `library` in ~/.config/dataviewer/config.toml, or ~/.local/share/dataviewer/library.sqlite).", valueName: "path|url"))
    var library: String?

    @Option(help: ArgumentHelp("Whose sessions to use (default: the login name; on a team library always the database login).", valueName: "name"))
    var user: String?

    var loginName: String {
        let env = ProcessInfo.processInfo.environment
        if let u = env["USER"] ?? env["LOGNAME"], !u.isEmpty { return u }
        if let pw = getpwuid(getuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return "user\(getuid())"
    }

    /// `--library`, else `DATAVIEWER_LIBRARY`, else `library = "…"` in config.toml, else the default file.
    var libraryLocation: String {
        let env = ProcessInfo.processInfo.environment
        if let p = library, !p.isEmpty { return p }
        if let p = env["DATAVIEWER_LIBRARY"], !p.isEmpty { return p }
        if let p = Self.configuredLibrary(env) { return p }
        return Library.resolvePath(explicit: nil, environment: env)
    }

    static func configuredLibrary(_ env: [String: String]) -> String? {
        do { return try UserConfig.load(environment: env).library } catch { fail(error.description) }
    }

    /// The library a start uses: a team link names its own; otherwise the configured one.
    /// `offlineStart` (the viewer): a team library whose server cannot be reached opens on its local journal.
    func open(link: String? = nil, offlineStart: Bool = false) -> OpenLibrary {
        let env = ProcessInfo.processInfo.environment
        let backend: any LibraryBackend
        do {
            if let link, case let .team(host, port, database, _)? = ShareLink.target(of: link) {
                let address = try TeamAddress.forLink(host: host, port: port, database: database, environment: env)
                do { backend = try TeamLibrary(address) }
                catch { fail("this link's library cannot be used: \(error.description)") }
            } else {
                let location = libraryLocation
                if TeamAddress.isURL(location) {
                    backend = try TeamLibrary(TeamAddress.parse(location, environment: env), offlineStart: offlineStart)
                } else {
                    let file = try Library(path: location)
                    ConfiguredKeepVersions.apply(to: file)
                    backend = file
                }
            }
        } catch { fail(error.description) }
        if let login = backend.login {
            if let u = user, !u.isEmpty, u != login { fail(LibraryError.otherUser(login: login, given: u).description) }
            return OpenLibrary(backend: backend, owner: login)
        }
        if let u = user, !u.isEmpty { return OpenLibrary(backend: backend, owner: u) }
        return OpenLibrary(backend: backend, owner: loginName)
    }
}

/// An open library and whose sessions are used in it.
struct OpenLibrary {
    let backend: any LibraryBackend
    let owner: String

    /// The user's session of that name, or a sentence and exit 1.
    func existing(_ name: String) -> SessionRecord {
        do {
            if let r = try backend.session(owner: owner, name: name) { return r }
            fail(LibraryError.noSuchSession(name: name).description)
        } catch { fail(error.description) }
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
