import DataCore

/// What `z` steps through: the viewer's zone, UTC, then the zone a session pinned, or (nothing
/// pinned) a few zones people often compare with.
public enum TimeZoneCycle {
    public static let others = ["Europe/London", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]

    public static func stops(current: DisplayTimeZone, saved: DisplayTimeZone?, opened: String? = nil, localZone: String) -> [DisplayTimeZone] {
        var pinned = opened
        if case .named(let n)? = saved { pinned = n }
        else if pinned == nil, case .named(let n) = current, !others.contains(n) { pinned = n }
        let named = pinned.map { [$0] } ?? others.filter { $0 != localZone }
        return [.local, .utc] + named.map(DisplayTimeZone.named)
    }

    public static func next(current: DisplayTimeZone, saved: DisplayTimeZone?, opened: String? = nil, localZone: String) -> DisplayTimeZone {
        let all = stops(current: current, saved: saved, opened: opened, localZone: localZone)
        guard let i = all.firstIndex(of: current) else { return .local }
        return all[(i + 1) % all.count]
    }

    /// `times in Europe/Berlin (CET) · z: local → UTC → Europe/Berlin`
    /// The state after `z`.
    static func cycled(_ state: AppState) -> AppState {
        var s = state
        s.settings.plot.timeZone = next(current: s.settings.plot.timeZone, saved: s.session.savedSettings?.plot.timeZone,
                                        opened: s.ui.pinnedZone, localZone: s.ui.localZone)
        s.ui.message = message(s)
        return s
    }

    /// Remembers the named zone of settings that were opened or loaded, for `z`.
    public static func pinning(_ settings: ViewSettings, in state: AppState) -> AppState {
        var s = state
        if case .named(let n) = settings.plot.timeZone { s.ui.pinnedZone = n }
        return s
    }

    public static func message(_ s: AppState) -> String {
        let tz = s.settings.plot.timeZone
        let id = tz.identifier(localZone: s.ui.localZone)
        let table = tz.table(localZone: s.ui.localZone)
        let abbr = table.abbreviation(at: s.dataRange?.upperBound ?? 0)
        var shown = tz == .local ? "local time, \(id)" : id
        if abbr != id { shown += " (\(abbr))" }
        if table.identifier != id { shown += ": not a zone this machine knows, shown in UTC" }
        let stops = self.stops(current: tz, saved: s.session.savedSettings?.plot.timeZone, opened: s.ui.pinnedZone, localZone: s.ui.localZone)
        return "times in \(TextSafety.printable(shown)) · z: " + stops.map { TextSafety.printable($0.text) }.joined(separator: " → ")
    }
}
