import CZlib
import Foundation

/// Reads files for the loader: in chunks, or a grown file's new tail; gzip inflated.
enum FileBytes {
    /// Reads a file in 4 MiB chunks and hands each to `body`; the last call has `final` true.
    /// Plain files never sit in memory whole; gzip is inflated first, then handed on in chunks.
    /// Returns what identifies the file, for following it.
    static func stream(path: String, displayName: String,
                       _ body: (ArraySlice<UInt8>, Bool) throws(LoadError) -> Void) throws(LoadError) -> FileIdentity {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LoadError(file: displayName, reason: errnoReason(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LoadError(file: displayName, reason: errnoReason(errno)) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw LoadError(file: displayName, reason: "is a directory") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw LoadError(file: displayName, reason: "is not a regular file") }
        let size = 1 << 22
        var chunk = [UInt8](repeating: 0, count: size)
        var total = 0
        var compressed: [UInt8]? = nil
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LoadError(file: displayName, reason: errnoReason(errno))
            }
            if total == 0 && n >= 2 && chunk[0] == 0x1F && chunk[1] == 0x8B { compressed = [] }
            total += n
            if compressed != nil {
                compressed!.append(contentsOf: chunk[0..<n])
            } else {
                try body(chunk[0..<n], n == 0)
            }
            if n == 0 { break }
        }
        if let compressed {
            let plain = try gunzip(compressed, displayName: displayName)
            var at = 0
            repeat {
                let end = min(plain.count, at + size)
                try body(plain[at..<end], end == plain.count)
                at = end
            } while at < plain.count
        }
        return FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: total, gzip: compressed != nil)
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

    /// A small .gz can expand without bound (a "zip bomb"): stop well before memory runs out.
    static let maxInflated = 4 << 30

    static func gunzip(_ input: [UInt8], displayName: String) throws(LoadError) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(input.count * 5)
        var stream = z_stream()
        guard cz_inflate_init_gzip(&stream) == Z_OK else {
            throw LoadError(file: displayName, reason: "cannot start gzip decompression")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var status: Int32 = Z_OK
        var consumed = 0
        input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress!)
            stream.avail_in = uInt(inBuf.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    out.append(contentsOf: outBuf[0..<(outBuf.count - Int(stream.avail_out))])
                    if out.count > maxInflated { status = Z_MEM_ERROR }
                }
                // Concatenated gzip members (as `cat a.gz b.gz` makes) continue with a reset.
                if status == Z_STREAM_END && stream.avail_in > 0 {
                    // Zero padding after the last member (tape, dd, some downloads): gzip ignores it too.
                    let rest = UnsafeBufferPointer(start: stream.next_in, count: Int(stream.avail_in))
                    if rest.allSatisfy({ $0 == 0 }) {
                        stream.next_in += Int(stream.avail_in)
                        stream.avail_in = 0
                    } else {
                        status = inflateReset(&stream)
                    }
                }
            } while status == Z_OK
            consumed = inBuf.count - Int(stream.avail_in)
        }
        if out.count > maxInflated {
            throw LoadError(file: displayName, reason: "expands to more than \(maxInflated >> 30) GiB; decompress it first")
        }
        guard status == Z_STREAM_END else {
            let why = status == Z_BUF_ERROR ? "is a truncated gzip file" : "is not a valid gzip file"
            throw LoadError(file: displayName, reason: why + " (stopped after \(consumed) of \(input.count) bytes)")
        }
        return out
    }
}
