import Foundation
import Testing
@testable import DataCore

/// The short-decimal fast path reads what the general number parser reads, and builds the same column.
@Suite("Short decimals")
struct ShortDecimalTests {
    static func short(_ text: String, decimalComma: Bool = false) -> (mantissa: Int32, digits: Int)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { ByteParsers.shortDecimal($0, 0, $0.count, decimalComma: decimalComma) }
    }

    static func value(_ d: (mantissa: Int32, digits: Int)) -> Double { Double(d.mantissa) / pow(10, Double(d.digits)) }

    /// Random decimal text of up to 10 digits with 0...9 of them after the point, some signed, some with trailing zeros.
    static func randomTexts(_ n: Int, seed: UInt64) -> [String] {
        var rng = SplitMix(state: seed)
        return (0..<n).map { _ in
            let length = Int.random(in: 1...10, using: &rng)
            var digits = String((0..<length).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
            let fraction = Int.random(in: 0...min(9, length), using: &rng)
            if fraction > 0 { digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -fraction)) }
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return "-" + digits
            case 1: return digits + "0"
            default: return digits
            }
        }
    }

    @Test func readsTheSameDoubleAsTheGeneralParser() {
        var read = 0
        for text in Self.randomTexts(200_000, seed: 5) {
            guard let d = Self.short(text) else { continue }
            read += 1
            let general = ByteParsers.parseDouble(text)
            #expect(general?.bitPattern == Self.value(d).bitPattern, "\(text)")
            #expect(d.digits == 0 || d.mantissa % 10 != 0, "trailing zeros of \(text) are dropped")
        }
        #expect(read > 150_000)  // most random short decimals take the fast path
    }

    @Test func examples() {
        #expect(Self.short("47.830")! == (4783, 2))
        #expect(Self.short("-12.5")! == (-125, 1))
        #expect(Self.short("3")! == (3, 0))
        #expect(Self.short("+3.0")! == (3, 0))
        #expect(Self.short("0")! == (0, 0))
        #expect(Self.short("0.000")! == (0, 0))
        #expect(Self.short("2147483647")! == (Int32.max, 0))
        #expect(Self.short("12,5", decimalComma: true)! == (125, 1))
    }

    @Test(arguments: ["", "-", ".", "-0", "-0.0", "1e5", "1.5E-3", "2147483648", "12345678901", "0.0000000001",
                      "18446744073709551617", "1.2.3", "12,5", "1 000", "nan", "inf", "0x10", "--1", "1-", " 1"])
    func leavesEverythingElseToTheGeneralParser(text: String) {
        #expect(Self.short(text) == nil, "\(text)")
    }

    @Test func aColumnBuiltFromMantissasEqualsOneBuiltFromDoubles() {
        // Mixed scales, so the column rescales, overflows to doubles, or stays compact.
        for (seed, texts) in [(1, Self.randomTexts(5000, seed: 1).filter { $0.count <= 6 }),
                              (2, Self.randomTexts(5000, seed: 2)),
                              (3, ["7", "2.5", "3.25", "-4.125", "100000", "0.5"]),
                              (4, ["2000000000", "0.5"]), (5, ["1.123456789", "3"]), (6, ["0.1", "2147483647"])] {
            var fast = ValueColumn(), slow = ValueColumn()
            for text in texts {
                let v = ByteParsers.parseDouble(text)!
                if let d = Self.short(text) { fast.append(mantissa: d.mantissa, digits: d.digits) } else { fast.append(v) }
                slow.append(v)
            }
            #expect(fast.isCompact == slow.isCompact, "case \(seed)")
            #expect(fast.decimalDigits == slow.decimalDigits, "case \(seed)")
            #expect(zip(fast, slow).allSatisfy { $0.bitPattern == $1.bitPattern } && fast.count == slow.count, "case \(seed)")
        }
    }
}
