import ArgumentParser

@main
struct Dataviewer: ParsableCommand {
    static let version = "0.1.0"
    static let configuration = CommandConfiguration(
        commandName: "dataviewer",
        abstract: "A terminal viewer for time-stamped, geo-located measurements.",
        usage: """
            dataviewer [DATA…] [--library PATH|URL] [--user NAME] [--theme NAME|PATH] [--session NAME|LINK] [--fresh] [--no-color]
                       [--time COL[,COL]] [--station COL] [--tz ZONE] [--na V[,V]] [--delimiter C] [--decimal C] [--skip N]
            dataviewer open LINK [DATA…]
            dataviewer inspect DATA… [--json]
            dataviewer sessions list|show|delete|rename|export|import|share|unshare|new-link|history|diff|restore …
            dataviewer library init [PATH|postgres://[user@]host[:port]/db] [--keep-versions N] [--group ROLE]
            dataviewer render [DATA…] [--session NAME|LINK] [--format text|png|svg|pdf] [-o FILE] [--size 120x40|1600x900] [--theme NAME] [--ascii]
            """,
        discussion: """
            With no DATA, opens the bundled sample data. DATA may be CSV/TSV files (.csv.gz too) or folders of them.
            Keys inside the viewer: ? for help, m for the menu, q to quit.
            """,
        version: version,
        subcommands: [ViewCommand.self, OpenCommand.self, RenderCommand.self, InspectCommand.self, SessionsCommand.self, LibraryCommand.self],
        defaultSubcommand: ViewCommand.self
    )
}

/// Options shared by the commands that open data.
struct DataOptions: ParsableArguments {
    @Argument(help: "CSV/TSV files or folders (default: the bundled sample data).")
    var data: [String] = []

    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    @Option(help: ArgumentHelp("Colour theme: a name from themes/ or your ~/.config/dataviewer/themes, or a .toml path.", valueName: "name|path"))
    var theme: String?

    @OptionGroup var load: LoadFlags
}
