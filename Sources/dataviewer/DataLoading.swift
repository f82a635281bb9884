import DataCore
import Foundation

/// Finds the bundled sample data and loads DATA arguments, turning load errors into one sentence.
enum DataLoading {
    static func samplePaths() -> [String] {
        let env = ProcessInfo.processInfo.environment
        if let p = env["DATAVIEWER_SAMPLE_DATA"], !p.isEmpty { return [p] }
        let fm = FileManager.default
        var candidates: [String] = []
        // Next to the executable when installed (…/bin/dataviewer → …/share/dataviewer/sample-data).
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../share/dataviewer/sample-data/city-air.csv.gz").path)
        // In a source checkout (swift run): the repository's sample-data folder.
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repo.appendingPathComponent("sample-data/city-air.csv.gz").path)
        return [candidates.first { fm.fileExists(atPath: $0) } ?? candidates.last!]
    }

    static func paths(_ args: [String]) -> [String] { args.isEmpty ? samplePaths() : args }

    /// Reads the data before anything else happens (`render`, `inspect`; the viewer reads in the background).
    static func load(_ args: [String], options: LoadOptions = LoadOptions()) throws -> MeasurementStore {
        do {
            return try CSVLoader.load(paths: paths(args), options: options)
        } catch {
            FileHandle.standardError.write(Data("dataviewer: \(error)\n".utf8))
            throw ExitCodeError.failure
        }
    }

    /// Skipped rows, for stderr: the count, then the first few with file:line, column and reason.
    static func reportLines(_ r: LoadReport, limit: Int = 5) -> [String] {
        var out: [String] = []
        if r.rowsWithExtraFields + r.rowsWithMissingFields > 0 {
            var parts: [String] = []
            if r.rowsWithExtraFields > 0 { parts.append("\(r.rowsWithExtraFields) with more fields than the header (extra fields ignored)") }
            if r.rowsWithMissingFields > 0 { parts.append("\(r.rowsWithMissingFields) with fewer (read as missing)") }
            out.append("rows: " + parts.joined(separator: ", ") + (r.firstRaggedLine.map { ", first on line \($0)" } ?? ""))
        }
        guard let summary = r.summary else { return out }
        return out + [summary + ":"] + r.issues.prefix(limit).map { "  " + $0.description }
            + (r.skippedTotal > limit ? ["  …"] : [])
    }
}

enum ExitCodeError: Error { case failure }
