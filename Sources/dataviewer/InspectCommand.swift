import ArgumentParser
import DataCore
import Foundation

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
        let library = try lib.open()
        let key = StartView.dataKey(DataLoading.paths(options.data))
        let (loadOptions, changed) = LoadMemory.effective(options.load, library, owner: lib.owner, dataKey: key)
        let store: MeasurementStore
        do { store = try DataLoading.load(options.data, options: loadOptions, progress: false) } catch { throw ExitCode(1) }
        if changed { LoadMemory.remember(loadOptions, library, owner: lib.owner, dataKey: key) }
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

/// The loader's decisions as text, for `inspect` and the first-open notice.
enum Understanding {
    struct Document: Encodable {
        var files: [FileUnderstanding]
        var series: Int
        var measurements: Int
        var probableMissingMarkers: [MissingMarker]
        var skipped: [String]
    }

    static func text(_ store: MeasurementStore) -> [String] {
        var out: [String] = []
        for u in store.understanding {
            out.append(u.file)
            out += u.lines.map { "  " + $0 }
        }
        out += summary(store)
        return out
    }

    private static func summary(_ store: MeasurementStore) -> [String] {
        var out = ["\(store.series.count) series, \(store.measurementCount) measurements"]
        for m in store.probableMissingMarkers().prefix(6) {
            out.append("probable missing marker: \(m.description); --na \(MissingMarker.text(m.value)) reads it as missing")
        }
        for i in store.report.issues.prefix(5) { out.append("skipped: \(i.description)") }
        return out
    }

    /// Shorter: files read alike are told once.
    static func notice(_ store: MeasurementStore) -> [String] {
        var out: [String] = []
        var shown: [[String]] = []
        var alike = 0
        for u in store.understanding {
            let lines = u.lines.filter { !$0.hasPrefix("rows:") && !$0.hasPrefix("station \"") }
            if shown.contains(lines) { alike += 1; continue }
            shown.append(lines)
            if shown.count > 3 { alike += 1; continue }
            out.append(u.file)
            out += u.lines.map { "  " + $0 }
        }
        if alike > 0 { out.append("… and \(alike) more file\(alike == 1 ? "" : "s") read alike") }
        out += summary(store)
        out.append("`dataviewer inspect` shows this again; --time, --station, --tz, --na, --delimiter, --decimal, --skip override it")
        return out
    }
}
