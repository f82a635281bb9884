import Foundation
import Testing
import ViewCore

/// Replays every input the settings fuzzer kept (`Fuzz/corpus/settings`) and every one that once
/// broke the decoder (`Fuzz/crashers/settings`) through `SettingsDocument.decode`: each gives settings
/// or a `DecodeError`, never a crash, and what decodes survives autosave (encode, decode again, same
/// settings), as `Fuzz/settings/main.swift` checks. `scripts/fuzz` finds new inputs.
@Suite("Fuzz regressions: settings documents", .timeLimit(.minutes(2)))
struct SettingsFuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ sub: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fuzzFolder.appendingPathComponent(sub).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(sub)/\($0)" }
    }

    static let corpus = inputs("corpus/settings")
    static let crashers = inputs("crashers/settings")

    @Test func theFoldersAreThere() {
        #expect(Self.corpus.count >= 5, "Fuzz/corpus/settings is missing or nearly empty")
        #expect(Self.corpus.contains("corpus/settings/seed-full.json"))
    }

    @Test(arguments: corpus + crashers)
    func replay(_ file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fuzzFolder.appendingPathComponent(file)))
        let settings: ViewSettings
        do throws(SettingsDocument.DecodeError) {
            settings = try SettingsDocument.decode(String(decoding: bytes, as: UTF8.self))
        } catch {
            #expect(!error.description.isEmpty, "\(file)")
            return
        }
        let saved = SettingsDocument.encode(settings)
        do throws(SettingsDocument.DecodeError) {
            let again = try SettingsDocument.decode(saved)
            #expect(again == settings, "\(file): the round trip changed the settings: \(saved)")
        } catch {
            Issue.record("\(file): an encoded document does not decode: \(error) \(saved)")
        }
    }

    /// The full seed is what `dataviewer sessions export` prints: it must load, not fall back to defaults.
    @Test func theFullSeedLoads() throws {
        let text = try String(contentsOf: Self.fuzzFolder.appendingPathComponent("corpus/settings/seed-full.json"), encoding: .utf8)
        let s = try SettingsDocument.decode(text)
        #expect(s.thresholds.count == 2)
        #expect(s.series.filter.window == .last(milliseconds: 86_400_000))
        #expect(s.map.heatmap.ramp == .traffic)
    }
}
