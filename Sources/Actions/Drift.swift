// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
import Targets

/// One tenant's drift: how the target's objects differ from its deployed revision.
public struct TenantDrift: Sendable, Hashable {
    /// The tenant.
    public var tenant: String
    /// The deployed revision compared against.
    public var revision: Int
    /// The objects that differ, sorted by file; empty when the target holds exactly the deployed revision.
    public var changes: [ObjectChange]
}

/// `tenantctl drift [TENANT|--all]`: the objects on the target that were changed, removed or added by hand
/// since the deployed revision was applied.
///
/// Read-only, like `diff`: the store is opened for reading, no lease is taken, nothing is recovered. An
/// object changed on the target is `changed` (the line diff goes from the deployed revision to what the target
/// holds), one gone from the target is `removed`, one the target holds beyond the revision is `added`.
/// Secrets' values are masked unless ``showSecrets``.
public struct Drift: Sendable {
    /// The tenant; nil for every tenant with a deployed revision (`--all`).
    public var tenant: String?
    /// `--show-secrets`.
    public var showSecrets: Bool

    /// Creates the verb.
    public init(tenant: String?, showSecrets: Bool = false) {
        self.tenant = tenant
        self.showSecrets = showSecrets
    }

    /// Each tenant's drift, sorted by tenant (tenants without drift included, with no changes).
    /// - Throws: ``ActionError/Code/notFound`` when the tenant has no deployed revision.
    public func run(_ context: Context) throws(ActionError) -> [TenantDrift] {
        guard let storage = try context.existingStorage() else {
            if let tenant { throw ActionError(.notFound, "\(goQuoted(tenant)) has no deployed releases (no records in \(context.storeDescription))") }
            return []
        }
        let releases: [Release]
        if let tenant {
            let history = try storeCall { () throws(StoreError) in try storage.history(tenant) }
            guard let deployed = history.last(where: { $0.status == .deployed }) else {
                throw ActionError(.notFound, "\(goQuoted(tenant)) has no deployed releases")
            }
            releases = [deployed]
        } else {
            releases = try storeCall { () throws(StoreError) in try storage.latest(statuses: [.deployed]) }
        }
        let target = try context.releaseTarget()
        var out: [TenantDrift] = []
        for release in releases.sorted(by: { $0.tenant < $1.tenant }) {
            let expected: [ManifestObject]
            let actual: [ManifestObject]
            do {
                expected = try target.expectedObjects(tenant: release.tenant, namespace: context.namespace(release.tenant), manifest: release.manifest)
                actual = try target.objects(tenant: release.tenant, namespace: context.namespace(release.tenant), manifest: release.manifest)
            } catch {
                throw ActionError(.target, error.message)
            }
            out.append(
                TenantDrift(
                    tenant: release.tenant, revision: release.revision,
                    changes: ObjectChange.compare(from: expected, to: actual, showSecrets: showSecrets)))
        }
        return out
    }
}
