import DataCore
import Testing
import ViewCore
@testable import Rendering

private func utc(_ text: String) -> Int64 { LocalTimeText.parse(text, in: .utc)! }

/// Ticks of the time axis in the display zone, on the days the clocks change.
@Suite struct TimeTicksTests {
    let berlin = ZoneTable.named("Europe/Berlin")!
    let newYork = ZoneTable.named("America/New_York")!

    func ticks(_ from: String, _ to: String, _ zone: ZoneTable, maxTicks: Int) -> [TimeTicks.Tick] {
        TimeTicks.ticks(utc(from)...utc(to), zone: zone, maxTicks: maxTicks)
    }

    @Test func dayTicksAtLocalMidnightOnTheShortDay() {
        let t = ticks("2026-03-28 22:00", "2026-03-30 23:00", berlin, maxTicks: 3)
        #expect(t.map(\.time) == [utc("2026-03-28 23:00"), utc("2026-03-29 22:00"), utc("2026-03-30 22:00")])
        #expect(t.map(\.label) == ["03-29 00:00", "03-30 00:00", "03-31 00:00"])
        let ny = ticks("2026-03-07 12:00", "2026-03-09 12:00", newYork, maxTicks: 3)
        #expect(ny.map(\.time) == [utc("2026-03-08 05:00"), utc("2026-03-09 04:00")])
    }

    @Test func dayTicksAtLocalMidnightOnTheLongDay() {
        let t = ticks("2026-10-24 12:00", "2026-10-26 12:00", berlin, maxTicks: 3)
        #expect(t.map(\.time) == [utc("2026-10-24 22:00"), utc("2026-10-25 23:00")])  // 25 h apart
        #expect(t.map(\.label) == ["10-25 00:00", "10-26 00:00"])
        let ny = ticks("2026-10-31 12:00", "2026-11-02 12:00", newYork, maxTicks: 3)
        #expect(ny.map(\.time) == [utc("2026-11-01 04:00"), utc("2026-11-02 05:00")])
        #expect(ny.map(\.label) == ["11-01 00:00", "11-02 00:00"])
    }

    @Test func hourTicksShowTheRepeatedHourAndSkipTheMissingOne() {
        let back = ticks("2026-10-24 23:00", "2026-10-25 02:30", berlin, maxTicks: 5)
        #expect(back.map(\.label) == ["01:00", "02:00", "02:00", "03:00"])
        #expect(back.map(\.time) == [utc("2026-10-24 23:00"), utc("2026-10-25 00:00"), utc("2026-10-25 01:00"), utc("2026-10-25 02:00")])
        let forward = ticks("2026-03-29 00:00", "2026-03-29 02:30", berlin, maxTicks: 4)
        #expect(forward.map(\.label) == ["01:00", "03:00", "04:00"])
        let nyBack = ticks("2026-11-01 04:30", "2026-11-01 07:30", newYork, maxTicks: 5)
        #expect(nyBack.map(\.label) == ["01:00", "01:00", "02:00"])
        let nyForward = ticks("2026-03-08 05:30", "2026-03-08 08:30", newYork, maxTicks: 5)
        #expect(nyForward.map(\.label) == ["01:00", "03:00", "04:00"])
    }

    @Test func sixHourTicksFollowTheNewOffset() {
        let t = ticks("2026-03-28 23:00", "2026-03-29 22:00", berlin, maxTicks: 5)
        #expect(t.map(\.label) == ["03-29 00:00", "03-29 06:00", "03-29 12:00", "03-29 18:00", "03-30 00:00"])
        #expect(t.map(\.time)[1] == utc("2026-03-29 04:00"))
    }

    @Test func halfHourZonesTickOnTheirOwnHours() {
        let kolkata = ZoneTable.named("Asia/Kolkata")!
        let t = ticks("2026-01-15 00:00", "2026-01-15 03:00", kolkata, maxTicks: 4)
        #expect(t.map(\.time) == [utc("2026-01-15 00:30"), utc("2026-01-15 01:30"), utc("2026-01-15 02:30")])
        #expect(t.map(\.label) == ["06:00", "07:00", "08:00"])
    }

