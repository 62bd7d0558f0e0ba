// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import ReleaseStore
import Tenancy
import YAMLKit

/// What `restore` did for one tenant.
public struct RestoreReport: Sendable {
    /// The tenant as restored (the `--as` name, or the archived one).
    public var tenant: String
    /// The tenant's name in the archive.
    public var archivedName: String
    /// The tenant file written, if the archive held one.
    public var tenantFile: String?
    /// The archived revisions written back.
    public var revisions: Int
    /// The archived revision whose objects were applied again.
    public var appliedFrom: Int?
    /// The new revision on top (nil when the archive held no revision).
    public var result: ReleaseResult?
}

/// `tenantctl restore FILE [--tenant NAME] [--as NEW]`: brings tenants back from a backup archive.
///
/// For each tenant (all of the archive's, or `--tenant`'s), before anything changes: its name must be free — no
/// tenant file and no records (restoring over an existing tenant is refused: use `--as`) — and the archive must
/// hold a revision to apply (the highest `deployed`, else the highest `uninstalled`, else the highest
/// `superseded`). Then:
/// 1. the tenant file is written back byte for byte;
/// 2. every archived revision is written to the store as it was (``RevisionWriter``, the writer `store migrate`
///    uses: numbers, statuses, times, manifests unchanged);
/// 3. the chosen revision is applied as a new revision on top, by the ``Rollback`` verb (`Rollback to N`).
///
/// With `--as NEW` the tenant comes back under another name. A revision's manifest names its tenant (namespace
/// `tenant-<id>`, labels, object names from the values' `tenant.id`), so copying it would deploy the old tenant's
/// objects. The archived revisions are therefore kept as history only — recorded under NEW, `deployed` turned
/// `superseded`, labelled `rendered-for: OLD` (``Release/renderedForLabel``: never rolled back to, never pruned or
/// removed as NEW's objects) — and the chosen revision is RE-RENDERED for NEW: its user values with `tenant.id`
/// set to NEW, through the chart at `--chart`, which must be the revision's chart and version. The tenant file is
/// written under the new name (its first comment line naming the old name is renamed too).
public struct Restore: Sendable {
    /// The archive.
    public var archive: String
    /// `--tenant`: only this tenant of the archive.
    public var tenant: String?
    /// `--as`: the name to restore under (one tenant only).
    public var newName: String?

    /// Creates the verb.
    public init(archive: String, tenant: String? = nil, newName: String? = nil) {
        self.archive = archive
        self.tenant = tenant
        self.newName = newName
    }

    /// One tenant's plan, checked before anything changes.
    struct Plan {
        var entry: BackupTenant
        var name: String
        var apply: Release?
        var prepared: Prepared?
        var revisions: [Release]
        var tenantFile: Data?
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> [RestoreReport] {
        let loaded: BackupArchive
        do { loaded = try BackupArchive.read(archive) } catch {
            throw ActionError(error.code == .notFound ? .notFound : .invalidInput, error.message)
        }
        var entries = loaded.tenants
        if let tenant {
            guard let entry = loaded.tenants.first(where: { $0.name == tenant }) else {
                throw ActionError(
                    .notFound,
                    "backup archive \(archive) holds no tenant \(goQuoted(tenant)) (it holds: \(loaded.tenants.map(\.name).joined(separator: ", ")))")
            }
            entries = [entry]
        }
        guard !entries.isEmpty else { throw ActionError(.notFound, "backup archive \(archive) holds no tenant") }
        if newName != nil, entries.count > 1 {
            throw ActionError(
                .invalidInput,
                "--as restores one tenant, but \(archive) holds \(entries.count) (\(entries.map(\.name).joined(separator: ", "))): pick one with --tenant")
        }
        // Every check first: nothing changes unless every tenant can be restored.
        let existing = try context.existingStorage()
        var plans: [Plan] = []
        for entry in entries {
            plans.append(try plan(entry, context, existing: existing))
        }
        var reports: [RestoreReport] = []
        for plan in plans { reports.append(try restore(plan, context)) }
        return reports
    }

