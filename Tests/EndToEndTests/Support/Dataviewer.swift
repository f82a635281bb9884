import Foundation

/// Where the code under test lives: the repository and the built `dataviewer` executable.
enum Dataviewer {
    /// The repository root: the nearest folder above this file that holds `Package.swift`.
    static let repositoryRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        // Tests/EndToEndTests/Support/Dataviewer.swift → three folders up.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static func sampleData(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("sample-data").appendingPathComponent(name).path
    }

    /// The places the executable may be, best first.
    static var binaryCandidates: [String] {
        var dirs: [URL] = []
        // `swift test` runs `.build/<triple>/debug/dataviewerPackageTests.xctest`; `dataviewer` sits next to it.
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dirs.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        if let arg0 = CommandLine.arguments.first, arg0.contains("/") {
            dirs.append(URL(fileURLWithPath: arg0).standardizedFileURL.deletingLastPathComponent())
        }
        let bundle = Bundle.main.bundleURL
        dirs.append(bundle)
        dirs.append(bundle.deletingLastPathComponent()) // macOS: …/debug/dataviewerPackageTests.xctest
        var paths = dirs.map { $0.appendingPathComponent("dataviewer").path }
        paths.append(repositoryRoot.appendingPathComponent(".build/debug/dataviewer").path)
        return paths
    }

    /// `DATAVIEWER_BIN` if set, else the first executable candidate.
    static let binaryPath: String = {
        if let env = ProcessInfo.processInfo.environment["DATAVIEWER_BIN"], !env.isEmpty { return env }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        for p in binaryCandidates where fm.fileExists(atPath: p, isDirectory: &isDir) && !isDir.boolValue && fm.isExecutableFile(atPath: p) {
            return p
        }
        return binaryCandidates.last!
    }()

    /// Fails with a helpful sentence when the executable was not built.
    static func requireBinary() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: binaryPath) else {
            throw E2EError("no dataviewer executable at \(binaryPath); run `swift build --build-tests` or set DATAVIEWER_BIN "
                + "(looked at: \(binaryCandidates.joined(separator: ", ")))")
        }
        return binaryPath
    }

    /// A clean environment for one run: nothing from the real home, the given folder as HOME and XDG dirs.
    static func environment(home: URL, overrides: [String: String] = [:]) -> [String: String] {
        let outer = ProcessInfo.processInfo.environment
        var env: [String: String] = [
            "PATH": outer["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent(".local/share").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
            "XDG_STATE_HOME": home.appendingPathComponent(".local/state").path,
            "XDG_CACHE_HOME": home.appendingPathComponent(".cache").path,
            "TMPDIR": home.appendingPathComponent("tmp").path,
            "USER": "e2e",
            "LOGNAME": "e2e",
            "LANG": "C.UTF-8",
        ]
        // An override may be empty on purpose (`LC_ALL=` is set-but-empty, not unset).
        for (k, v) in overrides { env[k] = v }
        return env
    }

    /// Runs the executable without a terminal (stdin is /dev/null) and collects its output.
    static func run(_ arguments: [String], environment overrides: [String: String] = [:],
                    timeout: Duration = .seconds(30)) async throws -> ProcessResult {
        let bin = try requireBinary()
        let home = try TemporaryDirectory()
        return try await ProcessRunner.run(bin, arguments, environment: environment(home: home.url, overrides: overrides),
                                           currentDirectory: repositoryRoot, timeout: timeout)
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
