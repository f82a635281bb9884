import ArgumentParser
import DataCore
import Foundation
import LibraryViews
import Terminal
import ViewCore

struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "view", abstract: "Open the viewer (the default command).")

    @OptionGroup var options: DataOptions
    @OptionGroup var lib: LibraryOptions

    @Option(help: ArgumentHelp("Open with this saved session's settings.", valueName: "name"))
    var session: String?

    @Flag(help: "Start from the default view instead of the autosaved one.")
    var fresh = false

    func run() throws {
        try Self.launch(options: options, lib: lib, session: session, fresh: fresh)
    }

    /// Library and start view first (a bad library or link fails fast), then the data, then the terminal.
    static func launch(options: DataOptions, lib: LibraryOptions, session: String?, fresh: Bool) throws {
        // A shared link needs its server; the user's own library may be offline (the journal keeps the work).
        let open = lib.open(link: session, offlineStart: !(session.map(ShareLink.looksLikeLink) ?? false))
        let library = open.backend
        let paths = DataLoading.paths(options.data)
        var start = StartView.resolve(open, paths: paths, session: session, fresh: fresh)
        let key = StartView.dataKey(paths)
        let (loadOptions, changed) = LoadMemory.effective(options.load, library, owner: open.owner, dataKey: key)
        // A name that is not there fails before the screen opens; the data itself is read behind it.
        for p in paths where !FileManager.default.fileExists(atPath: p) {
            fail("\(TextSafety.printable(p)): no such file or folder")
        }
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            // Without a terminal, bad data still gets its own sentence first.
            do { _ = try DataLoading.load(options.data, options: loadOptions) } catch { throw ExitCode(1) }
            fail("needs a terminal; use `dataviewer render` for plain text", code: 2)
        }
        start.understandingNotice = LoadMemory.isFirstOpen(library, owner: open.owner, dataKey: key)
        // Only data that could be read is remembered: flags worth keeping, the notice as shown.
        let owner = open.owner, notice = start.understandingNotice
        let afterFirstRead: @Sendable () -> Void = {
            if changed { LoadMemory.remember(loadOptions, library, owner: owner, dataKey: key) }
            if notice { LoadMemory.markOpened(library, owner: owner, dataKey: key) }
        }
        let noColor = options.noColor || !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let program = Program(paths: paths, library: library, owner: open.owner, colorAllowed: !noColor, start: start,
                              theme: options.theme, loadOptions: loadOptions, afterFirstRead: afterFirstRead)
        let code = program.run()
        if code != 0 { throw ExitCode(code) }
    }
}
