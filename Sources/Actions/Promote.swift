// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// `tenantctl promote`: the plan (which tenants, in which waves, from which version). The run is in
// PromoteRun.swift, the waves and their selectors in PromoteWaves.swift.
import Foundation
import GoRuntime
import ProcessSupport
import ReleaseStore
import Tenancy

/// `tenantctl promote`: moves a chart version across the fleet in waves, halting when a wave fails.
///
/// ``plan(_:)`` checks the input and decides every tenant's wave and starting point without changing anything
/// (a dry run stops there); ``run(_:_:cancellation:observe:)`` then upgrades the waves in order, the tenants of
/// a wave in parallel, through the same path as `tenantctl upgrade` (leases, history, the target).
public struct Promote: Sendable {
    /// `--wave`, in order (or the project file's `promote.waves`); empty is one wave `all` taking everyone.
    public var waves: [WaveSpec] = []
    /// `--tier`: only tenants on this tier.
    public var tier: String?
    /// `--tenant a,b,c`: only these tenants.
    public var tenants: [String]?
    /// `-l key=value`, repeatable: only tenants whose file's `labels:` has every pair.
    public var labelSelectors: [String] = []
    /// `--include-hibernated`: promote hibernated tenants too (left alone by default).
    public var includeHibernated = false
    /// `--max-parallel`: tenants upgraded at once within a wave; nil is ``defaultParallelism``.
    public var maxParallel: Int?
    /// `--max-failures`: failures a wave may have before the promotion halts.
    public var maxFailures = 0
    /// `--rollback-on-failure`: a halted wave's changed tenants are rolled back to their revision from before.
    public var rollbackOnFailure = false
    /// `--rollback-all`: a halt also rolls back the tenants of the earlier waves.
    public var rollbackAll = false
    /// `--pause`: seconds between waves (bake time).
    public var pause: TimeInterval = 0
    /// Who runs it (``PromotionRecord/startedBy``).
    public var startedBy = PromotionRecord.runner(ProcessInfo.processInfo.environment)

    /// Creates the verb with the defaults: every tenant, one wave, no failure allowed.
    public init() {}

    /// Tenants upgraded at once by default: the cores, and at least 8. A tenant's upgrade spends most of its time
    /// waiting — on the API server with the Kubernetes target, on `fsync` of the state file and of every object
    /// file with the directory target — so more upgrades in flight than cores keep the cores busy: 200 tenants of
    /// the app chart on the 2-core build machine took 4.4 s with 2 workers and 3.2 s with 8 (BENCHMARKS.md).
    public static var defaultParallelism: Int { max(Parallel.processorCount, 8) }

    /// Checks the input and makes the plan: the chart loaded once, each selected tenant's wave and outcome so
    /// far (`pending` for those to promote; `skipped`, `hibernated`, `not-installed`, or `failed` when the tenant
    /// file does not load). Changes nothing.
    /// - Throws: ``ActionError/Code/invalidInput`` for bad selectors or waves (a tenant in two waves, an unknown
    ///   tenant); ``ActionError/Code/chart`` when the chart does not load.
    public func plan(_ context: Context) throws(ActionError) -> PromotionPlan {
        let chart = try ReleaseChart.load(context.chartPath, followedLink: context.followedLink)
        let labels = try Self.parseLabels(labelSelectors)
        let registry = context.registry
        let names: [String]
        do { names = try registry.names() } catch { throw ActionError(error) }

        // Every tenant file, loaded once; one that fails to load fails that tenant only.
        var files: [String: Result<TenantFile, ActionError>] = [:]
        var selection = names
        if let tenants {
            let known = Set(names)
            for name in tenants where !known.contains(name) {
                throw ActionError(.invalidInput, "--tenant: \(goQuoted(name)) has no tenant file (\(registry.path(of: name)))")
            }
            selection = names.filter(Set(tenants).contains)
        }
        for name in selection {
            do throws(TenancyError) {
                files[name] = .success(try registry.tenant(name))
            } catch {
                files[name] = .failure(ActionError(error))
            }
        }
        // A tenant file that does not load cannot be matched on tier or labels: it stays selected, and fails.
        selection = selection.filter { name in
            guard case .success(let file)? = files[name] else { return true }
            if let tier, file.tier != tier { return false }
            return labels.allSatisfy { file.labels[$0.key] == $0.value }
        }

        var warnings: [String] = []
        if selection.isEmpty { warnings.append("no tenant matches the selection (\(selectionDescription))") }
        let assignment = try WaveAssignment.assign(waves.isEmpty ? [WaveSpec(name: "all")] : waves, selection: selection, files: files)
        warnings += assignment.warnings

        // Where each tenant starts from: its deployed revision.
        var deployedRevisions: [String: Release] = [:]
        if let storage = try context.existingStorage() {
            let deployed = try storeCall { () throws(StoreError) in try storage.driver.query(ReleaseQuery(statuses: [.deployed])) }
            // Helm's `Deployed`: the highest deployed revision, should a damaged store hold several.
            for r in deployed where (deployedRevisions[r.tenant]?.revision ?? 0) < r.revision { deployedRevisions[r.tenant] = r }
        }
        var outcomes: [PromotionRecord.Outcome] = []
        var work: [String: TenantFile] = [:]
        for wave in assignment.waves {
            for name in wave.tenants {
                var outcome = PromotionRecord.Outcome(tenant: name, wave: wave.name, state: .pending, toVersion: chart.reference.version)
                switch files[name] {
                case .failure(let error)?:
                    outcome.state = .failed
                    outcome.message = "the tenant file does not load: \(error.message)"
                    outcomes.append(outcome)
                    continue
                case .success(let file)?: work[name] = file
                case nil: break
                }
                guard let deployed = deployedRevisions[name] else {
                    outcome.state = .notInstalled
                    outcome.toVersion = nil
                    outcome.message = "no deployed release: left alone (install it with `tenantctl install \(name)`)"
                    outcomes.append(outcome)
                    continue
                }
                outcome.fromRevision = deployed.revision
                outcome.fromVersion = deployed.chart.version
                if work[name]?.hibernated == true, !includeHibernated {
                    outcome.state = .hibernated
                    outcome.toVersion = nil
                    outcome.message = "hibernated: left alone (--include-hibernated promotes it)"
                } else if deployed.chart.name == chart.reference.name, deployed.chart.version == chart.reference.version {
                    outcome.state = .skipped
                    outcome.message = "already at \(chart.reference.name) \(chart.reference.version) (revision \(deployed.revision))"
                }
                outcomes.append(outcome)
            }
        }
        let now = context.clock()
        let record = PromotionRecord(
            id: PromotionRecord.newID(prefix: "p", at: now), startedBy: startedBy, startedAt: now, chart: chart.reference.name,
            toVersion: chart.reference.version, waves: assignment.waves, outcomes: outcomes, warnings: warnings)
        // The tiers, read once too; a tiers.yaml that does not load fails each tenant of the run, as it would fail
        // its `tenantctl upgrade`.
        let tiers: Result<[String: Tier], ActionError>
        do throws(TenancyError) { tiers = .success(try registry.tiers()) } catch { tiers = .failure(ActionError(error)) }
        return PromotionPlan(record: record, chart: chart, files: work, tiers: tiers)
    }

