import DataCore
import Foundation
import SessionLibrary
import ViewCore

/// The history effects of the sessions dialog, and the data watermark of saves and loads.
extension Program {
    func performHistory(_ effect: HistoryEffect) {
        switch effect {
        case .list(let name):
            do { dispatch(.sessions(.history(.listed(name: name, versions: try library.versions(owner: owner, name: name))))) }
            catch { dispatch(.sessions(.failed(error.description))) }
        case let .restore(name, version):
            do {
                let v = try library.restore(owner: owner, name: name, version: version)
                dispatch(.sessions(.history(.restored(name: name, version: version, as: v.number))))
            } catch { dispatch(.sessions(.failed(error.description))) }
        }
    }

    /// The selected series' newest time and count now, to compare with when the session is loaded again.
    func watermark(_ settings: ViewSettings) -> DataWatermark {
        DataWatermark(selected: settings.series.selected, store: store, sources: Self.absolute(paths))
    }

    func dataSinceSaved(_ saved: DataWatermark?) -> String? {
        guard let saved else { return nil }
        return DataSinceSaved(saved: saved, now: DataWatermark(selected: saved.marks.map(\.id), store: store, sources: saved.sources)).message
    }

    static func absolute(_ paths: [String]) -> [String] {
        paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }
}
