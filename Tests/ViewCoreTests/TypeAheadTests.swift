import Testing
@testable import ViewCore

/// Keys typed before a dialog's list arrives: held in order, applied once it is there.
@Suite struct TypeAheadTests {
    let rows = [SessionRow(name: "Steps", shareable: false, link: nil, updatedAt: 2),
                SessionRow(name: "Other", shareable: false, link: nil, updatedAt: 1)]
    let keys: [InputEvent] = [.key(.char("S")), .key(.char("j")), .key(.enter), .key(.char("y"))]

    /// The run loop's part in this, with the real key map and reducer: offer each key, then apply
    /// what is released; `answerAfter` keys in, the library's list arrives.
    func type(_ events: [InputEvent], answerAfter: Int) -> (AppState, [Effect]) {
        var s = loaded(), queue = TypeAhead(), effects: [Effect] = []
        func apply(_ e: InputEvent) {
            for a in KeyMap.actions(for: e, in: s) { s = reduce(s, a) }
            effects += s.outbox
            s.outbox = []
        }
        for (i, e) in events.enumerated() {
            if i == answerAfter { s = reduce(s, .sessions(.listed(rows))) }
            for now in queue.offer(e, waiting: s.waitsForLibraryList) { apply(now) }
            while let next = queue.release(waiting: s.waitsForLibraryList) { apply(next) }
        }
        if answerAfter >= events.count { s = reduce(s, .sessions(.listed(rows))) }
        while let next = queue.release(waiting: s.waitsForLibraryList) { apply(next) }
        return (s, effects)
    }

    @Test func sJEnterYTypedBeforeTheListLoadsTheSessionAsIfTypedAfterIt() {
        let slow = type(keys, answerAfter: 4)
        let fast = type(keys, answerAfter: 1)
        #expect(slow.1.contains(.loadSession(name: "Steps")), "row 0 is New session; j is Steps: \(slow.1)")
        #expect(slow.1 == fast.1)
        #expect(slow.0 == fast.0)
    }

    @Test func escapeWhileWaitingClosesTheDialogAndDropsTheKeysMeantForIt() {
        let (s, effects) = type([.key(.char("S")), .key(.char("j")), .key(.enter), .key(.escape)], answerAfter: 4)
        #expect(s.topOverlay == nil)
        #expect(!effects.contains { if case .loadSession = $0 { true } else { false } })
    }

    @Test func nothingIsHeldWhenNothingIsWaitedFor() {
        var q = TypeAhead()
        #expect(q.offer(.key(.char("j")), waiting: false) == [.key(.char("j"))])
        #expect(q.offer(.key(.char("j")), waiting: true).isEmpty)
        #expect(q.offer(.resize(width: 80, height: 24), waiting: true) == [.resize(width: 80, height: 24)], "a resize is never held")
        #expect(q.offer(.key(.char("k")), waiting: false).isEmpty, "a key behind a held one waits its turn")
        #expect(q.release(waiting: true) == nil)
        #expect(q.release(waiting: false) == .key(.char("j")))
        #expect(q.release(waiting: false) == .key(.char("k")))
        #expect(q.release(waiting: false) == nil)
    }

    @Test func theHistoryDialogWaitsForItsVersionsToo() {
        var s = reduce(loaded(), .sessions(.open))
        #expect(s.waitsForLibraryList)
        s = reduce(s, .sessions(.listed(rows)))
        #expect(!s.waitsForLibraryList)
        s = reduce(reduce(s, .sessions(.moveTo(1))), .sessions(.history(.open)))
        #expect(s.waitsForLibraryList, "\(String(describing: s.topOverlay))")
    }
}
