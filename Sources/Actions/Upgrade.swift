// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore

/// How `upgrade` treats the values of the revision it starts from.
public enum ValuesMode: Sendable, Hashable {
    /// Rebuild from the tier, the tenant file and this command's `-f`/`--set` (the default; same as
    /// `--reset-values`): the files are the source of truth.
    case reset
    /// `--reuse-values`: the current revision's user values, with this command's `-f`/`--set` over them.
    case reuse
}

/// `tenantctl upgrade TENANT`: renders a new revision from the (possibly new) chart and applies it.
public struct Upgrade: Sendable {
    /// The tenant.
    public var tenant: String
    /// `-f` / `--set`.
    public var values: ValuesOptions
    /// `--reuse-values` / `--reset-values`.
    public var valuesMode: ValuesMode
    /// `--install`: install when the tenant has no release (or only an uninstalled one).
    public var install: Bool
    /// `--tier`, for `--install` of a tenant without a file.
    public var tier: String?
    /// `--dry-run`.
    public var dryRun: Bool
    /// `--description`.
    public var description: String?

    /// Creates the verb.
    public init(
        tenant: String, values: ValuesOptions = ValuesOptions(), valuesMode: ValuesMode = .reset,
        install: Bool = false, tier: String? = nil, dryRun: Bool = false, description: String? = nil
    ) {
        self.tenant = tenant
        self.values = values
        self.valuesMode = valuesMode
        self.install = install
        self.tier = tier
        self.dryRun = dryRun
        self.description = description
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        let prepared = try Prepared(
            context, tenant: tenant, tier: tier, values: values,
            reuse: valuesMode == .reuse ? true : nil)
        if !install, !context.stateExists {
            throw ActionError(.notFound, "\"\(tenant)\" has no deployed releases (no records in \(context.storeDescription))")
        }
        let request = UpgradeRequest(
            chart: prepared.chart.reference, userValues: "", description: description,
            install: install, dryRun: dryRun, labels: ["tier": prepared.tierName])
        return try rollingBackOnFailure(context, tenant: prepared.tenantFile.name) { () throws(ActionError) in
            try prepared.execute(
                context, .upgradeRequested(request), operation: "upgrade", dryRun: dryRun,
                register: !dryRun && prepared.isNew)
        }
    }
}
