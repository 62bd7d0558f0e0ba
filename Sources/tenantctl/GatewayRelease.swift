// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// `tenantctl gateway install|upgrade|diff|rollback|history|status|uninstall`: the gateway as a release, and the
// notice the tenant commands print when it routes an older tenant list.
import Actions
import ArgumentParser
import Foundation
import ReleaseStore

#if canImport(Glibc)
    import Glibc
#endif

/// What the gateway's release commands share: where, what chart, which settings and chart values.
struct GatewayReleaseFlags: ParsableArguments {
    @OptionGroup var gateway: GatewayFlags

    @OptionGroup var values: ValuesFlags

    @Option(name: .customLong("chart"), help: ArgumentHelp("The gateway chart (default charts/tenant-gateway).", valueName: "path"))
    var chart: String?

    /// The context with the gateway chart as its chart.
    func context(_ place: PlaceOptions) throws -> Context {
        try place.context(chart: chart ?? GatewayRelease.defaultChart)
    }

    /// The settings and chart values.
    func source(_ place: PlaceOptions) throws -> GatewaySource {
        GatewaySource(settings: try gateway.settings(place), values: values.options)
    }
}

/// The text shared by the release commands' help.
private let releaseHelp = """
    The gateway is a release like a tenant's, named \(GatewayRelease.name), its objects in namespace \
    \(GatewayRelease.namespace) (deploy/\(GatewayRelease.name)/ on the directory target): the same store, lease, \
    history and target (--target kubernetes for the cluster). Its values are made from `tenantctl gateway render`'s \
    files for the installed tenants (envoyConfig, listenPort, the OPA sidecar when --opa is on loopback), with -f and \
    --set over them for the chart's own values (replicas, image, service); each revision records a digest of the \
    tenant list in its label \(GatewayRelease.digestLabel).
    """

/// `tenantctl gateway install`.
struct GatewayInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the gateway as a release (charts/tenant-gateway) routing the installed tenants.",
        discussion: releaseHelp + """


            Examples:
              tenantctl gateway install --issuer https://id.example.com --audience tenantctl --jwks-uri https://id.example.com/jwks.json
              tenantctl gateway install --target kubernetes --set replicas=3

            Exit status: 0 on success; 1 on bad input or when the gateway is already installed (use upgrade).
            """)

    @OptionGroup var flags: GatewayReleaseFlags

    @Flag(name: .customLong("dry-run"), help: "Render and print the release; record nothing, write nothing.")
    var dryRun = false

    @OptionGroup var apply: ApplyFlags

    @Option(help: ArgumentHelp("The revision's description, instead of \"Install complete\".", valueName: "text"))
    var description: String?

    @OptionGroup var place: PlaceOptions

    func run() throws {
        var context = try flags.context(place)
        try apply.apply(to: &context)
        let verb = GatewayInstall(source: try flags.source(place), dryRun: dryRun, description: description)
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        printGatewayResult("Install", result)
    }
}

/// `tenantctl gateway upgrade`.
struct GatewayUpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Render the gateway again for the tenants as they are now, as a new revision.",
        discussion: releaseHelp + """


            Run it when a tenant command says `note: the gateway routes an older tenant list`.

            Examples:
              tenantctl gateway upgrade
              tenantctl gateway upgrade --set replicas=4 --description "more replicas"

            Exit status: 0 on success; 1 on bad input or when the gateway has no release (install it first).
            """)

    @OptionGroup var flags: GatewayReleaseFlags

    @Flag(name: .customLong("dry-run"), help: "Render and print the release; record nothing, write nothing.")
    var dryRun = false

    @OptionGroup var apply: ApplyFlags

    @Option(help: ArgumentHelp("The revision's description, instead of \"Upgrade complete\".", valueName: "text"))
    var description: String?

    @OptionGroup var place: PlaceOptions

    func run() throws {
        var context = try flags.context(place)
        try apply.apply(to: &context)
        let verb = GatewayUpgrade(source: try flags.source(place), dryRun: dryRun, description: description)
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        printGatewayResult("Upgrade", result)
    }
}