    @Test func weeksStartOnMondayAndMonthsOnTheFirst() {
        let weeks = ticks("2026-03-01 00:00", "2026-03-31 00:00", berlin, maxTicks: 5)
        #expect(weeks.map(\.label) == ["03-02", "03-09", "03-16", "03-23", "03-30"])  // Mondays
        #expect(weeks[4].time == utc("2026-03-29 22:00"))  // CEST midnight
        // Berlin's 1 January began at 23:00 UTC the day before, outside this range.
        let months = ticks("2026-01-01 00:00", "2026-12-31 00:00", berlin, maxTicks: 13)
        #expect(months.map(\.label) == (2...12).map { $0 < 10 ? "0\($0)-01" : "\($0)-01" })
        #expect(months[2].time == utc("2026-03-31 22:00"))  // April, in CEST
        let quarters = ticks("2026-01-01 00:00", "2026-12-31 00:00", berlin, maxTicks: 12)
        #expect(quarters.map(\.label) == ["04-01", "07-01", "10-01"])
    }

    @Test func theZoneLabelSaysWhenTheClocksChangeInView() {
        #expect(TimeTicks.zoneLabel(utc("2026-01-01 00:00")...utc("2026-01-02 00:00"), zone: berlin) == "CET")
        #expect(TimeTicks.zoneLabel(utc("2026-10-24 00:00")...utc("2026-10-26 00:00"), zone: berlin) == "CEST/CET")
        #expect(TimeTicks.zoneLabel(utc("2026-07-01 00:00")...utc("2026-07-02 00:00"), zone: newYork) == "EDT")
        #expect(TimeTicks.zoneLabel(0...1, zone: .utc) == "UTC")
    }
}

/// The plot drawn with a fixed display zone: the axis labels and the zone's name follow it.
@Suite struct TimeAxisRenderingTests {
    let store = fixtureStore()

    func axisRow(_ s: AppState) -> String {
        let g = ViewRenderer.render(s, store)
        let plot = ScreenLayout(width: s.ui.width, height: s.ui.height).panes[.plot]!
        let y = plot.y + plot.height - 2
        return (plot.x..<plot.x + plot.width).map { g[$0, y].text }.joined()
    }

    func state(local: String, zone: DisplayTimeZone = .local) -> AppState {
        var s = fixtureState(store, width: 120, height: 30)
        s.ui.localZone = local
        s.settings.plot.timeZone = zone
        return s
    }

    @Test func axisInBerlinSaysCETAndShiftsTheLabels() {
        let berlin = axisRow(state(local: "Europe/Berlin"))
        let utcRow = axisRow(state(local: "Europe/Berlin", zone: .utc))
        #expect(berlin.contains("CET"), "\(berlin)")
        #expect(!berlin.contains("UTC"))
        #expect(utcRow.contains("UTC"))
        #expect(berlin != utcRow)
        // The fixture starts at 2026-11-01 00:00 UTC, 01:00 in Berlin: day ticks at Berlin's midnight.
        #expect(berlin.contains("11-02 00:00"))
        #expect(axisRow(state(local: "UTC", zone: .named("Europe/Berlin"))) == berlin)
    }

    @Test func latestValuesUseTheDisplayZone() {
        // The fixture's last hour is 2026-11-04 23:00 UTC.
        let text = { (s: AppState) in ViewRenderer.render(s, store).text }
        #expect(text(state(local: "UTC")).contains("2026-11-04 23:00"))
        #expect(text(state(local: "Asia/Tokyo")).contains("2026-11-05 08:00"))
        #expect(!text(state(local: "Asia/Tokyo")).contains("2026-11-04 23:00"))
    }

    @Test func aZoneTzdataLacksIsShownAsUTC() {
        let row = axisRow(state(local: "UTC", zone: .named("Mars/Olympus_Mons")))
        #expect(row.contains("UTC"))
    }
}
