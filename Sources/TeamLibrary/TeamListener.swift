import Foundation
import PostgresNIO

/// LISTEN on its own connection: notifications say "some session changed" (ids only); the viewer
/// then re-reads what it may see. Once started, a lost connection is reopened in the background.
final class TeamListener: @unchecked Sendable {
    private let connection: TeamConnection
    private let lock = NSLock()
    /// Connecting waits for the server: done on this queue, never on a caller's thread.
    private let queue = DispatchQueue(label: "dataviewer.team.listen")
    private var timer: DispatchSourceTimer?
    private var onChange: (@Sendable () -> Void)?
    private var listening = false
    private var stopped = false
    private var lastTry = Date.distantPast

    init(_ connection: TeamConnection) { self.connection = connection }

    /// Starts listening; `changed` is called (on the driver's thread) for every change, and once
    /// after each (re)connection, since anything may have happened while nobody listened.
    func start(_ changed: @escaping @Sendable () -> Void) {
        lock.lock(); defer { lock.unlock() }
        guard !stopped, timer == nil else { onChange = changed; return }
        onChange = changed
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now(), repeating: 1.0)
        t.setEventHandler { [weak self] in self?.keepListening() }
        timer = t
        t.resume()
    }

    /// On the queue: (re)connects when the connection is gone, at most every two seconds.
    private func keepListening() {
        lock.lock()
        let due = !stopped && (!listening || !connection.isOpen) && Date().timeIntervalSince(lastTry) >= 2
        if due { listening = false; lastTry = Date() }
        lock.unlock()
        guard due else { return }
        var ok = false
        do {
            try connection.withLive { c in
                c.addListener(channel: "dataviewer_sessions") { [weak self] _, _ in self?.mark() }
                _ = try c.query("LISTEN dataviewer_sessions", logger: quietLogger).wait()
            }
            ok = true
        } catch {
            connection.close()
        }
        lock.lock()
        listening = ok && !stopped
        lock.unlock()
        if ok { mark() }
    }

    private func mark() {
        let f = lock.withLock { stopped ? nil : onChange }
        f?()
    }

    func stop() {
        let t: DispatchSourceTimer? = lock.withLock {
            stopped = true
            onChange = nil
            defer { timer = nil }
            return timer
        }
        t?.cancel()
        connection.close()
    }
}
