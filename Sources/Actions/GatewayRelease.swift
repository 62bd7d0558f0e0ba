// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// The gateway as a release: `tenantctl gateway install|upgrade|diff|rollback|history|status|uninstall`. The
// gateway's release goes through the tenants' machinery — the same store, lease, lifecycle and target — as
// a `Prepared` whose user values are built here (the rendered Envoy configuration, the settings, the chart
// values given on the command line) instead of layered from a tenant's files.
import Chart
import Crypto
import Foundation
import Gateway
import GoRuntime
import ReleaseStore
import Targets
import Tenancy

/// The gateway's release: its fixed name and namespace, its chart, and the label that says which tenant list it
/// was rendered from.
public enum GatewayRelease {
    /// The release name, reserved in the tenant-name rule (``TenantName/gatewayRelease``): `tenant-gateway`.
    public static let name = TenantName.gatewayRelease
    /// The namespace of its objects (``TenantName/gatewayNamespace``): `tenantctl-gateway`.
    public static let namespace = TenantName.gatewayNamespace
    /// The chart it installs unless `--chart` says otherwise.
    public static let defaultChart = "charts/tenant-gateway"
    /// The label each revision carries: the digest of the tenant list it was rendered from
    /// (``GatewayInputs/digest(_:)``), compared after every command that changes tenants.
    public static let digestLabel = "gateway-tenants"

    /// The release's revisions, oldest first; empty when it was never installed.
    static func history(_ context: Context) throws(ActionError) -> [Release] {
        guard let storage = try context.existingStorage() else { return [] }
        return try storeCall { () throws(StoreError) in try storage.history(name) }
    }

    /// The message for a gateway without a release.
    static let notInstalled = "the gateway has no release: run `tenantctl gateway install` first"
}

/// What the gateway's release is made from besides the tenants: the render settings and the chart values a
/// command adds (`-f`, `--set`: replicas, image, service type …).
public struct GatewaySource: Sendable {
    /// Issuer, audiences, keys, claim, ports, upstreams, OPA (flags over `gateway:` in tenantctl.yaml).
    public var settings: GatewaySettings
    /// Chart values over the generated ones.
    public var values: ValuesOptions

    /// Creates a source.
    public init(settings: GatewaySettings, values: ValuesOptions = ValuesOptions()) {
        self.settings = settings
        self.values = values
    }
}

/// The generated part of a gateway revision: its chart values, the digest of the tenant list, the tenants it
/// routes and what rendering warned about.
public struct GatewayInputs: Sendable {
    /// The user values recorded with the revision.
    public var values: [String: Value]
    /// ``digest(_:)`` of the tenant list.
    public var digest: String
    /// The tenants with a route, sorted.
    public var routed: [String]
    /// Rendering's warnings (no routed tenant, an upstream without a route).
    public var warnings: [String]

    /// The registry joined with each tenant's latest release status (the gateway's own release left out), as
    /// `tenantctl gateway render` sees it; a deployed revision rendered while the tenant slept
    /// (``Hibernation/isHibernated(_:)``) is `hibernated`, which the policy refuses with 403.
    public static func inventory(_ context: Context) throws(ActionError) -> [GatewayTenant] {
        var states: [String: String] = [:]
        for r in try List().run(context) where r.tenant != GatewayRelease.name {
            states[r.tenant] = r.status == .deployed && Hibernation.isHibernated(r) ? "hibernated" : r.status.rawValue
        }
        do {
            return try GatewayInventory.load(registry: context.registry, states: states)
        } catch {
            throw ActionError(.invalidInput, error.message)
        }
    }

    /// A short digest (32 hex digits, so that it fits a Kubernetes label value) of everything the gateway's files
    /// take from the tenant list: each tenant's id, tier, placement, release state and rate limit.
    public static func digest(_ tenants: [GatewayTenant]) -> String {
        var text = ""
        for t in tenants.sorted(by: { $0.id < $1.id }) {
            let limit = t.rateLimit.map { "\($0.requestsPerSecond)/\($0.burst)" } ?? "-"
            text += "\(t.id)\t\(t.tier)\t\(t.placement)\t\(t.state ?? "-")\t\(limit)\n"
        }
        let hash = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        return String(hash.prefix(32))
    }

