// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Foundation
import ProcessSupport
import ReleaseStore

/// `tenantctl rollback TENANT [REVISION]` and `tenantctl rollback --promotion ID`.
struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Roll a tenant back (a new revision carrying an old revision's manifest and values), or every tenant a promotion changed.",
        discussion: """
            The chart is not needed: every revision stores its full manifest. Without REVISION, rolls back to the \
            revision before the last.

            With --promotion ID instead of TENANT: every tenant the promotion changed (promoted, or failed with a \
            revision written) and not rolled back yet goes back to the revision it had before the promotion, as a \
            new revision, up to --max-parallel tenants at once. A tenant changed since the promotion (its latest \
            revision is no longer the promotion's) is skipped with a message unless --force. The run is recorded \
            as a promotion record of its own (kind rollback; `tenantctl promotions` lists it) and the promotion's \
            record marks the tenants rolled back, so running it again skips them. -o json prints the run's record.

            Examples:
              tenantctl rollback acme 1
              tenantctl rollback acme
              tenantctl rollback --promotion p-20261206T051400Z-1a2b3c -o json

            Exit status: 0 on success (with --promotion: no tenant failed; skipped ones are reported); 1 when the \
            revision or the promotion does not exist, or writing the objects fails; 4 with --promotion when some \
            tenants failed (the others are rolled back); 64 for TENANT and --promotion together, or neither.
            """)

    @Argument(help: "The tenant (not with --promotion).")
    var tenant: String?

    @Argument(help: "The revision to go back to (default: the one before the last).")
    var revision: Int?

    @Option(name: .customLong("promotion"), help: ArgumentHelp("Roll back every tenant this promotion changed.", valueName: "id"))
    var promotion: String?

    @Flag(name: .customLong("force"), help: "With --promotion: also roll back tenants changed since the promotion.")
    var force = false

    @Option(
        name: .customLong("max-parallel"),
        help: ArgumentHelp("With --promotion: tenants rolled back at once (default: the number of cores).", valueName: "n"))
    var maxParallel: Int?

    @Option(name: [.customShort("o"), .customLong("output")], help: "With --promotion: table, json or yaml.")
    var output: OutputFormat = .table

    @Flag(name: .customLong("dry-run"), help: "Show what would be recorded; change nothing (--dry-run=server also has the cluster check every object).")
    var dryRun = false

    @OptionGroup var apply: ApplyFlags

    @OptionGroup var place: PlaceOptions

    func validate() throws {
        switch (tenant, promotion) {
        case (nil, nil): throw ValidationError("give a TENANT to roll back, or --promotion ID")
        case (_?, _?): throw ValidationError("give a TENANT or --promotion ID, not both")
        case (nil, _?):
            if dryRun { throw ValidationError("--dry-run is not available with --promotion") }
            if let maxParallel, maxParallel < 1 { throw ValidationError("--max-parallel must be 1 or more, not \(maxParallel)") }
        case (_?, nil):
            if force || maxParallel != nil || output != .table {
                throw ValidationError("--force, --max-parallel and -o go with --promotion")
            }
        }
    }

    func run() throws {
        var context = try place.context()
        try apply.apply(to: &context)
        if let promotion { return try rollBackPromotion(promotion, context) }
        let verb = Actions.Rollback(tenant: tenant ?? "", revision: revision ?? 0, dryRun: dryRun)
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        printResult("Rollback", result)
    }

    private func rollBackPromotion(_ id: String, _ context: Context) throws {
        let verb = RollbackPromotion(id: id, force: force, maxParallel: maxParallel ?? Parallel.processorCount)
        let record = try perform { () throws(ActionError) in
            try verb.run(context) { o in
                writeStderr("\(o.tenant): \(o.state.rawValue)\(o.message.map { ": " + printable($0) } ?? "")\n")
            }
        }
        printPromotion(record, output)
        if record.status != .succeeded { throw ExitCode(4) }
    }
}
