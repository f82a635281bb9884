import LibraryCore

/// Session versions are not kept on a team library yet: each history call says so in one sentence
/// rather than answering with an empty history that would look like lost versions.
extension TeamLibrary {
    public func versionDocuments(owner: String, name: String) throws(LibraryError) -> [VersionDocument] {
        throw .noHistory(library: location)
    }

    public func versionDocument(owner: String, name: String, number: Int) throws(LibraryError) -> VersionDocument {
        throw .noHistory(library: location)
    }

    @discardableResult
    public func restoreVersion(owner: String, name: String, number: Int) throws(LibraryError) -> VersionDocument {
        throw .noHistory(library: location)
    }

    /// No versions, so no watermark: a session loads without the data-since-saved note.
    public func watermarkDocument(owner: String, name: String) throws(LibraryError) -> String? { nil }

    public func keepVersions() throws(LibraryError) -> Int { throw .noHistory(library: location) }

    public func setKeepVersions(_ n: Int) throws(LibraryError) { throw .noHistory(library: location) }
}
