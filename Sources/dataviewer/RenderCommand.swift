import ArgumentParser
import ChartExport
import DataCore
import Foundation
import Rendering
import LibraryViews
import SessionLibrary
import Themes
import ViewCore

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the view once, without a terminal: as plain text, or as a PNG, SVG or PDF chart.")

    @OptionGroup var options: DataOptions
    @OptionGroup var lib: LibraryOptions

    @Option(help: ArgumentHelp("Draw this saved session's view.", valueName: "name"))
    var session: String?

    @Flag(help: "Draw the default view instead of the autosaved one.")
    var fresh = false

    @Option(help: ArgumentHelp("text, png, svg or pdf (default: from the -o file's name, else text).", valueName: "format"))
    var format: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file (needed for png, svg, pdf).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Width x height: cells for text (default 120x40), pixels for pictures (default 1600x900).", valueName: "WxH"))
    var size: String?

    @Flag(help: "ASCII stand-ins instead of ☰, braille and box drawing (text only).")
    var ascii = false

    enum Kind: Equatable { case text, chart(ChartFormat) }

    /// The format asked for, or a sentence.
    func kind() -> Kind {
        if let f = format?.lowercased() {
            if f == "text" || f == "txt" { return .text }
            if let c = ChartFormat(rawValue: f) { return .chart(c) }
            fail("--format must be text, png, svg or pdf, not \"\(format!)\"")
        }
        if let o = output, let c = ChartExport.format(ofPath: o) { return .chart(c) }
        return .text
    }

    static func parseSize(_ s: String) -> (Int, Int)? {
        let parts = s.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else { return nil }
        return (w, h)
    }

    /// The size in cells or pixels, or a sentence naming the allowed range.
    func dimensions(_ kind: Kind) -> (Int, Int) {
        let (ws, hs, fallback, what) = kind == .text ? (40...1000, 12...500, (120, 40), "cells")
            : (ChartExport.widths, ChartExport.heights, (1600, 900), "pixels")
        guard let size else { return fallback }
        guard let (w, h) = Self.parseSize(size), ws.contains(w), hs.contains(h) else {
            fail("--size must look like \(fallback.0)x\(fallback.1): \(ws.lowerBound)–\(ws.upperBound) by \(hs.lowerBound)–\(hs.upperBound) \(what), not \"\(size)\"")
        }
        return (w, h)
    }

    func run() throws {
        let kind = kind()
        let (w, h) = dimensions(kind)
        if case .chart(let f) = kind, output == nil { fail("a \(f.rawValue) picture needs a file: add -o FILE.\(f.rawValue)") }
        if let output { try? Self.checkWritable(output) }
        let open = lib.open(link: session)
        let library = open.backend
        let key = StartView.dataKey(DataLoading.paths(options.data))
        let (loadOptions, changed) = LoadMemory.effective(options.load, library, owner: open.owner, dataKey: key)
        let theme: Theme?
        if case .chart = kind {
            let name = options.theme ?? (try? library.preference(owner: open.owner, key: "theme")) ?? "dark"
            do { theme = try ThemeLoader().load(name) } catch { fail(error.description) }
        } else { theme = nil }
        // The map layer as the viewer draws it, so that render shows what the viewer showed (the
        // user's `g` choice included): read beside the data, as the viewer reads it.
        let layerOn = (try? library.preference(owner: open.owner, key: "map_layer")) != "off"
        let pendingLayer = MapLayerLoading.Pending()
        if layerOn { pendingLayer.start(path: MapLayerLoading.path()) }
        let store: MeasurementStore
        do { store = try DataLoading.load(options.data, options: loadOptions) } catch { throw ExitCode(1) }
        if changed { LoadMemory.remember(loadOptions, library, owner: open.owner, dataKey: key) }
        for line in DataLoading.reportLines(store.report) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let start = StartView.resolve(open, paths: DataLoading.paths(options.data), session: session, fresh: fresh)
        let layer = layerOn ? (try? pendingLayer.wait()?.get()) ?? .empty : .empty
        switch kind {
        case .text:
            var state = AppState.opening(start, DataSummary(store), width: w, height: h)
            state.ui.unicode = !ascii
            state.ui.mapLayer = layerOn
            let text = ViewRenderer.render(state, store, layer: layer).text + "\n"
            guard let output else { print(text, terminator: ""); return }
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch { fail("cannot write \(output): \(error.localizedDescription)") }
        case .chart(let f):
            var state = AppState.opening(start, DataSummary(store), width: 160, height: 45)
            state.ui.mapLayer = layerOn
            do { try ChartExport.write(state, store, theme: theme!, format: f, width: w, height: h, to: output!, layer: layer) }
            catch { fail(error.description) }
        }
    }

    /// A file that cannot be written fails before the data is read, not after.
    static func checkWritable(_ path: String) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let dir = (path as NSString).deletingLastPathComponent
        if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { fail("cannot write \(path): it is a folder") }
        if !dir.isEmpty, !fm.fileExists(atPath: dir, isDirectory: &isDir) { fail("cannot write \(path): the folder \(dir) does not exist") }
        if !dir.isEmpty, !isDir.boolValue { fail("cannot write \(path): \(dir) is not a folder") }
        if access(dir.isEmpty ? "." : dir, W_OK) != 0 { fail("cannot write \(path): permission denied") }
    }
}
