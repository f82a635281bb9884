import DataCore
import Foundation

/// Finds the bundled map layer the way the sample data is found, and reads it off the input
/// thread (the first frame does not wait for it).
enum MapLayerLoading {
    static let fileName = "natural-earth.dvmap"

    static func path() -> String {
        let env = ProcessInfo.processInfo.environment
        if let p = env["DATAVIEWER_MAP_LAYER"], !p.isEmpty { return p }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            // Installed: …/bin/dataviewer → …/share/dataviewer/map-data.
            exe.appendingPathComponent("../share/dataviewer/map-data/\(fileName)").path,
            // A source checkout (swift run).
            repo.appendingPathComponent("map-data/\(fileName)").path,
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates.last!
    }

    /// The result, once the background read is done; taken once.
    final class Pending: @unchecked Sendable {
        private let lock = NSLock()
        private let group = DispatchGroup()
        private var result: Result<MapLayer, MapLayerError>?

        func start(path: String) {
            group.enter()
            DispatchQueue.global(qos: .userInitiated).async {
                let r = Result { () throws(MapLayerError) in try MapLayerFile.read(path: path) }
                self.lock.withLock { self.result = r }
                self.group.leave()
            }
        }

        /// Waits for the read `start` began (for `render`, which draws one frame with the layer).
        func wait() -> Result<MapLayer, MapLayerError>? {
            group.wait()
            return take()
        }

        func take() -> Result<MapLayer, MapLayerError>? {
            lock.withLock {
                defer { result = nil }
                return result
            }
        }
    }
}
