import Foundation
import Testing

/// The five parts of the live view, driven with the keys a user would press,
/// on a small generated CSV (4 stations × PM10/NO2/temperature, 72 hourly readings, with lat/lon).
@Suite("Live view", .timeLimit(.minutes(2)))
struct LiveViewE2ETests {
    /// A viewer on the generated city CSV in a world of its own.
    private func open(width: Int = 120, height: Int = 36) async throws -> (LiveWorld, TmuxSession, Screen, String) {
        let world = try LiveWorld()
        let data = try world.write("city.csv", LiveE2E.cityCSV())
        let (tmux, screen) = try await world.viewer([data], width: width, height: height)
        return (world, tmux, screen, data)
    }

    // MARK: series and filters (§2.1)

    @Test("F → Phenomenon cycled to PM10 with Space → Enter: only the PM10 series are listed; F shows the filter again")
    func filterFormPhenomenon() async throws {
        let (_, tmux, start, _) = try await open()
        #expect(start.seriesRows.count == 12, "\(start.dump)")
        let form = try await LiveE2E.press(tmux, ["F"], until: "the filter form") { $0.contains("Series & filters") }
        for field in ["Text", "Phenomenon", "Station", "Time window", "From", "To", "Min value", "Max value"] {
            #expect(form.contains(field), "the form lacks \(field)\(form.dump)")
        }
        try tmux.send("Tab") // Text → Phenomenon
        var seen: [String] = []
        for _ in 0..<10 {
            let s = try await tmux.waitUntil("the phenomenon choice", quiet: LiveE2E.quiet) { _ in true }
            let line = s.lines.first { $0.contains("Phenomenon") } ?? ""
            let choice = line.components(separatedBy: "‹ ").dropFirst().first?.components(separatedBy: " ›").first ?? "?"
            seen.append(choice)
            if choice == "PM10" { break }
            try tmux.send("Space")
        }
        let afterChoices = try tmux.screen()
        try #require(seen.last == "PM10", "Space never reached PM10; choices seen: \(seen)\(afterChoices.dump)")
        #expect(seen.first == "any", "the phenomenon filter should start at any: \(seen)")

        let filtered = try await LiveE2E.press(tmux, ["Enter"], until: "the form to close and the list to narrow") {
            !$0.contains("Series & filters") && $0.seriesRows.count == 4
        }
        let names = filtered.seriesRows.map(\.name)
        #expect(names.allSatisfy { $0.contains("PM10") }, "\(names)\(filtered.dump)")
        #expect(Set(names.map { String($0.prefix { $0 != " " }) }) == ["Alpha", "Bravo", "Charlie", "Delta"], "\(filtered.dump)")

        // The form opens with the filter in force.
        let again = try await LiveE2E.press(tmux, ["F"], until: "the filter form again") { $0.contains("Series & filters") }
        #expect(again.lines.contains { $0.contains("Phenomenon") && $0.contains("‹ PM10 ›") }, "\(again.dump)")
        let cancelled = try await LiveE2E.press(tmux, ["Escape"], until: "the form to close") { !$0.contains("Series & filters") }
        #expect(cancelled.seriesRows.map(\.name) == names, "\(cancelled.dump)")
    }

    @Test("F with a wrong Min value shows an error line and keeps the form open; Esc cancels without changing the list")
    func filterFormError() async throws {
        let (_, tmux, start, _) = try await open()
        try await LiveE2E.press(tmux, ["F"], until: "the filter form") { $0.contains("Series & filters") }
        try tmux.send(Array(repeating: "Tab", count: 6)) // Text → … → Min value
        try tmux.type("abc")
        try await tmux.waitUntil("abc typed into Min value", quiet: LiveE2E.quiet) { s in s.lines.contains { $0.contains("Min value") && $0.contains("abc") } }
        let error = try await LiveE2E.press(tmux, ["Enter"], until: "an error in the form") { $0.contains("not a number") }
        #expect(error.contains("Series & filters"), "the form should stay open\(error.dump)")
        #expect(error.lines.contains { $0.contains("Min value") && $0.contains("\"abc\"") && $0.contains("not a number") }, "\(error.dump)")
        let closed = try await LiveE2E.press(tmux, ["Escape"], until: "the form to close") { !$0.contains("Series & filters") }
        #expect(closed.seriesRows.map(\.name) == start.seriesRows.map(\.name), "\(closed.dump)")
    }

