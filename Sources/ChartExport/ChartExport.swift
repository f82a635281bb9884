import CCairo
import DataCore
import Foundation
import Rendering
import Themes
import ViewCore

/// The picture formats a view can be drawn in.
public enum ChartFormat: String, CaseIterable, Sendable {
    case png, svg, pdf
}

/// Why a picture could not be made, as one sentence.
public struct ExportError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Draws the view as a real chart (not a picture of the terminal's cells): PNG and PDF through
/// cairo, SVG as elements with real text; DejaVu Sans, the theme's colours, the screen's layout.
public enum ChartExport {
    public static let widths = 320...8000
    public static let heights = 200...8000

    /// `layer` is the map layer, drawn under the map's data when the user's preference shows it
    /// (`backdrop`, when given, is drawn instead).
    public static func render(_ s: AppState, _ store: MeasurementStore, theme: Theme, format: ChartFormat,
                              width: Int, height: Int, layer: MapLayer? = nil, backdrop: MapBackdrop? = nil) throws(ExportError) -> Data {
        guard widths.contains(width), heights.contains(height) else {
            throw ExportError("a picture must be \(widths.lowerBound)–\(widths.upperBound) pixels wide and \(heights.lowerBound)–\(heights.upperBound) high, not \(width)x\(height)")
        }
        let colors = ChartColors(theme), geo = ChartGeometry(width: width, height: height)
        var under = backdrop
        if under == nil, let layer, !layer.isEmpty, s.ui.mapLayer, s.ui.mapLayerProblem == nil {
            // A text cell is two braille dots wide: the terminal's level of detail at this layout.
            under = MapLayerBackdrop(layer: layer, colors: colors, pixelsPerDot: geo.cw / 2, fontSize: geo.small)
        }
        func paint(_ surface: Surface) {
            ViewPainter(s: s, store: store, colors: colors, geo: geo, surface: surface, backdrop: under).draw()
        }
        switch format {
        case .svg:
            let svg = SVGSurface(width: Double(width), height: Double(height))
            paint(svg)
            return Data(svg.document.utf8)
        case .png:
            guard let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)),
                  cairo_surface_status(image) == CAIRO_STATUS_SUCCESS else { throw ExportError("cairo could not make a \(width)x\(height) picture") }
            defer { cairo_surface_destroy(image) }
            do { paint(CairoSurface(image)) }
            cairo_surface_flush(image)
            let sink = Sink()
            let status = cairo_surface_write_to_png_stream(image, Sink.write, Unmanaged.passUnretained(sink).toOpaque())
            guard status == CAIRO_STATUS_SUCCESS else { throw ExportError("cairo could not encode the PNG: \(String(cString: cairo_status_to_string(status)))") }
            return sink.data
        case .pdf:
            // Pixels become points at 96 per inch, so a 1600×900 picture is a 1200×675 pt page.
            let sink = Sink()
            let k = 0.75
            guard let pdf = cairo_pdf_surface_create_for_stream(Sink.write, Unmanaged.passUnretained(sink).toOpaque(),
                                                                Double(width) * k, Double(height) * k) else { throw ExportError("cairo could not start a PDF") }
            cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, "dataviewer · " + s.dataName)
            cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "dataviewer")
            do {
                let surface = CairoSurface(pdf)
                cairo_scale(surface.cr, k, k)
                paint(surface)
            }
            cairo_surface_finish(pdf)
            let status = cairo_surface_status(pdf)
            cairo_surface_destroy(pdf)
            guard status == CAIRO_STATUS_SUCCESS else { throw ExportError("cairo could not write the PDF: \(String(cString: cairo_status_to_string(status)))") }
            return sink.data
        }
    }

    /// Renders and writes `path`; a path that cannot be written is a sentence naming it.
    public static func write(_ s: AppState, _ store: MeasurementStore, theme: Theme, format: ChartFormat,
                             width: Int, height: Int, to path: String, layer: MapLayer? = nil, backdrop: MapBackdrop? = nil) throws(ExportError) {
        let data = try render(s, store, theme: theme, format: format, width: width, height: height, layer: layer, backdrop: backdrop)
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw ExportError("cannot write \(path): \(reason(error, path))")
        }
    }

    static func reason(_ error: Error, _ path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) { return "the folder \(dir) does not exist" }
        if !dir.isEmpty, !isDir.boolValue { return "\(dir) is not a folder" }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { return "it is a folder" }
        let e = error as NSError
        if let posix = (e.userInfo[NSUnderlyingErrorKey] as? NSError), posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code))).lowercased()
        }
        return e.code == NSFileWriteNoPermissionError ? "permission denied" : e.localizedDescription
    }

    /// The format a file name asks for (`.png`, `.svg`, `.pdf`), if any.
    public static func format(ofPath path: String) -> ChartFormat? {
        ChartFormat(rawValue: (path as NSString).pathExtension.lowercased())
    }
}

/// Collects what cairo writes.
private final class Sink {
    var data = Data()
    static let write: cairo_write_func_t = { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
        return CAIRO_STATUS_SUCCESS
    }
}
