// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
import Tenancy

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