    /// Renders the gateway for the installed tenants and turns the files into the chart's values:
    /// `envoyConfig`, `listenPort`, `createNamespace: true` (no target creates namespaces on its own), and with
    /// `--opa` on loopback the OPA sidecar (`opa.enabled`, `opa.port`, `opa.policy`, `opa.data`); an OPA
    /// elsewhere is left to run on its own. The command's `-f`/`--set` values go over these.
    public static func make(_ context: Context, _ source: GatewaySource) throws(ActionError) -> GatewayInputs {
        let tenants = try inventory(context)
        let output: GatewayOutput
        let command: [String: Value]
        do {
            output = try GatewayRender.render(tenants: tenants, settings: source.settings)
        } catch {
            throw ActionError(.invalidInput, error.message)
        }
        do {
            command = try source.values.commandValues()
        } catch {
            throw ActionError(error)
        }
        var values: [String: Value] = [
            "envoyConfig": .string(output.files[GatewayRender.envoyFile] ?? ""),
            "listenPort": .goInt(source.settings.listenPort),
            "createNamespace": .bool(true),
        ]
        if let opa = source.settings.opa {
            let loopback = opa.host == "localhost" || opa.host == "::1" || opa.host.hasPrefix("127.")
            values["opa"] = .dict([
                "enabled": .bool(loopback), "port": .goInt(opa.port),
                "policy": .string(output.files[GatewayRender.policyFile] ?? ""),
                "data": .string(output.files[GatewayRender.dataFile] ?? "{}"),
            ])
        }
        return GatewayInputs(
            values: ValuesLoader.mergeMaps(values, command), digest: digest(tenants),
            routed: tenants.filter(\.isRouted).map(\.id).sorted(), warnings: output.warnings)
    }
}

extension Prepared {
    /// The gateway's release: the chart at `context.chartPath` (the CLI passes charts/tenant-gateway) with
    /// `values` as its user values; no tenant file is read or written.
    init(gateway context: Context, values: [String: Value]) throws(ActionError) {
        tenantFile = TenantFile(name: GatewayRelease.name, tier: "", values: [:], path: "")
        tierName = ""
        isNew = false
        layers = ValuesLayers()
        reuse = false
        fixedValues = values
        if context.settings.target == .kubernetes { cluster = LiveCluster(client: try context.kubeClient(), freshDiscovery: false) }
        chart = try ReleaseChart.load(context.chartPath, followedLink: context.followedLink)
    }
}

/// What `gateway install` and `gateway upgrade` report.
public struct GatewayReleaseResult: Sendable {
    /// The revision written (or, for a dry run, that would be).
    public var result: ReleaseResult
    /// The tenants the revision routes.
    public var routed: [String]
    /// Rendering's warnings, for standard error.
    public var warnings: [String]

    /// Creates a result.
    public init(result: ReleaseResult, routed: [String], warnings: [String]) {
        self.result = result
        self.routed = routed
        self.warnings = warnings
    }
}

/// `tenantctl gateway install`: the gateway's first revision (or a new one over an uninstalled release).
public struct GatewayInstall: Sendable {
    /// Settings and chart values.
    public var source: GatewaySource
    /// `--dry-run`.
    public var dryRun: Bool
    /// `--description`.
    public var description: String?

    /// Creates the verb.
    public init(source: GatewaySource, dryRun: Bool = false, description: String? = nil) {
        self.source = source
        self.dryRun = dryRun
        self.description = description
    }

