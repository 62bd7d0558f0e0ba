// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `tenantctl drift [TENANT|--all]`.
struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report objects changed, removed or added on the target since the deployed revision.",
        discussion: """
            Compares what the target holds (deploy/TENANT/ files, or the live objects in the cluster with \
            --target kubernetes) with the tenant's deployed revision: an object edited by hand is `changed` \
            (lines marked - for the revision, + for what the target holds), one deleted is `removed`, one added \
            beside the revision's is `added`. In the cluster, fields the server sets and fields other managers \
            own without conflict are left out. Read-only: no lease is taken. Secrets' values are masked unless \
            --show-secrets.

            Examples:
              tenantctl drift acme
              tenantctl drift --all -o json
              tenantctl drift --all --target kubernetes --kube-context prod

            Exit status: 0 when nothing drifted; 2 when something did; 1 on error.
            """)

    @Argument(help: "The tenant (omit with --all).")
    var tenant: String?

    @Flag(name: .customLong("all"), help: "Every tenant with a deployed revision.")
    var all = false

    @Flag(name: .customLong("show-secrets"), help: "Print Secrets' values; by default they are masked.")
    var showSecrets = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @OptionGroup var place: PlaceOptions

    func validate() throws {
        if all == (tenant != nil) { throw ValidationError("give a tenant or --all (not both)") }
    }

    struct Row: Encodable {
        var tenant: String
        var revision: Int
        var drifted: Bool
        var objects: [Object]
        struct Object: Encodable {
            var change: String
            var object: String
            var file: String
            var lines: [String]
        }
    }

    func run() throws {
        let context = try place.context()
        let verb = Actions.Drift(tenant: tenant, showSecrets: showSecrets)
        let drifts = try perform { () throws(ActionError) in try verb.run(context) }
        let drifted = drifts.contains { !$0.changes.isEmpty }
        if output != .table {
            let rows = drifts.map { d in
                Row(
                    tenant: d.tenant, revision: d.revision, drifted: !d.changes.isEmpty,
                    objects: d.changes.map { Row.Object(change: $0.kind.rawValue, object: $0.object, file: $0.file, lines: $0.lines) })
            }
            printMachine(rows, output)
        } else {
            let colour = isatty(1) != 0
            func paint(_ line: String) -> String {
                guard colour else { return line }
                if line.hasPrefix("+") { return "\u{1B}[32m\(line)\u{1B}[0m" }
                if line.hasPrefix("-") { return "\u{1B}[31m\(line)\u{1B}[0m" }
                return line
            }
            var out = ""
            for d in drifts where !d.changes.isEmpty {
                for change in d.changes {
                    out += "\(driftWord(change.kind)) \(change.object) (\(d.tenant)/\(change.file), revision \(d.revision))\n"
                    for line in change.lines { out += paint(line) + "\n" }
                }
            }
            if !drifted { out = drifts.isEmpty ? "No deployed tenants.\n" : "No drift.\n" }
            writeStdout(out)
        }
        if drifted { throw ExitCode(2) }
    }

    /// From the deployed revision's point of view: an object only the target holds was added there.
    private func driftWord(_ kind: Actions.ObjectChange.Kind) -> String {
        switch kind {
        case .added: return "added"
        case .removed: return "removed"
        case .changed: return "changed"
        }
    }
}
