// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ProcessSupport
import ReleaseStore
import Tenancy

/// `tenantctl rollback --promotion ID`: every tenant a promotion changed put back to the revision it had before,
/// as new revisions (the lifecycle ``Rollback`` runs, tenant by tenant, in parallel), as one operation with its own
/// record (``PromotionRecord`` of kind `rollback`, `rollsBack: ID`) saved in the store.
///
/// The tenants are those whose outcome is `promoted`, or `failed` with a `toRevision`; one already `rolled-back`
/// is reported as skipped. A tenant whose latest revision is no longer the promotion's `toRevision` (someone
/// changed it since) is skipped with a message, unless `force`. Each tenant put back is marked `rolled-back`
/// (with its new revision) in the promotion's own record too, so a second run skips it.
public struct RollbackPromotion: Sendable {
    /// The promotion to put back.
    public var id: String
    /// `--force`: roll back tenants changed since the promotion too.
    public var force: Bool
    /// `--max-parallel`: tenants rolled back at once (at least 1).
    public var maxParallel: Int

    /// Creates the verb.
    public init(id: String, force: Bool = false, maxParallel: Int = Parallel.processorCount) {
        self.id = id
        self.force = force
        self.maxParallel = max(1, maxParallel)
    }

    /// The wave every tenant of a rollback belongs to (a rollback has no waves: all tenants at once).
    public static let waveName = "rollback"

    /// Runs it; `progress` hears of each tenant as it finishes (from the worker threads, one call at a time).
    /// - Returns: the rollback's record, as saved: status `succeeded` when no tenant failed (skipped ones
    ///   included), else `finished-with-failures`.
    /// - Throws: ``ActionError/Code/notFound`` for an unknown id; ``ActionError/Code/invalidInput`` for a record
    ///   that is itself a rollback, or a promotion still running (unless `force`); store errors.
    public func run(
        _ context: Context, progress: @escaping @Sendable (PromotionRecord.Outcome) -> Void = { _ in }
    ) throws(ActionError) -> PromotionRecord {
        guard let storage = try context.existingStorage(forWriting: true),
            var promotion = try storeCall({ () throws(StoreError) in try storage.promotion(id) })
        else { throw unknownPromotion(id, context) }
        if promotion.kind == .rollback {
            throw ActionError(
                .invalidInput,
                "\(goQuoted(id)) is itself a rollback (of \(goQuoted(promotion.rollsBack ?? "?"))); "
                    + "only a promotion's changes can be rolled back")
        }
        if promotion.status == .running, !force {
            throw ActionError(
                .invalidInput,
                "promotion \(goQuoted(id)) is still running (or its process died without finishing it); "
                    + "wait for it, or pass --force to roll back what it changed so far")
        }
        let started = context.clock()
        var record = PromotionRecord(
            id: PromotionRecord.newID(prefix: "r", at: started), kind: .rollback, rollsBack: id,
            startedBy: PromotionRecord.runner(context.environment), startedAt: started, chart: promotion.chart, toVersion: "")
        // The tenants the promotion changed, in its order; those already put back are reported as skipped.
        var work: [PromotionRecord.Outcome] = []
        for o in promotion.outcomes {
            switch o.state {
            case .promoted,
                .failed where o.toRevision != nil:
                work.append(
                    PromotionRecord.Outcome(
                        tenant: o.tenant, wave: Self.waveName, state: .pending, fromRevision: o.fromRevision,
                        fromVersion: o.fromVersion, toRevision: o.toRevision, toVersion: o.toVersion))
            case .rolledBack:
                record.outcomes.append(
                    PromotionRecord.Outcome(
                        tenant: o.tenant, wave: Self.waveName, state: .skipped, fromRevision: o.fromRevision,
                        fromVersion: o.fromVersion, toRevision: o.toRevision, toVersion: o.toVersion,
                        rollbackRevision: o.rollbackRevision,
                        message: "already rolled back" + (o.rollbackRevision.map { " as revision \($0)" } ?? "")))
            default: continue
            }
        }
        record.waves = [
            PromotionRecord.Wave(
                name: Self.waveName, selector: "promotion \(id)", tenants: (work.map(\.tenant) + record.outcomes.map(\.tenant)).sorted())
        ]
        let skippedBefore = record.outcomes
        record.outcomes = work + skippedBefore
        try storeCall { () throws(StoreError) in try storage.savePromotion(record) }

        let force = self.force
        let planned = work
        let lock = NSLock()
        let results = Parallel.map(work.count, workers: maxParallel) { i in
            let outcome = Self.rollBack(planned[i], context: context, force: force)
            lock.withLock { progress(outcome) }
            return outcome
        }
        record.outcomes = results + skippedBefore
        record.finishedAt = context.clock()
        record.status = results.contains { $0.state == .failed } ? .finishedWithFailures : .succeeded
        try storeCall { () throws(StoreError) in try storage.savePromotion(record) }

        // The promotion's own record learns which tenants are back.
        var marked = false
        for done in results where done.state == .rolledBack {
            guard let i = promotion.outcomes.firstIndex(where: { $0.tenant == done.tenant }) else { continue }
            promotion.outcomes[i].state = .rolledBack
            promotion.outcomes[i].rollbackRevision = done.rollbackRevision
            marked = true
        }
        if marked { try storeCall { () throws(StoreError) in try storage.savePromotion(promotion) } }
        return record
    }

