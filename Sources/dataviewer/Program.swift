import DataCore
import Foundation
import Rendering
import Terminal
import ViewCore

/// The running viewer: one state, changed only by actions; effects follow state changes.
final class Program {
    private(set) var state: AppState
    let store: MeasurementStore
    private let colorAllowed: Bool

    init(store: MeasurementStore, colorAllowed: Bool) {
        self.store = store
        self.colorAllowed = colorAllowed
        state = Self.initialState(store: store, width: 80, height: 24)
    }

    /// The view a fresh start opens with on this data.
    static func initialState(store: MeasurementStore, width: Int, height: Int) -> AppState {
        var s = AppState()
        s = reduce(s, .resize(width: width, height: height))
        s = reduce(s, .dataChanged(catalog: store.series, range: store.timeRange, name: store.sourceName))
        let r = store.report
        if let summary = r.summary {
            s = reduce(s, .setMessage(summary + (r.issues.first.map { ": \($0)" } ?? "")))
            let lines = r.issues.prefix(8).map(\.description) + (r.skippedTotal > 8 ? ["… and \(r.skippedTotal - 8) more"] : [])
            s = reduce(s, .open(.notice(title: "Skipped while reading \(store.sourceName)", lines: lines)))
        }
        return s
    }

    func dispatch(_ action: Action) {
        state = reduce(state, action)
    }

    /// Runs until quit or a terminating signal; returns the exit status.
    func run() -> Int32 {
        let screen = TerminalScreen(colorAllowed: colorAllowed)
        defer { screen.close() }
        state.ui.unicode = screen.unicode
        dispatch(.resize(width: screen.size.width, height: screen.size.height))
        var drawn: AppState? = nil
        while !state.ui.quitRequested {
            if let sig = screen.pendingSignal {
                screen.close()
                return 128 + sig
            }
            if drawn != state {
                screen.draw(Screen.render(state, store))
                drawn = state
            }
            guard let event = screen.nextEvent(timeoutMs: 200) else { continue }
            let wasMessage = state.ui.message
            for action in KeyMap.actions(for: event, in: state) { dispatch(action) }
            // A message stays until the next key, like vim's and lazygit's.
            if case .key = event, wasMessage != nil, state.ui.message == wasMessage { dispatch(.setMessage(nil)) }
        }
        return 0
    }
}
