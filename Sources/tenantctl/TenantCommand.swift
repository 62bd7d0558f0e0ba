// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Tenancy

/// `tenantctl tenant list|show`.
struct TenantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Read the tenant files in tenants/, and move a tenant to another tier.",
        discussion: """
            Examples:
              tenantctl tenant list
              tenantctl tenant show acme
              tenantctl tenant set-tier acme premium
            """,
        subcommands: [ListTenants.self, ShowTenant.self, SetTier.self])

    struct Row: Encodable {
        var tenant: String
        var tier: String
        var file: String
    }

    struct ListTenants: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every tenant file: name, tier, path.")
        @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
        var output: OutputFormat = .table
        @OptionGroup var place: PlaceOptions

        func run() throws {
            let context = try place.context()
            let tenants = try perform { () throws(ActionError) in try TenantList().run(context) }
            let rows = tenants.map { Row(tenant: $0.name, tier: $0.tier, file: $0.path) }
            if output != .table { return printMachine(rows, output) }
            printTable(["TENANT", "TIER", "FILE"], rows.map { [$0.tenant, $0.tier, $0.file] })
        }
    }

    struct ShowTenant: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A tenant's tier and the values its tier and file give it.")
        @Argument(help: "The tenant.")
        var tenant: String
        @OptionGroup var place: PlaceOptions

        func run() throws {
            let context = try place.context()
            let verb = TenantShow(tenant: tenant)
            let shown = try perform { () throws(ActionError) in try verb.run(context) }
            writeStdout(
                """
                TENANT: \(shown.tenant.name)
                FILE: \(shown.tenant.path)
                TIER: \(shown.tier.name)\(shown.tier.description.isEmpty ? "" : " — \(shown.tier.description)")
                VALUES (tier < tenant file):

                """ + shown.values)
        }
    }

    struct SetTier: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-tier",
            abstract: "Move a tenant to another tier as a new revision; its file changes only if the release succeeds.",
            discussion: """
                The same as `tenantctl upgrade TENANT --tier NEW`. A move to a tier with a smaller quota (cpu, memory \
                or pods) is refused when the tenant's usage would not fit: on the Kubernetes target tenantctl reads \
                the namespace's ResourceQuota status.used and names the resource, what it uses and the new limit; on \
                the directory target usage is unknown, so a move down needs --force.

                Examples:
                  tenantctl tenant set-tier acme premium
                  tenantctl tenant set-tier acme basic --target kubernetes
                  tenantctl tenant set-tier acme basic --force

                Exit status: 0 on success; 1 for an unknown tier, the tier the tenant is on, a move down that does \
                not fit (or whose fit is unknown without --force), or a failed release.
                """)

        @Argument(help: "The tenant.")
        var tenant: String

        @Argument(help: "The tier to move it to.")
        var tier: String

        @Flag(name: .customLong("force"), help: "Move down even when the usage is unknown or would not fit the new quota.")
        var force = false

        @OptionGroup var values: ValuesFlags

        @Flag(name: .customLong("dry-run"), help: "Render and print the revision; record nothing, write nothing.")
        var dryRun = false

        @Option(help: ArgumentHelp("The revision's description, instead of \"moved from tier A to tier B\".", valueName: "text"))
        var description: String?

        @OptionGroup var rollout: RolloutOptions

        func run() throws {
            let context = try rollout.context()
            let verb = TierChange(tenant: tenant, tier: tier, force: force, values: values.options, dryRun: dryRun, description: description)
            let result = try perform { () throws(ActionError) in try verb.run(context) }
            printResult("Tier change", result)
            noteGatewayOutOfDate(context)
        }
    }
}
