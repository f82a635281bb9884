import Foundation
import Testing
@testable import DataCore

/// DuckDB from the gitignored `.bench-venv` (scripts/deps sets it up), or `DATAVIEWER_DUCKDB_PYTHON`.
enum DuckDB {
    static let python: String? = {
        let env = ProcessInfo.processInfo.environment["DATAVIEWER_DUCKDB_PYTHON"]
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let venv = repo.appendingPathComponent(".bench-venv/bin/python").path
        for p in [env, venv].compactMap({ $0 }) where FileManager.default.isExecutableFile(atPath: p) {
            if (try? run(p, ["-c", "import duckdb"])) != nil { return p }
        }
        return nil
    }()

    static var available: Bool { python != nil }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("duckdb_values.py").path

    static func run(_ exe: String, _ args: [String]) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "duckdb", code: Int(p.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)])
        }
        return data
    }

    /// Sorted values per column (wide) or per key (long), as DuckDB's read_csv reads them.
    static func values(_ path: String, _ shape: Shape) throws -> [String: [Double]] {
        var args = [script, path, shape.duckdb]
        if let v = shape.longValue { args += ["long", v] + shape.longKey } else { args += ["wide"] + shape.columns.map(\.column) }
        let data = try run(python!, args)
        return try JSONDecoder().decode([String: [Double]].self, from: data)
    }
}

@Suite("Real files: values equal DuckDB's read_csv", .enabled(if: DuckDB.available, "DuckDB (Python) is not installed; scripts/deps sets it up"),
       .timeLimit(.minutes(2)))
struct DuckDBReferenceTests {
    @Test(arguments: Shapes.all.map(\.name))
    func valuesEqualDuckDB(_ name: String) throws {
        let shape = try #require(Shapes.all.first { $0.name == name })
        let path = Fixture.write(shape.text, name: shape.name)
        let ours = try CSVLoader.load(paths: [path])
        let theirs = try DuckDB.values(path, shape)
        if shape.longValue != nil {
            #expect(!theirs.isEmpty)
            for (key, values) in theirs {
                var parts = key.components(separatedBy: " · ")
                parts[parts.count - 1] = KnownFormat.usualName(parts[parts.count - 1])
                let id = parts.joined(separator: " · ")
                let column = try #require(ours.column(id), "no series \(id)")
                #expect(column.values.sorted() == values, "\(id)")
            }
            #expect(ours.series.count == theirs.count)
        } else {
            for (col, series) in shape.columns {
                let column = try #require(ours.column(series), "no series \(series)")
                #expect(column.values.sorted() == theirs[col], "\(shape.name): \(col)")
                #expect(theirs[col]?.isEmpty == false)
            }
        }
    }
}
