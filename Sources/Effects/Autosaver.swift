import Foundation
import LibraryViews
import ViewCore

/// Decides when the live view is written to the library: at most one write per frame and one at a
/// time, so keys typed ahead (a paste) become one write. The undo history's "what the library
/// has" moves on only when a write succeeded, so a failed write loses nothing: the next one carries it.
/// Lives on the run loop's thread; the writes themselves run on the effect runner.
public final class Autosaver {
    struct View: Equatable {
        var settings: ViewSettings
        var status: SessionStatus
        var place: ViewPlace
        init(_ s: AppState) {
            settings = s.settings
            status = s.session
            status.autosaved = nil  // the label is the write's result, not part of the view
            status.waiting = nil    // so is what waits for a team library's server
            place = s.place
        }
    }

    private let startHadView: Bool
    private var primed = false
    /// The view and history last sent to the library (written, or tried and failed).
    private var attempted: (view: View, history: UndoHistory)?
    /// The history the library holds for certain.
    private var saved: UndoHistory
    private var inFlight = false
    public private(set) var writesSinceCheckpoint = 0

    public init(start: StartView) {
        startHadView = start.settings != nil
        saved = start.history
    }

    /// True while a write runs; its outcome comes back through `finished`.
    public var writing: Bool { inFlight }

    /// The write this frame needs, or nil: nothing changed, a write is still running, or the view
    /// waits for its data (a start view half applied is not worth keeping).
    public func write(for state: AppState) -> AutosaveWrite? {
        guard state.data.waiting == nil, !inFlight else { return nil }
        let view = View(state)
        if !primed {
            primed = true
            // Started from a saved view: what is on screen is what the library has.
            if startHadView { attempted = (view, state.history); return nil }
        }
        if let a = attempted, a.view == view, a.history == state.history { return nil }
        attempted = (view, state.history)
        inFlight = true
        return AutosaveWrite(settings: view.settings, sessionName: view.status.name, savedSettings: view.status.savedSettings,
                             place: view.place, history: state.history, delta: HistoryDelta(from: saved, to: state.history))
    }

    /// The write's outcome, as the action for the title bar or the status line.
    public func finished(_ outcome: AutosaveOutcome) -> Action {
        inFlight = false
        switch outcome {
        case let .saved(write, at):
            saved = write.history
            writesSinceCheckpoint += 1
            return .app(.autosaved(label: Self.localClock(at)))
        case .failed(let why):
            return .app(.setMessage("autosave failed: \(why)"))
        }
    }

    public func checkpointed() { writesSinceCheckpoint = 0 }

    public static func localClock(_ ms: Int64) -> String {
        var t = time_t(ms / 1000)
        var parts = tm()
        localtime_r(&t, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}

/// One write of the live view: the view, and the history's change since what the library holds.
public struct AutosaveWrite: Equatable, Sendable {
    public var settings: ViewSettings
    public var sessionName: String?
    public var savedSettings: ViewSettings?
    public var place: ViewPlace
    public var history: UndoHistory
    public var delta: HistoryDelta?

    /// Performs the write (on the effect runner's thread).
    public func perform(_ library: any LibraryBackend, owner: String, dataKey: String) -> AutosaveOutcome {
        do {
            let at = try library.autosave(owner: owner, dataKey: dataKey, settings: settings, sessionName: sessionName,
                                          savedSettings: savedSettings, place: place, history: delta)
            return .saved(self, at: at)
        } catch { return .failed(error.description) }
    }
}

public enum AutosaveOutcome: Equatable, Sendable {
    case saved(AutosaveWrite, at: Int64)
    case failed(String)
}