    @Test("F → Time window last 24 h: the plot spans 24 h and the statistics count one day")
    func filterFormTimeWindow() async throws {
        let (_, tmux, start, _) = try await open(width: 160, height: 45)
        let before = try #require(LiveE2E.paneTitle(start, "Plot"), "\(start.dump)")
        #expect(before.contains("71 h"), "\(start.dump)")
        try await LiveE2E.press(tmux, ["F"], until: "the filter form") { $0.contains("Series & filters") }
        let choice = try await LiveE2E.chooseTimeWindow(tmux, "last 24 h")
        let afterChoices = try tmux.screen()
        try #require(choice == "last 24 h", "\(afterChoices.dump)")
        let after = try await LiveE2E.press(tmux, ["Enter"], until: "the plot to show 24 h") {
            !$0.contains("Series & filters") && LiveE2E.paneTitle($0, "Plot")?.contains("24 h") == true
        }
        #expect(LiveE2E.paneTitle(after, "Plot")?.contains("71 h") == false, "\(after.dump)")
        // 72 hourly readings; the last 24 h hold 24 or 25 of them (depending on the window's closed end).
        let stats = after.lines.first { $0.contains(" n ") && $0.contains("last ") } ?? ""
        #expect(stats.contains("n 24") || stats.contains("n 25"), "statistics: \(stats)\(after.dump)")
    }

    // MARK: thresholds (§2.2)

    @Test("T → a → value 30, label limit → Enter: listed, drawn in the plot, counted in an Exceedances panel; Space unapplies, d deletes")
    func thresholds() async throws {
        let (_, tmux, _, _) = try await open(width: 160, height: 45)
        // Plot Alpha · PM10 only.
        try await LiveE2E.cursorTo(tmux, series: "Alpha · PM10")
        try await LiveE2E.press(tmux, ["c", "Space"], until: "only Alpha · PM10 plotted") {
            $0.legend.count == 1 && $0.legend[0].hasPrefix("Alpha · PM10")
        }
        let empty = try await LiveE2E.press(tmux, ["T"], until: "the thresholds dialog") { $0.contains("Thresholds · 0") }
        #expect(!Screen(empty.plotPane.joined(separator: "\n")).contains("limit"), "\(empty.dump)")
        let form = try await LiveE2E.press(tmux, ["a"], until: "the new threshold form") { $0.contains("New threshold") }
        for field in ["Applies to", "Value", "Exceeded when", "Label", "Colour", "Applied"] {
            #expect(form.contains(field), "the form lacks \(field)\(form.dump)")
        }
        try tmux.send("Tab") // Applies to → Value
        try tmux.type("30")
        try tmux.send("Tab", "Tab") // → Exceeded when → Label
        try tmux.type("limit")
        try await tmux.waitUntil("the label typed", quiet: LiveE2E.quiet) { s in s.lines.contains { $0.contains("Label") && $0.contains("limit") } }
        let listed = try await LiveE2E.press(tmux, ["Enter"], until: "the threshold in the list") { $0.contains("Thresholds · 1") }
        let row = listed.lines.first { $0.contains("━━ limit") } ?? ""
        #expect(row.contains("[x]") && row.contains("> 30"), "row: \(row)\(listed.dump)")

        let drawn = try await LiveE2E.press(tmux, ["Escape"], until: "the dialog to close") { !$0.contains("Thresholds · ") }
        #expect(drawn.plotPane.contains { $0.contains("limit") }, "the plot should draw the threshold's label\(drawn.dump)")

        // An Exceedances panel counts the readings above 30.
        let expected = (0..<72).filter { LiveE2E.pm10(station: 0, hour: $0) > 30 }.count
        let dash = try await LiveE2E.press(tmux, ["Tab", "Tab", "Tab"], until: "the dashboard focused") { LiveE2E.focusedPane($0) == "Dashboard" }
        let count = try #require(LiveE2E.panelCount(dash), "\(dash.dump)")
        try await LiveE2E.press(tmux, ["n"], until: "a new panel") { LiveE2E.panelCount($0) == count + 1 }
        var exceedances: Screen? = nil
        for _ in 0..<6 {
            let s = try await tmux.waitUntil("a panel kind", quiet: LiveE2E.quiet) { _ in true }
            if LiveE2E.panels(s).first(where: \.selected)?.heading.hasPrefix("Exceedances") == true { exceedances = s; break }
            try tmux.send("t")
        }
        let lastKind = try tmux.screen()
        let ex = try #require(exceedances, "t never made the panel an Exceedances panel\(lastKind.dump)")
        let line = ex.lines.first { $0.contains("limit:") } ?? ""
        #expect(line.contains("limit: \(expected) of 72"), "expected \(expected) of 72 readings above 30: \(line)\(ex.dump)")
        let pct = String(format: "%.1f%%", Double(expected) * 100 / 72)
        #expect(line.contains(pct), "expected \(pct): \(line)\(ex.dump)")

        // Space unapplies: the label leaves the plot.
        try await LiveE2E.press(tmux, ["T"], until: "the thresholds dialog") { $0.contains("Thresholds · 1") }
        let off = try await LiveE2E.press(tmux, ["Space"], until: "the threshold unapplied") { $0.lines.contains { $0.contains("[ ] ━━ limit") } }
        #expect(off.contains("Thresholds · 1"), "\(off.dump)")
        let unapplied = try await LiveE2E.press(tmux, ["Escape"], until: "the dialog to close") { !$0.contains("Thresholds · ") }
        #expect(!unapplied.plotPane.contains { $0.contains("limit") }, "an unapplied threshold should not be drawn\(unapplied.dump)")
        #expect(!unapplied.contains("limit: \(expected) of 72"), "an unapplied threshold should not be counted\(unapplied.dump)")

        // Space again applies it; d deletes it.
        try await LiveE2E.press(tmux, ["T"], until: "the thresholds dialog") { $0.contains("Thresholds · 1") }
        try await LiveE2E.press(tmux, ["Space"], until: "the threshold applied again") { $0.lines.contains { $0.contains("[x] ━━ limit") } }
        try await LiveE2E.press(tmux, ["d"], until: "the threshold deleted") { $0.contains("Thresholds · 0") }
        let gone = try await LiveE2E.press(tmux, ["Escape"], until: "the dialog to close") { !$0.contains("Thresholds · ") }
        #expect(!gone.plotPane.contains { $0.contains("limit") }, "\(gone.dump)")
    }

