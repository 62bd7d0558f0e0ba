// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Foundation
import ReleaseStore
import Tenancy

/// `tenantctl promotion show ID`.
struct PromotionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promotion",
        abstract: "Show a recorded promotion (tenantctl promotions lists them).",
        subcommands: [PromotionShowCommand.self])
}

/// `tenantctl promotion show ID`.
struct PromotionShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one promotion (or rollback of one): its plan and every tenant's outcome.",
        discussion: """
            -o json prints the record itself, as it is stored and as promote's report gives it.

            Examples:
              tenantctl promotion show p-20261206T051400Z-1a2b3c
              tenantctl promotion show p-20261206T051400Z-1a2b3c -o json

            Exit status: 0; 1 when no promotion has that id (`tenantctl promotions` lists them) or the store \
            cannot be read.
            """)

    @Argument(help: "The promotion's id.")
    var id: String

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let record = try perform { () throws(ActionError) in try PromotionShow(id: id).run(context) }
        printPromotion(record, output)
    }
}

/// Prints a promotion record: the record's JSON (or YAML), or for people its header, plan and outcomes.
func printPromotion(_ r: PromotionRecord, _ format: OutputFormat) {
    if format != .table {
        guard let json = try? r.json(pretty: true) else { return }
        if format == .yaml, let yaml = ValuesYAML.fromJSON(json) { return writeStdout(yaml) }
        return writeStdout(json + "\n")
    }
    let row = PromotionRow(r)
    var out = "PROMOTION: \(printable(r.id))\nKIND: \(r.kind.rawValue)\n"
    if let rollsBack = r.rollsBack { out += "ROLLS BACK: \(printable(rollsBack))\n" }
    out += "STATUS: \(r.status.rawValue)\nCHART: \(printable(row.target))\n"
    out += "STARTED: \(row.startedAt) by \(printable(r.startedBy))\n"
    out += "FINISHED: \(row.finishedAt ?? "-")\n"
    out += "TENANTS: \(row.tenants) (\(row.promoted) promoted, \(row.failed) failed, \(row.rolledBack) rolled back, "
    out += "\(row.skipped) skipped, \(row.pending) pending)\n"
    for w in r.warnings { out += "WARNING: \(printable(w))\n" }
    out += "WAVES:\n"
    for w in r.waves {
        let selector = w.selector.isEmpty ? "the rest" : printable(w.selector)
        out += "  \(printable(w.name)) (\(selector)): \(w.tenants.isEmpty ? "-" : printable(w.tenants.joined(separator: ", ")))\n"
    }
    out += "\n"
    writeStdout(out)
    func revision(_ n: Int?, _ version: String?) -> String {
        guard let n else { return "-" }
        return version.map { "\(n) (\($0))" } ?? String(n)
    }
    printTable(
        ["TENANT", "WAVE", "OUTCOME", "FROM", "TO", "ROLLBACK", "MESSAGE"],
        r.outcomes.map { o in
            [
                o.tenant, o.wave, o.state.rawValue, revision(o.fromRevision, o.fromVersion), revision(o.toRevision, o.toVersion),
                o.rollbackRevision.map(String.init) ?? "-", o.message ?? "",
            ]
        })
}
