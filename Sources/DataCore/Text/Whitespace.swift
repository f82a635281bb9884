extension StringProtocol {
    /// Without white space (tabs, Unicode's space separators and the zero-width space) at either end, scalar by scalar
    /// as `trimmingCharacters(in: .whitespaces)` trims: without its round trip through an NSString,
    /// whose first call cost a load a millisecond.
    var trimmedWhitespace: String {
        let whole = String(self)
        let u = whole.unicodeScalars
        var a = u.startIndex, b = u.endIndex
        while a < b && Self.isBlank(u[a]) { a = u.index(after: a) }
        while b > a && Self.isBlank(u[u.index(before: b)]) { b = u.index(before: b) }
        if a == u.startIndex && b == u.endIndex { return whole }
        return String(String.UnicodeScalarView(u[a..<b]))
    }

    private static func isBlank(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || (s.value >= 0x80 && (s.value == 0x200B || s.properties.generalCategory == .spaceSeparator))
    }
}
