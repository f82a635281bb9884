import Foundation
import Testing
@testable import DataCore

/// Helpers shared by the loader tests: temp files, gzip, parsing shortcuts.
enum Fixture {
    /// The repository's `sample-data` folder.
    static var sampleData: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sample-data").path
    }

    /// This run's folder for test files. Folders of earlier runs older than an hour are removed.
    static let runFolder: URL = {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("dataviewer-datacore-tests")
        let stale = Date().addingTimeInterval(-3600)
        for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] {
            let old = root.appendingPathComponent(name)
            if let made = (try? fm.attributesOfItem(atPath: old.path))?[.modificationDate] as? Date, made < stale {
                try? fm.removeItem(at: old)
            }
        }
        return root.appendingPathComponent("run-\(UUID().uuidString)")
    }()

    /// A fresh, empty folder for one test.
    static func tempFolder(_ label: String = "dir") -> String {
        let url = runFolder.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `bytes` to a new file named `name` in a fresh temporary folder and returns its path.
    @discardableResult
    static func write(_ bytes: [UInt8], name: String, in folder: String? = nil) -> String {
        let dir = folder ?? tempFolder(name)
        let path = (dir as NSString).appendingPathComponent(name)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    @discardableResult
    static func write(_ text: String, name: String, in folder: String? = nil) -> String {
        write(Array(text.utf8), name: name, in: folder)
    }

    /// Compresses with `/bin/gzip -c -n` (the real tool, so the bytes are what users have).
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        let input = write(bytes, name: "plain.csv")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/bin/gzip") ? "/bin/gzip" : "/usr/bin/gzip")
        p.arguments = ["-c", "-n", input]
        let pipe = Pipe()
        p.standardOutput = pipe
        try! p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return Array(data)
    }

    static func gzip(_ text: String) -> [UInt8] { gzip(Array(text.utf8)) }
}

/// Parses text as a file called `name` and finishes the store (sorted times, sorted series).
func parsed(_ text: String, name: String = "test.csv", tab: Bool = false) throws(LoadError) -> MeasurementStore {
    try parsed(Array(text.utf8), name: name, tab: tab)
}

func parsed(_ bytes: [UInt8], name: String = "test.csv", tab: Bool = false) throws(LoadError) -> MeasurementStore {
    var s = try CSVLoader.parse(bytes, fileName: name, tabHint: tab)
    s.finish()
    return s
}

/// The `LoadError` thrown by `body`, or nil when it did not throw.
func loadError<T>(_ body: () throws(LoadError) -> T) -> LoadError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// Epoch milliseconds of a `YYYY-MM-DDTHH:MM:SS` UTC wall-clock time, computed independently of the loader.
func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0, ms: Int = 0) -> Int64 {
    var c = DateComponents()
    (c.year, c.month, c.day, c.hour, c.minute, c.second) = (y, mo, d, h, mi, s)
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "UTC")!
    let date = cal.date(from: c)!
    return Int64((date.timeIntervalSince1970 * 1000).rounded()) + Int64(ms)
}

extension MeasurementStore {
    var seriesIDs: [String] { series.map(\.id) }
    func info(_ id: String) -> SeriesInfo? { index(ofSeries: id).map { series[$0] } }
}