    /// Runs it.
    /// - Throws: ``ActionError/Code/refused`` when the gateway already has a release that is not uninstalled.
    public func run(_ context: Context) throws(ActionError) -> GatewayReleaseResult {
        if let last = try GatewayRelease.history(context).last, last.status != .uninstalled {
            throw ActionError(
                .refused,
                "the gateway is already installed (revision \(last.revision), \(last.status)): run `tenantctl gateway upgrade` "
                    + "to render it again for the current tenants, or `tenantctl gateway uninstall` first to start over")
        }
        let inputs = try GatewayInputs.make(context, source)
        let prepared = try Prepared(gateway: context, values: inputs.values)
        let request = InstallRequest(
            chart: prepared.chart.reference, userValues: "", description: description, replace: true, dryRun: dryRun,
            labels: [GatewayRelease.digestLabel: inputs.digest])
        let result = try prepared.execute(context, .installRequested(request), operation: "install", dryRun: dryRun, register: false)
        return GatewayReleaseResult(result: result, routed: inputs.routed, warnings: inputs.warnings)
    }
}

/// `tenantctl gateway upgrade`: a new revision rendered for the tenants as they are now.
public struct GatewayUpgrade: Sendable {
    /// Settings and chart values.
    public var source: GatewaySource
    /// `--dry-run`.
    public var dryRun: Bool
    /// `--description`.
    public var description: String?

    /// Creates the verb.
    public init(source: GatewaySource, dryRun: Bool = false, description: String? = nil) {
        self.source = source
        self.dryRun = dryRun
        self.description = description
    }

    /// Runs it.
    /// - Throws: ``ActionError/Code/notFound`` when the gateway has no release (or only an uninstalled one).
    public func run(_ context: Context) throws(ActionError) -> GatewayReleaseResult {
        guard let last = try GatewayRelease.history(context).last, last.status != .uninstalled else {
            throw ActionError(.notFound, GatewayRelease.notInstalled)
        }
        let inputs = try GatewayInputs.make(context, source)
        let prepared = try Prepared(gateway: context, values: inputs.values)
        let request = UpgradeRequest(
            chart: prepared.chart.reference, userValues: "", description: description, dryRun: dryRun,
            labels: [GatewayRelease.digestLabel: inputs.digest])
        let result = try prepared.execute(context, .upgradeRequested(request), operation: "upgrade", dryRun: dryRun, register: false)
        return GatewayReleaseResult(result: result, routed: inputs.routed, warnings: inputs.warnings)
    }
}

/// `tenantctl gateway diff`: what `gateway upgrade` (or, with no release, `gateway install`) would change on
/// the target, per object. Read-only, as `diff` is.
public struct GatewayDiff: Sendable {
    /// Settings and chart values, as the upgrade would take them.
    public var source: GatewaySource
    /// `--show-secrets`.
    public var showSecrets: Bool

    /// Creates the verb.
    public init(source: GatewaySource, showSecrets: Bool = false) {
        self.source = source
        self.showSecrets = showSecrets
    }

    /// The changes, sorted by file; empty when nothing would change.
    public func run(_ context: Context) throws(ActionError) -> [ObjectChange] {
        let inputs = try GatewayInputs.make(context, source)
        let prepared = try Prepared(gateway: context, values: inputs.values)
        let history = try GatewayRelease.history(context)
        let deployed = history.last(where: { $0.status == .deployed })
        let request = RenderRequest(
            tenant: GatewayRelease.name, revision: (history.last?.revision ?? 0) + 1, isUpgrade: deployed != nil,
            chart: prepared.chart.reference, userValues: "", current: deployed)
        let manifest = try prepared.render(request).manifest
        return try Diff.changes(
            context, release: GatewayRelease.name, manifest: manifest, deployed: deployed?.manifest ?? "", showSecrets: showSecrets)
    }
}

/// `tenantctl gateway rollback [REVISION]`: a new revision carrying an old one's manifest, values and label.
public struct GatewayRollback: Sendable {
    /// The revision to go back to; 0 is the one before the last.
    public var revision: Int
    /// `--dry-run`.
    public var dryRun: Bool

