import DataCore
import Foundation
import Testing
@testable import ViewCore

@Suite struct SettingsVersionTwoTests {
    func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func writesVersionTwoWithTheZone() throws {
        var s = ViewSettings()
        s.plot.timeZone = .named("Europe/Berlin")
        let doc = try object(SettingsDocument.encode(s))
        #expect(doc["version"] as? Int == 2)
        #expect((doc["plot"] as? [String: Any])?["timeZone"] as? String == "Europe/Berlin")
        #expect(try SettingsDocument.decode(SettingsDocument.encode(s)) == s)
        for z in [DisplayTimeZone.local, .utc, .named("America/Argentina/Buenos_Aires")] {
            s.plot.timeZone = z
            #expect(try SettingsDocument.decode(SettingsDocument.encode(s)).plot.timeZone == z)
        }
    }

    @Test func versionOneShowsTheViewersOwnZone() throws {
        let v1 = #"{"version":1,"plot":{"style":"bar","bucket":"day","reduce":"max","legend":false}}"#
        let s = try SettingsDocument.decode(v1)
        #expect(s.plot.timeZone == .local)
        #expect(s.plot.style == .bar && s.plot.reduce == .max && !s.plot.legend)
        // Version 1 ignored keys it did not know, so a stray "timeZone" there never meant anything.
        let stray = try SettingsDocument.decode(#"{"version":1,"plot":{"style":"bar","timeZone":"Bogus zone!"}}"#)
        #expect(stray.plot.timeZone == .local)
        #expect(try object(SettingsDocument.encode(s))["version"] as? Int == 2)
    }

    @Test func absentKeysKeepTheirDefaults() throws {
        // Written by hand, or before a key existed: the rest of the part still loads.
        let s = try SettingsDocument.decode(#"{"version":2,"plot":{"timeZone":"UTC"},"map":{"zoom":3},"series":{"selected":["a"]}}"#)
        #expect(s.plot.timeZone == .utc)
        #expect(s.plot.style == .line && s.plot.legend)
        #expect(s.map.zoom == 3 && s.map.heatmap == HeatmapSettings())
        #expect(s.series.selected == ["a"] && s.series.filter == SeriesFilter())
        let none = try SettingsDocument.decode(#"{"version":2,"plot":{}}"#)
        #expect(none.plot == PlotSettings())
    }

    @Test func aBadZoneIsOneSentence() {
        for bad in [#""Europe/Berlin\u001b[2J""#, #""../../etc/passwd""#, "42", #""""#] {
            do {
                _ = try SettingsDocument.decode(#"{"version":2,"plot":{"timeZone":"# + bad + "}}")
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.description.contains("plot.timeZone"), "\(error)")
                #expect(!error.description.contains("\u{1B}"))
            }
        }
        // A well-formed name this machine's tzdata lacks loads (and is kept), shown in UTC.
        let s = try? SettingsDocument.decode(#"{"version":2,"plot":{"timeZone":"Mars/Olympus_Mons"}}"#)
        #expect(s?.plot.timeZone == .named("Mars/Olympus_Mons"))
        #expect(s?.plot.timeZone.table(localZone: "Europe/Berlin").identifier == "UTC")
    }

    @Test func versionThreeIsRefused() {
        #expect(throws: SettingsDocument.DecodeError.self) { try SettingsDocument.decode(#"{"version":3}"#) }
    }
}

/// Every document of the settings fuzz corpus, as version 1 read it: `Fixtures/settings-v1-read.json`
/// holds, for each corpus file the version-1 dataviewer (bf96fef) imported, what it exported.
/// Version 2 must read each of them to the same settings, with the viewer's own zone.
@Suite struct SettingsMigrationCorpusTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/settings-v1-read.json")

    static func versionOneReadings() throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(contentsOf: fixture))
    }

    @Test func everyDocumentVersionOneReadStillLoadsTheSame() throws {
        let v1 = try Self.versionOneReadings()
        #expect(v1.count >= 6)
        for (file, exported) in v1.sorted(by: { $0.key < $1.key }) {
            let text = try String(contentsOf: SettingsFuzzRegressionTests.fuzzFolder.appendingPathComponent("corpus/settings/\(file)"), encoding: .utf8)
            let now = try SettingsDocument.decode(text)
            let then = try SettingsDocument.decode(exported)
            #expect(now == then, "\(file)")
            #expect(now.plot.timeZone == .local, "\(file)")
            let again = try JSONSerialization.jsonObject(with: Data(SettingsDocument.encode(now).utf8)) as? [String: Any]
            #expect(again?["version"] as? Int == 2, "\(file)")
        }
    }

    @Test func versionOneCorpusDocumentsLoadAtLeastAsOftenAsBefore() throws {
        let v1 = try Self.versionOneReadings()
        var loaded = 0, refused: [String] = []
        for file in SettingsFuzzRegressionTests.corpus {
            let bytes = try Data(contentsOf: SettingsFuzzRegressionTests.fuzzFolder.appendingPathComponent(file))
            guard let obj = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any], obj["version"] as? Int == 1 else { continue }
            do { _ = try SettingsDocument.decode(String(decoding: bytes, as: UTF8.self)); loaded += 1 }
            catch { refused.append(file) }
        }
        // Refused ones are fuzzer garbage (a list where a record belongs, unknown enum values), never for a missing key.
        #expect(loaded >= v1.count)
        #expect(refused.allSatisfy { !v1.keys.contains(String($0.split(separator: "/").last!)) })
        let partial = try SettingsDocument.decode(String(contentsOf: SettingsFuzzRegressionTests.fuzzFolder
            .appendingPathComponent("corpus/settings/seed-partial.json"), encoding: .utf8))
        #expect(partial.plot.style == .bar && partial.plot.bucket == .day && partial.plot.timeZone == .local)
    }
}

