// libFuzzer entry for the settings-document decoder (SPEC §3.2, §3.10: a document from the library,
// an import or a shared link is never trusted). Built by scripts/fuzz; the same checks run in
// Tests/ViewCoreTests/SettingsFuzzRegressionTests.swift over Fuzz/corpus/settings and Fuzz/crashers/settings.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzSettings(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// Decodes the bytes as text (lossy, like a TEXT column holding any bytes); whatever decodes must
/// survive autosave: encode it and decode it again to the same settings.
func fuzzSettings(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let settings: ViewSettings
    do throws(SettingsDocument.DecodeError) {
        settings = try SettingsDocument.decode(text)
    } catch {
        if error.description.isEmpty { fatalError("fuzz invariant broken: decode error without a description") }
        return
    }
    let saved = SettingsDocument.encode(settings)
    do throws(SettingsDocument.DecodeError) {
        let again = try SettingsDocument.decode(saved)
        if again != settings { fatalError("fuzz invariant broken: round trip changed the settings: \(saved)") }
    } catch {
        fatalError("fuzz invariant broken: an encoded document does not decode: \(error) \(saved)")
    }
}
