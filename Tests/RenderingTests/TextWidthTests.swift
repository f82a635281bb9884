import Testing
@testable import Rendering

@Suite struct TextWidthTests {
    @Test func fastPathsAgreeWithTheScalarRules() {
        #expect(TextWidth.of("PM10 µg/m³") == 10)
        #expect(TextWidth.of("tab\there") == 7)            // a control character takes no column
        #expect(TextWidth.of("e\u{301}te\u{301}") == 3)    // combining accents take none either
        #expect(TextWidth.of("Zürich · Köln") == 13)
        #expect(TextWidth.of("東京 PM2.5") == 10)
        #expect(TextWidth.of("🌡️x") == 3)
        #expect(TextWidth.of("⚠") == 1 && TextWidth.of("⚠️") == 2)
        #expect(TextWidth.of(Character("\r\n")) == 0)
        #expect(TextWidth.of(Character("é")) == 1 && TextWidth.of(Character("e\u{301}")) == 1)
    }
}
