import DataCore
import Effects
import Foundation
import ViewCore

func tempFolder(_ tag: String = "fx") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dv-\(tag)-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Rows of a long CSV, `count` of them from hour `from`, two stations.
func rows(_ count: Int, from: Int = 0) -> String {
    (from..<(from + count)).map { h in
        "\(TimeFormat.iso(1_793_491_200_000 + Int64(h) * 3_600_000)),S\(h % 2),PM10,\(h % 50).5,µg/m³\n"
    }.joined()
}

let header = "time,station,phenomenon,value,unit\n"

/// Applies the data source's news as the run loop does, until `done` says so or `seconds` pass.
@discardableResult
func pump(_ source: DataSource, _ mailbox: Mailbox<Message>, seconds: Double = 30,
          until done: ([Action]) -> Bool) -> [Action] {
    var seen: [Action] = []
    let deadline = Date(timeIntervalSinceNow: seconds)
    while Date() < deadline {
        for m in mailbox.wait(seconds: 0.05) {
            if case .data(let e) = m { seen += source.handle(e) }
        }
        if done(seen) { break }
    }
    return seen
}

extension Array where Element == Action {
    var versions: [Int] {
        compactMap { if case let .data(.dataChanged(_, v)) = $0 { return v } else { return nil } }
    }
    var summaries: [DataSummary] {
        compactMap { if case let .data(.dataChanged(s, _)) = $0 { return s } else { return nil } }
    }
    var messages: [String] {
        compactMap { if case let .app(.setMessage(m?)) = $0 { return m } else { return nil } }
    }
    var progress: [Loading] {
        compactMap { if case let .data(.loading(.progress(l))) = $0 { return l } else { return nil } }
    }
}
