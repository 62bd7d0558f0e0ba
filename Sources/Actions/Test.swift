// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
import ReleaseUtil
import Targets
import Tenancy

/// `tenantctl test TENANT`: runs the `test` hooks of the tenant's deployed revision, as `helm test` does.
///
/// Nothing is recorded: the revision stays as it is (Helm writes the hooks' last run into the release; we
/// report it instead). No lease is taken: tests only create and delete their own hook objects.
public struct RunTests: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--timeout`, in seconds.
    public var timeout: Double

    /// Creates the verb.
    public init(tenant: String, timeout: Double = 300) {
        self.tenant = tenant
        self.timeout = timeout
    }

    /// Runs the tests; returns each hook run (empty when the chart has none).
    /// - Throws: ``ActionError/Code/failed`` naming the failed test, ``ActionError/Code/notFound`` without a
    ///   deployed revision.
    public func run(_ context: Context) throws(ActionError) -> [HookRun] {
        do { try TenantName.validate(tenant) } catch { throw ActionError(error) }
        guard let storage = try context.existingStorage() else { throw ActionError(.notFound, "\(goQuoted(tenant)) has no deployed releases") }
        let history = try storeCall { () throws(StoreError) in try storage.history(tenant) }
        guard let deployed = history.last(where: { $0.status == .deployed }) else {
            throw ActionError(.notFound, "\(goQuoted(tenant)) has no deployed releases")
        }
        let target = try context.releaseTarget()
        do {
            return try target.runHooks(
                .test, tenant: tenant, namespace: context.namespace(tenant), manifest: deployed.manifest, options: ApplyOptions(timeout: timeout))
        } catch {
            throw ActionError(.failed, error.message)
        }
    }
}
