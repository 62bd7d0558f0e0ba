// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
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
