import DataCore

/// The history of one session in the sessions dialog: its versions, newest first, and when asked,
/// the diff of one of them against the current version.
public struct HistoryDialog: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var version: SessionVersion
        public var summary: String
        public init(version: SessionVersion, summary: String) {
            self.version = version
            self.summary = summary
        }
        /// `version 3 · 2026-12-01 15:03 CET · alice · +1 series`, the time in the display zone.
        public func line(in zone: ZoneTable) -> String {
            "version \(version.number) · \(TimeFormat.zoned(version.at, in: zone)) · \(version.author) · \(summary)"
        }
    }

    public struct DiffPane: Equatable, Sendable {
        public var title: String
        public var lines: [String]
        public var scroll = 0
    }

    public var name: String
    /// Newest first: row 0 is the current version.
    public var rows: [Row] = []
    public var cursor = 0
    public var loading = true
    public var diff: DiffPane?

    public init(name: String) { self.name = name }

    public var current: Row? { rows.indices.contains(cursor) ? rows[cursor] : nil }

    /// Rows from the library's versions (oldest first, as the library gives them).
    public static func rows(_ versions: [SessionVersion]) -> [Row] {
        zip(versions, VersionHistory.summaries(versions)).map { Row(version: $0, summary: $1) }.reversed()
    }

    /// The chosen version against the current one; the current one against the one before it.
    public func diffPane(for row: Row) -> DiffPane? {
        guard let newest = rows.first else { return nil }
        let older: Row
        if row.version.number == newest.version.number {
            guard rows.count > 1 else { return DiffPane(title: "\(name): version \(row.version.number)", lines: ["the first version: nothing to compare it with"]) }
            older = rows[1]
        } else {
            older = row
        }
        let diff = SettingsDiff(from: older.version.settings, to: newest.version.settings)
        return DiffPane(title: "\(name): version \(older.version.number) → current version \(newest.version.number)", lines: diff.lines)
    }
}

public enum HistoryAction: Equatable, Sendable {
    /// Opens the history of the sessions dialog's current row.
    case open
    case listed(name: String, versions: [SessionVersion])
    case move(by: Int)
    case showDiff
    case scrollDiff(by: Int)
    /// Asks whether to restore the selected version.
    case restore
    /// Back from the diff to the list, or from the list to the sessions dialog.
    case back
    case restored(name: String, version: Int, as: Int)
    /// What changed in the data since the loaded session was saved: the load message says it
    /// (missing series included, so it replaces the plain "loaded" message).
    case dataSinceSaved(name: String, text: String)
    /// The open session's current version in the library is not the one this view was saved or
    /// loaded as: restored here (`here`) or saved/restored by another process.
    case changedInLibrary(name: String, current: SessionVersion, here: Bool)
}

/// Library work the history asks for; results come back as `HistoryAction`s.
public enum HistoryEffect: Equatable, Sendable {
    case list(name: String)
    case restore(name: String, version: Int)
}
