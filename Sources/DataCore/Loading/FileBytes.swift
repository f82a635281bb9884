import CZlib
import Foundation

/// Reads files for the loader: in chunks, or a grown file's new tail; gzip inflated.
enum FileBytes {
    /// Reads a file in 1 MiB chunks and hands each to `body`; the last call has `final` true.
    /// Neither plain nor gzip files sit in memory whole: gzip is inflated as it is read.
    /// `onDisk` is told the bytes read from disk so far (compressed bytes for gzip), for progress.
    /// Returns what identifies the file, for following it.
    static func stream(path: String, displayName: String, onDisk: ((Int) -> Void)? = nil,
                       _ body: (ArraySlice<UInt8>, Bool) throws(LoadError) -> Void) throws(LoadError) -> FileIdentity {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LoadError(file: displayName, reason: errnoReason(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LoadError(file: displayName, reason: errnoReason(errno)) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw LoadError(file: displayName, reason: "is a directory") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw LoadError(file: displayName, reason: "is not a regular file") }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        var gzip: GzipStream? = nil
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LoadError(file: displayName, reason: errnoReason(errno))
            }
            if total == 0 && n >= 2 && chunk[0] == 0x1F && chunk[1] == 0x8B { gzip = try GzipStream(displayName: displayName) }
            total += n
            if let gzip {
                try gzip.feed(chunk[0..<n]) { (plain: ArraySlice<UInt8>) throws(LoadError) in
                    onDisk?(gzip.consumed)
                    try body(plain, false)
                }
                if n == 0 {
                    try gzip.finish(total: total)
                    try body(chunk[0..<0], true)
                }
            } else {
                try body(chunk[0..<n], n == 0)
            }
            onDisk?(total)
            if n == 0 { break }
        }
        return FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: total, gzip: gzip != nil)
    }

    /// Bytes from `offset` to the end of the file, or nil when it cannot be read now.
    static func tail(path: String, from offset: Int, max: Int = 64 << 20) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: max)
        let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
        guard n >= 0 else { return nil }
        out.removeSubrange(n...)
        return out
    }

    static func errnoReason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "cannot be read: permission denied"
        case EISDIR: return "is a directory"
        default: return "cannot be read: " + String(cString: strerror(code))
        }
    }

    /// Inflates a whole gzip buffer (for tests and small inputs; files are inflated as a stream).
    static func gunzip(_ input: [UInt8], displayName: String) throws(LoadError) -> [UInt8] {
        let gzip = try GzipStream(displayName: displayName)
        var out = [UInt8]()
        try gzip.feed(input[...]) { (plain: ArraySlice<UInt8>) throws(LoadError) in out.append(contentsOf: plain) }
        try gzip.finish(total: input.count)
        return out
    }
}
