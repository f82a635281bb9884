import CCairo
import DataCore

/// Drawing through cairo onto an image (PNG) or a PDF page.
final class CairoSurface: Surface {
    let cr: OpaquePointer

    init(_ surface: OpaquePointer) {
        cr = cairo_create(surface)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
    }

    deinit { cairo_destroy(cr) }

    private func set(_ c: RGBA) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a) }

    private func path(_ r: PixelRect, radius: Double) {
        guard radius > 0 else { cairo_rectangle(cr, r.x, r.y, r.width, r.height); return }
        let k = min(radius, r.width / 2, r.height / 2)
        cairo_new_sub_path(cr)
        cairo_arc(cr, r.maxX - k, r.y + k, k, -Double.pi / 2, 0)
        cairo_arc(cr, r.maxX - k, r.maxY - k, k, 0, Double.pi / 2)
        cairo_arc(cr, r.x + k, r.maxY - k, k, Double.pi / 2, Double.pi)
        cairo_arc(cr, r.x + k, r.y + k, k, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cr)
    }

    func fill(_ r: PixelRect, _ c: RGBA, radius: Double) {
        set(c)
        path(r, radius: radius)
        cairo_fill(cr)
    }

    func stroke(_ r: PixelRect, _ c: RGBA, width: Double, radius: Double) {
        set(c)
        cairo_set_line_width(cr, width)
        cairo_set_dash(cr, nil, 0, 0)
        path(r, radius: radius)
        cairo_stroke(cr)
    }

    func polyline(_ points: [(Double, Double)], _ c: RGBA, width: Double, dash: [Double]) {
        guard points.count > 1 else { return }
        set(c)
        cairo_set_line_width(cr, width)
        dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32(dash.count), 0) }
        cairo_move_to(cr, points[0].0, points[0].1)
        for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
        cairo_stroke(cr)
    }

    func dots(_ points: [(Double, Double)], radius: Double, _ c: RGBA) {
        guard !points.isEmpty else { return }
        set(c)
        for p in points {
            cairo_new_sub_path(cr)
            cairo_arc(cr, p.0, p.1, radius, 0, 2 * Double.pi)
        }
        cairo_fill(cr)
    }

    private func font(_ size: Double, _ bold: Bool) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    func textWidth(_ s: String, size: Double, bold: Bool) -> Double {
        font(size, bold)
        var e = cairo_text_extents_t()
        cairo_text_extents(cr, TextSafety.printable(s), &e)
        return e.x_advance
    }

    func text(_ s: String, x: Double, y: Double, size: Double, bold: Bool, anchor: TextAnchor, _ c: RGBA) {
        let t = TextSafety.printable(s)
        let w = anchor == .start ? 0 : textWidth(t, size: size, bold: bold)
        font(size, bold)
        set(c)
        cairo_move_to(cr, anchor == .start ? x : anchor == .middle ? x - w / 2 : x - w, y)
        cairo_show_text(cr, t)
        cairo_new_path(cr)
    }

    func clipped(to r: PixelRect, _ body: () -> Void) {
        cairo_save(cr)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_clip(cr)
        body()
        cairo_restore(cr)
    }
}

/// Text metrics without a picture: a 1×1 cairo image, so the SVG is laid out exactly as the PNG.
final class CairoMeasure {
    private let surface: OpaquePointer
    private let inner: CairoSurface
    init() {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        inner = CairoSurface(surface)
    }
    deinit { cairo_surface_destroy(surface) }
    func width(_ s: String, size: Double, bold: Bool) -> Double { inner.textWidth(s, size: size, bold: bold) }
}
