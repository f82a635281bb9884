import Testing
@testable import DataCore

@Suite("Natural order of names")
struct NaturalOrderTests {
    static func sorted(_ names: [String]) -> [String] { names.sorted { NaturalKey($0) < NaturalKey($1) } }

    @Test func numbersByValueLettersCaseBlindPrefixFirst() {
        #expect(Self.sorted(["Station 10", "Station 2", "Station 1"]) == ["Station 1", "Station 2", "Station 10"])
        #expect(Self.sorted(["b", "A", "a2", "a10", "a"]).map { $0.lowercased() } == ["a", "a", "a2", "a10", "b"])
        #expect(Self.sorted(["PM2.5 x", "PM10", "PM2.5"]) == ["PM2.5", "PM2.5 x", "PM10"])
        #expect(NaturalKey("a01") == NaturalKey("a1"))
        #expect(NaturalKey("Berlin") == NaturalKey("berlin"))
        #expect(NaturalKey("Ab") < NaturalKey("Abc"))
        #expect(NaturalKey("Station 9") < NaturalKey("Station A"))  // numbers before text
        #expect(NaturalKey("Zürich 3") < NaturalKey("Zürich 20"))
        #expect(NaturalKey("Ä") == NaturalKey("ä"))
        #expect(NaturalKey("x٣") < NaturalKey("x10"))  // an Arabic-Indic three is three
    }

    @Test func isATotalOrder() {
        var rng = SplitMix(state: 9)
        let alphabet = Array("aAbB0129 ._-ÄäΩ٣")
        let names = (0..<300).map { _ in String((0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
        let keys = names.map(NaturalKey.init)
        for a in keys.prefix(60) {
            #expect(!(a < a))
            for b in keys.prefix(60) {
                #expect([a < b, b < a, a == b].filter { $0 }.count == 1)
                for c in keys.prefix(20) where a < b && b < c { #expect(a < c) }
            }
        }
    }
}
