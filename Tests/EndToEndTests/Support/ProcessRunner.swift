import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct ProcessResult: Sendable {
    var status: Int32
    /// True when the process ended on a signal; `status` is then the signal number.
    var signaled: Bool
    var stdout: Data
    var stderr: Data
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs programs with `posix_spawn`, output to temporary files, stdin from /dev/null and every other
/// descriptor closed in the child.
///
/// Not `Foundation.Process`: on Linux it notices a child's exit through a socket that the child
/// inherits, so a child that leaves a daemon behind (`tmux new-session` starts the tmux server) is
/// never seen to exit, and `waitUntilExit` busy-waits.
enum ProcessRunner {
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc ≥ 2.34 / 2.29 extensions, looked up at run time so that no header switch is needed.
    private static func symbol<T>(_ name: String, as: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, name) else { return nil }
        return unsafeBitCast(sym, to: T.self)
    }

    /// Starts the program; its stdout and stderr go to the given files.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]?,
                      currentDirectory: String?, stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let closeFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self) {
            _ = closeFrom(&actions, 3)
        }
        if let dir = currentDirectory {
            guard let chdir = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self) else {
                throw E2EError("posix_spawn_file_actions_addchdir_np is missing")
            }
            _ = dir.withCString { chdir(&actions, $0) }
        }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attr, &noSignals)
        posix_spawnattr_setsigdefault(&attr, &allSignals)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let env = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attr, argv, envp)
        guard rc == 0 else { throw E2EError("cannot start \(executable): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Decodes a `waitpid` status into (status, signaled).
    private static func decode(_ s: Int32) -> (Int32, Bool) {
        (s & 0x7f) == 0 ? ((s >> 8) & 0xff, false) : (s & 0x7f, true)
    }

    /// For quick helpers (tmux commands): blocks until the program ends.
    static func runSync(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
        let dir = try TemporaryDirectory(prefix: "dv-e2e-run")
        let out = dir.url.appendingPathComponent("stdout").path, err = dir.url.appendingPathComponent("stderr").path
        let pid = try spawn(executable, arguments, environment: environment, currentDirectory: nil, stdout: out, stderr: err)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let (code, signaled) = decode(status)
        return ProcessResult(status: code, signaled: signaled, stdout: read(out), stderr: read(err))
    }

    /// For the program under test: polls for its end without blocking a thread; kills it after `timeout`.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    currentDirectory: URL? = nil, timeout: Duration = .seconds(30)) async throws -> ProcessResult {
        let dir = try TemporaryDirectory(prefix: "dv-e2e-run")
        let out = dir.url.appendingPathComponent("stdout").path, err = dir.url.appendingPathComponent("stderr").path
        let pid = try spawn(executable, arguments, environment: environment, currentDirectory: currentDirectory?.path,
                            stdout: out, stderr: err)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var status: Int32 = 0
        var killed = false
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r == -1 && errno != EINTR) { break }
            if !killed && clock.now >= deadline { kill(pid, SIGKILL); killed = true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        if killed {
            throw E2EError("\(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout)")
        }
        let (code, signaled) = decode(status)
        return ProcessResult(status: code, signaled: signaled, stdout: read(out), stderr: read(err))
    }

    private static func read(_ path: String) -> Data { (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data() }
}

/// A folder that is deleted when the value goes away.
final class TemporaryDirectory {
    let url: URL
    var path: String { url.path }

    init(prefix: String = "dv-e2e") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes a file (creating folders) and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        try write(name, Data(contents.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Test data files.
enum DataFiles {
    /// A wide CSV: `time,temp (°C),humidity [%]`, one row per hour from 2026-11-01T00:00Z.
    static func wideCSV(rows: Int = 50) -> String {
        var s = "time,temp (°C),humidity [%]\n"
        let start = 1_793_491_200 // 2026-11-01T00:00:00Z
        let f = ISO8601DateFormatter()
        for h in 0..<rows {
            let t = f.string(from: Date(timeIntervalSince1970: TimeInterval(start + h * 3600)))
            let temp = 8 + 4 * sin(Double(h) / 24 * 2 * .pi)
            let hum = 80 - 12 * sin(Double(h) / 24 * 2 * .pi)
            s += "\(t),\(String(format: "%.1f", temp)),\(String(format: "%.0f", hum))\n"
        }
        return s
    }
}
