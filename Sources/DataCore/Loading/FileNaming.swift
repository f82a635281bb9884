import Foundation

/// Several files: names that differ only by a date are one source (daily files of one sensor);
/// names that differ otherwise are different stations, named from the file name.
enum FileNaming {
    /// The file name without extensions and without dates: `harbour-road_2024-01-05.csv` → `harbour-road`.
    static func stem(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for ext in [".gz", ".csv", ".tsv", ".txt"] where name.lowercased().hasSuffix(ext) { name.removeLast(ext.count) }
        if name.lowercased().hasSuffix(".csv") || name.lowercased().hasSuffix(".tsv") || name.lowercased().hasSuffix(".txt") { name.removeLast(4) }
        // Dates and times as people put them in file names; longest forms first.
        let patterns = [
            #"\d{4}[-_.]?\d{2}[-_.]?\d{2}(?:[T_ -]?\d{2}[-_:.]?\d{2}(?:[-_:.]?\d{2})?)?"#,
            #"\d{2}[-_.]\d{2}[-_.]\d{4}"#,
            #"(?<![0-9])\d{4}[-_.]\d{2}(?![0-9])"#,
            #"(?<![0-9])(?:19|20)\d{2}(?![0-9])"#,
        ]
        for p in patterns {
            name = name.replacingOccurrences(of: "(?<![0-9])" + p + "(?![0-9])", with: "", options: .regularExpression)
        }
        return name.trimmingCharacters(in: CharacterSet(charactersIn: "-_. ")).lowercased()
    }

    /// `harbour-road` → `Harbour Road`; `NL10418_alkmaar` → `NL10418 Alkmaar`.
    static func stationName(_ stem: String, original path: String) -> String {
        var base = (path as NSString).lastPathComponent
        for ext in [".gz", ".csv", ".tsv", ".txt"] where base.lowercased().hasSuffix(ext) { base.removeLast(ext.count) }
        let words = base.split(whereSeparator: { "-_. ".contains($0) }).map(String.init)
            .filter { w in stem.contains(w.lowercased()) }
        let shown = words.map { w -> String in
            guard let f = w.first, f.isLowercase else { return w }
            return f.uppercased() + w.dropFirst()
        }.joined(separator: " ")
        return TextSafety.printable(shown.isEmpty ? base : shown)
    }

    /// For each file, the station its name gives, or nil when the names say "one source".
    static func stations(_ paths: [String]) -> [String?] {
        // One file names no station apart from others (and its stem's patterns take milliseconds).
        guard paths.count > 1 else { return paths.map { _ in nil } }
        let stems = paths.map(stem)
        guard Set(stems).count > 1 else { return paths.map { _ in nil } }
        return zip(stems, paths).map { stationName($0.0, original: $0.1) }
    }
}
