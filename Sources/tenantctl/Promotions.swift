// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import ReleaseStore

/// `tenantctl promotions`.
struct Promotions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promotions",
        abstract: "List the recorded promotions (tenantctl promote) and rollbacks of them, newest first.",
        discussion: """
            Each row: the id, the kind (promotion or rollback), how it ended, the chart and the version it moved \
            to (for a rollback, the promotion it put back), when it started and who ran it, and how many tenants \
            were promoted, failed, rolled back and skipped. `tenantctl promotion show ID` shows one in full.

            Examples:
              tenantctl promotions
              tenantctl promotions -o json

            Exit status: 0 (an empty list when nothing was promoted yet); 1 when the store cannot be read.
            """)

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let records = try perform { () throws(ActionError) in try Actions.Promotions().run(context) }
        if output != .table { return printMachine(records.map(PromotionRow.init), output) }
        printTable(
            ["ID", "KIND", "STATUS", "CHART", "STARTED", "BY", "PROMOTED", "FAILED", "ROLLED BACK", "SKIPPED"],
            records.map { r in
                let row = PromotionRow(r)
                return [
                    r.id, r.kind.rawValue, r.status.rawValue, row.target, row.startedAt, r.startedBy, String(row.promoted),
                    String(row.failed), String(row.rolledBack), String(row.skipped),
                ]
            })
    }
}

/// A promotion record's summary as machines read it (`promotions -o json|yaml`).
struct PromotionRow: Encodable {
    var id: String
    var kind: String
    var rollsBack: String?
    var status: String
    var chart: String
    var toVersion: String
    /// `tenant-app -> 1.1.0`, or `rollback of p-…` for a rollback.
    var target: String
    var startedAt: String
    var finishedAt: String?
    var startedBy: String
    var tenants: Int
    var promoted: Int
    var failed: Int
    var rolledBack: Int
    /// Skipped: already at the target, hibernated, not installed, or (for a rollback) changed since.
    var skipped: Int
    var pending: Int

    init(_ r: PromotionRecord) {
        id = r.id
        kind = r.kind.rawValue
        rollsBack = r.rollsBack
        status = r.status.rawValue
        chart = r.chart
        toVersion = r.toVersion
        target = r.kind == .rollback ? "\(r.chart) rollback of \(r.rollsBack ?? "?")" : "\(r.chart) -> \(r.toVersion)"
        startedAt = Timestamp.format(r.startedAt, fractional: false)
        finishedAt = r.finishedAt.map { Timestamp.format($0, fractional: false) }
        startedBy = r.startedBy
        tenants = r.outcomes.count
        promoted = r.count(.promoted)
        failed = r.count(.failed)
        rolledBack = r.count(.rolledBack)
        skipped = r.count(.skipped) + r.count(.hibernated) + r.count(.notInstalled)
        pending = r.count(.pending)
    }
}