/// `tenantctl gateway diff`.
struct GatewayDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show, per object, what `tenantctl gateway upgrade` would change.",
        discussion: """
            Renders as `gateway upgrade` would (same flags; as `gateway install` when there is no release) and \
            compares each object with what the target holds. Read-only.

            Examples:
              tenantctl gateway diff
              tenantctl gateway diff --set replicas=4

            Exit status: 0 when nothing would change; 2 when something would; 1 on error.
            """)

    @OptionGroup var flags: GatewayReleaseFlags

    @Flag(name: .customLong("show-secrets"), help: "Print Secrets' values; by default they are masked as helm-diff masks them.")
    var showSecrets = false

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try flags.context(place)
        let verb = GatewayDiff(source: try flags.source(place), showSecrets: showSecrets)
        let changes = try perform { () throws(ActionError) in try verb.run(context) }
        let colour = isatty(1) != 0
        var out = ""
        for change in changes {
            out += "\(change.kind.rawValue) \(change.object) (\(GatewayRelease.name)/\(change.file))\n"
            for line in change.lines {
                let painted = line.hasPrefix("+") ? "\u{1B}[32m\(line)\u{1B}[0m" : line.hasPrefix("-") ? "\u{1B}[31m\(line)\u{1B}[0m" : line
                out += (colour ? painted : line) + "\n"
            }
        }
        writeStdout(changes.isEmpty ? "No changes.\n" : out)
        if !changes.isEmpty { throw ExitCode(2) }
    }
}

/// `tenantctl gateway rollback [REVISION]`.
struct GatewayRollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Roll the gateway back: a new revision carrying an old revision's manifest, values and tenant digest.",
        discussion: """
            Examples:
              tenantctl gateway rollback 1
              tenantctl gateway rollback

            Exit status: 0 on success; 1 when the gateway has no release, the revision does not exist, or applying fails.
            """)

    @Argument(help: "The revision to go back to (default: the one before the last).")
    var revision: Int = 0

    @Flag(name: .customLong("dry-run"), help: "Show what would be recorded; change nothing.")
    var dryRun = false

    @OptionGroup var apply: ApplyFlags

    @OptionGroup var place: PlaceOptions

    func run() throws {
        var context = try place.context()
        try apply.apply(to: &context)
        let verb = GatewayRollback(revision: revision, dryRun: dryRun)
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        printGatewayResult("Rollback", GatewayReleaseResult(result: result, routed: [], warnings: []), routes: false)
        noteGatewayOutOfDate(context)
    }
}

/// `tenantctl gateway history`.
struct GatewayHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the gateway's revisions, oldest first.",
        discussion: """
            Examples:
              tenantctl gateway history
              tenantctl gateway history --max 3 -o json

            Exit status: 0 on success; 1 when the gateway has no release.
            """)

    @Option(help: ArgumentHelp("Show at most this many revisions, the newest.", valueName: "n"))
    var max = 256

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let releases = try perform { () throws(ActionError) in try GatewayHistory(max: max).run(context) }
        printReleases(releases, output, tenantColumn: false)
    }
}

