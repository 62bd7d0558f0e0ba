// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Targets
import Tenancy

/// `tenantctl history TENANT [--max N]`: the tenant's revisions, oldest first (the last `max`).
public struct History: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--max`: at most this many revisions, the newest (0: all).
    public var max: Int

    /// Creates the verb.
    public init(tenant: String, max: Int = 256) {
        self.tenant = tenant
        self.max = max
    }

    /// Runs it.
    /// - Throws: ``ActionError/Code/notFound`` (`release: not found`) when the tenant has no revision.
    public func run(_ context: Context) throws(ActionError) -> [Release] {
        do { try TenantName.validate(tenant) } catch { throw ActionError(error) }
        guard let storage = try context.existingStorage() else { throw ActionError(.notFound, "release: not found") }
        let all = try storeCall { () throws(StoreError) in try storage.history(tenant) }
        guard !all.isEmpty else { throw ActionError(.notFound, "release: not found") }
        return max > 0 ? Array(all.suffix(max)) : all
    }
}

/// `tenantctl status TENANT`: the tenant's last revision.
public struct Status: Sendable {
    /// The tenant.
    public var tenant: String
    /// A revision other than the last.
    public var revision: Int?

    /// Creates the verb.
    public init(tenant: String, revision: Int? = nil) {
        self.tenant = tenant
        self.revision = revision
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> Release {
        try GetRelease(tenant: tenant, revision: revision).run(context)
    }
}

/// One revision of a tenant (the last when no revision is given): `get values|manifest|notes`.
public struct GetRelease: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--revision`.
    public var revision: Int?

    /// Creates the verb.
    public init(tenant: String, revision: Int? = nil) {
        self.tenant = tenant
        self.revision = revision
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> Release {
        do { try TenantName.validate(tenant) } catch { throw ActionError(error) }
        guard let storage = try context.existingStorage() else { throw ActionError(.notFound, "release: not found") }
        if let revision {
            return try storeCall { () throws(StoreError) in try storage.get(tenant, revision: revision) }
        }
        return try storeCall { () throws(StoreError) in try storage.last(tenant) }
    }
}

/// `tenantctl get values TENANT [--all]`.
public struct GetValues: Sendable {
    /// Which revision.
    public var release: GetRelease
    /// `--all`: the computed values (chart defaults included), not only the user-supplied ones.
    public var all: Bool
    /// Creates the verb.
    public init(tenant: String, revision: Int? = nil, all: Bool = false) {
        release = GetRelease(tenant: tenant, revision: revision)
        self.all = all
    }
    /// The values as YAML.
    public func run(_ context: Context) throws(ActionError) -> String {
        let r = try release.run(context)
        return all ? r.computedValues : r.userValues
    }
}

/// `tenantctl get manifest TENANT`.
public struct GetManifest: Sendable {
    /// Which revision.
    public var release: GetRelease
    /// Creates the verb.
    public init(tenant: String, revision: Int? = nil) { release = GetRelease(tenant: tenant, revision: revision) }
    /// The manifest.
    public func run(_ context: Context) throws(ActionError) -> String { try release.run(context).manifest }
}

/// `tenantctl get notes TENANT`.
public struct GetNotes: Sendable {
    /// Which revision.
    public var release: GetRelease
    /// Creates the verb.
    public init(tenant: String, revision: Int? = nil) { release = GetRelease(tenant: tenant, revision: revision) }
    /// The notes.
    public func run(_ context: Context) throws(ActionError) -> String { try release.run(context).notes }
}

/// `tenantctl list [--tier T] [--status S]`: each tenant's latest revision.
public struct List: Sendable {
    /// `--tier`.
    public var tier: String?
    /// `--status`.
    public var status: ReleaseStatus?

    /// Creates the verb.
    public init(tier: String? = nil, status: ReleaseStatus? = nil) {
        self.tier = tier
        self.status = status
    }

    /// Runs it; empty when nothing was ever installed.
    public func run(_ context: Context) throws(ActionError) -> [Release] {
        guard let storage = try context.existingStorage() else { return [] }
        let statuses: Set<ReleaseStatus>? = status.map { [$0] }
        let all = try storeCall { () throws(StoreError) in try storage.latest(statuses: statuses) }
        return all.filter { tier == nil || $0.labels["tier"] == tier }
    }
}

/// `tenantctl template TENANT`: renders the tenant as `install` would, recording and applying nothing.
public struct TemplateTenant: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--tier`, for a tenant without a file.
    public var tier: String?
    /// `-f` / `--set`.
    public var values: ValuesOptions

    /// Creates the verb.
    public init(tenant: String, tier: String? = nil, values: ValuesOptions = ValuesOptions()) {
        self.tenant = tenant
        self.tier = tier
        self.values = values
    }

    /// The rendering of revision 1.
    public func run(_ context: Context) throws(ActionError) -> Rendering {
        let prepared = try Prepared(context, tenant: tenant, tier: tier, values: values, reuse: nil)
        return try prepared.render(
            RenderRequest(
                tenant: tenant, revision: 1, isUpgrade: false,
                chart: prepared.chart.reference, userValues: "", current: nil))
    }
}

/// `tenantctl tenant list`.
public struct TenantList: Sendable {
    /// Creates the verb.
    public init() {}
    /// Every tenant file.
    public func run(_ context: Context) throws(ActionError) -> [TenantFile] {
        do { return try context.registry.list() } catch { throw ActionError(error) }
    }
}

/// `tenantctl tenant show TENANT`: the tenant's file and the user values its tier and file give.
public struct TenantShow: Sendable {
    /// The tenant.
    public var tenant: String
    /// Creates the verb.
    public init(tenant: String) { self.tenant = tenant }
    /// The file, its tier, and the merged user values (without `-f`/`--set`) as YAML.
    public func run(_ context: Context) throws(ActionError) -> (tenant: TenantFile, tier: Tier, values: String) {
        do {
            let file = try context.registry.tenant(tenant)
            let tier = try context.registry.tier(file.tier)
            let merged = ValuesLayers(tier: tier.values, tenant: file.values).merged(tenantID: tenant, tierName: tier.name)
            return (file, tier, ValuesYAML.emit(.dict(merged)))
        } catch {
            throw ActionError(error)
        }
    }
}
