import Foundation
import Testing
@testable import DataCore

/// The loader trims cells without Foundation: the same text as `trimmingCharacters(in: .whitespaces)`.
@Suite("Trimming white space")
struct WhitespaceTests {
    @Test func trimsAsFoundationDoes() {
        let samples = ["", " ", "\t\t", "a", " a ", "\ta b\t", "\u{A0}µg/m³\u{A0}", "\u{2003}PM10\u{3000}", " \n x \n ",
                       "\r\nvalue", " \u{301}x", "x \u{301}", "🌡 temp 🌡", "\u{200B}zero width\u{200B}", " (°C) ", "\u{1680}ogham"]
        for s in samples {
            #expect(s.trimmedWhitespace == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(s[...].trimmedWhitespace == s.trimmingCharacters(in: .whitespaces))
        }
        // Every scalar up to U+3000 alone and between letters.
        for v in 0..<0x3001 {
            guard let u = Unicode.Scalar(v) else { continue }
            for s in [String(u), "a\(u)b", "\(u)a\(u)"] where s.trimmedWhitespace != s.trimmingCharacters(in: .whitespaces) {
                Issue.record("U+\(String(v, radix: 16)) in \(s.debugDescription)")
            }
        }
    }
}