    private func plan(_ entry: BackupTenant, _ context: Context, existing: Storage?) throws(ActionError) -> Plan {
        let name = newName ?? entry.name
        do { try TenantName.validate(name) } catch { throw ActionError(error) }
        var there: [String] = []
        if context.registry.exists(name) { there.append(context.registry.path(of: name)) }
        if let existing {
            let held = try storeCall { () throws(StoreError) in try existing.history(name) }
            if !held.isEmpty { there.append("\(held.count) revision\(held.count == 1 ? "" : "s") in \(context.storeDescription)") }
        }
        if !there.isEmpty {
            throw ActionError(
                .refused,
                "tenant \(goQuoted(name)) exists already (\(there.joined(separator: "; "))): nothing was restored; restore it "
                    + "under another name with --as NEW, or decommission \(name) first")
        }
        let apply = Self.revisionToApply(entry.revisions)
        if !entry.revisions.isEmpty, apply == nil {
            throw ActionError(
                .refused,
                "backup archive \(archive): no revision of \(goQuoted(entry.name)) was ever deployed (statuses: "
                    + entry.revisions.map { "\($0.revision) \($0.status)" }.joined(separator: ", ") + "), so there is nothing to apply: nothing was restored")
        }
        var plan = Plan(entry: entry, name: name, apply: apply, prepared: nil, revisions: entry.revisions, tenantFile: entry.tenantFile)
        guard name != entry.name else { return plan }
        // --as: history only under the new name, and the applied revision re-rendered for it.
        plan.revisions = entry.revisions.map { archived in
            var r = archived
            r.tenant = name
            if r.status == .deployed { r.status = .superseded }
            r.labels[Release.renderedForLabel] = entry.name
            return r
        }
        if let file = entry.tenantFile {
            let text = String(decoding: file, as: UTF8.self)
            let old = "# Tenant \(entry.name):"
            plan.tenantFile = text.hasPrefix(old) ? Data(("# Tenant \(name):" + text.dropFirst(old.count)).utf8) : file
        }
        if let apply {
            let tier = apply.labels["tier"] ?? ""
            var prepared = try Prepared(context, tenant: name, tier: tier.isEmpty ? nil : tier, values: ValuesOptions(), reuse: nil)
            guard prepared.chart.reference.name == apply.chart.name, prepared.chart.reference.version == apply.chart.version else {
                throw ActionError(
                    .refused,
                    "revision \(apply.revision) of \(goQuoted(entry.name)) was rendered from chart \(apply.chart.nameAndVersion), but "
                        + "\(context.chartPath) is \(prepared.chart.reference.nameAndVersion): --as re-renders it for \(goQuoted(name)), so pass "
                        + "--chart (or --version) with \(apply.chart.nameAndVersion); nothing was restored")
            }
            var base: [String: Value] = [:]
            if let loaded = try? YAML.loadValues(apply.userValues), case Value.map(let m, _) = loaded { base = m.dictionary }
            prepared.fixedValues = ValuesLayers().merged(base: base, tenantID: name, tierName: prepared.tierName)
            plan.prepared = prepared
        }
        return plan
    }

    /// The revision whose objects a restore applies: the highest `deployed`, else the highest `uninstalled` (a
    /// tenant uninstalled with `--keep-history`), else the highest `superseded`; nil when none was deployed.
    static func revisionToApply(_ revisions: [Release]) -> Release? {
        for status in [ReleaseStatus.deployed, .uninstalled, .superseded] {
            if let r = revisions.last(where: { $0.status == status }) { return r }
        }
        return nil
    }

    private func restore(_ plan: Plan, _ context: Context) throws(ActionError) -> RestoreReport {
        try context.checkPlaces()
        let file = context.registry.path(of: plan.name)
        var wroteFile = false
        if let bytes = plan.tenantFile {
            do {
                try FileManager.default.createDirectory(atPath: context.tenantsDirectory, withIntermediateDirectories: true)
                try bytes.write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                throw ActionError(.failed, "\(file): cannot write the tenant file: \(error.localizedDescription); nothing was restored")
            }
            wroteFile = true
        }
        var report = RestoreReport(
            tenant: plan.name, archivedName: plan.entry.name, tenantFile: wroteFile ? file : nil, revisions: 0,
            appliedFrom: plan.apply?.revision, result: nil)
        guard !plan.revisions.isEmpty, let apply = plan.apply else { return report }
        do {
            let storage = try context.storage(create: true)
            report.revisions = try RevisionWriter.write(
                plan.revisions, tenant: plan.name, into: storage, destination: context.storeDescription,
                source: "backup archive \(archive)", operation: "restore", existing: .refuse
            ).written
        } catch {
            if wroteFile { unlink(file) }
            throw ActionError(error.code, error.message + "; nothing was restored")
        }
        let restored = "the tenant file and \(report.revisions) revision\(report.revisions == 1 ? "" : "s") of \(goQuoted(plan.name)) were restored"
        do {
            if let prepared = plan.prepared {
                let request = UpgradeRequest(
                    chart: prepared.chart.reference, userValues: "",
                    description: "Restore of \(plan.entry.name) revision \(apply.revision), rendered for \(plan.name)",
                    install: true, dryRun: false, labels: ["tier": prepared.tierName])
                report.result = try prepared.execute(context, .upgradeRequested(request), operation: "restore", dryRun: false, register: false)
            } else {
                report.result = try Rollback(tenant: plan.name, revision: apply.revision).run(context)
            }
        } catch {
            let again = plan.prepared == nil ? "tenantctl rollback \(plan.name) \(apply.revision)" : "tenantctl upgrade \(plan.name) --reuse-values"
            throw ActionError(error.code, "\(restored), but applying revision \(apply.revision) failed: \(error.message); fix the cause, then run `\(again)`")
        }
        return report
    }
}
