/// How far a load has come: bytes from disk (compressed bytes for gzip) of the total, and rows read.
public struct LoadProgress: Equatable, Sendable {
    public var bytes: Int
    public var totalBytes: Int
    public var rows: Int
    public init(bytes: Int, totalBytes: Int, rows: Int) {
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.rows = rows
    }

    public var fraction: Double { totalBytes > 0 ? min(1, Double(bytes) / Double(totalBytes)) : 0 }
}
