// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Tenancy

/// `tenantctl tenant list|show`.
struct TenantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Read the tenant files in tenants/.",
        discussion: """
            Examples:
              tenantctl tenant list
              tenantctl tenant show acme
            """,
        subcommands: [ListTenants.self, ShowTenant.self])

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
}
