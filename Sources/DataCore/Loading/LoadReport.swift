/// One row or value that could not be read.
public struct LoadIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String?
    public var reason: String

    public init(file: String, line: Int, column: String?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `air.csv:1042: column "value": "n/a" is not a number`
    public var description: String {
        if let column { return "\(file):\(line): column \"\(column)\": \(reason)" }
        return "\(file):\(line): \(reason)"
    }
}

/// What loading skipped: counts and the first few issues, kept short on purpose.
public struct LoadReport: Sendable, Equatable {
    public static let keptIssues = 20
    public var skippedRows = 0
    public var skippedValues = 0
    public var missingValues = 0
    /// Rows with more fields than the header (the extra ones ignored) or fewer (read as missing).
    public var rowsWithExtraFields = 0
    public var rowsWithMissingFields = 0
    public var firstRaggedLine: Int?
    public var issues: [LoadIssue] = []
    public var files: [String] = []

    public init() {}

    mutating func add(_ issue: LoadIssue, row: Bool) {
        if row { skippedRows += 1 } else { skippedValues += 1 }
        if issues.count < Self.keptIssues { issues.append(issue) }
    }

    mutating func merge(_ other: LoadReport) {
        skippedRows += other.skippedRows
        skippedValues += other.skippedValues
        missingValues += other.missingValues
        rowsWithExtraFields += other.rowsWithExtraFields
        rowsWithMissingFields += other.rowsWithMissingFields
        if firstRaggedLine == nil { firstRaggedLine = other.firstRaggedLine }
        files += other.files
        for i in other.issues where issues.count < Self.keptIssues { issues.append(i) }
    }

    /// Moves the line numbers of a part parsed on its own to where the part is in its file.
    mutating func shiftLines(by d: Int) {
        guard d != 0 else { return }
        for i in issues.indices { issues[i].line += d }
        firstRaggedLine = firstRaggedLine.map { $0 + d }
    }

    public var skippedTotal: Int { skippedRows + skippedValues }

    /// One sentence for the status line and stderr, or nil when nothing was skipped.
    public var summary: String? {
        guard skippedTotal > 0 else { return nil }
        var parts: [String] = []
        if skippedRows > 0 { parts.append("\(skippedRows) row\(skippedRows == 1 ? "" : "s")") }
        if skippedValues > 0 { parts.append("\(skippedValues) value\(skippedValues == 1 ? "" : "s")") }
        return "skipped " + parts.joined(separator: " and ") + " that could not be read"
    }
}

/// A file (or the whole input) that cannot be opened at all.
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String { "\(file): \(reason)" }
}
