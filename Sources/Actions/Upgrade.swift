// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
import Tenancy

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
    /// `--tier`: for `--install` of a tenant without a file; for a registered tenant on another tier, a tier
    /// move (``TierChange``).
    public var tier: String?
    /// `--force`: a tier move down even when usage is unknown or would not fit (``TierChange/force``).
    public var force: Bool
    /// `--dry-run`.
    public var dryRun: Bool
    /// `--description`.
    public var description: String?

    /// Creates the verb.
    public init(
        tenant: String, values: ValuesOptions = ValuesOptions(), valuesMode: ValuesMode = .reset,
        install: Bool = false, tier: String? = nil, dryRun: Bool = false, description: String? = nil, force: Bool = false
    ) {
        self.tenant = tenant
        self.values = values
        self.valuesMode = valuesMode
        self.install = install
        self.tier = tier
        self.dryRun = dryRun
        self.description = description
        self.force = force
    }

    /// The tenant file when `--tier` moves a registered tenant to another tier; nil otherwise (no `--tier`, no
    /// file, the same tier, or a file that does not read: the ordinary path reports that).
    func tierMove(_ context: Context) -> TenantFile? {
        guard let tier, (try? TenantName.validate(tenant)) != nil, let file = try? context.registry.tenant(tenant), file.tier != tier else {
            return nil
        }
        return file
    }

    /// What the upgrade renders from: the tenant as its file says, or, for a tier move, as it will be on the new tier.
    func prepared(_ context: Context) throws(ActionError) -> Prepared {
        if var moved = tierMove(context), let tier {
            moved.tier = tier
            return try Prepared(context, changed: moved, values: values, reuse: valuesMode == .reuse ? true : nil)
        }
        return try Prepared(context, tenant: tenant, tier: tier, values: values, reuse: valuesMode == .reuse ? true : nil)
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        if tierMove(context) != nil, let tier {
            if valuesMode == .reuse {
                throw ActionError(
                    .invalidInput,
                    "--reuse-values cannot move \(goQuoted(tenant)) to tier \(goQuoted(tier)): it would keep the old tier's values; "
                        + "a tier move rebuilds them from the new tier, the tenant file and -f/--set")
            }
            return try TierChange(tenant: tenant, tier: tier, force: force, values: values, dryRun: dryRun, description: description).run(context)
        }
        let prepared = try Prepared(
            context, tenant: tenant, tier: tier, values: values,
            reuse: valuesMode == .reuse ? true : nil)
        if !install, !context.stateExists {
            throw ActionError(.notFound, "\"\(tenant)\" has no deployed releases (no records in \(context.storeDescription))")
        }
        let request = UpgradeRequest(
            chart: prepared.chart.reference, userValues: "", description: description,
            install: install, dryRun: dryRun, labels: prepared.labels)
        return try rollingBackOnFailure(context, tenant: prepared.tenantFile.name) { () throws(ActionError) in
            try prepared.execute(
                context, .upgradeRequested(request), operation: "upgrade", dryRun: dryRun,
                register: !dryRun && prepared.isNew)
        }
    }
}