    // MARK: dashboard (§2.3)

    @Test("dashboard: n adds, t cycles the kind, K moves up, b binds, d removes; the title counts the panels")
    func dashboardPanels() async throws {
        let (_, tmux, _, _) = try await open(width: 160, height: 45)
        // The series cursor on Bravo · temperature, for `b` later.
        try await LiveE2E.cursorTo(tmux, series: "Bravo · temperature")
        let focused = try await LiveE2E.press(tmux, ["Tab", "Tab", "Tab"], until: "the dashboard focused") { LiveE2E.focusedPane($0) == "Dashboard" }
        let n0 = try #require(LiveE2E.panelCount(focused), "\(focused.dump)")
        let panels0 = LiveE2E.panels(focused)
        #expect(panels0.count == n0, "\(panels0)\(focused.dump)")
        #expect(focused.lines.last?.contains("n add") == true, "the status line should show the dashboard keys\(focused.dump)")

        let added = try await LiveE2E.press(tmux, ["n"], until: "one panel more") { LiveE2E.panelCount($0) == n0 + 1 }
        let panels1 = LiveE2E.panels(added)
        #expect(panels1.count == n0 + 1, "\(added.dump)")
        #expect(panels1.filter(\.selected).count == 1, "exactly one panel is selected\(added.dump)")
        let newIndex = try #require(panels1.firstIndex { $0.selected })
        #expect(panels1[newIndex].heading.hasPrefix("Statistics"), "n adds a Statistics panel\(added.dump)")

        // t cycles through the five kinds and back.
        var kinds: [String] = []
        for _ in 0..<5 {
            let s = try await LiveE2E.press(tmux, ["t"], until: "the kind to change") { s in
                let h = LiveE2E.panels(s).first(where: \.selected)?.heading ?? ""
                return !h.hasPrefix(kinds.last ?? "Statistics")
            }
            let h = LiveE2E.panels(s).first(where: \.selected)?.heading ?? ""
            kinds.append(LiveE2E.panelKinds.first { h.hasPrefix($0) } ?? h)
        }
        #expect(kinds == ["Exceedances", "Sparkline", "Histogram", "Latest values", "Statistics"], "\(kinds)")

        // K moves the selected panel up (when it is not the first).
        if newIndex > 0 {
            let moved = try await LiveE2E.press(tmux, ["K"], until: "the panel to move up") {
                LiveE2E.panels($0).firstIndex(where: \.selected) == newIndex - 1
            }
            let p = LiveE2E.panels(moved)
            #expect(p[newIndex].heading == panels1[newIndex - 1].heading, "the panel above should have moved down\(moved.dump)")
            try await LiveE2E.press(tmux, ["J"], until: "the panel to move back") { LiveE2E.panels($0).firstIndex(where: \.selected) == newIndex }
        }

        // b binds the selected panel to the series under the series cursor.
        let bound = try await LiveE2E.press(tmux, ["b"], until: "the panel bound to Bravo · temperature") {
            LiveE2E.panels($0).first(where: \.selected)?.heading.contains("Bravo · temperature") == true
        }
        #expect(LiveE2E.panelCount(bound) == n0 + 1, "\(bound.dump)")

        let removed = try await LiveE2E.press(tmux, ["d"], until: "one panel fewer") { LiveE2E.panelCount($0) == n0 }
        #expect(!LiveE2E.panels(removed).contains { $0.heading.contains("Bravo · temperature") }, "\(removed.dump)")
        #expect(LiveE2E.panels(removed).map(\.heading) == panels0.map(\.heading), "\(removed.dump)")

        // All the way down to none, and one back.
        var s = removed
        for k in stride(from: n0, to: 0, by: -1) {
            s = try await LiveE2E.press(tmux, ["d"], until: "\(k - 1) panels") { LiveE2E.panelCount($0) == k - 1 }
        }
        #expect(LiveE2E.panels(s).isEmpty, "\(s.dump)")
        let one = try await LiveE2E.press(tmux, ["n"], until: "one panel") { LiveE2E.panelCount($0) == 1 }
        #expect(LiveE2E.panels(one).count == 1, "\(one.dump)")
    }

