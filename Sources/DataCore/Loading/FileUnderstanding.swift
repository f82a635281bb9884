/// How one file was understood: every decision the loader made, for `inspect` and the first-open notice.
public struct FileUnderstanding: Sendable, Equatable, Codable {
    public struct Measure: Sendable, Equatable, Codable {
        public var column: String
        public var phenomenon: String
        public var unit: String?
    }

    public struct Ignored: Sendable, Equatable, Codable {
        public var column: String
        public var why: String
    }

    public var file: String
    public var format: String?
    public var layout: String
    public var delimiter: String
    public var decimalMark: String
    public var headerLine: Int
    public var skippedLines: [String]
    public var timeColumns: [String]
    public var timeReading: String
    public var timeZone: String
    public var stationColumns: [String]
    public var stationFromFileName: String?
    /// The station column was chosen by its values (they tell apart rows of one time), not its name.
    public var stationsByContent = false
    public var seriesColumn: String?
    public var phenomenonColumn: String?
    public var valueColumn: String?
    public var unitColumn: String?
    public var positionColumns: [String]
    public var measurements: [Measure]
    public var ignored: [Ignored]
    public var rowsRead = 0
    public var rowsSkipped = 0
    public var rowsWithExtraFields = 0
    public var rowsWithMissingFields = 0
    public var firstRaggedLine: Int?
    public var missingMarkers: [String]

    static func delimiterName(_ d: UInt8) -> String {
        switch d {
        case 9: return "tab"
        default: return String(UnicodeScalar(d))
        }
    }

    init(file: String, sniffed: HeaderSniffer.Found, names: [HeaderName], layout l: Layout, decimalComma: Bool,
         zone: String, fileStation: String?, naMarkers: [String]) {
        func n(_ i: Int) -> String { TextSafety.printable(names[i].raw) }
        self.file = file
        format = l.format?.rawValue
        layout = l.kind == .long ? "long (one value per row)" : "wide (one column per phenomenon)"
        delimiter = Self.delimiterName(sniffed.delimiter)
        decimalMark = decimalComma ? "," : "."
        headerLine = sniffed.headerLine
        skippedLines = sniffed.preamble
        timeColumns = l.time.columns.map(n)
        switch l.time {
        case .single: timeReading = "full timestamps"
        case .dateAndTime: timeReading = "date and time of day composed"
        case .parts(_, _, _, let h, let mi): timeReading = "composed from year, month, day" + (h != nil ? ", hour" : "") + (mi != nil ? ", minute" : "")
        }
        if l.dateOrder == .mdy { timeReading += " (dates as MM/DD/YYYY)" }
        timeZone = zone
        stationColumns = l.stations.map(n)
        stationsByContent = l.stationsByContent
        stationFromFileName = l.stations.isEmpty ? fileStation : nil
        seriesColumn = l.series.map(n)
        phenomenonColumn = l.phenomenon.map(n)
        valueColumn = l.value.map(n)
        unitColumn = l.unit.map(n)
        positionColumns = [l.lat, l.lon].compactMap { $0 }.map(n)
        measurements = zip(l.measures, zip(l.measureNames, l.measureUnits)).map { Measure(column: n($0.0), phenomenon: $0.1.0, unit: $0.1.1) }
        ignored = l.ignored.map { Ignored(column: n($0.column).isEmpty ? "(column \($0.column + 1), no name)" : n($0.column), why: $0.why) }
        missingMarkers = naMarkers
    }

    /// Whether the loader had to guess beyond a plain file (header on line 1, one timestamp column,
    /// every other column read by its name): then the first open tells what it decided.
    public var notable: Bool {
        format != nil || headerLine != 1 || !skippedLines.isEmpty || timeColumns.count > 1 || timeReading.contains("MM/DD")
            || stationFromFileName != nil || stationsByContent || !ignored.isEmpty || rowsWithExtraFields + rowsWithMissingFields > 0
            || decimalMark == "," || !missingMarkers.isEmpty || !timeZone.hasPrefix("UTC")
    }

    /// Plain lines for a person: what the notice and `inspect` print.
    public var lines: [String] {
        var out: [String] = []
        var head = "delimiter \(delimiter == "tab" ? "tab" : "\"\(delimiter)\""), decimal mark \"\(decimalMark)\", header on line \(headerLine)"
        if !skippedLines.isEmpty { head += " (\(skippedLines.count) line\(skippedLines.count == 1 ? "" : "s") above it skipped)" }
        out.append(head)
        out.append("layout: " + (format.map { "\($0), " } ?? "") + layout)
        let quoted = timeColumns.map { "\"\($0)\"" }.joined(separator: " + ")
        out.append("time: \(quoted), \(timeReading); times without an offset read in \(timeZone)")
        if !stationColumns.isEmpty {
            out.append("stations named by " + stationColumns.map { "\"\($0)\"" }.joined(separator: " + ")
                       + (stationsByContent ? " (its values tell apart rows of the same time)" : ""))
        } else if let f = stationFromFileName {
            out.append("station \"\(f)\", named from the file name")
        }
        if let p = phenomenonColumn { out.append("phenomena from \"\(p)\"" + (unitColumn.map { ", units from \"\($0)\"" } ?? "") + (valueColumn.map { ", values from \"\($0)\"" } ?? "")) }
        else if let s = seriesColumn { out.append("series from \"\(s)\"" + (valueColumn.map { ", values from \"\($0)\"" } ?? "")) }
        else if let v = valueColumn { out.append("values from \"\(v)\"") }
        if !measurements.isEmpty {
            out.append("measurements: " + measurements.map { m in
                let shown = m.phenomenon + (m.unit.map { " [\($0)]" } ?? "")
                return m.column == shown || m.column == m.phenomenon && m.unit == nil ? shown : "\"\(m.column)\" → \(shown)"
            }.joined(separator: ", "))
        }
        if !positionColumns.isEmpty { out.append("positions from " + positionColumns.map { "\"\($0)\"" }.joined(separator: ", ")) }
        for i in ignored { out.append("ignored \"\(i.column)\": \(i.why)") }
        var rows = "rows: \(rowsRead) read"
        if rowsSkipped > 0 { rows += ", \(rowsSkipped) skipped" }
        if rowsWithExtraFields > 0 { rows += ", \(rowsWithExtraFields) with more fields than the header (extra fields ignored)" }
        if rowsWithMissingFields > 0 { rows += ", \(rowsWithMissingFields) with fewer fields (missing values)" }
        if let l = firstRaggedLine { rows += ", first on line \(l)" }
        out.append(rows)
        if !missingMarkers.isEmpty { out.append("read as missing: " + missingMarkers.joined(separator: ", ")) }
        return out
    }
}
