// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import ReleaseStore

extension ReleaseStatus: ExpressibleByArgument {}

/// `tenantctl list`.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List tenants' releases: each tenant's latest revision.",
        discussion: """
            Examples:
              tenantctl list
              tenantctl list --tier premium --status deployed -o yaml

            Exit status: 0 (an empty list when nothing was installed yet).
            """)

    @Option(help: ArgumentHelp("Only tenants on this tier.", valueName: "tier"))
    var tier: String?

    @Option(help: ArgumentHelp("Only releases whose latest revision has this status (deployed, failed, uninstalled, …).", valueName: "status"))
    var status: ReleaseStatus?

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let verb = Actions.List(tier: tier, status: status)
        let releases = try perform { () throws(ActionError) in try verb.run(context) }
        printReleases(releases, output, tenantColumn: true)
    }
}