    // MARK: plot (§2.4)

    @Test("plot: p cycles line/scatter/bar/step, a cycles the aggregation, f mean/min/max, +/- zoom, h/l pan, 0 resets")
    func plotTypeAndAggregation() async throws {
        let (_, tmux, start, _) = try await open()
        func title(_ s: Screen) -> String { LiveE2E.paneTitle(s, "Plot") ?? "<no plot title>" }
        #expect(title(start).hasPrefix("Plot · line"), "\(start.dump)")
        let focused = try await LiveE2E.press(tmux, ["Tab"], until: "the plot focused") { LiveE2E.focusedPane($0) == "Plot" }
        #expect(focused.lines.last?.contains("zoom") == true, "\(focused.dump)")

        var styles: [String] = []
        for _ in 0..<4 {
            let s = try await LiveE2E.press(tmux, ["p"], until: "the plot type to change") { !title($0).hasPrefix("Plot · \(styles.last ?? "line") ") }
            styles.append(title(s).components(separatedBy: " · ").dropFirst().first ?? "?")
        }
        #expect(styles == ["scatter", "bar", "step", "line"], "\(styles)")

        var buckets: [String] = []
        for expected in ["minute mean", "hour mean", "day mean"] {
            let s = try await LiveE2E.press(tmux, ["a"], until: "\(expected) in the title") { title($0).contains(expected) }
            buckets.append(title(s))
        }
        let raw = try await LiveE2E.press(tmux, ["a"], until: "raw data again") { !title($0).contains(" mean") }
        #expect(title(raw) == title(start), "\(raw.dump)")

        try await LiveE2E.press(tmux, ["a", "a"], until: "hour mean") { title($0).contains("hour mean") }
        try await LiveE2E.press(tmux, ["f"], until: "hour min") { title($0).contains("hour min") }
        try await LiveE2E.press(tmux, ["f"], until: "hour max") { title($0).contains("hour max") }
        let mean = try await LiveE2E.press(tmux, ["f"], until: "hour mean") { title($0).contains("hour mean") }
        #expect(!title(mean).contains("zoomed"), "\(mean.dump)")

        let zoomed = try await LiveE2E.press(tmux, ["+"], until: "(zoomed)") { title($0).contains("(zoomed)") }
        #expect(!title(zoomed).contains("71 h"), "the title should show the visible span\(zoomed.dump)")
        let axis = { (s: Screen) in s.plotPane.first { $0.contains("└") && !$0.contains("└─") } ?? "" }
        let panned = try await LiveE2E.press(tmux, ["h"], until: "the time axis to move") { axis($0) != axis(zoomed) }
        #expect(title(panned) == title(zoomed), "panning keeps the span\(panned.dump)")
        try await LiveE2E.press(tmux, [">"], until: "the time axis to move back") { axis($0) == axis(zoomed) }
        let out = try await LiveE2E.press(tmux, ["-"], until: "zoomed out") { !title($0).contains("(zoomed)") }
        #expect(title(out).contains("71 h"), "\(out.dump)")
        try await LiveE2E.press(tmux, ["+", "+"], until: "zoomed twice") { title($0).contains("(zoomed)") }
        let reset = try await LiveE2E.press(tmux, ["0"], until: "reset") { !title($0).contains("(zoomed)") }
        #expect(title(reset) == "Plot · line · hour mean · 71 h", "\(reset.dump)")

        // L hides and shows the legend.
        #expect(!reset.legend.isEmpty, "\(reset.dump)")
        let hidden = try await LiveE2E.press(tmux, ["L"], until: "the legend hidden") { $0.legend.isEmpty }
        #expect(hidden.hasBraille, "\(hidden.dump)")
        try await LiveE2E.press(tmux, ["L"], until: "the legend back") { !$0.legend.isEmpty }
    }

