import Foundation
import Testing

/// The viewer running in a private, detached tmux server, driven like a user would.
///
/// Each session has its own server (`tmux -L dv-e2e-<pid>-<random>`), its own HOME/XDG folders and an
/// explicit environment. The program runs under `sh -c` so that after it ends the pane shows
/// `EXIT=<status>` and whatever the terminal shows once the program is gone; the pane then lingers
/// for 60 s. `kill()` (also called from `deinit`) ends the server, so none is left behind even when a
/// test fails; should the test process itself die, `timeout` and the linger end the server within
/// about three minutes.
final class TmuxSession {
    static let defaultTimeout: Duration = .seconds(20)
    static let sessionName = "e2e"

    let socket: String
    /// HOME of the program; also the place for test data files (`home.write(...)`).
    let home: TemporaryDirectory
    let binary: String
    let arguments: [String]
    let environment: [String: String]
    private(set) var width: Int
    private(set) var height: Int
    private let tmuxPath: String
    private var alive = true

    /// Starts `dataviewer ARGUMENTS` in a `width`×`height` pane. `environment` overrides the clean
    /// defaults (TERM=xterm-256color, LANG=C.UTF-8, HOME and XDG_* in a fresh temporary folder);
    /// an empty value sets the variable to the empty string.
    init(_ arguments: [String] = [], width: Int = 100, height: Int = 30, environment: [String: String] = [:],
         home: TemporaryDirectory? = nil) throws {
        guard let tmux = ProcessRunner.which("tmux") else { throw E2EError("tmux is not installed") }
        tmuxPath = tmux
        binary = try Dataviewer.requireBinary()
        self.arguments = arguments
        self.width = width
        self.height = height
        self.home = try home ?? TemporaryDirectory(prefix: "dv-e2e-home")
        socket = "dv-e2e-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        var env = Dataviewer.environment(home: self.home.url, overrides: ["TERM": "xterm-256color"])
        for (k, v) in environment { env[k] = v }
        self.environment = env
        try FileManager.default.createDirectory(atPath: env["TMPDIR"]!, withIntermediateDirectories: true)

        // The program's environment is exactly `env` (env -i); its args are passed as "$@", never re-parsed.
        // Like an interactive shell, the wrapper survives the Ctrl-C meant for the program (`trap :`
        // resets to the default in the program, unlike `trap ''`, which it would inherit). After kill -9
        // the marker lands amid the viewer's last screen; erasing the rest of its line keeps a digit
        // left there from running into the status ("EXIT=137" + "0" read as 1370).
        let script = #"trap : INT QUIT; timeout --foreground -k 5 120 "$@"; s=$?; printf '\nEXIT=%s\033[K\n' "$s"; sleep 60"#
        let paneCommand = ["env", "-i"] + env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + ["sh", "-c", script, "dataviewer-e2e", binary] + arguments
        let r = try tmuxRaw(["start-server", ";",
                             "set-option", "-g", "status", "off", ";",
                             "set-option", "-g", "set-clipboard", "on", ";",
                             "set-option", "-g", "history-limit", "0", ";",
                             "new-session", "-d", "-s", Self.sessionName, "-x", "\(width)", "-y", "\(height)",
                             "-c", self.home.path] + paneCommand)
        guard r.status == 0 else {
            kill()
            throw E2EError("tmux new-session failed (\(r.status)): \(r.stderrText)")
        }
    }

    deinit { kill() }

    /// The command line the pane runs, shell-quoted, for messages.
    var commandLine: String { ([binary] + arguments).map(shellQuote).joined(separator: " ") }

    // MARK: tmux

    private func tmuxRaw(_ args: [String]) throws -> ProcessResult {
        // The tmux client and server get a small environment too; the pane's comes from `env -i`.
        var env = ["PATH": environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8"]
        if let t = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] { env["TMUX_TMPDIR"] = t }
        return try ProcessRunner.runSync(tmuxPath, ["-L", socket, "-u", "-f", "/dev/null"] + args, environment: env)
    }

