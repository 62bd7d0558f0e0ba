// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
import Targets
import Tenancy

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

    /// Where each object of `release` stands on the target now (`--show-resources`; the cluster: readiness).
    public func objects(_ context: Context, of release: Release) throws(ActionError) -> [ObjectState] {
        let target = try context.releaseTarget()
        do {
            return try target.readiness(tenant: release.tenant, namespace: context.namespace(release.tenant), manifest: release.manifest)
        } catch {
            throw ActionError(.target, error.message)
        }
    }
}
