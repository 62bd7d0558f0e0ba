// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import ReleaseStore

extension ReleaseStatus: ExpressibleByArgument {}

/// `tenantctl list`.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List tenants' releases: each tenant's latest revision, its chart version, and whether it is behind.",
        discussion: """
            CHART is the chart's name and version, as helm list shows it. A hibernated tenant (hibernated: true in \
            its tenant file) has "(hibernated)" after its status. When a chart repository is known (--repo DIR, \
            else charts/repo when it has an index.yaml), LATEST shows the newest version of the tenant's chart \
            there, and "(outdated)" when the tenant's version is older. -o json and -o yaml carry the same facts: \
            hibernated (always), latestVersion and outdated (with a repository).

            --outdated lists only the tenants behind the repository's newest chart version (for CI: the list is \
            empty when the fleet is up to date); it needs a repository.

            Examples:
              tenantctl list
              tenantctl list --tier premium --status deployed -o yaml
              tenantctl list --repo charts/repo --outdated -o json

            Exit status: 0 (an empty list when nothing was installed yet, or nothing is outdated); 1 when the \
            repository's index cannot be read, or --outdated has no repository.
            """)

    @Option(help: ArgumentHelp("Only tenants on this tier.", valueName: "tier"))
    var tier: String?

    @Option(help: ArgumentHelp("Only releases whose latest revision has this status (deployed, failed, uninstalled, …).", valueName: "status"))
    var status: ReleaseStatus?

    @Option(
        name: .customLong("repo"),
        help: ArgumentHelp(
            "The chart repository folder to compare chart versions with (default charts/repo, when it has an index.yaml).",
            valueName: "dir"))
    var repo: String?

    @Flag(name: .customLong("outdated"), help: "Only tenants whose chart version is behind the repository's newest.")
    var outdated = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let verb = Actions.List(tier: tier, status: status, repository: repo, outdatedOnly: outdated)
        let entries = try perform { () throws(ActionError) in try verb.fleet(context) }
        if output != .table { return printMachine(entries.map(ListRow.init), output) }
        let compared = verb.comparesVersions
        var header = ["TENANT", "REVISION", "UPDATED", "STATUS", "TIER", "CHART", "APP VERSION"]
        if compared { header.append("LATEST") }
        header.append("DESCRIPTION")
        printTable(
            header,
            entries.map { e in
                let row = ReleaseRow(e.release)
                var cells = [
                    e.release.tenant, String(e.release.revision), row.updated, row.status + (e.hibernated ? " (hibernated)" : ""),
                    row.tier, row.chart, row.appVersion,
                ]
                if compared {
                    cells.append(e.latestVersion.map { $0 + (e.outdated == true ? " (outdated)" : "") } ?? "-")
                }
                return cells + [row.description]
            })
    }
}

/// A `list` row as machines read it: ``ReleaseRow``'s fields, plus `hibernated` (from the tenant file, always
/// present), and `latestVersion` and `outdated` when a repository was compared.
struct ListRow: Encodable {
    var release: ReleaseRow
    var hibernated: Bool
    var latestVersion: String?
    var outdated: Bool?

    init(_ e: Actions.List.Entry) {
        release = ReleaseRow(e.release)
        // The tenant file's word, written below, stands for the row: not the revision's label.
        release.hibernated = nil
        hibernated = e.hibernated
        latestVersion = e.latestVersion
        outdated = e.outdated
    }

    enum Extra: String, CodingKey { case hibernated, latestVersion, outdated }

    /// One flat object: the release's keys, then the list's own beside them.
    func encode(to encoder: Encoder) throws {
        try release.encode(to: encoder)
        var extra = encoder.container(keyedBy: Extra.self)
        try extra.encode(hibernated, forKey: .hibernated)
        try extra.encodeIfPresent(latestVersion, forKey: .latestVersion)
        try extra.encodeIfPresent(outdated, forKey: .outdated)
    }
}
