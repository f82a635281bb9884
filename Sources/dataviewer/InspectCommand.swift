import ArgumentParser
import DataCore
import Foundation
import ViewCore

/// `dataviewer inspect DATA… [--json]`: how the data is understood, as the loader decided it.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Say how the data is understood: delimiter, header, time and zone, stations, measurements.")

    @OptionGroup var options: DataOptions
    @OptionGroup var lib: LibraryOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let open = lib.open()
        let library = open.backend
        let key = StartView.dataKey(DataLoading.paths(options.data))
        let (loadOptions, changed) = LoadMemory.effective(options.load, library, owner: open.owner, dataKey: key)
        let store: MeasurementStore
        do { store = try DataLoading.load(options.data, options: loadOptions) } catch { throw ExitCode(1) }
        if changed { LoadMemory.remember(loadOptions, library, owner: open.owner, dataKey: key) }
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let doc = Understanding.Document(files: store.understanding, series: store.series.count,
                                             measurements: store.measurementCount, probableMissingMarkers: store.probableMissingMarkers(),
                                             skipped: store.report.issues.map(\.description))
            print(String(decoding: try enc.encode(doc), as: UTF8.self))
        } else {
            print(Understanding.text(store).joined(separator: "\n"))
        }
    }
}