    /// Runs a tmux command on this session's server; throws with tmux's message when it fails.
    @discardableResult
    func tmux(_ args: String...) throws -> String {
        let r = try tmuxRaw(args)
        guard r.status == 0 else { throw E2EError("tmux \(args.joined(separator: " ")) failed: \(r.stderrText)") }
        return r.stdoutText
    }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}`.
    func format(_ f: String) throws -> String {
        try tmux("display-message", "-p", "-t", Self.sessionName, f).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: input

    /// Sends keys by tmux name, one per argument: `"j"`, `"Space"`, `"Escape"`, `"Tab"`, `"Down"`, `"C-c"`, `"F10"`.
    func send(_ keys: String...) throws { try send(keys) }

    func send(_ keys: [String]) throws {
        try tmuxArray(["send-keys", "-t", Self.sessionName] + keys)
    }

    /// Types text literally (`send-keys -l`).
    func type(_ text: String) throws {
        try tmuxArray(["send-keys", "-t", Self.sessionName, "-l", "--", text])
    }

    private func tmuxArray(_ args: [String]) throws {
        let r = try tmuxRaw(args)
        guard r.status == 0 else { throw E2EError("tmux \(args.joined(separator: " ")) failed: \(r.stderrText)") }
    }

    // MARK: output

    /// The visible pane as plain text.
    func screen() throws -> Screen {
        Screen(try tmux("capture-pane", "-p", "-t", Self.sessionName))
    }

    /// The visible pane with colours and attributes as escape sequences (`capture-pane -e`).
    func screenWithEscapes() throws -> String {
        try tmux("capture-pane", "-p", "-e", "-t", Self.sessionName)
    }

    /// Which row of the Series list (an index into `Screen.seriesRows`) has the cursor, read from
    /// the reverse-video attribute; nil when no row has it.
    func seriesCursor() throws -> Int? {
        Attributes.seriesCursor(try screenWithEscapes())
    }

    /// The latest tmux paste buffer, where OSC 52 clipboard writes land (`set-clipboard on`); nil if none.
    func clipboard() throws -> String? {
        let r = try tmuxRaw(["show-buffer"])
        return r.status == 0 ? r.stdoutText : nil
    }

    /// Polls every 50 ms until `text` is on screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = defaultTimeout,
                 sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await waitUntil("\"\(text)\" on screen", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The one wait of the harness: polls every 40 ms until `condition` holds on a screen that has not
    /// changed for `quiet` (a capture can land in the middle of a redraw: the new plot title with the
    /// old status line). On timeout, or when the program ended first, throws with the last screen.
    @discardableResult
    func waitUntil(_ what: String, quiet: Duration = .milliseconds(60), timeout: Duration = defaultTimeout,
                   sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (Screen) throws -> Bool) async throws -> Screen {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = try screen()
        var since = clock.now
        while true {
            if clock.now - since >= quiet, try condition(last) { return last }
            if let status = last.exitStatus {
                throw E2EError("waiting for \(what): `\(commandLine)` exited with status \(status) (at \(sourceLocation))\(last)")
            }
            if clock.now >= deadline {
                throw E2EError("timed out after \(timeout) waiting for \(what) (at \(sourceLocation)); `\(commandLine)` at \(width)x\(height)\(last)")
            }
            try await Task.sleep(for: .milliseconds(40))
            let now = try screen()
            if now.lines != last.lines { last = now; since = clock.now }
        }
    }

    /// Waits for the program to end and returns its exit status (128+N after signal N).
    func waitForExit(timeout: Duration = defaultTimeout, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let s = try screen().exitStatus { return s }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw E2EError("`\(commandLine)` did not exit within \(timeout) (at \(sourceLocation))\(try screen())")
    }

    // MARK: control

    /// Resizes the window (and so the pane: the status line is off).
    func resize(width: Int, height: Int) throws {
        try tmux("resize-window", "-t", Self.sessionName, "-x", "\(width)", "-y", "\(height)")
        self.width = width
        self.height = height
    }

    /// The pane's first process (the `env`/`sh` wrapper).
    func panePID() throws -> pid_t {
        guard let pid = pid_t(try format("#{pane_pid}")) else { throw E2EError("no pane pid") }
        return pid
    }

    /// The pid of the running `dataviewer`, found among the pane's descendants; nil once it has ended.
    func programPID() throws -> pid_t? {
        let root = try panePID()
        var parents: [pid_t: pid_t] = [:]
        let procs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in procs {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // "pid (comm) state ppid ..."
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let ppid = pid_t(fields[1]) { parents[pid] = ppid }
        }
        func descends(_ pid: pid_t) -> Bool {
            var p = pid, steps = 0
            while let up = parents[p], steps < 64 { if up == root { return true }; p = up; steps += 1 }
            return false
        }
        let wanted = URL(fileURLWithPath: binary).resolvingSymlinksInPath().path
        for (pid, _) in parents where descends(pid) {
            if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"),
               exe == wanted || exe == binary {
                return pid
            }
        }
        return nil
    }

    /// Sends a signal to the running program.
    func signal(_ sig: Int32) throws {
        guard let pid = try programPID() else { throw E2EError("dataviewer is not running\(try screen())") }
        guard sendSignal(pid, sig) == 0 else { throw E2EError("kill(\(pid), \(sig)) failed: errno \(errno)") }
    }

    /// Ends the tmux server and everything in it. Safe to call more than once.
    func kill() {
        guard alive else { return }
        alive = false
        _ = try? tmuxRaw(["kill-server"])
        // tmux may leave its socket file behind.
        let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(dir)/tmux-\(getuid())/\(socket)")
    }
}

private func sendSignal(_ pid: pid_t, _ sig: Int32) -> Int32 { kill(pid, sig) }

/// Quotes a word for sh: `'it'\''s'`.
func shellQuote(_ s: String) -> String {
    if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }) { return s }
    return "'" + s.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}
