import DataCore
import Foundation

/// Writes the chart as SVG elements. Cairo's own SVG surface turns text into glyph outlines;
/// written here, labels stay `<text>` that can be searched, copied and read by screen readers.
/// Text is measured by cairo, so the layout is the same as in the PNG and PDF.
final class SVGSurface: Surface {
    let width: Double, height: Double
    private var body: [String] = []
    private var clips = 0
    private let measure = CairoMeasure()

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    var document: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" font-family="DejaVu Sans, sans-serif">
        <defs>\(defs.joined())</defs>
        \(body.joined(separator: "\n"))
        </svg>

        """
    }
    private var defs: [String] = []

    private func n(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(format: "%.2f", r)
    }

    private func paint(_ c: RGBA, _ kind: String) -> String {
        "\(kind)=\"\(c.hex)\"" + (c.a < 1 ? " \(kind)-opacity=\"\(n(c.a))\"" : "")
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in TextSafety.printable(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    func fill(_ r: PixelRect, _ c: RGBA, radius: Double) {
        body.append("<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\""
            + (radius > 0 ? " rx=\"\(n(radius))\"" : "") + " \(paint(c, "fill"))/>")
    }

    func stroke(_ r: PixelRect, _ c: RGBA, width: Double, radius: Double) {
        body.append("<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\""
            + (radius > 0 ? " rx=\"\(n(radius))\"" : "") + " fill=\"none\" \(paint(c, "stroke")) stroke-width=\"\(n(width))\"/>")
    }

    func polyline(_ points: [(Double, Double)], _ c: RGBA, width: Double, dash: [Double]) {
        guard points.count > 1 else { return }
        let pts = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(pts)\" fill=\"none\" \(paint(c, "stroke")) stroke-width=\"\(n(width))\" stroke-linejoin=\"round\""
            + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash.map(n).joined(separator: " "))\"") + "/>")
    }

    func dots(_ points: [(Double, Double)], radius: Double, _ c: RGBA) {
        guard !points.isEmpty else { return }
        // One path of arcs: far smaller than a <circle> per point.
        let r = n(radius), d = n(2 * radius)
        let path = points.map { "M\(n($0.0 - radius)),\(n($0.1))a\(r),\(r) 0 1,0 \(d),0a\(r),\(r) 0 1,0 -\(d),0" }.joined()
        body.append("<path d=\"\(path)\" \(paint(c, "fill"))/>")
    }

    func text(_ s: String, x: Double, y: Double, size: Double, bold: Bool, anchor: TextAnchor, _ c: RGBA) {
        let a = anchor == .start ? "" : anchor == .middle ? " text-anchor=\"middle\"" : " text-anchor=\"end\""
        body.append("<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\"" + (bold ? " font-weight=\"bold\"" : "")
            + a + " \(paint(c, "fill"))>\(Self.escape(s))</text>")
    }

    func textWidth(_ s: String, size: Double, bold: Bool) -> Double { measure.width(s, size: size, bold: bold) }

    func clipped(to r: PixelRect, _ draw: () -> Void) {
        clips += 1
        defs.append("<clipPath id=\"c\(clips)\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\"/></clipPath>")
        body.append("<g clip-path=\"url(#c\(clips))\">")
        draw()
        body.append("</g>")
    }
}
