import Foundation

/// Work that must not take the cores from the input thread (reading and parsing data) runs on a
/// thread of its own at a lower scheduling priority. On Linux the nice value is per thread, so it
/// ends with the thread; a pooled thread would keep it for whatever work it picks up next.
public enum BackgroundThread {
    /// Nice value of data threads: the input thread (0) gets most of a busy core.
    public static let niceness: Int32 = 10

    public static func run(_ work: @escaping @Sendable () -> Void) {
        let thread = Thread {
            lowerPriority()
            work()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Lowers the calling thread's priority to `niceness` (never raises it).
    public static func lowerPriority() {
        #if os(Linux)
        // `who` 0 is the calling thread on Linux (each thread is a task with its own nice value).
        let tid: id_t = 0
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let now = getpriority(which, tid)
        if errno == 0, now < niceness { _ = setpriority(which, tid, niceness) }
        #endif
    }
}
