import Foundation
import PostgresNIO

/// LISTEN on its own connection: notifications say "some session changed" (ids only); the viewer
/// then re-reads what it may see. A lost connection is reopened on a later poll.
final class TeamListener: @unchecked Sendable {
    private let connection: TeamConnection
    private let lock = NSLock()
    /// Set on the event loop: its own lock, never held while waiting for the server.
    private let flagLock = NSLock()
    private var changed = false
    private var listening = false
    private var stopped = false
    private var starting = false
    private var lastTry = Date.distantPast

    init(_ connection: TeamConnection) { self.connection = connection }

    /// Whether something changed since the last call; (re)starts listening in the background when
    /// needed, so that a call never waits for the network.
    func take() -> Bool {
        lock.lock()
        if !stopped && !starting && (!listening || !connection.isOpen) && Date().timeIntervalSince(lastTry) >= 2 {
            listening = false
            starting = true
            lastTry = Date()
            DispatchQueue.global().async { self.connect() }
        }
        lock.unlock()
        flagLock.lock(); defer { flagLock.unlock() }
        let was = changed
        changed = false
        return was
    }

    /// Off the caller's thread: connects, registers the handler, sends LISTEN.
    private func connect() {
        var ok = false
        do {
            try connection.withLive { c in
                c.addListener(channel: "dataviewer_sessions") { [weak self] _, _ in self?.mark() }
                _ = try c.query("LISTEN dataviewer_sessions", logger: quietLogger).wait()
            }
            ok = true
            mark()  // anything may have happened while nobody listened
        } catch {
            connection.close()
        }
        lock.lock()
        listening = ok
        starting = false
        lock.unlock()
    }

    private func mark() {
        flagLock.lock(); changed = true; flagLock.unlock()
    }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        connection.close()
    }
}
