// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore

/// `tenantctl install TENANT --tier T`: registers the tenant when new, renders its first revision and applies it.
public struct Install: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--tier`: required for a tenant without a file; must match the file otherwise.
    public var tier: String?
    /// `-f` / `--set`.
    public var values: ValuesOptions
    /// `--dry-run`.
    public var dryRun: Bool
    /// `--description`.
    public var description: String?

    /// Creates the verb.
    public init(
        tenant: String, tier: String? = nil, values: ValuesOptions = ValuesOptions(), dryRun: Bool = false,
        description: String? = nil
    ) {
        self.tenant = tenant
        self.tier = tier
        self.values = values
        self.dryRun = dryRun
        self.description = description
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        let prepared = try Prepared(context, tenant: tenant, tier: tier, values: values, reuse: nil)
        let request = InstallRequest(
            chart: prepared.chart.reference, userValues: "", description: description,
            dryRun: dryRun, labels: prepared.labels)
        return try rollingBackOnFailure(context, tenant: prepared.tenantFile.name) { () throws(ActionError) in
            try prepared.execute(
                context, .installRequested(request), operation: "install", dryRun: dryRun,
                register: !dryRun && prepared.isNew)
        }
    }
}
