import Foundation
@_exported import LibraryCore
import ViewCore

/// The view's types over any library: documents are encoded and decoded here, once, for every backend.
public struct AutosavedView: Equatable, Sendable {
    public var settings: ViewSettings
    public var sessionName: String?
    /// The session's settings as last saved or loaded (the view is "modified" when it differs).
    public var savedSettings: ViewSettings?
    public var place: ViewPlace?
    /// Milliseconds since the epoch.
    public var savedAt: Int64
}

/// The change of the undo/redo stacks, in the view's types.
public typealias HistoryDelta = HistoryChange

extension HistoryChange {
    /// The smallest change from `old` to `new` (stacks change at their ends, and the past is trimmed
    /// at its start); nil when nothing changed.
    public init?(from old: UndoHistory, to new: UndoHistory) {
        func common(_ a: ArraySlice<ViewSettings>, _ b: [ViewSettings]) -> Int {
            var i = 0
            while i < a.count && i < b.count && a[a.startIndex + i] == b[i] { i += 1 }
            return i
        }
        var drop = 0, pk = common(old.past[...], new.past)
        // A trim drops the oldest entries: found where the new past begins in the old one.
        if pk == 0, let first = new.past.first, let d = old.past.firstIndex(of: first), d > 0 {
            let k = common(old.past[d...], new.past)
            if k > 0 { (drop, pk) = (d, k) }
        }
        let fk = common(old.future[...], new.future)
        let pa = new.past[pk...].map(SettingsDocument.encode), fa = new.future[fk...].map(SettingsDocument.encode)
        if drop == 0 && pk == old.past.count && pa.isEmpty && fk == old.future.count && fa.isEmpty { return nil }
        self.init(pastDrop: drop, pastKeep: pk, pastAppend: pa, futureKeep: fk, futureAppend: fa)
    }
}

extension LibraryBackend {
    /// Settings of a session, decoded; a document from a newer version is refused whole.
    public func settings(owner: String, name: String) throws(LibraryError) -> ViewSettings {
        guard let r = try session(owner: owner, name: name) else { throw .noSuchSession(name: name) }
        do { return try SettingsDocument.decode(r.settings) }
        catch { throw .badSettings(name: name, reason: error.description) }
    }

    /// Saves `settings` under `name`. An existing session is replaced only with `overwrite`.
    @discardableResult
    /// Each save is a new version; `watermark` notes the data it was saved with.
    public func save(owner: String, name rawName: String, settings: ViewSettings, shareable: Bool? = nil,
                     overwrite: Bool, watermark: DataWatermark? = nil) throws(LibraryError) -> SessionRecord {
        let name = try SessionName.validate(rawName)
        return try saveDocument(owner: owner, name: name, json: SettingsDocument.encode(settings), shareable: shareable,
                                overwrite: overwrite, watermark: watermark.map(WatermarkDocument.encode))
    }

    /// Imports a settings document (validated first: a broken or newer one is refused, nothing written).
    @discardableResult
    public func importDocument(owner: String, name rawName: String, json: String, overwrite: Bool = false) throws(LibraryError) -> SessionRecord {
        let name = try SessionName.validate(rawName)
        let settings: ViewSettings
        do { settings = try SettingsDocument.decode(json) } catch { throw .badSettings(name: name, reason: error.description) }
        return try saveDocument(owner: owner, name: name, json: SettingsDocument.encode(settings), shareable: nil, overwrite: overwrite, watermark: nil)
    }

    @discardableResult
    public func autosave(owner: String, dataKey: String, settings: ViewSettings, sessionName: String?,
                         savedSettings: ViewSettings?, place: ViewPlace? = nil, history: HistoryChange? = nil) throws(LibraryError) -> Int64 {
        let placeJSON = place.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
        let doc = AutosaveDocument(settings: SettingsDocument.encode(settings), sessionName: sessionName,
                                   baseline: savedSettings.map(SettingsDocument.encode), place: placeJSON)
        return try writeAutosave(owner: owner, dataKey: dataKey, doc, history: history)
    }

    /// The autosaved view, or nil when there is none (or it cannot be read: then a fresh view is better than none).
    public func autosaved(owner: String, dataKey: String) throws(LibraryError) -> AutosavedView? {
        guard let doc = try autosaveDocument(owner: owner, dataKey: dataKey),
              let settings = try? SettingsDocument.decode(doc.settings) else { return nil }
        return AutosavedView(settings: settings, sessionName: doc.sessionName,
                             savedSettings: doc.baseline.flatMap { try? SettingsDocument.decode($0) },
                             place: doc.place.flatMap { try? JSONDecoder().decode(ViewPlace.self, from: Data($0.utf8)) },
                             savedAt: doc.savedAt)
    }

    /// The undo/redo stacks kept for this user and data (unreadable entries are dropped).
    public func history(owner: String, dataKey: String) throws(LibraryError) -> UndoHistory {
        let (past, future) = try historyDocuments(owner: owner, dataKey: dataKey)
        var h = UndoHistory()
        h.past = past.compactMap { try? SettingsDocument.decode($0) }
        h.future = future.compactMap { try? SettingsDocument.decode($0) }
        return h
    }
}
