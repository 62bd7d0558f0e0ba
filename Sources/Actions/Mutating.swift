// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Foundation
import GoRuntime
import ReleaseStore
import Tenancy
import YAMLKit

/// The values a command adds on top of the tenant's files: `-f` files and Helm's `--set` family.
public struct ValuesOptions: Sendable, Hashable {
    /// `-f` files, in order.
    public var files: [String] = []
    /// `--set-json`, `--set`, `--set-string`, `--set-file`, `--set-literal`.
    public var setValues = SetValues()

    /// Creates options.
    public init(files: [String] = [], setValues: SetValues = SetValues()) {
        self.files = files
        self.setValues = setValues
    }

    /// The command's own values: the files merged, then the arguments applied, as Helm's `MergeValues` does.
    func commandValues() throws(TenancyError) -> [String: Value] {
        try ValuesFile.commandValues(files: files, setValues: setValues)
    }
}

/// What a mutating verb reports.
public struct ReleaseResult: Sendable {
    /// The release as it stands (for a dry run, the revision that would be written).
    public var release: Release
    /// Whether nothing was recorded or applied.
    public var dryRun: Bool
    /// Whether `install` wrote a new tenant file.
    public var registered: Bool
}

/// `tenantctl install TENANT --tier T`: registers the tenant when new, renders its first revision and applies it.
public struct Install: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--tier`: required for a tenant without a file; must match the file otherwise.
    public var tier: String?
    /// `-f` / `--set`.
    public var values: ValuesOptions
    /// `--dry-run`.
    public var dryRun: Bool
    /// `--description`.
    public var description: String?

    /// Creates the verb.
    public init(
        tenant: String, tier: String? = nil, values: ValuesOptions = ValuesOptions(), dryRun: Bool = false,
        description: String? = nil
    ) {
        self.tenant = tenant
        self.tier = tier
        self.values = values
        self.dryRun = dryRun
        self.description = description
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        let prepared = try Prepared(context, tenant: tenant, tier: tier, values: values, reuse: nil)
        let request = InstallRequest(
            chart: prepared.chart.reference, userValues: "", description: description,
            dryRun: dryRun, labels: ["tier": prepared.tierName])
        return try prepared.execute(
            context, .installRequested(request), operation: "install", dryRun: dryRun,
            register: !dryRun && prepared.isNew)
    }
}

/// How `upgrade` treats the values of the revision it starts from.
public enum ValuesMode: Sendable, Hashable {
    /// Rebuild from the tier, the tenant file and this command's `-f`/`--set` (the default; same as
    /// `--reset-values`): the files are the source of truth.
    case reset
    /// `--reuse-values`: the current revision's user values, with this command's `-f`/`--set` over them.
    case reuse
}

/// `tenantctl upgrade TENANT`: renders a new revision from the (possibly new) chart and applies it.
public struct Upgrade: Sendable {
    /// The tenant.
    public var tenant: String
    /// `-f` / `--set`.
    public var values: ValuesOptions
    /// `--reuse-values` / `--reset-values`.
    public var valuesMode: ValuesMode
    /// `--install`: install when the tenant has no release (or only an uninstalled one).
    public var install: Bool
    /// `--tier`, for `--install` of a tenant without a file.
    public var tier: String?
    /// `--dry-run`.
    public var dryRun: Bool
    /// `--description`.
    public var description: String?

    /// Creates the verb.
    public init(
        tenant: String, values: ValuesOptions = ValuesOptions(), valuesMode: ValuesMode = .reset,
        install: Bool = false, tier: String? = nil, dryRun: Bool = false, description: String? = nil
    ) {
        self.tenant = tenant
        self.values = values
        self.valuesMode = valuesMode
        self.install = install
        self.tier = tier
        self.dryRun = dryRun
        self.description = description
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        let prepared = try Prepared(
            context, tenant: tenant, tier: tier, values: values,
            reuse: valuesMode == .reuse ? true : nil)
        if !install, !context.stateExists {
            throw ActionError(.notFound, "\"\(tenant)\" has no deployed releases (no state at \(context.statePath))")
        }
        let request = UpgradeRequest(
            chart: prepared.chart.reference, userValues: "", description: description,
            install: install, dryRun: dryRun, labels: ["tier": prepared.tierName])
        return try prepared.execute(
            context, .upgradeRequested(request), operation: "upgrade", dryRun: dryRun,
            register: !dryRun && prepared.isNew)
    }
}

/// Everything checked and loaded before the store is touched: tenant, tier, values layers, chart.
struct Prepared {
    var tenantFile: TenantFile
    var tierName: String
    var isNew: Bool
    var layers: ValuesLayers
    var chart: ReleaseChart
    /// `--reuse-values`: merge over the current revision's user values.
    var reuse: Bool

    init(_ context: Context, tenant: String, tier: String?, values: ValuesOptions, reuse: Bool?) throws(ActionError) {
        do throws(TenancyError) {
            let resolved = try context.registry.resolve(tenant, tier: tier)
            let command = try values.commandValues()
            tenantFile = resolved.tenant
            tierName = resolved.tier.name
            isNew = resolved.isNew
            layers = ValuesLayers(tier: resolved.tier.values, tenant: resolved.tenant.values, command: command)
        } catch {
            throw ActionError(error)
        }
        self.reuse = reuse ?? false
        chart = try ReleaseChart.load(context.chartPath)
    }

    /// The user values for a render request.
    func userValues(for request: RenderRequest) throws(ActionError) -> [String: Value] {
        if reuse, let current = request.current {
            var base: [String: Value] = [:]
            if let loaded = try? YAML.loadValues(current.userValues), case Value.map(let m, _) = loaded {
                base = m.dictionary
            }
            let overlay = ValuesLayers(command: layers.command)
            return overlay.merged(base: base, tenantID: tenantFile.name, tierName: tierName)
        }
        return layers.merged(tenantID: tenantFile.name, tierName: tierName)
    }

    func render(_ request: RenderRequest) throws(ActionError) -> Rendering {
        try TenantRenderer.render(
            chart: chart, tenant: request.tenant, userValues: try userValues(for: request),
            revision: request.revision, isUpgrade: request.isUpgrade)
    }

    /// Opens the store (after a first render when there is no state yet, so that bad input creates nothing),
    /// takes the lease, drives the lifecycle, registers a new tenant file on success.
    func execute(
        _ context: Context, _ event: ReleaseEvent, operation: String, dryRun: Bool,
        register: Bool
    ) throws(ActionError) -> ReleaseResult {
        let tenant = tenantFile.name
        var preflight: (RenderRequest, Rendering)?
        if !context.stateExists {
            // Nothing recorded yet: this is revision 1, an install. Render it before creating the state file.
            let request = RenderRequest(
                tenant: tenant, revision: 1, isUpgrade: false, chart: chart.reference,
                userValues: "", current: nil)
            preflight = (request, try render(request))
            if dryRun, let (_, rendering) = preflight {
                return ReleaseResult(
                    release: Release(
                        tenant: tenant, revision: 1, status: .pendingInstall, chart: chart.reference,
                        userValues: rendering.userValues ?? "", computedValues: rendering.computedValues,
                        manifest: rendering.manifest, notes: rendering.notes, firstDeployed: context.clock(),
                        lastDeployed: context.clock(), description: "Dry run complete", labels: ["tier": tierName]),
                    dryRun: true, registered: false)
            }
        }
        let storage = try context.storage(create: true)
        let driver = LifecycleDriver(
            storage: storage, target: context.target, clock: context.clock,
            holdSeconds: context.testHoldSeconds)
        if preflight == nil, let request = try driver.probe(tenant: tenant, request: event), !request.isUpgrade {
            // An install that does not render records nothing: find out before the lease is written.
            preflight = (request, try render(request))
        }
        var renderError: ActionError?
        let outcome = try storage.leased(tenant, operation) { () throws(ActionError) in
            try driver.run(tenant: tenant, request: event) { request in
                if let (cached, rendering) = preflight, cached == request { return .rendered(rendering) }
                do throws(ActionError) {
                    return .rendered(try render(request))
                } catch {
                    renderError = error
                    return .renderFailed(error.message)
                }
            }
        }
        switch outcome {
        case .succeeded(let release?):
            var registered = false
            if register {
                do { try context.registry.register(tenantFile) } catch {
                    throw ActionError(.failed, "the release was installed but the tenant file was not written: \(error.message)")
                }
                registered = true
            }
            return ReleaseResult(release: release, dryRun: dryRun, registered: registered)
        case .succeeded(nil):
            throw ActionError(.failed, "\(operation) of \"\(tenant)\" finished without a release")
        case .failed(let release, let message):
            if let renderError, release == nil { throw renderError }
            if let release {
                throw ActionError(
                    renderError?.code ?? .failed,
                    "\(message) (revision \(release.revision) recorded as \(release.status))")
            }
            throw ActionError(.failed, message)
        }
    }
}

/// `tenantctl rollback TENANT [REVISION]`: a new revision carrying an old one's manifest and values.
public struct Rollback: Sendable {
    /// The tenant.
    public var tenant: String
    /// The revision to go back to; 0 is the one before the last.
    public var revision: Int
    /// `--dry-run`.
    public var dryRun: Bool

    /// Creates the verb.
    public init(tenant: String, revision: Int = 0, dryRun: Bool = false) {
        self.tenant = tenant
        self.revision = revision
        self.dryRun = dryRun
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        do { try TenantName.validate(tenant) } catch { throw ActionError(error) }
        guard let storage = try context.existingStorage() else { throw ActionError(.notFound, "release: not found") }
        return try runWithoutRendering(
            context, storage: storage, tenant: tenant, operation: "rollback",
            noRender: "a rollback does not render",
            event: .rollbackRequested(RollbackRequest(revision: revision, dryRun: dryRun)),
            dryRun: dryRun)
    }
}

/// `tenantctl uninstall TENANT [--keep-history]`: removes the objects, and the history unless kept.
public struct Uninstall: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--keep-history`.
    public var keepHistory: Bool
    /// `--dry-run`.
    public var dryRun: Bool

    /// Creates the verb.
    public init(tenant: String, keepHistory: Bool = false, dryRun: Bool = false) {
        self.tenant = tenant
        self.keepHistory = keepHistory
        self.dryRun = dryRun
    }

    /// Runs it; returns the last revision (now `uninstalled`, or deleted with the history).
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        do { try TenantName.validate(tenant) } catch { throw ActionError(error) }
        guard let storage = try context.existingStorage() else {
            throw ActionError(.notFound, "uninstall: Release not loaded: \(tenant): release: not found")
        }
        return try runWithoutRendering(
            context, storage: storage, tenant: tenant, operation: "uninstall",
            noRender: "an uninstall does not render",
            event: .uninstallRequested(
                UninstallRequest(
                    keepHistory: keepHistory,
                    dryRun: dryRun)),
            dryRun: dryRun)
    }
}

/// Rollback and uninstall: a lifecycle request that renders nothing, probed read-only, then run under the
/// tenant's lease; the release it leaves, or its failure.
private func runWithoutRendering(
    _ context: Context, storage: Storage, tenant: String, operation: String,
    noRender: String, event: ReleaseEvent, dryRun: Bool
) throws(ActionError) -> ReleaseResult {
    let driver = LifecycleDriver(
        storage: storage, target: context.target, clock: context.clock,
        holdSeconds: context.testHoldSeconds)
    _ = try driver.probe(tenant: tenant, request: event)
    let outcome = try storage.leased(tenant, operation) { () throws(ActionError) in
        try driver.run(tenant: tenant, request: event) { _ in .renderFailed(noRender) }
    }
    switch outcome {
    case .succeeded(let release?): return ReleaseResult(release: release, dryRun: dryRun, registered: false)
    case .succeeded(nil): throw ActionError(.failed, "\(operation) of \"\(tenant)\" finished without a release")
    case .failed(_, let message): throw ActionError(.failed, message)
    }
}