    /// The selection flags, for messages.
    var selectionDescription: String {
        var parts: [String] = []
        if let tenants { parts.append("--tenant " + tenants.joined(separator: ",")) }
        if let tier { parts.append("--tier " + tier) }
        for l in labelSelectors { parts.append("-l " + l) }
        return parts.isEmpty ? "every tenant file" : parts.joined(separator: " ")
    }

    /// `-l key=value` pairs (ANDed).
    static func parseLabels(_ selectors: [String]) throws(ActionError) -> [String: String] {
        var out: [String: String] = [:]
        for s in selectors {
            guard let eq = s.firstIndex(of: "="), eq != s.startIndex else {
                throw ActionError(.invalidInput, "-l \(goQuoted(s)): expected key=value")
            }
            let key = String(s[..<eq]), value = String(s[s.index(after: eq)...])
            if let other = out[key], other != value {
                throw ActionError(.invalidInput, "-l \(key)=\(other) and -l \(key)=\(value) can never both hold")
            }
            out[key] = value
        }
        return out
    }
}

/// What ``Promote/plan(_:)`` decided: the record as it starts (every wave, every tenant's outcome so far), the
/// chart loaded once, and the tenant files loaded once.
public struct PromotionPlan: Sendable {
    /// The record: status `running`, outcomes `pending` for the tenants to promote.
    public var record: PromotionRecord
    /// The chart every tenant moves to.
    public let chart: ReleaseChart
    /// The loaded tenant files, by tenant.
    let files: [String: TenantFile]
    /// `tiers.yaml`, loaded once (or why it did not load).
    let tiers: Result<[String: Tier], ActionError>

    /// What a tenant's upgrade renders from: its file and its tier as loaded for the plan, and the chart.
    /// - Throws: the tenant file's or `tiers.yaml`'s error, as `tenantctl upgrade` would meet it.
    func prepared(_ tenant: String, _ context: Context) throws(ActionError) -> Prepared {
        guard let file = files[tenant] else {
            return try Prepared(context, tenant: tenant, tier: nil, values: ValuesOptions(), reuse: nil)
        }
        let tier: Tier
        switch tiers {
        case .failure(let error): throw error
        case .success(let all):
            if let known = all[file.tier] {
                tier = known
            } else {
                // The registry's own message (unknown tier, listing the tiers there are).
                do throws(TenancyError) { tier = try context.registry.tier(file.tier) } catch { throw ActionError(error) }
            }
        }
        return try Prepared(context, file: file, tier: tier, chart: chart)
    }

    /// The tenants the run would change.
    public var pending: [PromotionRecord.Outcome] { record.outcomes.filter { $0.state == .pending } }
}
