import ArgumentParser
import Foundation
import TeamLibrary

/// `dataviewer library init URL [--group ROLE]`: run once by whoever administers the database.
struct LibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library", abstract: "Set up a team library on PostgreSQL.", subcommands: [Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (or upgrade) a team library's schema, its row-level security and the group role its users are granted.")

        @Argument(help: "postgres://[user@]host[:port]/database[?sslmode=disable|require|verify-full]") var url: String
        @Option(help: ArgumentHelp("The role team members are granted (created when missing).", valueName: "role"))
        var group: String = TeamSchema.defaultGroup

        func run() throws {
            let address: TeamAddress
            let applied: [Int]
            do {
                address = try TeamAddress.parse(url, environment: ProcessInfo.processInfo.environment)
                applied = try TeamLibrary.initialise(address, group: group)
            } catch { fail(error.description) }
            if applied.isEmpty {
                print("\(address.display) is up to date (schema version \(TeamSchema.latest)); \(group) may use it")
            } else {
                print("\(address.display) is ready (schema version \(TeamSchema.latest)); give people access with: GRANT \(group) TO <login>;")
            }
        }
    }
}
