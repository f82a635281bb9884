import ArgumentParser
import DataCore
import Foundation
import LibraryViews
import SessionLibrary

/// Flags that override the loader's guesses; remembered for that data in the library.
struct LoadFlags: ParsableArguments {
    @Option(name: .customLong("time"), help: ArgumentHelp("The time column, or date,time columns, or year,month,day[,hour[,minute]].", valueName: "col[,col…]"))
    var time: String?

    @Option(name: .customLong("station"), help: ArgumentHelp("The column that names the station.", valueName: "col"))
    var station: String?

    @Option(name: .customLong("tz"), help: ArgumentHelp("Zone for times without an offset: an IANA name, UTC or local (default UTC).", valueName: "zone"))
    var tz: String?

    @Option(name: .customLong("na"), help: ArgumentHelp("Values that mean missing, e.g. -999.", valueName: "v[,v…]"))
    var na: String?

    @Option(name: .customLong("delimiter"), help: ArgumentHelp("Field delimiter: , ; | or tab.", valueName: "c"))
    var delimiter: String?

    @Option(name: .customLong("decimal"), help: ArgumentHelp("Decimal mark: . or ,", valueName: "c"))
    var decimal: String?

    @Option(name: .customLong("skip"), help: ArgumentHelp("Lines above the header line.", valueName: "n"))
    var skip: Int?

    var options: LoadOptions {
        func list(_ s: String?) -> [String]? {
            s.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        return LoadOptions(time: list(time), station: station, tz: tz, na: list(na), delimiter: delimiter, decimal: decimal, skip: skip)
    }
}

/// What was told about a data, and whether its notice was shown, kept per owner and data key.
enum LoadMemory {
    static func optionsKey(_ dataKey: String) -> String { "load-options\n" + dataKey }
    static func noticeKey(_ dataKey: String) -> String { "load-notice-shown\n" + dataKey }

    static func remembered(_ library: any LibraryBackend, owner: String, dataKey: String) -> LoadOptions {
        guard let text = try? library.preference(owner: owner, key: optionsKey(dataKey)),
              let o = try? JSONDecoder().decode(LoadOptions.self, from: Data(text.utf8)) else { return LoadOptions() }
        return o
    }

    static func remember(_ o: LoadOptions, _ library: any LibraryBackend, owner: String, dataKey: String) {
        guard let data = try? JSONEncoder().encode(o) else { return }
        try? library.setPreference(owner: owner, key: optionsKey(dataKey), value: String(decoding: data, as: UTF8.self))
    }

    /// The options to load with: remembered ones under the flags given now. A bad flag is one sentence and exit 1.
    static func effective(_ flags: LoadFlags, _ library: any LibraryBackend, owner: String, dataKey: String) -> (LoadOptions, changed: Bool) {
        let given = flags.options
        if let problem = given.problem() { fail(problem) }
        let before = remembered(library, owner: owner, dataKey: dataKey)
        let now = before.overridden(by: given)
        return (now, now != before)
    }

    /// True until this data has been opened by this owner (`markOpened`).
    static func isFirstOpen(_ library: any LibraryBackend, owner: String, dataKey: String) -> Bool {
        // A library that cannot answer (a team library offline) is no first open: no notice every time.
        do { return try library.preference(owner: owner, key: noticeKey(dataKey)) == nil } catch { return false }
    }

    static func markOpened(_ library: any LibraryBackend, owner: String, dataKey: String) {
        try? library.setPreference(owner: owner, key: noticeKey(dataKey), value: "1")
    }
}
