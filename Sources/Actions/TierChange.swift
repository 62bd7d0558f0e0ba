// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Foundation
import GoRuntime
import Kube
import ReleaseStore
import Tenancy

/// `tenantctl tenant set-tier TENANT NEW` and `tenantctl upgrade TENANT --tier NEW`: moves a registered tenant to
/// another tier as a new revision (described `moved from tier A to tier B`); the tenant file's `tier:` changes only
/// once the release succeeded.
///
/// A move down — to a tier whose quota (chart defaults < tier < tenant file < `-f`/`--set`, `quota.cpu`,
/// `quota.memory`, `quota.pods`) is smaller in any of them — is refused when the tenant's usage would not fit:
/// on the Kubernetes target the namespace's ResourceQuotas' `status.used` are compared with the new quota; on the
/// directory target usage is unknown, so the move needs `force`.
public struct TierChange: Sendable {
    /// The tenant.
    public var tenant: String
    /// The tier to move to.
    public var tier: String
    /// `--force`: move down even when usage is unknown or would not fit.
    public var force: Bool
    /// `-f` / `--set`, layered over the new tier and the tenant file.
    public var values: ValuesOptions
    /// `--dry-run`.
    public var dryRun: Bool
    /// `--description`, instead of `moved from tier A to tier B`.
    public var description: String?

    /// Creates the verb.
    public init(
        tenant: String, tier: String, force: Bool = false, values: ValuesOptions = ValuesOptions(), dryRun: Bool = false,
        description: String? = nil
    ) {
        self.tenant = tenant
        self.tier = tier
        self.force = force
        self.values = values
        self.dryRun = dryRun
        self.description = description
    }

    /// The quota keys of the app chart's values (`quota:`), compared between tiers.
    public static let quotaKeys = ["cpu", "memory", "pods"]

    /// Runs it: checks the tier, the direction and the usage, then rolls the change out.
    /// - Throws: ``ActionError/Code/invalidInput`` for an unknown tier or the tier the tenant is on;
    ///   ``ActionError/Code/refused`` for a move down that does not fit (or whose fit is unknown) without `force`.
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        let file: TenantFile
        let from: Tier
        let to: Tier
        do throws(TenancyError) {
            file = try context.registry.tenant(tenant)
            to = try context.registry.tier(tier)
            from = try context.registry.tier(file.tier)
        } catch {
            throw ActionError(error)
        }
        guard to.name != from.name else {
            throw ActionError(
                .invalidInput, "tenant \(goQuoted(tenant)) is already on tier \(goQuoted(tier)) (\(file.path)); nothing to move")
        }
        var changed = file
        changed.tier = to.name
        let prepared = try Prepared(context, changed: changed, values: values)
        let chartDefaults = prepared.chart.chart.values
        let before = try Self.quota(
            ValuesLayers(tier: from.values, tenant: file.values, command: prepared.layers.command), chart: chartDefaults, tier: from.name)
        let after = try Self.quota(prepared.layers, chart: chartDefaults, tier: to.name)
        let smaller = Self.quotaKeys.filter { key in
            guard let old = before[key], let new = after[key] else { return false }
            return new < old
        }
        if !smaller.isEmpty, !force {
            try checkFits(context, quota: after, smaller: smaller, from: from.name)
        }
        return try rollOut(
            context, prepared, description: description ?? "moved from tier \(from.name) to tier \(to.name)", dryRun: dryRun)
    }

    /// The quota a set of layers gives, by key (`cpu` → `2`), the chart's defaults under it.
    /// - Throws: ``ActionError/Code/invalidInput`` naming the tier when a quantity does not parse.
    static func quota(_ layers: ValuesLayers, chart: [String: Value], tier: String) throws(ActionError) -> [String: Quantity] {
        var merged: [String: Value] = [:]
        for layer in [chart, layers.tier, layers.tenant, layers.command] {
            if case .map(let m, _)? = layer["quota"] { merged = ValuesLoader.mergeMaps(merged, m.dictionary) }
        }
        var out: [String: Quantity] = [:]
        for key in quotaKeys {
            guard let value = merged[key], let text = quantityText(value) else { continue }
            do {
                out[key] = try Quantity(text)
            } catch {
                throw ActionError(.invalidInput, "tier \(goQuoted(tier)): quota.\(key): \(error.description)")
            }
        }
        return out
    }

    /// A values scalar as quantity text: `"2"`, `4`, `0.5`.
    static func quantityText(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i, _): return String(i)
        case .float(let f): return GoStrconv.formatFloat(f, "f", -1)
        default: return nil
        }
    }

    /// Which quota key (`cpu`, `memory`, `pods`) a ResourceQuota resource counts against: `requests.cpu`,
    /// `limits.cpu` and `cpu` are `cpu`; `pods` and `count/pods` are `pods`; nil for the rest.
    static func quotaKey(ofResource resource: String) -> String? {
        switch resource {
        case "cpu", "requests.cpu", "limits.cpu": "cpu"
        case "memory", "requests.memory", "limits.memory": "memory"
        case "pods", "count/pods": "pods"
        default: nil
        }
    }

    /// Refuses the move down unless the usage fits `quota`: on the cluster from the namespace's ResourceQuotas'
    /// `status.used`; elsewhere usage is unknown.
    private func checkFits(_ context: Context, quota: [String: Quantity], smaller: [String], from: String) throws(ActionError) {
        let what =
            "moving tenant \(goQuoted(tenant)) down from tier \(goQuoted(from)) to \(goQuoted(tier)) (a smaller quota.\(smaller.joined(separator: ", quota.")))"
        guard context.settings.target == .kubernetes else {
            throw ActionError(
                .refused,
                "\(what): the directory target cannot tell how much the tenant uses, so whether it fits is unknown; "
                    + "pass --force to move it anyway")
        }
        let namespace = context.namespace(tenant)
        let client = try context.kubeClient()
        let quotas: [JSON]
        do {
            quotas = try client.listAll(Self.resourceQuotas, namespace: namespace)
        } catch {
            throw ActionError(.target, "\(what): cannot read the ResourceQuotas of namespace \(namespace): \(error.description)")
        }
        var over: [String] = []
        var counted = false
        for object in quotas {
            let name = object[["metadata", "name"]]?.string ?? "?"
            for (resource, used) in object[["status", "used"]]?.members ?? [] {
                guard let key = Self.quotaKey(ofResource: resource), let hard = quota[key], let text = used.string else { continue }
                counted = true
                guard let amount = try? Quantity(text) else { continue }
                if amount > hard {
                    over.append("\(resource) uses \(text), more than the new quota.\(key) \(hard.text) (ResourceQuota \(namespace)/\(name))")
                }
            }
        }
        if !over.isEmpty {
            throw ActionError(
                .refused,
                "\(what): the usage would not fit: \(over.joined(separator: "; ")); scale the tenant down (or hibernate it) "
                    + "first, or pass --force")
        }
        if !counted {
            throw ActionError(
                .refused,
                "\(what): no ResourceQuota in namespace \(namespace) reports its usage (status.used), so whether it fits is "
                    + "unknown; pass --force to move it anyway")
        }
    }

    static let resourceQuotas = ResourceRef(group: "", version: "v1", resource: "resourcequotas", kind: "ResourceQuota", namespaced: true)
}
