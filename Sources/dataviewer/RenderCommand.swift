import ArgumentParser
import DataCore
import Foundation
import Rendering
import SessionLibrary
import ViewCore

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the view once as plain text, without a terminal.")

    @OptionGroup var options: DataOptions
    @OptionGroup var lib: LibraryOptions

    @Option(help: ArgumentHelp("Draw this saved session's view.", valueName: "name"))
    var session: String?

    @Flag(help: "Draw the default view instead of the autosaved one.")
    var fresh = false

    @Option(help: "Width x height in cells, e.g. 120x40.")
    var size: String = "120x40"

    @Flag(help: "ASCII stand-ins instead of ☰, braille and box drawing.")
    var ascii = false

    func validate() throws {
        guard parseSize(size) != nil else {
            throw ValidationError("--size must look like 120x40 (width 40–1000, height 12–500), not \"\(size)\"")
        }
    }

    private func parseSize(_ s: String) -> (Int, Int)? {
        let parts = s.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
              (40...1000).contains(w), (12...500).contains(h) else { return nil }
        return (w, h)
    }

    func run() throws {
        let store: MeasurementStore
        do { store = try DataLoading.load(options.data) } catch { throw ExitCode(1) }
        for line in DataLoading.reportLines(store.report) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let (w, h) = parseSize(size)!
        let start = StartView.resolve(try lib.open(), owner: lib.owner, paths: DataLoading.paths(options.data), session: session, fresh: fresh)
        var state = AppState.opening(start, DataSummary(store), width: w, height: h)
        state.ui.unicode = !ascii
        print(ViewRenderer.render(state, store).text)
    }
}