/// `tenantctl gateway status`.
struct GatewayStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the gateway's release, and whether it routes the current tenant list.",
        discussion: """
            Examples:
              tenantctl gateway status
              tenantctl gateway status --show-resources --target kubernetes

            Exit status: 0 on success; 1 when the gateway has no release.
            """)

    @Option(help: ArgumentHelp("A revision other than the last.", valueName: "n"))
    var revision: Int?

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    @Flag(name: .customLong("show-resources"), help: "Also show each object and where it stands on the target (in a cluster: its readiness).")
    var showResources = false

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let verb = GatewayStatus(revision: revision)
        let r = try perform { () throws(ActionError) in try verb.run(context) }
        let objects = showResources ? try perform { () throws(ActionError) in try verb.objects(context, of: r) } : []
        let freshness = GatewayFreshness.check(context)
        if output != .table {
            var row = GatewayStatusRow(release: ReleaseRow(r), tenantsInStep: freshness?.inStep, objects: nil)
            if showResources { row.objects = objects.map { ObjectRow(object: $0.object, state: $0.state, reason: $0.reason) } }
            return printMachine(row, output)
        }
        var out = """
            RELEASE: \(r.tenant)
            NAMESPACE: \(GatewayRelease.namespace)
            LAST DEPLOYED: \(Timestamp.format(r.lastDeployed, fractional: false))
            STATUS: \(r.status)
            REVISION: \(r.revision)
            CHART: \(r.chart.nameAndVersion)
            DESCRIPTION: \(printable(r.description))

            """
        if let freshness {
            out +=
                freshness.inStep
                ? "TENANTS: in step (revision \(freshness.revision) routes the current tenant list)\n"
                : "TENANTS: out of date (revision \(freshness.revision) routes an older tenant list; run tenantctl gateway upgrade)\n"
        }
        if showResources {
            out += "RESOURCES:\n"
            for o in objects { out += "  \(o.state.uppercased()): \(o.object)\(o.reason.isEmpty ? "" : " — " + printable(o.reason))\n" }
        }
        writeStdout(out)
    }
}

/// `gateway status -o json|yaml`.
struct GatewayStatusRow: Encodable {
    var release: ReleaseRow
    /// Nil when nothing is deployed (or the tenant list cannot be read).
    var tenantsInStep: Bool?
    var objects: [ObjectRow]?
}

/// `tenantctl gateway uninstall`.
struct GatewayUninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove the gateway's objects, and its release history unless kept.",
        discussion: """
            Examples:
              tenantctl gateway uninstall
              tenantctl gateway uninstall --keep-history

            Exit status: 0 on success; 1 when the gateway has no release or removing its objects fails.
            """)

    @Flag(name: .customLong("keep-history"), help: "Keep the revisions; the last one is marked uninstalled.")
    var keepHistory = false

    @Flag(name: .customLong("dry-run"), help: "Change nothing.")
    var dryRun = false

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context()
        let result = try perform { () throws(ActionError) in try GatewayUninstall(keepHistory: keepHistory, dryRun: dryRun).run(context) }
        if dryRun {
            writeStdout("Uninstall of the gateway (dry run): nothing changed.\n")
        } else {
            writeStdout(
                "release \"\(GatewayRelease.name)\" uninstalled"
                    + (keepHistory ? " (history kept, revision \(result.release.revision) marked uninstalled)" : "") + "\n")
        }
    }
}

/// What `gateway install|upgrade|rollback` print on success.
func printGatewayResult(_ verb: String, _ result: GatewayReleaseResult, routes: Bool = true) {
    for warning in result.warnings { writeStderr("Warning: \(warning)\n") }
    let r = result.result.release
    var out = result.result.dryRun ? "\(verb) of the gateway (dry run): nothing recorded, nothing written.\n" : ""
    out += """
        RELEASE: \(r.tenant)
        NAMESPACE: \(GatewayRelease.namespace)
        REVISION: \(r.revision)
        STATUS: \(r.status)
        CHART: \(r.chart.nameAndVersion)
        DESCRIPTION: \(printable(r.description))

        """
    if routes { out += "ROUTES: " + (result.routed.isEmpty ? "(none: every request gets 404)" : result.routed.joined(separator: ", ")) + "\n" }
    if result.result.dryRun { out += "MANIFEST:\n" + r.manifest }
    writeStdout(out)
}

/// After a command that changed the set or state of tenants: says on standard error when the gateway's deployed
/// revision routes an older tenant list. Never fails the command.
func noteGatewayOutOfDate(_ context: Context) {
    guard let freshness = GatewayFreshness.check(context), !freshness.inStep else { return }
    writeStderr("note: the gateway routes an older tenant list (run tenantctl gateway upgrade)\n")
}
