// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// Shared by the mutating verbs: the values a command adds, what a verb reports, the checked-and-loaded
// inputs (`Prepared`) and the driver run under the lease, and the render-free run of rollback and uninstall.
import Chart
import Foundation
import GoRuntime
import ReleaseStore
import Targets
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

/// Everything checked and loaded before the store is touched: tenant, tier, values layers, chart.
struct Prepared {
    var tenantFile: TenantFile
    var tierName: String
    var isNew: Bool
    var layers: ValuesLayers
    var chart: ReleaseChart
    /// `--reuse-values`: merge over the current revision's user values.
    var reuse: Bool
    /// With the Kubernetes target: the cluster the templates see (live `.Capabilities` and `lookup`, as
    /// `helm install` renders), even for a dry run, so that a preview renders as the install will.
    var cluster: LiveCluster?
    /// User values built by the caller (the gateway's release, GatewayRelease.swift), used as they are: no tier,
    /// tenant file, `-f`/`--set` layers or `tenant:` key. Nil for a tenant.
    var fixedValues: [String: Value]?

    /// Checks and loads the tenant's inputs.
    init(_ context: Context, tenant: String, tier: String?, values: ValuesOptions, reuse: Bool?) throws(ActionError) {
        let resolved: (tenant: TenantFile, tier: Tier, isNew: Bool)
        do throws(TenancyError) { resolved = try context.registry.resolve(tenant, tier: tier) } catch { throw ActionError(error) }
        try self.init(context, resolved: resolved, values: values, reuse: reuse, chart: nil)
    }

    /// Inputs a promotion loaded once for every tenant (``PromotionPlan``): the tenant's file, its tier and the
    /// chart, used as they are.
    init(_ context: Context, file: TenantFile, tier: Tier, chart: ReleaseChart) throws(ActionError) {
        try self.init(context, resolved: (file, tier, false), values: ValuesOptions(), reuse: nil, chart: chart)
    }

    /// The seam for the verbs that change a tenant's file (`access`, a tier move, `hibernate`, `wake`): `changed`
    /// is rendered as though it were written; ``execute(_:_:operation:dryRun:register:storage:)`` with `register`
    /// writes it only once the release succeeded.
    init(_ context: Context, changed: TenantFile, values: ValuesOptions = ValuesOptions(), reuse: Bool? = nil) throws(ActionError) {
        let tier: Tier
        do throws(TenancyError) { tier = try context.registry.tier(changed.tier) } catch { throw ActionError(error) }
        try self.init(context, resolved: (changed, tier, false), values: values, reuse: reuse, chart: nil)
    }

    private init(
        _ context: Context, resolved: (tenant: TenantFile, tier: Tier, isNew: Bool), values: ValuesOptions, reuse: Bool?,
        chart loaded: ReleaseChart?
    ) throws(ActionError) {
        do throws(TenancyError) {
            let command = try values.commandValues()
            tenantFile = resolved.tenant
            tierName = resolved.tier.name
            isNew = resolved.isNew
            layers = ValuesLayers(tier: resolved.tier.values, tenant: resolved.tenant.values, command: command)
        } catch {
            throw ActionError(error)
        }
        self.reuse = reuse ?? false
        if context.settings.target == .kubernetes { cluster = LiveCluster(client: try context.kubeClient(), freshDiscovery: false) }
        if let loaded {
            chart = loaded
        } else {
            chart = try ReleaseChart.load(context.chartPath, followedLink: context.followedLink)
        }
    }

    /// The user values for a render request.
    func userValues(for request: RenderRequest) throws(ActionError) -> [String: Value] {
        if let fixedValues { return fixedValues }
        if reuse, let current = request.current {
            var base: [String: Value] = [:]
            if let loaded = try? YAML.loadValues(current.userValues), case Value.map(let m, _) = loaded {
                base = m.dictionary
            }
            let overlay = ValuesLayers(command: layers.command)
            return overlay.merged(base: base, file: tenantFile, tierName: tierName)
        }
        return layers.merged(file: tenantFile, tierName: tierName)
    }

