import ArgumentParser
import SessionLibrary

/// `dataviewer open LINK [DATA…]`: the viewer with a shared session's settings.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a shared session by its link.")

    @Argument(help: "The link: dataviewer://HOST[:PORT]/DB/s/<token> (a team library) or dataviewer://session/<token>.")
    var link: String

    @OptionGroup var options: DataOptions
    @OptionGroup var lib: LibraryOptions

    func run() throws {
        guard ShareLink.looksLikeLink(link) else { fail(LinkError.malformed.description) }
        try ViewCommand.launch(options: options, lib: lib, session: link, fresh: false)
    }
}