@Suite struct TimeZoneKeyTests {
    func press(_ k: Key, _ s: AppState) -> AppState { KeyMap.actions(for: .key(k), in: s).reduce(s, reduce) }

    func viewer(in zone: String) -> AppState {
        var s = loaded()
        s.ui.localZone = zone
        return s
    }

    @Test func zCyclesLocalUTCAndNamedZones() {
        var s = viewer(in: "Europe/Berlin")
        var seen: [DisplayTimeZone] = [s.settings.plot.timeZone]
        for _ in 0..<5 { s = press(.char("z"), s); seen.append(s.settings.plot.timeZone) }
        #expect(seen == [.local, .utc, .named("Europe/London"), .named("America/New_York"), .named("Asia/Tokyo"), .local])
    }

    @Test func aPinnedZoneIsTheNamedStop() {
        var s = viewer(in: "America/New_York")
        var saved = s.settings
        saved.plot.timeZone = .named("Europe/Berlin")
        s.settings = saved
        s.session = SessionStatus(name: "berlin", savedSettings: saved)
        s = press(.char("z"), s)
        #expect(s.settings.plot.timeZone == .local)
        #expect(s.ui.message == "times in local time, America/New_York (EST) · z: local → UTC → Europe/Berlin")
        s = press(.char("z"), s)
        #expect(s.settings.plot.timeZone == .utc)
        s = press(.char("z"), s)
        #expect(s.settings.plot.timeZone == .named("Europe/Berlin"))
        #expect(s.ui.message?.hasPrefix("times in Europe/Berlin (CET)") == true)
    }

    @Test func aLoadedSessionsZoneStaysOnOffer() {
        var settings = ViewSettings()
        settings.plot.timeZone = .named("Europe/Berlin")
        var s = reduce(viewer(in: "Asia/Tokyo"), .sessions(.applied(name: "b", settings: settings, missing: [])))
        #expect(s.settings.plot.timeZone == .named("Europe/Berlin"))
        // Even once the view is no longer tied to a saved session (a colleague's link, an autosave).
        s.session = SessionStatus()
        s = press(.char("z"), s)
        #expect(s.settings.plot.timeZone == .local)
        #expect(s.ui.message == "times in local time, Asia/Tokyo (JST) · z: local → UTC → Europe/Berlin")
        s = press(.char("z"), press(.char("z"), s))
        #expect(s.settings.plot.timeZone == .named("Europe/Berlin"))
    }

    @Test func zIsAViewChangeThatUndoes() {
        var s = press(.char("z"), viewer(in: "Asia/Tokyo"))
        #expect(s.settings.plot.timeZone == .utc)
        #expect(s.ui.message?.hasPrefix("times in UTC · z: local → UTC → Europe/London") == true)
        s = press(.char("u"), s)
        #expect(s.settings.plot.timeZone == .local)
        s = press(.ctrl("r"), s)
        #expect(s.settings.plot.timeZone == .utc)
        #expect(HelpText.lines.contains { $0.key == "z" })
    }

    @Test func theFilterFormShowsAndReadsTimesInTheDisplayZone() {
        var s = viewer(in: "Europe/Berlin")
        // 2026-03-29 00:00 → 12:00 Berlin spans the spring-forward hour.
        s.settings.series.filter.window = .between(from: LocalTimeText.parse("2026-03-28 23:00Z", in: .utc)!,
                                                   to: LocalTimeText.parse("2026-03-29 10:00Z", in: .utc)!)
        let form = FilterForm.make(s)
        #expect(form.text("From") == "2026-03-29 00:00")
        #expect(form.text("To") == "2026-03-29 12:00")
        #expect(form.fields.first { $0.label == "From" }?.hint.contains("Europe/Berlin") == true)
        var edited = form
        edited.fields[edited.fields.firstIndex { $0.label == "From" }!].value = .text("2026-03-29 01:30")
        var applied = s
        #expect(FilterForm.apply(edited, to: &applied) == nil)
        #expect(applied.settings.series.filter.window == .between(from: LocalTimeText.parse("2026-03-29 00:30Z", in: .utc)!,
                                                                  to: LocalTimeText.parse("2026-03-29 10:00Z", in: .utc)!))
        // The same text in UTC is an hour later.
        var inUTC = s
        inUTC.settings.plot.timeZone = .utc
        #expect(FilterForm.apply(edited, to: &inUTC) == nil)
        #expect(inUTC.settings.series.filter.window == .between(from: LocalTimeText.parse("2026-03-29 01:30Z", in: .utc)!,
                                                                to: LocalTimeText.parse("2026-03-29 12:00Z", in: .utc)!))
    }
}