    /// Creates the verb.
    public init(revision: Int = 0, dryRun: Bool = false) {
        self.revision = revision
        self.dryRun = dryRun
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        guard !(try GatewayRelease.history(context).isEmpty), let storage = try context.existingStorage(forWriting: true) else {
            throw ActionError(.notFound, GatewayRelease.notInstalled)
        }
        return try runWithoutRendering(
            context, storage: storage, tenant: GatewayRelease.name, operation: "rollback", noRender: "a rollback does not render",
            event: .rollbackRequested(RollbackRequest(revision: revision, dryRun: dryRun)), dryRun: dryRun)
    }
}

/// `tenantctl gateway uninstall [--keep-history]`: removes the gateway's objects, and its history unless kept.
public struct GatewayUninstall: Sendable {
    /// `--keep-history`.
    public var keepHistory: Bool
    /// `--dry-run`.
    public var dryRun: Bool

    /// Creates the verb.
    public init(keepHistory: Bool = false, dryRun: Bool = false) {
        self.keepHistory = keepHistory
        self.dryRun = dryRun
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        guard !(try GatewayRelease.history(context).isEmpty), let storage = try context.existingStorage(forWriting: true) else {
            throw ActionError(.notFound, GatewayRelease.notInstalled)
        }
        return try runWithoutRendering(
            context, storage: storage, tenant: GatewayRelease.name, operation: "uninstall", noRender: "an uninstall does not render",
            event: .uninstallRequested(UninstallRequest(keepHistory: keepHistory, dryRun: dryRun)), dryRun: dryRun)
    }
}

/// `tenantctl gateway history [--max N]`: the gateway's revisions, oldest first.
public struct GatewayHistory: Sendable {
    /// At most this many, the newest (0: all).
    public var max: Int

    /// Creates the verb.
    public init(max: Int = 256) { self.max = max }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> [Release] {
        let all = try GatewayRelease.history(context)
        guard !all.isEmpty else { throw ActionError(.notFound, GatewayRelease.notInstalled) }
        return max > 0 ? Array(all.suffix(max)) : all
    }
}

/// Whether the gateway's deployed revision was rendered from the tenant list as it is now.
public struct GatewayFreshness: Sendable, Hashable {
    /// The deployed revision.
    public var revision: Int
    /// Its ``GatewayRelease/digestLabel``.
    public var renderedFrom: String
    /// ``GatewayInputs/digest(_:)`` of the tenant list now.
    public var now: String

    /// Whether the deployed revision routes the current tenant list.
    public var inStep: Bool { renderedFrom == now }

    /// Nil when there is nothing to compare: no gateway release, none deployed, or the tenant list cannot be
    /// read (the commands that ask must not fail over a notice).
    public static func check(_ context: Context) -> GatewayFreshness? {
        guard let history = try? GatewayRelease.history(context), let deployed = history.last(where: { $0.status == .deployed }),
            let tenants = try? GatewayInputs.inventory(context)
        else { return nil }
        return GatewayFreshness(
            revision: deployed.revision, renderedFrom: deployed.labels[GatewayRelease.digestLabel] ?? "", now: GatewayInputs.digest(tenants))
    }
}

/// `tenantctl gateway status`: a revision of the gateway's release (the last by default) and whether it is in
/// step with the tenant list.
public struct GatewayStatus: Sendable {
    /// A revision other than the last.
    public var revision: Int?

    /// Creates the verb.
    public init(revision: Int? = nil) { self.revision = revision }

    /// The revision.
    public func run(_ context: Context) throws(ActionError) -> Release {
        let all = try GatewayRelease.history(context)
        guard let last = all.last else { throw ActionError(.notFound, GatewayRelease.notInstalled) }
        guard let revision else { return last }
        guard let wanted = all.first(where: { $0.revision == revision }) else {
            throw ActionError(.notFound, "the gateway has no revision \(revision) (revisions \(all.map { String($0.revision) }.joined(separator: ", ")))")
        }
        return wanted
    }

    /// Where each object of `release` stands on the target now (`--show-resources`).
    public func objects(_ context: Context, of release: Release) throws(ActionError) -> [ObjectState] {
        try Status(tenant: release.tenant).objects(context, of: release)
    }
}
