/// Natural order of names ("Station 2" before "Station 10", letters case-blind) without Foundation's
/// locale machinery. A name is turned into its key once: comparing keys in a sort does no Unicode
/// property lookups (sorting 500 series names by comparing the names themselves took ~4.5 ms).
struct NaturalKey: Comparable, Sendable {
    enum Atom: Equatable, Sendable {
        /// A run of digits (the first may be any numeric character, the rest ASCII digits), by its value.
        /// A number comes before any text, so that the order stays total with numerals of other scripts.
        case number(Double)
        case text(String)
    }

    let atoms: [Atom]

    init(_ name: String) {
        var atoms: [Atom] = []
        var it = name.unicodeScalars.makeIterator()
        var c = it.next()
        while let x = c {
            if x.isASCII {
                let v = x.value
                if v >= 48 && v <= 57 {
                    var n = Double(v - 48)
                    c = it.next()
                    while let d = c, d.value >= 48 && d.value <= 57 { n = n * 10 + Double(d.value - 48); c = it.next() }
                    atoms.append(.number(n))
                    continue
                }
                atoms.append(.text(String(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : x)))
                c = it.next()
                continue
            }
            if x.properties.numericType != nil, var n = x.properties.numericValue {
                c = it.next()
                while let d = c, d.isASCII, d.value >= 48 && d.value <= 57 { n = n * 10 + Double(d.value - 48); c = it.next() }
                atoms.append(.number(n))
                continue
            }
            atoms.append(.text(x.properties.lowercaseMapping))
            c = it.next()
        }
        self.atoms = atoms
    }

    static func < (a: NaturalKey, b: NaturalKey) -> Bool {
        for (x, y) in zip(a.atoms, b.atoms) {
            switch (x, y) {
            case let (.number(nx), .number(ny)): if nx != ny { return nx < ny }
            case let (.text(tx), .text(ty)): if tx != ty { return tx < ty }
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
        return a.atoms.count < b.atoms.count
    }

    static func == (a: NaturalKey, b: NaturalKey) -> Bool { !(a < b) && !(b < a) }
}
