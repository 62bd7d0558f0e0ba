// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `tenantctl diff TENANT [upgrade flags]`.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show, per object, what an upgrade would change in deploy/TENANT/.",
        discussion: """
            Renders as `upgrade` would (same flags) and compares each object with the file deploy/ holds now. \
            Lines are marked + (added) and - (removed), coloured on a terminal. Read-only: no lease is taken and \
            an interrupted operation is left for the next mutating command to settle. Secrets' values are \
            masked as helm-diff masks them ('++++++++ # (8 bytes)') unless --show-secrets.

            Examples:
              tenantctl diff acme --set replicas=5
              tenantctl diff acme --chart ./charts/tenant-app-next

            Exit status: 0 when nothing would change; 2 when something would; 1 on error.
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @OptionGroup var flags: UpgradeFlags

    @Flag(name: .customLong("show-secrets"), help: "Print Secrets' values; by default they are masked as helm-diff masks them.")
    var showSecrets = false

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context(chart: flags.chart)
        let verb = Actions.Diff(upgrade: flags.upgrade(tenant), showSecrets: showSecrets)
        let changes = try perform { () throws(ActionError) in try verb.run(context) }
        let colour = isatty(1) != 0
        func paint(_ line: String) -> String {
            guard colour else { return line }
            if line.hasPrefix("+") { return "\u{1B}[32m\(line)\u{1B}[0m" }
            if line.hasPrefix("-") { return "\u{1B}[31m\(line)\u{1B}[0m" }
            return line
        }
        var out = ""
        for change in changes {
            out += "\(change.kind.rawValue) \(change.object) (\(tenant)/\(change.file))\n"
            for line in change.lines { out += paint(line) + "\n" }
        }
        if changes.isEmpty { out = "No changes.\n" }
        writeStdout(out)
        if !changes.isEmpty { throw ExitCode(2) }
    }
}
