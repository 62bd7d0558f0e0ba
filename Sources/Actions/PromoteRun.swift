// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// `tenantctl promote`: the run. Waves in order; the tenants of a wave upgraded in parallel through the same
// path as `tenantctl upgrade` (Prepared.execute under the tenant's lease); a halt, and the rollbacks it asks for.
import Foundation
import ProcessSupport
import ReleaseStore
import Synchronization
import Tenancy

/// Asks a running promotion to stop: no tenant starts after ``cancel()``, the tenants in flight finish. The
/// command line sets it from SIGINT/SIGTERM; the library never installs signal handlers.
public final class PromotionCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a flag that is not set.
    public init() {}

    /// Stops the promotion at the next tenant. Safe from any thread (and async-signal-safe: one atomic store).
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// What a running promotion tells its observer (the command line's progress view), from any thread.
public enum PromotionEvent: Sendable {
    /// A wave starts: `toDo` tenants to upgrade, `total` in the wave.
    case waveStarted(index: Int, name: String, toDo: Int, total: Int)
    /// A tenant's upgrade starts.
    case tenantStarted(wave: String, tenant: String)
    /// A tenant's upgrade finished (promoted or failed).
    case tenantFinished(PromotionRecord.Outcome)
    /// A wave finished; `halted` when it went over `--max-failures`.
    case waveFinished(index: Int, name: String, failures: Int, halted: Bool)
    /// A tenant was rolled back (or its rollback failed: the state stays and the message says why).
    case rolledBack(PromotionRecord.Outcome)
    /// Waiting `seconds` before the next wave (`--pause`).
    case pausing(seconds: TimeInterval, next: String)
}

extension Promote {
    /// Runs `plan`: wave after wave, each wave's tenants in parallel (``maxParallel``); after each wave, a halt
    /// when it failed more than ``maxFailures`` (with the rollbacks asked for). Returns the final record; the
    /// record is saved at the start, after each wave and at the end.
    /// - Throws: ``ActionError/Code/store`` when the store cannot be opened (nothing was started).
    public func run(
        _ plan: PromotionPlan, _ given: Context, cancellation: PromotionCancellation = PromotionCancellation(),
        observe: @escaping @Sendable (PromotionEvent) -> Void = { _ in }
    ) throws(ActionError) -> PromotionRecord {
        try given.checkPlaces()
        var adjusted = given
        // The promotion rolls back wave by wave itself; a tenant's failed upgrade is not undone on its own.
        adjusted.rollbackOnFailure = false
        let context = adjusted
        let storage = try context.existingStorage(forWriting: true)
        let state = PromotionState(plan.record)
        save(state, storage, context.storeDescription)
        let workers = max(1, maxParallel ?? Self.defaultParallelism)
        var halted = false
        for (index, wave) in plan.record.waves.enumerated() {
            if cancellation.isCancelled { break }
            if index > 0, pause > 0 {
                observe(.pausing(seconds: pause, next: wave.name))
                Self.sleep(pause, unless: cancellation)
                if cancellation.isCancelled { break }
            }
            let toDo = state.indices(wave: wave.name, state: .pending)
            let failedAlready = state.indices(wave: wave.name, state: .failed).count
            observe(.waveStarted(index: index, name: wave.name, toDo: toDo.count, total: wave.tenants.count))
            let failures = FailureCount(failedAlready)
            let limit = maxFailures
            if let storage {
                let prepared = plan
                _ = Parallel.map(toDo.count, workers: workers) { [self] i in
                    // No new tenant once the wave is over its failures or the run is cancelled.
                    if cancellation.isCancelled || failures.value > limit { return 0 }
                    let slot = toDo[i]
                    let pending = state.outcome(slot)
                    observe(.tenantStarted(wave: wave.name, tenant: pending.tenant))
                    let outcome = promoteOne(pending, prepared, context, storage)
                    if outcome.state == .failed { failures.add() }
                    state.set(slot, outcome)
                    observe(.tenantFinished(outcome))
                    return 0
                }
            }
            let failed = failures.value
            halted = failed > maxFailures
            observe(.waveFinished(index: index, name: wave.name, failures: failed, halted: halted))
            if halted {
                if rollbackOnFailure || rollbackAll, let storage {
                    let waves = rollbackAll ? plan.record.waves[...index].map(\.name) : [wave.name]
                    rollBack(waves: waves, state, context, storage, workers: workers, observe: observe)
                }
                break
            }
            save(state, storage, context.storeDescription)
        }
        state.finish(at: context.clock(), halted: halted, interrupted: cancellation.isCancelled)
        save(state, storage, context.storeDescription)
        return state.snapshot
    }

