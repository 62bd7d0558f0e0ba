// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl history TENANT`.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List a tenant's revisions, oldest first.",
        discussion: """
            Examples:
              tenantctl history acme
              tenantctl history acme --max 3 -o json

            Exit status: 0 on success; 1 when the tenant has no release (`release: not found`).
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @Option(help: ArgumentHelp("Show at most this many revisions, the newest.", valueName: "n"))
    var max = 256

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let verb = Actions.History(tenant: tenant, max: max)
        let releases = try perform { () throws(ActionError) in try verb.run(context) }
        printReleases(releases, output, tenantColumn: false)
    }
}
