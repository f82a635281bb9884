/// A colour with opacity, 0…1 per channel.
public struct RGBA: Equatable, Sendable {
    public var r, g, b, a: Double
    public init(_ r: Double, _ g: Double, _ b: Double, _ a: Double = 1) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }
    public func opacity(_ a: Double) -> RGBA { RGBA(r, g, b, a) }
    /// Relative brightness, to choose text that reads on a background.
    public var luminance: Double { 0.2126 * r + 0.7152 * g + 0.0722 * b }
    var hex: String {
        func h(_ v: Double) -> String {
            let n = max(0, min(255, Int((v * 255).rounded())))
            return (n < 16 ? "0" : "") + String(n, radix: 16)
        }
        return "#" + h(r) + h(g) + h(b)
    }
}

/// A rectangle in picture pixels (y down).
public struct PixelRect: Equatable, Sendable {
    public var x, y, width, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public func inset(left: Double = 0, top: Double = 0, right: Double = 0, bottom: Double = 0) -> PixelRect {
        PixelRect(x: x + left, y: y + top, width: max(0, width - left - right), height: max(0, height - top - bottom))
    }
    public func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }
}

public enum TextAnchor: Sendable { case start, middle, end }

/// What a chart is drawn with: cairo (PNG, PDF) or an SVG writer. Text is DejaVu Sans.
public protocol Surface: AnyObject {
    func fill(_ r: PixelRect, _ c: RGBA, radius: Double)
    func stroke(_ r: PixelRect, _ c: RGBA, width: Double, radius: Double)
    /// Connected line segments through the points.
    func polyline(_ points: [(Double, Double)], _ c: RGBA, width: Double, dash: [Double])
    func dots(_ points: [(Double, Double)], radius: Double, _ c: RGBA)
    /// `y` is the baseline.
    func text(_ s: String, x: Double, y: Double, size: Double, bold: Bool, anchor: TextAnchor, _ c: RGBA)
    func textWidth(_ s: String, size: Double, bold: Bool) -> Double
    func clipped(to r: PixelRect, _ body: () -> Void)
}

extension Surface {
    func fill(_ r: PixelRect, _ c: RGBA) { fill(r, c, radius: 0) }
    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: RGBA, width: Double = 1, dash: [Double] = []) {
        polyline([(x0, y0), (x1, y1)], c, width: width, dash: dash)
    }
    func text(_ s: String, x: Double, y: Double, size: Double, bold: Bool = false, anchor: TextAnchor = .start, _ c: RGBA) {
        text(s, x: x, y: y, size: size, bold: bold, anchor: anchor, c)
    }
    /// Text shortened with … to fit `width`.
    func fitted(_ s: String, width: Double, size: Double, bold: Bool = false) -> String {
        if textWidth(s, size: size, bold: bold) <= width { return s }
        var chars = Array(s)
        while !chars.isEmpty && textWidth(String(chars) + "…", size: size, bold: bold) > width { chars.removeLast() }
        return chars.isEmpty ? "" : String(chars) + "…"
    }
}