    /// One tenant's upgrade, as `tenantctl upgrade TENANT --chart …` does it, with the promotion's chart.
    func promoteOne(
        _ pending: PromotionRecord.Outcome, _ plan: PromotionPlan, _ context: Context, _ storage: Storage
    ) -> PromotionRecord.Outcome {
        var outcome = pending
        let tenant = pending.tenant
        do throws(ActionError) {
            let prepared = try plan.prepared(tenant, context)
            let request = UpgradeRequest(
                chart: plan.chart.reference, description: "Promoted to \(plan.chart.reference.version) (promotion \(plan.record.id))",
                labels: ["tier": prepared.tierName])
            let result = try prepared.execute(
                context, .upgradeRequested(request), operation: "promote", dryRun: false, register: false, storage: storage)
            outcome.state = .promoted
            outcome.toRevision = result.release.revision
        } catch {
            outcome.state = .failed
            outcome.message = error.message
            // A failure after the lease was taken recorded a failed revision: the one after the deployed one.
            if error.code != .store, error.code != .invalidInput, let from = pending.fromRevision,
                let last = try? storage.last(tenant), last.revision > from, last.status == .failed
            {
                outcome.toRevision = last.revision
            }
        }
        return outcome
    }

    /// Rolls every tenant of `waves` this run changed (promoted, or failed with a recorded revision) back to
    /// its revision from before, as `tenantctl rollback TENANT REVISION` does.
    func rollBack(
        waves: [String], _ state: PromotionState, _ context: Context, _ storage: Storage, workers: Int,
        observe: @escaping @Sendable (PromotionEvent) -> Void
    ) {
        let slots = state.indices { waves.contains($0.wave) && ($0.state == .promoted || ($0.state == .failed && $0.toRevision != nil)) }
        _ = Parallel.map(slots.count, workers: workers) { i in
            var outcome = state.outcome(slots[i])
            guard let from = outcome.fromRevision else { return 0 }
            do throws(ActionError) {
                let back = try runWithoutRendering(
                    context, storage: storage, tenant: outcome.tenant, operation: "rollback", noRender: "a rollback does not render",
                    event: .rollbackRequested(RollbackRequest(revision: from, dryRun: false)), dryRun: false)
                outcome.state = .rolledBack
                outcome.rollbackRevision = back.release.revision
                let why = outcome.message.map { ": \($0)" } ?? ""
                outcome.message = "rolled back to revision \(from) as revision \(back.release.revision)" + why
            } catch {
                outcome.message = (outcome.message.map { $0 + "; " } ?? "") + "the rollback to revision \(from) failed: \(error.message)"
            }
            state.set(slots[i], outcome)
            observe(.rolledBack(outcome))
            return 0
        }
    }

    /// Saves the record in the store beside the releases (``Storage/savePromotion(_:)``), at the start, after
    /// each wave and at the end; a failure to save becomes a warning of the record (the run goes on: its
    /// tenants' own records are written by their upgrades).
    func save(_ state: PromotionState, _ storage: Storage?, _ place: String) {
        guard let storage else { return }
        do throws(StoreError) {
            try storage.savePromotion(state.snapshot)
        } catch {
            state.warn("the promotion record could not be saved in \(place): \(error.message)")
        }
    }

    /// Sleeps `seconds`, waking early when the promotion is cancelled.
    static func sleep(_ seconds: TimeInterval, unless cancellation: PromotionCancellation) {
        let deadline = Date().addingTimeInterval(seconds)
        while !cancellation.isCancelled {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return }
            Thread.sleep(forTimeInterval: min(left, 0.1))
        }
    }
}

/// A wave's failures so far, counted by its workers.
final class FailureCount: Sendable {
    private let count: Atomic<Int>
    init(_ start: Int) { count = Atomic(start) }
    var value: Int { count.load(ordering: .relaxed) }
    func add() { count.add(1, ordering: .relaxed) }
}

/// The record while the run changes it, shared by the workers.
final class PromotionState: Sendable {
    private let record: Mutex<PromotionRecord>

    init(_ record: PromotionRecord) { self.record = Mutex(record) }

    var snapshot: PromotionRecord { record.withLock { $0 } }

    func warn(_ message: String) { record.withLock { if !$0.warnings.contains(message) { $0.warnings.append(message) } } }

    func outcome(_ slot: Int) -> PromotionRecord.Outcome { record.withLock { $0.outcomes[slot] } }

    func set(_ slot: Int, _ outcome: PromotionRecord.Outcome) { record.withLock { $0.outcomes[slot] = outcome } }

    func indices(wave: String, state: PromotionRecord.Outcome.State) -> [Int] {
        indices { $0.wave == wave && $0.state == state }
    }

    func indices(where match: (PromotionRecord.Outcome) -> Bool) -> [Int] {
        record.withLock { r in r.outcomes.indices.filter { match(r.outcomes[$0]) } }
    }

    /// The final status: interrupted (tenants left pending by a cancellation), halted, finished with failures,
    /// or succeeded.
    func finish(at date: Date, halted: Bool, interrupted: Bool) {
        record.withLock { r in
            r.finishedAt = date
            let pendingLeft = r.outcomes.contains { $0.state == .pending }
            if interrupted, pendingLeft {
                r.status = .interrupted
            } else if halted {
                r.status = .halted
            } else if r.outcomes.contains(where: { $0.state == .failed || $0.state == .rolledBack }) {
                r.status = .finishedWithFailures
            } else {
                r.status = .succeeded
            }
        }
    }
}
