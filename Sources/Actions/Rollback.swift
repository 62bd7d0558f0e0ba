// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
import Tenancy

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
        guard let storage = try context.existingStorage(forWriting: true) else { throw ActionError(.notFound, "release: not found") }
        return try runWithoutRendering(
            context, storage: storage, tenant: tenant, operation: "rollback",
            noRender: "a rollback does not render",
            event: .rollbackRequested(RollbackRequest(revision: revision, dryRun: dryRun)),
            dryRun: dryRun)
    }
}
