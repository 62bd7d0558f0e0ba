// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl backup TENANT|--all --archive FILE`.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write tenants' files and every revision of their history to one private archive.",
        discussion: """
            Only reads: the store is opened read-only and no lease is taken. The archive is one gzip file holding \
            a JSON document in a versioned format (docs/backup-format.md): each tenant's file byte for byte, and \
            every revision (manifest, values, notes, chart, status, description, labels, times) exactly as \
            stored. It is written with mode 0600 (it can hold Secrets), atomically, and never over an existing \
            file. `tenantctl restore FILE` brings a tenant back from it.

            Examples:
              tenantctl backup acme --archive acme.json.gz
              tenantctl backup --all --archive backups/all-$(date -u +%Y%m%dT%H%M%SZ).json.gz
              tenantctl backup acme --archive acme.json.gz -o json

            Exit status: 0 when the archive is written; 1 for an unknown tenant, an existing archive or a write \
            error (nothing written).
            """)

    @Argument(help: "The tenant (or --all).")
    var tenant: String?

    @Flag(name: .customLong("all"), help: "Every tenant: every tenant file and every tenant with records.")
    var all = false

    @Option(name: .customLong("archive"), help: ArgumentHelp("The archive to write (must not exist).", valueName: "file"))
    var archive: String

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @OptionGroup var place: PlaceOptions

    func validate() throws {
        if all == (tenant != nil) { throw ValidationError("name one tenant, or pass --all") }
    }

    func run() throws {
        let context = try place.context()
        let verb = Actions.Backup(tenants: tenant.map { [$0] } ?? [], archive: archive, tenantctlVersion: VersionInfo.current.archiveLine)
        let report = try perform { () throws(ActionError) in try verb.run(context) }
        printBackup(report, output)
    }
}

/// A backup's summary as machines read it.
struct BackupRow: Encodable {
    var archive: String
    var tenants: [String]
    var revisions: Int
    var bytes: Int
    var formatVersion: Int

    init(_ r: BackupReport) {
        archive = r.archive
        tenants = r.tenants
        revisions = r.revisions
        bytes = r.bytes
        formatVersion = r.formatVersion
    }
}

/// `Wrote acme.json.gz: 1 tenant (acme), 3 revisions, 2107 bytes (mode 0600).`, or the summary as JSON/YAML.
func printBackup(_ report: BackupReport, _ output: OutputFormat) {
    if output != .table { return printMachine(BackupRow(report), output) }
    let n = report.tenants.count
    writeStdout(
        "Wrote \(report.archive): \(n) tenant\(n == 1 ? "" : "s") (\(report.tenants.joined(separator: ", "))), "
            + "\(report.revisions) revision\(report.revisions == 1 ? "" : "s"), \(report.bytes) bytes (mode 0600).\n")
}

extension VersionInfo {
    /// What an archive records as the tenantctl that wrote it: `0.1.0 (commit abc)`.
    var archiveLine: String { "\(version) (commit \(commit))" }
}
