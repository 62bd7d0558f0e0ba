// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl get values|manifest|notes TENANT`.
struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print what a revision stored: its values, manifest or notes.",
        discussion: """
            Examples:
              tenantctl get values acme
              tenantctl get values acme --all --revision 1
              tenantctl get manifest acme
              tenantctl get notes acme
            """,
        subcommands: [Values.self, ManifestCommand.self, Notes.self])

    struct Which: ParsableArguments {
        @Argument(help: "The tenant.")
        var tenant: String

        @Option(help: ArgumentHelp("The revision (default: the last).", valueName: "n"))
        var revision: Int?

        @OptionGroup var place: PlaceOptions
    }

    struct Values: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "values",
            abstract: "The user-supplied values (tier, tenant file, -f, --set merged), as YAML; --all adds the chart defaults.")
        @OptionGroup var which: Which
        @Flag(help: "All computed values, chart defaults included.")
        var all = false

        func run() throws {
            let verb = GetValues(tenant: which.tenant, revision: which.revision, all: all)
            let context = try which.place.context()
            writeStdout(try perform { () throws(ActionError) in try verb.run(context) })
        }
    }

    struct ManifestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "manifest", abstract: "The rendered manifest.")
        @OptionGroup var which: Which

        func run() throws {
            let verb = GetManifest(tenant: which.tenant, revision: which.revision)
            let context = try which.place.context()
            writeStdout(try perform { () throws(ActionError) in try verb.run(context) })
        }
    }

    struct Notes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "notes", abstract: "The rendered NOTES.txt.")
        @OptionGroup var which: Which

        func run() throws {
            let verb = GetNotes(tenant: which.tenant, revision: which.revision)
            let context = try which.place.context()
            writeStdout(try perform { () throws(ActionError) in try verb.run(context) })
        }
    }
}
