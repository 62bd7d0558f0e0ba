// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import ReleaseStore
import Tenancy

/// `tenantctl status TENANT`.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a tenant's release: revision, status, chart, when, and its notes.",
        discussion: """
            Examples:
              tenantctl status acme
              tenantctl status acme -o json
              tenantctl status acme --show-resources --target kubernetes

            Exit status: 0 on success; 1 when the tenant has no release.
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @Option(help: ArgumentHelp("A revision other than the last.", valueName: "n"))
    var revision: Int?

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @Flag(name: .customLong("show-resources"), help: "Also show each object and where it stands on the target (in a cluster: its readiness).")
    var showResources = false

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let verb = Actions.Status(tenant: tenant, revision: revision)
        let r = try perform { () throws(ActionError) in try verb.run(context) }
        let objects = showResources ? try perform { () throws(ActionError) in try verb.objects(context, of: r) } : []
        if output != .table {
            guard showResources else { return printMachine(ReleaseRow(r), output) }
            return printMachine(
                StatusWithObjects(release: ReleaseRow(r), objects: objects.map { ObjectRow(object: $0.object, state: $0.state, reason: $0.reason) }), output)
        }
        var out = """
            TENANT: \(r.tenant)
            NAMESPACE: \(TenantName.namespace(r.tenant))
            TIER: \(r.labels["tier"] ?? "")
            LAST DEPLOYED: \(Timestamp.format(r.lastDeployed, fractional: false))
            STATUS: \(r.status)\(Hibernation.isHibernated(r) ? "\nHIBERNATED: true (replicas 0; `tenantctl wake \(r.tenant)` wakes it)" : "")
            REVISION: \(r.revision)
            CHART: \(r.chart.nameAndVersion)\(r.chart.digest.isEmpty ? "" : " (\(r.chart.digest.prefix(19))…)")
            DESCRIPTION: \(printable(r.description))

            """
        if showResources {
            out += "RESOURCES:\n"
            for o in objects { out += "  \(o.state.uppercased()): \(o.object)\(o.reason.isEmpty ? "" : " — " + printable(o.reason))\n" }
        }
        if !r.notes.isEmpty { out += "NOTES:\n" + r.notes + (r.notes.hasSuffix("\n") ? "" : "\n") }
        writeStdout(out)
    }
}

/// `status --show-resources -o json|yaml`.
struct StatusWithObjects: Encodable {
    var release: ReleaseRow
    var objects: [ObjectRow]
}

/// One object's state.
struct ObjectRow: Encodable {
    var object: String
    var state: String
    var reason: String
}
