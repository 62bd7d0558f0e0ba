// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl rollback TENANT [REVISION]`.
struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Roll a tenant back: record a new revision carrying an old revision's manifest and values.",
        discussion: """
            The chart is not needed: every revision stores its full manifest. Without REVISION, rolls back to the \
            revision before the last.

            Examples:
              tenantctl rollback acme 1
              tenantctl rollback acme

            Exit status: 0 on success; 1 when the revision does not exist or writing the objects fails.
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @Argument(help: "The revision to go back to (default: the one before the last).")
    var revision: Int = 0

    @Flag(name: .customLong("dry-run"), help: "Show what would be recorded; change nothing (--dry-run=server also has the cluster check every object).")
    var dryRun = false

    @OptionGroup var apply: ApplyFlags

    @OptionGroup var place: PlaceOptions

    func run() throws {
        var context = try place.context()
        try apply.apply(to: &context)
        let verb = Actions.Rollback(tenant: tenant, revision: revision, dryRun: dryRun)
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        printResult("Rollback", result)
    }
}
