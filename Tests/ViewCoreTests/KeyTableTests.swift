import DataCore
import Testing
@testable import ViewCore

/// The key tables are the one source of keys: these tests hold help, hints and footers to them.
@Suite struct KeyTableTests {
    /// A state where `table` is the one that takes keys first.
    func state(for table: KeyTable) -> AppState {
        var s = reduce(loaded(), .app(.resize(width: 120, height: 40)))
        switch table.name {
        case PlotKeys.table.name: s = reduce(s, .app(.focus(.plot)))
        case MapKeys.table.name: s = reduce(s, .app(.focus(.map)))
        case DashboardKeys.table.name: s = reduce(s, .app(.focus(.dashboard)))
        default: break
        }
        return s
    }

    @Test func everyMainBindingIsInHelpAndEveryHelpLineIsABinding() {
        let fromTables = KeyMap.mainTables.flatMap { t in t.bindings.map { t.helpPrefix + $0.label + " = " + $0.help } }
        let help = HelpText.lines.map { $0.key + " = " + $0.what }
        #expect(help == fromTables)
        #expect(Set(help).count == help.count, "two help lines say the same")
        for t in KeyMap.mainTables { for b in t.bindings { #expect(!b.keys.isEmpty, "\(t.name): \"\(b.label)\" has no key") } }
    }

    @Test func everyKeyOfTheMainScreenDoesWhatItsBindingSays() {
        // A binding shadowed by another table (or an earlier binding) would make its help line a lie.
        for t in KeyMap.mainTables {
            let s = state(for: t)
            for b in t.bindings {
                for k in b.keys {
                    let expected = b.actions(k, s)
                    #expect(expected != nil, "\(t.name): \(k) is listed but its binding refuses it")
                    #expect(KeyMap.actions(for: .key(k), in: s) == expected ?? [], "\(t.name): \(k) of \"\(b.label)\" is taken by another binding")
                }
            }
        }
    }

    @Test func noKeyIsBoundTwiceInOneTable() {
        let overlays: [KeyTable] = [MenuKeys.menu, MenuKeys.help, MenuKeys.notice, SeriesKeys.filterField, SessionKeys.dialog,
                                    SessionKeys.dialogFilter, SessionKeys.form, SessionKeys.rename, SessionKeys.confirm,
                                    FormKeys.table, ThresholdsKeys.table, ThemesKeys.table]
        for t in KeyMap.mainTables + overlays {
            let keys = t.bindings.flatMap(\.keys)
            let twice = Dictionary(grouping: keys.map { "\($0)" }, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(twice.isEmpty, "\(t.name): bound twice: \(twice.sorted())")
        }
    }

    @Test func theStatusLineShowsTheFocusedPaneFirstThenWhatWorksEverywhere() {
        let s = loaded()
        let words = KeyMap.hints(s).map { "\($0.key) \($0.word)" }
        #expect(words == ["j/k move", "Space select", "/ filter", "Tab pane", "m menu", "? help", "q quit", "S sessions",
                          "F filters", "T thresholds", "p plot type", "a aggregate"])
        let map = KeyMap.hints(reduce(s, .app(.focus(.map)))).map(\.key)
        #expect(map == ["hjkl", "+/-", "H", "[ ]", "{ }", "c", "b", "g", "0", "Tab", "m", "?", "q"])
        let plot = KeyMap.hints(reduce(s, .app(.focus(.plot)))).map { "\($0.key) \($0.word)" }
        #expect(plot.prefix(2) == ["h/l pan", "+/- zoom"])
    }

    @Test func everyDialogHintIsAKeyOfThatDialog() {
        var s = loaded()
        s = reduce(s, .thresholds(.open))
        let t = KeyMap.tables(s)
        #expect(t.count == 1 && t[0].name == ThresholdsKeys.table.name)
        #expect(KeyMap.hints(s).map(\.key) == ["a", "Enter", "Space", "d", "Esc"])
        #expect(KeyMap.table(for: .thresholds(cursor: 0)).footer == "a add · Enter edit · Space apply on/off · d delete · Esc close")
        // Each hinted key, pressed, does something in its dialog.
        for b in ThresholdsKeys.table.bindings where b.hint != nil {
            #expect(!KeyMap.actions(for: .key(b.keys[0]), in: s).isEmpty, "\(b.label)")
        }
    }
}