    /// One tenant, under its lease: checks that its latest revision is still the promotion's (so nobody can
    /// change it between the check and the rollback), then rolls it back to `fromRevision` as ``Rollback``
    /// does — the same lifecycle, on a store connection and a lease of its own.
    static func rollBack(_ planned: PromotionRecord.Outcome, context: Context, force: Bool) -> PromotionRecord.Outcome {
        var o = planned
        guard let from = planned.fromRevision else {
            o.state = .failed
            o.message = "the promotion recorded no revision from before it: nothing to go back to"
            return o
        }
        let tenant = planned.tenant
        do throws(ActionError) {
            do { try TenantName.validate(tenant) } catch { throw ActionError(error) }
            guard let storage = try context.existingStorage(forWriting: true) else {
                throw ActionError(.notFound, "release: not found")
            }
            try context.checkPlaces()
            var driver = LifecycleDriver(
                storage: storage, target: try context.releaseTarget(), clock: context.clock, holdSeconds: context.testHoldSeconds)
            driver.options = context.applyOptions
            driver.progress = context.waitProgress
            let event = ReleaseEvent.rollbackRequested(RollbackRequest(revision: from, dryRun: false))
            let outcome = try storage.leased(tenant, "rollback") { (token) throws(ActionError) -> ReleaseOutcome? in
                let history = try storeCall { () throws(StoreError) in try storage.history(tenant) }
                guard let last = history.last else { throw ActionError(.notFound, "\(goQuoted(tenant)) has no release any more") }
                if last.revision != planned.toRevision, !force {
                    o.message =
                        "changed since the promotion: its latest revision is \(last.revision) (\(last.chart.nameAndVersion), "
                        + "\(last.status)), not the promotion's \(planned.toRevision.map(String.init) ?? "-"); "
                        + "--force rolls it back anyway"
                    return nil
                }
                guard history.contains(where: { $0.revision == from }) else {
                    throw ActionError(
                        .notFound, "revision \(from) of \(goQuoted(tenant)) is no longer in its history (pruned by --history-max)")
                }
                driver.lease = token
                return try driver.run(tenant: tenant, request: event) { _ in .renderFailed("a rollback does not render") }
            }
            switch outcome {
            case nil:
                o.state = .skipped
            case .succeeded(let release?) where release.status == .deployed:
                o.state = .rolledBack
                o.rollbackRevision = release.revision
                o.message = "revision \(from) (\(release.chart.nameAndVersion)) back as revision \(release.revision)"
            case .succeeded(let release):
                o.state = .failed
                o.message = "the rollback to revision \(from) ended \(release.map { "\($0.status) as revision \($0.revision)" } ?? "without a release")"
            case .failed(let release, let message):
                o.state = .failed
                o.message = message + (release.map { " (recorded as revision \($0.revision), \($0.status))" } ?? "")
            }
        } catch {
            o.state = .failed
            o.message = error.message
        }
        return o
    }
}