    @Test("plot: zoomed in on hour means, the line joins hour to hour instead of breaking into dots")
    func aggregatedLineStaysJoinedWhenZoomedIn() async throws {
        let (_, tmux, _, _) = try await open()
        func title(_ s: Screen) -> String { LiveE2E.paneTitle(s, "Plot") ?? "<no plot title>" }
        try await LiveE2E.press(tmux, ["Tab"], until: "the plot focused") { LiveE2E.focusedPane($0) == "Plot" }
        try await LiveE2E.press(tmux, ["a", "a"], until: "hour mean") { title($0).contains("hour mean") }
        try await LiveE2E.press(tmux, ["L"], until: "the legend hidden") { $0.legend.isEmpty }
        // Three zooms: eight hours across the pane, an hour some fifteen dots wide.
        let zoomed = try await LiveE2E.press(tmux, ["+", "+", "+"], until: "zoomed in three times") { title($0).contains(" 8 h (zoomed)") }
        // The text columns of the pane that hold a braille dot: one unbroken stretch.
        var dotted = Set<Int>()
        for line in zoomed.plotPane {
            for (x, ch) in line.enumerated() where ch.unicodeScalars.first.map({ (0x2801...0x28FF).contains($0.value) }) == true { dotted.insert(x) }
        }
        let cols = dotted.sorted()
        #expect(cols.count > 20, "\(zoomed.dump)")
        if let first = cols.first, let last = cols.last {
            #expect(cols == Array(first...last), "the line breaks into pieces:\n\(zoomed.dump)")
        }
    }

    // MARK: map (§2.5)

