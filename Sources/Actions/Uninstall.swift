// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
import Tenancy

/// `tenantctl uninstall TENANT [--keep-history]`: removes the objects, and the history unless kept.
public struct Uninstall: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--keep-history`.
    public var keepHistory: Bool
    /// `--dry-run`.
    public var dryRun: Bool

    /// Creates the verb.
    public init(tenant: String, keepHistory: Bool = false, dryRun: Bool = false) {
        self.tenant = tenant
        self.keepHistory = keepHistory
        self.dryRun = dryRun
    }

    /// Runs it; returns the last revision (now `uninstalled`, or deleted with the history).
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        do { try TenantName.validate(tenant) } catch { throw ActionError(error) }
        guard let storage = try context.existingStorage(forWriting: true) else {
            throw ActionError(.notFound, "uninstall: Release not loaded: \(tenant): release: not found")
        }
        return try runWithoutRendering(
            context, storage: storage, tenant: tenant, operation: "uninstall",
            noRender: "an uninstall does not render",
            event: .uninstallRequested(
                UninstallRequest(
                    keepHistory: keepHistory,
                    dryRun: dryRun)),
            dryRun: dryRun)
    }
}
