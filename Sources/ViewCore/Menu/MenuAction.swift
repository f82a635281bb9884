/// The ☰ menu and the `?` help.
public enum MenuAction: Equatable, Sendable {
    case open
    case move(Int)
    case choose(Int)
    case openHelp
    case scrollHelp(by: Int)
}

func reduceMenu(_ s: inout AppState, _ a: MenuAction) {
    switch a {
    case .open:
        s.ui.overlays.append(.menu(selected: 0))
    case .move(let d):
        guard case .menu(let i)? = s.topOverlay else { return }
        let n = MenuEntry.allCases.count
        s.replaceTop(.menu(selected: ((i + d) % n + n) % n))
    case .choose(let i):
        choose(&s, MenuEntry.allCases[max(0, min(i, MenuEntry.allCases.count - 1))])
    case .openHelp:
        s.ui.overlays.append(.help)
        s.ui.helpScroll = 0
    case .scrollHelp(let d):
        s.ui.helpScroll = max(0, min(HelpText.lines.count - 1, s.ui.helpScroll + d))
    }
}

private func choose(_ s: inout AppState, _ entry: MenuEntry) {
    if case .menu? = s.topOverlay { s.ui.overlays.removeLast() }
    switch entry {
    case .sessions: reduceSessions(&s, .open)
    case .theme: reduceThemes(&s, .open)
    case .series:
        s.ui.focus = .series
        s.ui.overlays.append(.form(FilterForm.make(s)))
    case .plot: s.ui.focus = .plot
    case .map: s.ui.focus = .map
    case .dashboard: s.ui.focus = .dashboard
    case .thresholds: reduceThresholds(&s, .open)
    case .help: reduceMenu(&s, .openHelp)
    case .quit: s.ui.quitRequested = true
    }
}
