/// Text from data or other users never reaches the terminal raw.
public enum TextSafety {
    /// Replaces control characters (C0, DEL, C1), and bidi overrides with visible stand-ins.
    public static func printable(_ s: String) -> String {
        var needs = false
        for u in s.unicodeScalars where isUnsafe(u) { needs = true; break }
        guard needs else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isUnsafe(u) {
                // Show C0 controls as their Control Pictures (␛ for ESC), others as a replacement.
                if u.value < 0x20 { out.append(Unicode.Scalar(0x2400 + u.value)!) }
                else if u.value == 0x7F { out.append("\u{2421}") }
                else { out.append("\u{FFFD}") }
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        // Bidi embeddings, overrides and isolates can reorder what follows them on screen.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F { return true }
        return false
    }
}
