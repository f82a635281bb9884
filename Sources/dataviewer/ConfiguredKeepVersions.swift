import Foundation
import SessionLibrary
import UserConfig

/// `keep_versions = N` in config.toml applies like `library init --keep-versions N`, to every
/// library a command opens: the library's setting is brought to N (and trimmed) when it differs.
enum ConfiguredKeepVersions {
    /// N from config.toml, or nil; a bad file is one sentence and exit 1.
    static func value() -> Int? {
        do { return try UserConfig.load().keepVersions } catch { fail(error.description) }
    }

    static func apply(to library: Library) {
        guard let n = value(), (try? library.keepVersions()) != n else { return }
        // A library this user cannot write keeps its own setting: nothing is saved into it anyway.
        try? library.setKeepVersions(n)
    }
}
