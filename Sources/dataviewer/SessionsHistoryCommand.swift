import ArgumentParser
import DataCore
import Foundation
import LibraryViews
import SessionLibrary
import ViewCore

/// `sessions history`, `sessions diff` and `sessions restore`: a session's kept versions.
extension SessionsCommand {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a session's versions, newest first, each with what changed.")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Session name.") var name: String
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let versions = lib.open().versions(of: name)
            let summaries = VersionHistory.summaries(versions)
            let rows = Array(zip(versions, summaries).reversed())
            if json {
                SessionsCommand.printJSON(rows.map { v, summary in
                    ["version": v.number, "time": SessionsCommand.iso(v.at), "author": v.author, "event": v.event.kind,
                     "name": v.name, "shareable": v.shareable, "summary": summary] as [String: Any]
                })
                return
            }
            let authorW = max(6, rows.map { TextSafety.printable($0.0.author).count }.max() ?? 0)
            print("version  time                   " + "author".padding(toLength: authorW, withPad: " ", startingAt: 0) + "  summary")
            for (v, summary) in rows {
                let n = String(v.number)
                print(String(repeating: " ", count: max(0, 7 - n.count)) + n + "  " + SessionsCommand.shown(v.at).padding(toLength: 21, withPad: " ", startingAt: 0)
                      + "  " + TextSafety.printable(v.author).padding(toLength: authorW, withPad: " ", startingAt: 0) + "  " + TextSafety.printable(summary))
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed between two versions, part by part (default: the previous version against the current one).")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Session name.") var name: String
        // Taken whole, so that "-2" reaches the version check instead of reading as an unknown option.
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("V1 [V2]: the older version (default: the one before the current) and the newer (default: the current one).", valueName: "version"))
        var numbers: [String] = []
        @Flag(help: "JSON output: the changes as a list.") var json = false

        var from: String? { numbers.first }
        var to: String? { numbers.count > 1 ? numbers[1] : nil }

        func run() throws {
            if numbers.count > 2 { fail("sessions diff compares two versions; \(numbers.count) were given (\(numbers.joined(separator: " ")))") }
            let versions = lib.open().versions(of: name)
            guard let current = versions.last else { fail("\"\(name)\" has no versions") }
            let b = try to.map { try pick($0, versions) } ?? current
            let a: SessionVersion
            if let from { a = try pick(from, versions) }
            else if versions.count >= 2 { a = versions[versions.count - 2] }
            else { fail("\"\(name)\" has only one version (\(current.number)); there is nothing to compare it with") }
            let diff = SettingsDiff(from: a.settings, to: b.settings)
            if json {
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                struct Out: Encodable { var name: String; var from: Int; var to: Int; var changes: [SettingsDiff.Change] }
                print(String(decoding: try enc.encode(Out(name: name, from: a.number, to: b.number, changes: diff.changes)), as: UTF8.self))
                return
            }
            print("\"\(TextSafety.printable(name))\": version \(a.number) (\(SessionsCommand.shown(a.at))) → version \(b.number) (\(SessionsCommand.shown(b.at)))")
            for line in diff.lines { print(TextSafety.printable(line)) }
        }

        func pick(_ text: String, _ versions: [SessionVersion]) throws -> SessionVersion {
            let n = VersionNumber.parse(text)
            guard let v = versions.first(where: { $0.number == n }) else {
                let kept = (versions.first?.number ?? 0)...(versions.last?.number ?? 0)
                fail(LibraryError.noSuchVersion(name: name, number: n, kept: kept).description)
            }
            return v
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an earlier version current, as a new version (nothing is lost).")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Session name.") var name: String
        @Option(parsing: .unconditional, help: ArgumentHelp("The version to restore.", valueName: "N")) var version: String

        func run() throws {
            let n = VersionNumber.parse(version)
            do {
                let open = lib.open()
                let v = try open.backend.restore(owner: open.owner, name: name, version: n)
                print("restored version \(n) of \"\(TextSafety.printable(name))\" as version \(v.number)")
            } catch { fail(error.description) }
        }
    }
}

/// A version number typed by a person: a positive whole number, or one sentence and exit 1.
enum VersionNumber {
    static func parse(_ text: String) -> Int {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1 else {
            fail("\"\(text)\" is not a version number; versions are numbered 1, 2, 3… (see `dataviewer sessions history NAME`)")
        }
        return n
    }
}

extension OpenLibrary {
    /// The versions of the user's session, or a sentence and exit 1.
    func versions(of name: String) -> [SessionVersion] {
        do { return try backend.versions(owner: owner, name: name) } catch { fail(error.description) }
    }
}

/// What `sessions show` says about the data since the session was saved: the files are read again.
enum DataSinceSavedReport {
    static func line(_ w: DataWatermark?) -> String? {
        guard let w else { return nil }
        let missing = w.sources.filter { !FileManager.default.fileExists(atPath: $0) }
        if !missing.isEmpty { return "saved against \(missing.joined(separator: ", ")), which is not there now" }
        guard let store = try? CSVLoader.load(paths: w.sources) else { return "the data it was saved against cannot be read now" }
        return DataSinceSaved(saved: w, now: DataWatermark(selected: w.marks.map(\.id), store: store, sources: w.sources)).message(in: SessionsCommand.localZone)
    }
}
