// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl decommission TENANT [--archive FILE]`.
struct DecommissionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decommission",
        abstract: "Back a tenant up, then uninstall it and remove its tenant file.",
        discussion: """
            The backup is written first (as `tenantctl backup` writes it), by default to \
            backups/<tenant>-<UTC time>.json.gz beside the tenants folder (the folder is created with mode 0700). \
            When it cannot be written, nothing is removed. Then the tenant is uninstalled — its objects removed \
            and its records deleted, as `tenantctl uninstall` does without --keep-history: the archive holds the \
            history — and its file in tenants/ is removed. `tenantctl restore ARCHIVE` brings it back.

            Examples:
              tenantctl decommission acme
              tenantctl decommission acme --archive /safe/place/acme-final.json.gz

            Exit status: 0 when backed up and removed; 1 when the backup cannot be written (nothing removed), the \
            tenant is unknown, or the uninstall fails (the backup is kept).
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @Option(
        name: .customLong("archive"),
        help: ArgumentHelp("Where to write the backup (default backups/<tenant>-<UTC time>.json.gz).", valueName: "file"))
    var archive: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml (the backup's summary).")
    var output: OutputFormat = .table

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let verb = Actions.Decommission(tenant: tenant, archive: archive, tenantctlVersion: VersionInfo.current.archiveLine)
        let report = try perform { () throws(ActionError) in try verb.run(context) }
        if output != .table {
            printBackup(report.backup, output)
        } else {
            printBackup(report.backup, output)
            if report.uninstalled { writeStdout("release \"\(tenant)\" uninstalled (its objects and records removed)\n") }
            if let file = report.removedFile { writeStdout("Removed \(file).\n") }
            writeStdout("Tenant \(tenant) is decommissioned. To bring it back: tenantctl restore \(report.backup.archive)\n")
        }
        noteGatewayOutOfDate(context)
    }
}
