import CZlib

/// Inflates gzip as it arrives, so a compressed file never sits in memory whole (neither packed
/// nor unpacked). Concatenated members (`cat a.gz b.gz`) continue; zero padding after the last
/// member (tape, dd, some downloads) is ignored, as gzip does.
final class GzipStream {
    /// A small .gz can expand without bound (a "zip bomb"): stop well before memory runs out.
    static let maxInflated = 4 << 30

    private var stream = z_stream()
    private var ended = false
    private var started = false
    private(set) var consumed = 0
    private(set) var produced = 0
    private var out = [UInt8](repeating: 0, count: 1 << 20)
    let displayName: String

    init(displayName: String) throws(LoadError) {
        self.displayName = displayName
        guard cz_inflate_init_gzip(&stream) == Z_OK else {
            throw LoadError(file: displayName, reason: "cannot start gzip decompression")
        }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates `input` and hands the plain bytes on in pieces of at most 1 MiB.
    func feed(_ input: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>) throws(LoadError) -> Void) throws(LoadError) {
        guard !input.isEmpty else { return }
        started = true
        try input.withUnsafeBufferPointer { (inBuf: UnsafeBufferPointer<UInt8>) throws(LoadError) in
            var next = inBuf.baseAddress!
            var left = inBuf.count
            while left > 0 {
                if ended {
                    // After a member: zero padding is skipped, anything else starts the next member.
                    let rest = UnsafeBufferPointer(start: next, count: left)
                    if rest.allSatisfy({ $0 == 0 }) { consumed += left; return }
                    guard inflateReset(&stream) == Z_OK else { throw failure("is not a valid gzip file") }
                    ended = false
                }
                stream.next_in = UnsafeMutablePointer(mutating: next)
                stream.avail_in = uInt(left)
                let status: Int32 = out.withUnsafeMutableBufferPointer { o in
                    stream.next_out = o.baseAddress
                    stream.avail_out = uInt(o.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let used = left - Int(stream.avail_in)
                consumed += used
                next += used
                left -= used
                let n = out.count - Int(stream.avail_out)
                produced += n
                if produced > Self.maxInflated {
                    throw LoadError(file: displayName, reason: "expands to more than \(Self.maxInflated >> 30) GiB; decompress it first")
                }
                if n > 0 { try body(out[0..<n]) }
                switch status {
                case Z_STREAM_END: ended = true
                case Z_OK: continue
                case Z_BUF_ERROR where n == 0 && used == 0: throw failure("is not a valid gzip file")
                case Z_BUF_ERROR: continue
                default: throw failure("is not a valid gzip file")
                }
            }
        }
        // Output may still be pending inside zlib with all input taken: drain it.
        while !ended {
            let status: Int32 = out.withUnsafeMutableBufferPointer { o in
                stream.next_in = nil
                stream.avail_in = 0
                stream.next_out = o.baseAddress
                stream.avail_out = uInt(o.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let n = out.count - Int(stream.avail_out)
            produced += n
            if n > 0 { try body(out[0..<n]) }
            if status == Z_STREAM_END { ended = true }
            if n == 0 || (status != Z_OK && status != Z_STREAM_END) { break }
        }
    }

    /// At the end of the input: a stream cut short is an error.
    func finish(total: Int) throws(LoadError) {
        guard started && ended else { throw failure("is a truncated gzip file", total: total) }
    }

    private func failure(_ why: String, total: Int? = nil) -> LoadError {
        LoadError(file: displayName, reason: why + " (stopped after \(consumed) of \(total ?? consumed) bytes)")
    }
}
