// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl restore FILE [--tenant NAME] [--as NEW]`.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring tenants back from a backup archive: file, history, and their last deployed revision applied again.",
        discussion: """
            For each tenant of the archive (or only --tenant's): the tenant file is written back byte for byte, \
            every archived revision is written to the store as it was, and the last deployed revision is applied \
            as a new revision on top (a rollback to it). A tenant whose name is taken (a tenant file or records) \
            is refused before anything changes: restore it under another name with --as.

            With --as NEW the archived revisions are kept as history under NEW (labelled rendered-for=OLD, never \
            rolled back to: their manifests are OLD's objects), and the last deployed revision is re-rendered for \
            NEW from its values through --chart, which must be the chart version it was rendered from.

            Examples:
              tenantctl restore backups/acme-20260301T100000Z.json.gz
              tenantctl restore all.json.gz --tenant acme
              tenantctl restore backups/acme-20260301T100000Z.json.gz --as acme2

            Exit status: 0 when restored; 1 for an unreadable, truncated, corrupted or newer-format archive, a \
            name in use, or a failed apply (the history is then restored; the message says what to run).
            """)

    @Argument(help: "The archive.")
    var archive: String

    @Option(name: .customLong("tenant"), help: ArgumentHelp("Only this tenant of the archive.", valueName: "name"))
    var tenant: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Restore the tenant under this name instead.", valueName: "new"))
    var newName: String?

    @Option(name: .customLong("chart"), help: ArgumentHelp("The chart for --as (default charts/tenant-app).", valueName: "path"))
    var chart: String?

    @OptionGroup var chartVersion: ChartVersionOptions

    @OptionGroup var apply: ApplyFlags

    @OptionGroup var place: PlaceOptions

    func run() throws {
        var context = try place.context(chart: try chartVersion.chartPath(chart))
        try apply.apply(to: &context)
        let verb = Actions.Restore(archive: archive, tenant: tenant, newName: newName)
        let reports = try perform { () throws(ActionError) in try verb.run(context) }
        for report in reports {
            var line = "Restored tenant \(report.tenant)"
            if report.tenant != report.archivedName { line += " (archived as \(report.archivedName))" }
            line += " from \(archive): "
            var parts: [String] = []
            if let file = report.tenantFile { parts.append(file) }
            parts.append("\(report.revisions) revision\(report.revisions == 1 ? "" : "s") of history")
            writeStdout(line + parts.joined(separator: ", ") + ".\n")
            if let result = report.result { printResult("Restore", result) }
        }
        noteGatewayOutOfDate(context)
    }
}
