import Foundation
import LibraryCore
import ViewCore

/// Session versions in the view's types, over any library.
extension LibraryBackend {
    /// The versions of one of the owner's sessions, oldest first (without their watermarks).
    /// A version whose settings cannot be read (a damaged row) is left out rather than failing the history.
    public func versions(owner: String, name: String) throws(LibraryError) -> [SessionVersion] {
        try versionDocuments(owner: owner, name: name).compactMap(SessionVersion.init(document:))
    }

    public func version(owner: String, name: String, number: Int) throws(LibraryError) -> SessionVersion {
        let doc = try versionDocument(owner: owner, name: name, number: number)
        guard let v = SessionVersion(document: doc) else { throw .badSettings(name: name, reason: "of version \(number) cannot be read") }
        return v
    }

    /// Makes version `number` current as a new version (nothing is lost).
    @discardableResult
    public func restore(owner: String, name: String, version number: Int) throws(LibraryError) -> SessionVersion {
        let doc = try restoreVersion(owner: owner, name: name, number: number)
        guard let v = SessionVersion(document: doc) else { throw .badSettings(name: name, reason: "of version \(number) cannot be read") }
        return v
    }

    /// The data watermark of the current version (nil: saved without data, e.g. imported).
    public func watermark(owner: String, name: String) throws(LibraryError) -> DataWatermark? {
        try watermarkDocument(owner: owner, name: name).flatMap(WatermarkDocument.decode)
    }
}

extension SessionVersion {
    public init?(document d: VersionDocument) {
        guard let settings = try? SettingsDocument.decode(d.settings) else { return nil }
        self.init(number: d.number, event: .init(kind: d.kind, detail: d.detail), author: d.author, at: d.at,
                  name: d.name, shareable: d.shareable, settings: settings, watermark: d.watermark.flatMap(WatermarkDocument.decode))
    }
}

/// A watermark as the libraries store it: JSON with sorted keys.
public enum WatermarkDocument {
    public static func encode(_ w: DataWatermark) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return String(decoding: (try? enc.encode(w)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func decode(_ s: String) -> DataWatermark? {
        try? JSONDecoder().decode(DataWatermark.self, from: Data(s.utf8))
    }
}
