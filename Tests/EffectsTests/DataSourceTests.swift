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
        // Progress only goes forward, and comes before the data.
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0.progress.bytes <= $1.progress.bytes })
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
        let seen = pump(source, mailbox) { $0.versions.count >= 2 }
        pump(source, mailbox, seconds: 1) { _ in false }
        #expect(source.version == 2)
        #expect(seen.messages == ["and again"])
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
