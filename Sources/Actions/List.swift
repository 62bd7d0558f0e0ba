// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore

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