    /// The labels every revision of the tenant carries: its tier, and `hibernated: "true"` while it sleeps
    /// (``Hibernation/label``; labels merge over the last revision's, so `wake` sets it to `"false"`).
    var labels: [String: String] {
        tenantFile.hibernated ? ["tier": tierName, Hibernation.label: "true"] : ["tier": tierName]
    }

    func render(_ request: RenderRequest) throws(ActionError) -> Rendering {
        try TenantRenderer.render(
            chart: chart, tenant: request.tenant, userValues: try userValues(for: request),
            revision: request.revision, isUpgrade: request.isUpgrade, cluster: cluster)
    }

    /// Opens the store (after a first render when there is no state yet, so that bad input creates nothing),
    /// takes the lease, drives the lifecycle, registers a new tenant file on success. `opened`, when given, is
    /// the store to use instead of opening one (a promotion shares one store among its workers).
    func execute(
        _ context: Context, _ event: ReleaseEvent, operation: String, dryRun: Bool,
        register: Bool, storage opened: Storage? = nil
    ) throws(ActionError) -> ReleaseResult {
        let tenant = tenantFile.name
        try context.checkPlaces()
        var preflight: (RenderRequest, Rendering)?
        if !context.stateExists {
            // Nothing recorded yet: this is revision 1, an install. Render it before creating the state file.
            let request = RenderRequest(
                tenant: tenant, revision: 1, isUpgrade: false, chart: chart.reference,
                userValues: "", current: nil)
            preflight = (request, try render(request))
            if dryRun, let (_, rendering) = preflight {
                return try serverDryRun(
                    context,
                    ReleaseResult(
                        release: Release(
                            tenant: tenant, revision: 1, status: .pendingInstall, chart: chart.reference,
                            userValues: rendering.userValues ?? "", computedValues: rendering.computedValues,
                            manifest: rendering.manifest, notes: rendering.notes, firstDeployed: context.clock(),
                            lastDeployed: context.clock(), description: "Dry run complete", labels: labels),
                        dryRun: true, registered: false), previous: nil)
            }
        }
        let storage: Storage
        if let opened { storage = opened } else { storage = try context.storage(create: true) }
        var driver = LifecycleDriver(
            storage: storage, target: try context.releaseTarget(), clock: context.clock,
            holdSeconds: context.testHoldSeconds)
        driver.options = context.applyOptions
        driver.progress = context.waitProgress
        if preflight == nil, let request = try driver.probe(tenant: tenant, request: event), !request.isUpgrade {
            // An install that does not render records nothing: find out before the lease is written.
            preflight = (request, try render(request))
        }
        var renderError: ActionError?
        let outcome = try storage.leased(tenant, operation) { (token) throws(ActionError) in
            driver.lease = token
            return try driver.run(tenant: tenant, request: event) { request in
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
            let result = ReleaseResult(release: release, dryRun: dryRun, registered: registered)
            if dryRun {
                let deployed = try storeCall { () throws(StoreError) in try storage.history(tenant) }.last { $0.status == .deployed }
                return try serverDryRun(context, result, previous: deployed?.manifest)
            }
            return result
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

/// The verbs that change a tenant's file (`access`, a tier move, `hibernate`, `wake`): `prepared` (made with
/// ``Prepared/init(_:changed:values:reuse:)``) rolled out as an upgrade described by `description`, the changed file
/// written only when the release succeeded (never for a dry run). `labels` go over ``Prepared/labels``.
func rollOut(
    _ context: Context, _ prepared: Prepared, description: String, dryRun: Bool = false, labels: [String: String] = [:]
) throws(ActionError) -> ReleaseResult {
    let tenant = prepared.tenantFile.name
    if !context.stateExists {
        throw ActionError(.notFound, "\"\(tenant)\" has no deployed releases (no records in \(context.storeDescription)); install it first")
    }
    let request = UpgradeRequest(
        chart: prepared.chart.reference, userValues: "", description: description, install: false, dryRun: dryRun,
        labels: prepared.labels.merging(labels) { _, new in new })
    var result = try rollingBackOnFailure(context, tenant: tenant) { () throws(ActionError) in
        try prepared.execute(context, .upgradeRequested(request), operation: "upgrade", dryRun: dryRun, register: !dryRun)
    }
    // The file was rewritten, not registered anew.
    result.registered = false
    return result
}

/// Rollback and uninstall: a lifecycle request that renders nothing, probed read-only, then run under the
/// tenant's lease; the release it leaves, or its failure.
func runWithoutRendering(
    _ context: Context, storage: Storage, tenant: String, operation: String,
    noRender: String, event: ReleaseEvent, dryRun: Bool
) throws(ActionError) -> ReleaseResult {
    try context.checkPlaces()
    var driver = LifecycleDriver(
        storage: storage, target: try context.releaseTarget(), clock: context.clock,
        holdSeconds: context.testHoldSeconds)
    driver.options = context.applyOptions
    driver.progress = context.waitProgress
    _ = try driver.probe(tenant: tenant, request: event)
    let outcome = try storage.leased(tenant, operation) { (token) throws(ActionError) in
        driver.lease = token
        return try driver.run(tenant: tenant, request: event) { _ in .renderFailed(noRender) }
    }
    switch outcome {
    case .succeeded(let release?):
        let result = ReleaseResult(release: release, dryRun: dryRun, registered: false)
        if dryRun, case .rollbackRequested = event {
            let deployed = try storeCall { () throws(StoreError) in try storage.history(tenant) }.last { $0.status == .deployed }
            return try serverDryRun(context, result, previous: deployed?.manifest)
        }
        return result
    case .succeeded(nil): throw ActionError(.failed, "\(operation) of \"\(tenant)\" finished without a release")
    case .failed(_, let message): throw ActionError(.failed, message)
    }
}

/// `--dry-run=server`: the target checks the dry run's manifest without changing anything (the cluster asks the
/// server with `dryRun=All`: admission, validation, ownership and conflicts, as a real apply would meet them).
/// A client-side dry run (`--dry-run`) returns `result` as it is.
func serverDryRun(_ context: Context, _ result: ReleaseResult, previous: String?) throws(ActionError) -> ReleaseResult {
    guard context.applyOptions.dryRun else { return result }
    let target = try context.releaseTarget()
    let tenant = result.release.tenant
    do {
        try target.apply(
            ApplyRequest(
                tenant: tenant, namespace: context.namespace(tenant), manifest: result.release.manifest, previousManifest: previous,
                options: context.applyOptions))
    } catch {
        throw ActionError(.target, "dry run on the server (\(target.name)): \(error.message)")
    }
    return result
}

/// `--rollback-on-failure` (Helm v4's name for `--atomic`): when `body` fails after recording a revision (the
/// apply or the wait failed), puts the tenant back — a rollback to its deployed revision, or, when nothing was
/// ever deployed (a failed install), an uninstall — and throws the original error with what was done about it.
func rollingBackOnFailure(
    _ context: Context, tenant: String, _ body: () throws(ActionError) -> ReleaseResult
) throws(ActionError) -> ReleaseResult {
    do {
        return try body()
    } catch {
        guard context.rollbackOnFailure, error.code == .failed, let storage = try? context.existingStorage() else { throw error }
        let history = (try? storage.history(tenant)) ?? []
        guard let last = history.last, last.status == .failed else { throw error }
        var settle = context
        settle.applyOptions.dryRun = false
        if let deployed = history.last(where: { $0.status == .deployed }) {
            let back: ReleaseResult
            do throws(ActionError) {
                back = try Rollback(tenant: tenant, revision: deployed.revision).run(settle)
            } catch let rollback {
                throw ActionError(.failed, error.message + "; the rollback to revision \(deployed.revision) failed too: \(rollback.message)")
            }
            throw ActionError(
                .failed, error.message + "; rolled back (--rollback-on-failure): revision \(back.release.revision) puts back revision \(deployed.revision)")
        }
        do throws(ActionError) {
            _ = try Uninstall(tenant: tenant).run(settle)
        } catch let uninstall {
            throw ActionError(.failed, error.message + "; uninstalling the failed install failed too: \(uninstall.message)")
        }
        throw ActionError(.failed, error.message + "; uninstalled (--rollback-on-failure): the failed install's objects and records are removed")
    }
}