    @Test("map: +/- and the wheel zoom, hjkl pan, 0 resets; H draws a heat-map with ░▒▓█; [ ] { } c change it")
    func mapZoomAndHeatMap() async throws {
        let (_, tmux, _, _) = try await open(width: 160, height: 45)
        // Plot the four PM10 series, so that the heat-map has four stations to draw.
        try await LiveE2E.press(tmux, ["c"], until: "nothing selected") { $0.legend.isEmpty }
        for station in ["Alpha", "Bravo", "Charlie", "Delta"] {
            try await LiveE2E.cursorTo(tmux, series: "\(station) · PM10")
            try await LiveE2E.press(tmux, ["Space"], until: "\(station) selected") { $0.legend.contains { $0.hasPrefix("\(station) · PM10") } }
        }
        let start = try await LiveE2E.press(tmux, ["Tab", "Tab"], until: "the map focused") { LiveE2E.focusedPane($0) == "Map" }
        let p0 = try #require(LiveE2E.mapPlace(start), "no map title: \(LiveE2E.paneTitle(start, "Map") ?? "nil")\(start.dump)")
        #expect(start.lines.last?.contains("H heat-map") == true, "\(start.dump)")
        #expect(LiveE2E.shadeCount(LiveE2E.paneInside(start, "Map")) == 0, "\(start.dump)")

        let zoomed = try await LiveE2E.press(tmux, ["+"], until: "zoom in") { LiveE2E.mapPlace($0)?.zoom == p0.zoom + 1 }
        #expect(LiveE2E.paneInside(zoomed, "Map").last != LiveE2E.paneInside(start, "Map").last,
                "the coordinate axis should change with the zoom\(zoomed.dump)")
        try await LiveE2E.press(tmux, ["-"], until: "zoom out") { LiveE2E.mapPlace($0)?.zoom == p0.zoom }

        let east = try await LiveE2E.press(tmux, ["l"], until: "pan east") { (LiveE2E.mapPlace($0)?.lon ?? 0) > p0.lon }
        #expect(LiveE2E.mapPlace(east)?.lat == p0.lat, "\(east.dump)")
        let north = try await LiveE2E.press(tmux, ["k"], until: "pan north") { (LiveE2E.mapPlace($0)?.lat ?? 0) > p0.lat }
        #expect(LiveE2E.mapPlace(north)?.lon == LiveE2E.mapPlace(east)?.lon, "\(north.dump)")
        try await LiveE2E.press(tmux, ["h", "j"], until: "pan back") { LiveE2E.mapPlace($0).map { $0.lat == p0.lat && $0.lon == p0.lon } == true }
        try await LiveE2E.press(tmux, ["+", "+", "l"], until: "zoomed and panned") { LiveE2E.mapPlace($0)?.zoom == p0.zoom + 2 }
        let reset = try await LiveE2E.press(tmux, ["0"], until: "the map reset") {
            LiveE2E.mapPlace($0).map { $0.zoom == p0.zoom && $0.lat == p0.lat && $0.lon == p0.lon } == true
        }
        #expect(LiveE2E.paneTitle(reset, "Map") == LiveE2E.paneTitle(start, "Map"), "\(reset.dump)")

        // The wheel over the map zooms (SGR mouse report: button 64 up, 65 down; 1-based x;y).
        let box = try #require(LiveE2E.paneBox(reset, "Map"))
        let x = (box.left + box.right) / 2 + 1, y = (box.top + box.bottom) / 2 + 1
        try tmux.type("\u{1B}[<64;\(x);\(y)M")
        try await tmux.waitUntil("the wheel to zoom in", quiet: LiveE2E.quiet) { LiveE2E.mapPlace($0)?.zoom == p0.zoom + 1 }
        try tmux.type("\u{1B}[<65;\(x);\(y)M")
        try await tmux.waitUntil("the wheel to zoom out", quiet: LiveE2E.quiet) { LiveE2E.mapPlace($0)?.zoom == p0.zoom }

        // Heat-map on.
        let heat = try await LiveE2E.press(tmux, ["H"], until: "the heat-map in the title") { LiveE2E.paneTitle($0, "Map")?.contains("heat") == true }
        let t1 = LiveE2E.paneTitle(heat, "Map") ?? ""
        #expect(t1.contains("· heat r2 i5 viridis"), "title: \(t1)\(heat.dump)")
        #expect(LiveE2E.shadeCount(LiveE2E.paneInside(heat, "Map")) > 0, "the heat-map should draw ░▒▓█ cells\(heat.dump)")
        #expect(LiveE2E.mapPlace(heat)?.zoom == p0.zoom, "\(heat.dump)")

