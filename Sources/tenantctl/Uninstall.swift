// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl uninstall TENANT [--keep-history]`.
struct Uninstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove a tenant's objects from deploy/, and its release history unless kept.",
        discussion: """
            The tenant's file in tenants/ stays: `tenantctl install TENANT` brings the tenant back.

            Examples:
              tenantctl uninstall acme
              tenantctl uninstall acme --keep-history     # history stays, last revision `uninstalled`

            Exit status: 0 on success; 1 when the tenant has no release or removing the objects fails.
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @Flag(name: .customLong("keep-history"), help: "Keep the revisions; the last one is marked uninstalled.")
    var keepHistory = false

    @Flag(name: .customLong("dry-run"), help: "Change nothing.")
    var dryRun = false

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let verb = Actions.Uninstall(tenant: tenant, keepHistory: keepHistory, dryRun: dryRun)
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        if dryRun {
            writeStdout("Uninstall of \(tenant) (dry run): nothing changed.\n")
        } else {
            writeStdout(
                "release \"\(tenant)\" uninstalled" + (keepHistory ? " (history kept, revision \(result.release.revision) marked uninstalled)" : "") + "\n")
        }
        noteGatewayOutOfDate(context)
    }
}
