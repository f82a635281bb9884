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
        }
    }
}