        let r3 = try await LiveE2E.press(tmux, ["]"], until: "radius 3") { LiveE2E.paneTitle($0, "Map")?.contains("heat r3 i5") == true }
        #expect(LiveE2E.shadeCount(LiveE2E.paneInside(r3, "Map")) > LiveE2E.shadeCount(LiveE2E.paneInside(heat, "Map")),
                "a larger radius should cover more cells\(r3.dump)")
        try await LiveE2E.press(tmux, ["["], until: "radius 2") { LiveE2E.paneTitle($0, "Map")?.contains("heat r2 i5") == true }
        try await LiveE2E.press(tmux, ["}"], until: "intensity 6") { LiveE2E.paneTitle($0, "Map")?.contains("heat r2 i6") == true }
        try await LiveE2E.press(tmux, ["{"], until: "intensity 5") { LiveE2E.paneTitle($0, "Map")?.contains("heat r2 i5") == true }
        let ramp = try await LiveE2E.press(tmux, ["c"], until: "another ramp") {
            LiveE2E.paneTitle($0, "Map").map { $0.contains("heat r2 i5") && !$0.contains("viridis") } == true
        }
        #expect(LiveE2E.shadeCount(LiveE2E.paneInside(ramp, "Map")) > 0, "\(ramp.dump)")

        let off = try await LiveE2E.press(tmux, ["H"], until: "the heat-map off") { LiveE2E.paneTitle($0, "Map")?.contains("heat") == false }
        #expect(LiveE2E.shadeCount(LiveE2E.paneInside(off, "Map")) == 0, "\(off.dump)")
    }

    // MARK: the ☰ menu (§3.3)

    @Test("m opens the ☰ menu with its nine entries; Esc closes; F10 opens; Enter chooses Thresholds, Series & filters, Quit")
    func menu() async throws {
        let (_, tmux, start, _) = try await open()
        let entries = ["Sessions", "Series & filters", "Thresholds", "Dashboard", "Plot", "Map", "Theme", "Help", "Quit"]
        let menu = try await LiveE2E.press(tmux, ["m"], until: "the menu") { $0.lines.contains { $0.contains("Quit") } }
        var rows: [Int] = []
        for e in entries {
            let r = menu.lines.firstIndex { $0.contains("┃ \(e) ") || $0.contains("│ \(e) ") }
            #expect(r != nil, "the menu lacks \(e)\(menu.dump)")
            if let r { rows.append(r) }
        }
        #expect(rows == rows.sorted(), "menu order: \(rows)\(menu.dump)")
        let closed = try await LiveE2E.press(tmux, ["Escape"], until: "the menu closed") { !$0.lines.contains { $0.contains("┃ Quit") } }
        #expect(closed.lines.dropFirst().elementsEqual(start.lines.dropFirst()),
                "Esc should leave the view as it was:\(LiveE2E.diff(start, closed, "before", "after"))")

        // F10 → Down, Down → Enter: Thresholds.
        try await LiveE2E.press(tmux, ["F10"], until: "the menu by F10") { $0.lines.contains { $0.contains("┃ Quit") } }
        let th = try await LiveE2E.press(tmux, ["Down", "Down", "Enter"], until: "the thresholds dialog") { $0.contains("Thresholds · ") }
        #expect(!th.lines.contains { $0.contains("┃ Quit") }, "the menu should close when an entry is chosen\(th.dump)")
        try await LiveE2E.press(tmux, ["Escape"], until: "closed") { !$0.contains("Thresholds · ") }

        try await LiveE2E.press(tmux, ["m"], until: "the menu") { $0.lines.contains { $0.contains("┃ Quit") } }
        try await LiveE2E.press(tmux, ["Down", "Enter"], until: "the filter form") { $0.contains("Series & filters") && $0.contains("Min value") }
        try await LiveE2E.press(tmux, ["Escape"], until: "closed") { !$0.contains("Min value") }

        try await LiveE2E.press(tmux, ["m"], until: "the menu") { $0.lines.contains { $0.contains("┃ Quit") } }
        // Sessions is the first entry, Quit the ninth.
        try tmux.send(Array(repeating: "Down", count: 8))
        try await tmux.waitUntil("the menu cursor on Quit", quiet: LiveE2E.quiet) { _ in true }
        try tmux.send("Enter")
        let status = try await tmux.waitForExit()
        let end = try tmux.screen()
        #expect(status == 0, "menu → Quit should end the viewer with status 0\(end.dump)")
    }
}
