/// Everything that can go wrong with the library, each as a sentence a person understands.
public enum LibraryError: Error, Equatable, CustomStringConvertible {
    case notALibrary(path: String)
    case newerSchema(path: String)
    case readOnly(path: String)
    case cannotOpen(path: String, reason: String)
    case busy(path: String)
    case sessionExists(name: String)
    case noSuchSession(name: String)
    case invalidName(name: String, reason: String)
    case badSettings(name: String, reason: String)
    case noSuchVersion(name: String, number: Int, kept: ClosedRange<Int>)
    case database(String)
    // A team library (PostgreSQL): `library` is its URL without credentials.
    case malformedURL(text: String, reason: String)
    case unreachable(library: String, reason: String)
    case wrongPassword(library: String, user: String)
    case noPassword(library: String, user: String)
    case noDatabase(library: String, database: String)
    case notInitialised(library: String)
    case newerTeamSchema(library: String)
    case olderTeamSchema(library: String)
    case noPermission(library: String, detail: String)
    case otherUser(login: String, given: String)
    case offline(library: String, what: String)

    public var description: String {
        switch self {
        case .notALibrary(let p):
            return "\(p) is not a dataviewer library (not an SQLite database); it was left untouched. Move it away or choose another with --library PATH"
        case .newerSchema(let p):
            return "\(p) was written by a newer dataviewer; update dataviewer to use it (the file was left untouched)"
        case .readOnly(let p):
            return "the library \(p) is read-only: nothing can be saved there (check the file's and folder's permissions)"
        case let .cannotOpen(p, reason):
            return "cannot open the library \(p): \(reason)"
        case .busy(let p):
            return "the library \(p) stayed busy (another dataviewer is writing); try again"
        case .sessionExists(let n):
            return "a session named \"\(n)\" already exists"
        case .noSuchSession(let n):
            return "there is no session named \"\(n)\""
        case let .invalidName(n, reason):
            return "\"\(n)\" cannot be a session name: \(reason)"
        case let .badSettings(n, reason):
            return "the settings of \"\(n)\" \(reason)"
        case let .noSuchVersion(n, number, kept):
            return "\"\(n)\" has no version \(number); " + (kept.lowerBound == kept.upperBound ? "it has only version \(kept.lowerBound)" : "its versions are \(kept.lowerBound) to \(kept.upperBound)")
        case .database(let m):
            return "library error: \(m)"
        case let .malformedURL(text, reason):
            return "\(text) is not a library URL (\(reason)); it should look like postgres://[user@]host[:port]/database[?sslmode=disable|require|verify-full]"
        case let .unreachable(library, reason):
            return "cannot reach the team library \(library): \(reason)"
        case let .wrongPassword(library, user):
            return "the team library \(library) refused the password of \(user) (set PGPASSWORD or a line in ~/.pgpass)"
        case let .noPassword(library, user):
            return "the team library \(library) wants a password for \(user): set PGPASSWORD or add a line to ~/.pgpass"
        case let .noDatabase(library, database):
            return "the team library \(library) has no database named \(database); check the URL or ask its administrator"
        case .notInitialised(let library):
            return "\(library) is not a dataviewer library yet; its administrator creates it with `dataviewer library init \(library)`"
        case .newerTeamSchema(let library):
            return "the team library \(library) was set up by a newer dataviewer; update dataviewer to use it (nothing was changed)"
        case .olderTeamSchema(let library):
            return "the team library \(library) needs upgrading; its administrator runs `dataviewer library init \(library)`"
        case let .noPermission(library, detail):
            return "no permission on the team library \(library) (\(detail)); ask its administrator to grant you its group role"
        case let .otherUser(login, given):
            return "--user \(given) cannot be used on a team library: there you are always your database login, \(login)"
        case let .offline(library, what):
            return "cannot \(what) while the team library \(library) is unreachable; nothing was changed, try again when it is back"
        }
    }
}
