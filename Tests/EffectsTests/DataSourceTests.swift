import DataCore
import Effects
import Foundation
import Testing
import ViewCore

/// The data source on real files: reads in the background, reports once per change, follows.
@Suite struct DataSourceTests {
    @Test func readsInTheBackgroundAndReportsOnceWithAVersion() throws {
        let dir = tempFolder()
        let path = dir + "/air.csv"
        try (header + rows(100)).write(toFile: path, atomically: true, encoding: .utf8)
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [path], mailbox: mailbox)
        source.read()
        #expect(source.isReading)
        #expect(source.store.series.isEmpty)  // nothing swapped in until the news is handled
        let seen = pump(source, mailbox) { !$0.versions.isEmpty }
        #expect(seen.versions == [1])
        #expect(source.version == 1 && !source.isReading)
        let summary = try #require(seen.summaries.first)
        #expect(summary.catalog.map(\.name) == ["S0 · PM10", "S1 · PM10"])
        #expect(summary.measurements == 100)
        #expect(summary.name == "air.csv")
        #expect(source.store.measurementCount == 100)
    }

    @Test func appendedRowsArriveAsOneChange() throws {
        let dir = tempFolder()
        let path = dir + "/air.csv"
        try (header + rows(10)).write(toFile: path, atomically: true, encoding: .utf8)
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [path], mailbox: mailbox)
        source.read()
        pump(source, mailbox) { !$0.versions.isEmpty }
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        h.seekToEndOfFile()
        h.write(Data(rows(5, from: 10).utf8))
        try h.close()
        source.poll()
        #expect(source.isBusy)
        let seen = pump(source, mailbox) { !$0.versions.isEmpty }
        #expect(seen.versions == [2])
        #expect(seen.messages == ["+5 measurements"])
        #expect(source.store.measurementCount == 15)
        // Nothing new: no news.
        source.poll()
        let quiet = pump(source, mailbox, seconds: 1) { _ in !source.isBusy }
        #expect(quiet.isEmpty && source.version == 2)
    }

    @Test func aReplacedFileIsReadAgainInTheBackground() throws {
        let dir = tempFolder()
        let path = dir + "/air.csv"
        try (header + rows(50)).write(toFile: path, atomically: true, encoding: .utf8)
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [path], mailbox: mailbox)
        source.read()
        pump(source, mailbox) { !$0.versions.isEmpty }
        // Replaced (a new inode) with fewer rows: appending cannot explain it.
        try (header + rows(7, from: 100)).write(toFile: path, atomically: true, encoding: .utf8)
        source.poll()
        let seen = pump(source, mailbox) { !$0.versions.isEmpty }
        #expect(seen.versions == [2])
        #expect(seen.messages == ["air.csv changed on disk: read it again"])
        #expect(source.store.measurementCount == 7)
    }

    @Test func aTruncatedFileIsReadAgain() throws {
        let dir = tempFolder()
        let path = dir + "/air.csv"
        try (header + rows(50)).write(toFile: path, atomically: false, encoding: .utf8)
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [path], mailbox: mailbox)
        source.read()
        pump(source, mailbox) { !$0.versions.isEmpty }
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.truncate(atOffset: UInt64((header + rows(3)).utf8.count))
        try h.close()
        source.poll()
        let seen = pump(source, mailbox) { !$0.versions.isEmpty }
        #expect(seen.versions == [2])
        #expect(source.store.measurementCount == 3)
    }

    @Test func aBigReadReportsProgressThenTheData() throws {
        let dir = tempFolder()
        let path = dir + "/big.csv"
        var text = header
        for block in 0..<20 { text += rows(20_000, from: block * 20_000) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [path], mailbox: mailbox, progressEvery: 0)
        let begun = try #require(source.read())
        #expect(source.read() == nil)  // queued after this one
        guard case .data(.loading(.progress(let zero))) = begun else { Issue.record("\(begun)"); return }
        #expect(zero.progress.bytes == 0 && zero.progress.totalBytes == text.utf8.count)
        let seen = pump(source, mailbox, seconds: 60) { !$0.versions.isEmpty }
        // The read queued after this one may have begun in the same batch: judge this one's news.
        let firstChange = try #require(seen.firstIndex { if case .data(.dataChanged) = $0 { return true } else { return false } })
        let progress = Array(seen[..<firstChange]).progress
        #expect(progress.count >= 2)
        #expect(progress.allSatisfy { $0.what == "big.csv" })
        let last = try #require(progress.last)
        #expect(last.progress.totalBytes == text.utf8.count)
        #expect(last.progress.bytes > 0 && last.progress.bytes <= last.progress.totalBytes)
        // Progress only goes forward, and comes before the data; it starts again from 0 only when
        // the queued read cancels this one and begins.
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0.progress.bytes <= $1.progress.bytes || $1.progress.bytes == 0 })
        #expect(seen[..<firstChange].allSatisfy { if case .data(.loading) = $0 { return true } else { return false } })
        #expect(source.store.measurementCount == 400_000)
    }

    @Test func aReadAskedForDuringAReadRunsOnceAfterIt() throws {
        let dir = tempFolder()
        let path = dir + "/air.csv"
        try (header + rows(20)).write(toFile: path, atomically: true, encoding: .utf8)
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [path], mailbox: mailbox)
        source.read()
        source.read(reason: "again")
        source.read(reason: "and again")
        let seen = pump(source, mailbox) { $0.messages.contains("and again") }
        pump(source, mailbox, seconds: 1) { _ in false }
        // The first read is superseded: it lands (version 1) only if it ended before it heard so.
        #expect((1...2).contains(source.version))
        #expect(seen.messages == ["and again"])
        #expect(source.store.measurementCount == 20)
    }

    @Test func aSupersededReadIsCancelledAndItsDataNeverLands() throws {
        let dir = tempFolder()
        let path = dir + "/big.csv"
        // Many chunks: the first read is still under way when the second is asked for.
        try (header + rows(400_000)).write(toFile: path, atomically: true, encoding: .utf8)
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [path], mailbox: mailbox)
        source.read()
        source.read(reason: "read again")
        let seen = pump(source, mailbox, seconds: 60) { !$0.versions.isEmpty }
        #expect(seen.versions == [1])
        #expect(seen.messages == ["read again"])
        #expect(source.store.measurementCount == 400_000)
        #expect(!source.isReading)
    }

    /// Two files, two stations: `a.csv` and `b.csv`.
    func twoFiles(_ dir: String, a: Int = 30, b: Int = 40) throws -> (DataSource, Mailbox<Message>, String, String) {
        let pa = dir + "/a.csv", pb = dir + "/b.csv"
        try (header + rows(a)).replacingOccurrences(of: ",S", with: ",A").write(toFile: pa, atomically: true, encoding: .utf8)
        try (header + rows(b)).replacingOccurrences(of: ",S", with: ",B").write(toFile: pb, atomically: true, encoding: .utf8)
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [pa, pb], mailbox: mailbox)
        source.read()
        pump(source, mailbox) { !$0.versions.isEmpty }
        return (source, mailbox, pa, pb)
    }

    @Test func ofSeveralFilesOnlyTheReplacedOneIsReadAgain() throws {
        let dir = tempFolder()
        let (source, mailbox, pa, pb) = try twoFiles(dir)
        #expect(source.parts.count == 2)
        #expect(source.store.measurementCount == 70)
        // a.csv's data as read the first time: it must not be read again.
        let aBefore = source.parts[0]
        try (header + rows(5, from: 100)).replacingOccurrences(of: ",S", with: ",B").write(toFile: pb, atomically: true, encoding: .utf8)
        source.poll()
        let seen = pump(source, mailbox) { !$0.versions.isEmpty }
        #expect(seen.versions == [2])
        #expect(seen.messages == ["b.csv changed on disk: read it again (the other 1 kept)"])
        // The progress bar names the one file being read, and counts its bytes only.
        #expect(seen.progress.allSatisfy { $0.what == "b.csv" })
        #expect(seen.progress.first?.progress.totalBytes == (try FileManager.default.attributesOfItem(atPath: pb)[.size] as? Int))
        #expect(source.store.measurementCount == 35)
        #expect(source.parts[0].sources == aBefore.sources && source.parts[0].columns == aBefore.columns)
        #expect(source.parts[1].measurementCount == 5)
        #expect(Set(source.store.series.map(\.name)) == ["A0 · PM10", "A1 · PM10", "B0 · PM10", "B1 · PM10"])
        // Followed as before: rows appended to a.csv arrive as a change of a.csv's part.
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: pa))
        h.seekToEndOfFile()
        h.write(Data(rows(4, from: 30).replacingOccurrences(of: ",S", with: ",A").utf8))
        try h.close()
        source.poll()
        let more = pump(source, mailbox) { !$0.versions.isEmpty }
        #expect(more.messages == ["+4 measurements"])
        #expect(source.parts[0].measurementCount == 34 && source.parts[1].measurementCount == 5)
        #expect(source.store.measurementCount == 39)
    }

    @Test func aFileReplacedAgainWhileItIsReadIsReadOnceMore() throws {
        let dir = tempFolder()
        let (source, mailbox, _, pb) = try twoFiles(dir)
        // Big enough that the re-read is still under way when the file is replaced once more.
        try (header + rows(400_000)).replacingOccurrences(of: ",S", with: ",B").write(toFile: pb, atomically: true, encoding: .utf8)
        source.poll()
        pump(source, mailbox) { _ in source.isReading }
        try (header + rows(9, from: 7)).replacingOccurrences(of: ",S", with: ",B").write(toFile: pb, atomically: true, encoding: .utf8)
        source.poll()  // while the read runs: only its own file is looked at
        let seen = pump(source, mailbox, seconds: 60) { $0.messages.contains { $0.contains("again: read it again") } }
        pump(source, mailbox, seconds: 0.5) { _ in false }
        #expect(seen.messages.last == "b.csv changed on disk again: read it again")
        #expect(source.parts[1].measurementCount == 9)
        #expect(source.store.measurementCount == 39)
    }

    @Test func aFirstReadThatFailsIsReportedForTheViewerToEnd() throws {
        let dir = tempFolder()
        let path = dir + "/binary.csv"
        try Data([0, 1, 2, 3, 0, 0]).write(to: URL(fileURLWithPath: path))
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [path], mailbox: mailbox)
        source.read()
        let seen = pump(source, mailbox) { _ in source.firstReadFailed != nil }
        let error = try #require(source.firstReadFailed)
        #expect(error.reason.contains("binary"))
        #expect(seen.versions.isEmpty)
    }

    @Test func aFailedReloadKeepsWhatWasLoaded() throws {
        let dir = tempFolder()
        let path = dir + "/air.csv"
        try (header + rows(20)).write(toFile: path, atomically: true, encoding: .utf8)
        let mailbox = Mailbox<Message>()
        let source = DataSource(paths: [path], mailbox: mailbox)
        source.read()
        pump(source, mailbox) { !$0.versions.isEmpty }
        try Data([0, 0, 0, 1]).write(to: URL(fileURLWithPath: path))
        source.poll()
        let seen = pump(source, mailbox) { $0.contains { if case .data(.loading(.failed)) = $0 { return true } else { return false } } }
        #expect(source.firstReadFailed == nil)
        #expect(source.store.measurementCount == 20 && source.version == 1)
        #expect(seen.contains { if case .data(.loading(.failed(let m))) = $0 { return m.contains("kept what was loaded") } else { return false } })
    }
}
