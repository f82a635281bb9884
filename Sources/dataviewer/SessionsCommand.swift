import ArgumentParser
import DataCore
import Foundation
import LibraryViews
import SessionLibrary
import ViewCore

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List, show, delete, export and import saved sessions.",
        subcommands: [List.self, Show.self, Delete.self, Rename.self, Export.self, Import.self, Share.self, Unshare.self, NewLink.self,
                      History.self, Diff.self, Restore.self])

    static func json(_ r: SessionRecord, settings: Bool) -> [String: Any] {
        var d: [String: Any] = [
            "name": r.name, "owner": r.owner, "shareable": r.shareable,
            "createdAt": iso(r.createdAt), "updatedAt": iso(r.updatedAt),
        ]
        d["link"] = r.link ?? NSNull()
        if settings, let obj = try? JSONSerialization.jsonObject(with: Data(currentDocument(r.settings).utf8)) { d["settings"] = obj }
        return d
    }

    /// A stored document in the current version (older ones are migrated); one that cannot be read, as stored.
    static func currentDocument(_ stored: String) -> String {
        (try? SettingsDocument.decode(stored)).map(SettingsDocument.encode) ?? stored
    }

    static func iso(_ ms: Int64) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    /// A time for people: in the viewer's own zone (`TZ`, else /etc/localtime), with its
    /// abbreviation. JSON keeps `iso` (UTC), which scripts can rely on.
    static func shown(_ ms: Int64) -> String {
        TimeFormat.zoned(ms, in: localZone)
    }

    static let localZone: ZoneTable = ZoneTable.named(LocalZone.resolve().identifier) ?? .utc

    static func printJSON(_ v: Any) {
        let data = try! JSONSerialization.data(withJSONObject: v, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List your sessions, newest first.")
        @OptionGroup var lib: LibraryOptions
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let open = lib.open()
            let rows: [SessionRecord]
            do { rows = try open.backend.list(owner: open.owner) } catch { fail(error.description) }
            if json { SessionsCommand.printJSON(rows.map { SessionsCommand.json($0, settings: false) }); return }
            if rows.isEmpty { print("no sessions for \(TextSafety.printable(open.owner)) in \(open.backend.location)"); return }
            let w = min(40, rows.map { $0.name.count }.max() ?? 4)
            for r in rows {
                let name = TextSafety.printable(r.name)
                print(name.padding(toLength: max(w, name.count), withPad: " ", startingAt: 0) + "  "
                      + (r.shareable ? "shared " : "       ") + " " + SessionsCommand.shown(r.updatedAt))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one session.")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Session name.") var name: String
        @Flag(help: "JSON output, with the settings.") var json = false

        func run() throws {
            let open = lib.open()
            let library = open.backend
            let r = open.existing(name)
            // A library without versions (a team library) shows the session without them.
            let versions = (try? library.versions(owner: open.owner, name: name)) ?? []
            if json {
                var d = SessionsCommand.json(r, settings: true)
                d["version"] = versions.last?.number ?? NSNull()
                d["dataSinceSaved"] = DataSinceSavedReport.line(try library.watermark(owner: open.owner, name: name)) ?? NSNull()
                SessionsCommand.printJSON(d)
                return
            }
            let s = try? SettingsDocument.decode(r.settings)
            print("name:       \(TextSafety.printable(r.name))")
            print("owner:      \(TextSafety.printable(r.owner))")
            print("shareable:  \(r.shareable ? "yes, " + (r.link ?? "") : "no")")
            print("created:    \(SessionsCommand.shown(r.createdAt))")
            print("updated:    \(SessionsCommand.shown(r.updatedAt))")
            if let s {
                print("series:     \(s.series.selected.map(TextSafety.printable).joined(separator: ", "))")
                print("plot:       \(s.plot.style.rawValue), \(s.plot.bucket.rawValue) \(s.plot.reduce.rawValue)")
                print("thresholds: \(s.thresholds.count), dashboard panels: \(s.dashboard.count)")
            }
            if let v = versions.last { print("version:    \(v.number) (\(versions.count) kept; `sessions history` lists them)") }
            if let line = DataSinceSavedReport.line(try library.watermark(owner: open.owner, name: name)) {
                print("data:       \(TextSafety.printable(line))")
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete one of your sessions.")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Session name.") var name: String
        @Flag(help: "Do not ask.") var yes = false

        func run() throws {
            let open = lib.open()
            _ = open.existing(name)
            if !yes {
                guard isatty(STDIN_FILENO) != 0 else { fail("not deleting \"\(TextSafety.printable(name))\" without --yes (no terminal to ask)", code: 2) }
                FileHandle.standardError.write(Data("Delete session \"\(TextSafety.printable(name))\"? [y/N] ".utf8))
                guard let answer = readLine(), answer.lowercased().hasPrefix("y") else { print("not deleted"); return }
            }
            do { try open.backend.delete(owner: open.owner, name: name) } catch { fail(error.description) }
            print("deleted \"\(TextSafety.printable(name))\"")
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename one of your sessions.")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Current name.") var name: String
        @Argument(help: "New name.") var newName: String

        func run() throws {
            let open = lib.open()
            do { _ = try open.backend.rename(owner: open.owner, from: name, to: newName) } catch { fail(error.description) }
            print("renamed to \"\(TextSafety.printable(newName))\"")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a session's settings document (JSON).")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Session name.") var name: String

        func run() throws {
            let r = lib.open().existing(name)
            // Always the current version: a session saved by an older dataviewer is migrated first.
            let doc: String
            do { doc = SettingsDocument.encode(try SettingsDocument.decode(r.settings)) }
            catch { fail(LibraryError.badSettings(name: r.name, reason: error.description).description) }
            SessionsCommand.printJSON(try JSONSerialization.jsonObject(with: Data(doc.utf8)))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Save a settings document (JSON) as a session.")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "The JSON file, or - for standard input.") var file: String
        @Option(help: "Session name (default: the file's name without extension).") var name: String?
        @Flag(help: "Replace a session of the same name.") var force = false

        func run() throws {
            let text: String
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard FileManager.default.fileExists(atPath: file) else { fail("\(file): no such file") }
                guard let data = FileManager.default.contents(atPath: file) else { fail("\(file): cannot be read") }
                guard let t = String(data: data, encoding: .utf8) else { fail("\(file): is not UTF-8 text") }
                text = t
            }
            let sessionName = name ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let open = lib.open()
            do {
                try open.backend.importDocument(owner: open.owner, name: sessionName, json: text, overwrite: force)
            } catch let e {
                if case .sessionExists = e { fail(e.description + "; use --force to replace it or --name to pick another") }
                if case .badSettings(_, let reason) = e { fail("\(file): \(reason)") }
                fail(e.description)
            }
            print("imported \"\(TextSafety.printable(sessionName))\"")
        }
    }
}

extension SessionsCommand {
    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a session shareable and print its link.")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Session name.") var name: String

        func run() throws {
            let open = lib.open()
            do { print(try open.backend.setShareable(owner: open.owner, name: name, true).link ?? "") }
            catch { fail(error.description) }
        }
    }

    struct Unshare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop sharing a session: its link stops working at once.")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Session name.") var name: String

        func run() throws {
            let open = lib.open()
            do { try open.backend.setShareable(owner: open.owner, name: name, false) }
            catch { fail(error.description) }
            print("\"\(TextSafety.printable(name))\" is no longer shared")
        }
    }

    struct NewLink: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new-link", abstract: "Replace a session's link for good and print the new one.")
        @OptionGroup var lib: LibraryOptions
        @Argument(help: "Session name.") var name: String

        func run() throws {
            let open = lib.open()
            do { print(try open.backend.newLink(owner: open.owner, name: name).link ?? "") }
            catch { fail(error.description) }
        }
    }
}
