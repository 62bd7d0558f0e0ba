// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import ReleaseUtil
import Targets
import Tenancy

/// Runs a lifecycle to its finish: performs each action (render, record, apply, remove) and feeds the outcome
/// back, settling an interrupted operation first.
struct LifecycleDriver {
    let storage: Storage
    let target: any Target
    let clock: @Sendable () -> Date
    /// ``TestHooks/holdLeaseVariable``: seconds to sleep after committing a pending record; zero does nothing.
    var holdSeconds: TimeInterval = 0
    /// The lease the run holds: every record is written fenced with it, and it is checked again right before
    /// the target is touched. Nil only for callers outside any lease (tests).
    var lease: LeaseToken?
    /// How the target applies and removes (wait, ownership, conflicts, timeout).
    var options = ApplyOptions()
    /// Told, during `--wait`, which objects are still waiting.
    var progress: (WaitProgress) -> Void = { _ in }

    /// Feeds `request` to a lifecycle built from the tenant's history (recovering first when the last
    /// revision is pending) and performs what it asks; `render` answers render requests.
    func run(
        tenant: String, request: ReleaseEvent,
        render: (RenderRequest) -> ReleaseEvent
    ) throws(ActionError) -> ReleaseOutcome {
        var lifecycle = ReleaseLifecycle(
            tenant: tenant,
            history: try storeCall { () throws(StoreError) in
                try storage.history(tenant)
            })
        if lifecycle.interrupted != nil {
            if case .failed(_, let message) = try perform(&lifecycle, .recoverRequested, render: render) {
                throw ActionError(.failed, "recovering the interrupted operation on \"\(tenant)\": \(message)")
            }
        }
        return try perform(&lifecycle, request, render: render)
    }

    /// Asks a throwaway lifecycle, built from a plain read of the history (no lease, no write), what the
    /// request would do first: refusals (unknown revision, name in use …) surface here without touching the
    /// state file, and the render request it would make comes back so that the caller can try it first.
    /// Nil when an interrupted operation must be settled first (only the real run, under the lease, may).
    ///
    /// With `assumingRecovered`, an interrupted operation is settled in memory only (its pending revision
    /// taken as `failed`, an interrupted uninstall as done), as the next mutating command would settle it: what
    /// `diff` previews, without performing the recovery itself.
    func probe(tenant: String, request: ReleaseEvent, assumingRecovered: Bool = false) throws(ActionError) -> RenderRequest? {
        var history = try storeCall { () throws(StoreError) in try storage.history(tenant) }
        if assumingRecovered, var last = history.last, last.status.isPending {
            last.status = last.status == .uninstalling ? .uninstalled : .failed
            history[history.count - 1] = last
        }
        var lifecycle = ReleaseLifecycle(tenant: tenant, history: history)
        guard lifecycle.interrupted == nil else { return nil }
        for action in try handle(&lifecycle, request) {
            if case .render(let r) = action { return r }
        }
        return nil
    }

    private func perform(
        _ lifecycle: inout ReleaseLifecycle, _ event: ReleaseEvent,
        render: (RenderRequest) -> ReleaseEvent
    ) throws(ActionError) -> ReleaseOutcome {
        var queue = try handle(&lifecycle, event)
        while !queue.isEmpty {
            let action = queue.removeFirst()
            switch action {
            case .render(let request):
                queue += try handle(&lifecycle, render(request))
            case .record(let changes):
                try fenced(lifecycle.tenant) { () throws(StoreError) in try storage.commit(changes, fence: lease?.fence) }
                TestHooks.holdAfterPendingRecord(changes, seconds: holdSeconds)
            case .apply(let release):
                try checkLease(lifecycle.tenant)
                let outcome: ReleaseEvent
                let request = ApplyRequest(
                    tenant: release.tenant, namespace: TenantName.namespace(release.tenant),
                    manifest: release.manifest, previousManifest: previousManifest(lifecycle, applying: release),
                    options: options)
                // Helm's order: pre-hooks, the objects, --wait, post-hooks; a failure anywhere fails the revision.
                let hooks = Self.hookEvents(release.status)
                do {
                    if let (pre, _) = hooks {
                        try target.runHooks(pre, tenant: release.tenant, namespace: request.namespace, manifest: release.manifest, options: options)
                    }
                    try target.apply(request)
                    try target.waitUntilReady(request, progress: progress)
                    if let (_, post) = hooks {
                        try target.runHooks(post, tenant: release.tenant, namespace: request.namespace, manifest: release.manifest, options: options)
                    }
                    outcome = .applied
                } catch {
                    outcome = .applyFailed(Self.failure(error))
                }
                queue += try handle(&lifecycle, outcome)
            case .remove(let tenant):
                try checkLease(tenant)
                let outcome: ReleaseEvent
                // A revision restored under another name holds that tenant's objects: never removed here.
                let manifest = lifecycle.history.last(where: { !$0.renderedForAnotherTenant })?.manifest ?? ""
                let namespace = TenantName.namespace(tenant)
                do {
                    try target.runHooks(.preDelete, tenant: tenant, namespace: namespace, manifest: manifest, options: options)
                    try target.remove(RemoveRequest(tenant: tenant, namespace: namespace, manifest: manifest, options: options))
                    try target.runHooks(.postDelete, tenant: tenant, namespace: namespace, manifest: manifest, options: options)
                    outcome = .applied
                } catch {
                    outcome = .applyFailed(Self.failure(error))
                }
                queue += try handle(&lifecycle, outcome)
            case .finish(let outcome):
                return outcome
            }
        }
        throw ActionError(.failed, "release lifecycle of \"\(lifecycle.tenant)\" stopped without finishing")
    }

    /// The hook events around applying a record in `status`: pending-install → pre/post-install, and so on;
    /// none when recovery puts a deployed revision's objects back.
    static func hookEvents(_ status: ReleaseStatus) -> (HookEvent, HookEvent)? {
        switch status {
        case .pendingInstall: return (.preInstall, .postInstall)
        case .pendingUpgrade: return (.preUpgrade, .postUpgrade)
        case .pendingRollback: return (.preRollback, .postRollback)
        default: return nil
        }
    }

    /// A target's failure as the revision records it: for a target that stopped halfway (a cluster), what it
    /// had changed before it stopped — the revision is `failed` either way, and the next upgrade or rollback
    /// applies every object again, converging the rest.
    static func failure(_ error: TargetError) -> String {
        guard let partial = error.partial, partial.changed else { return error.message }
        // The Kubernetes target's message already says what it had changed (KubeApplyErrors.partialNote): once.
        if error.message.contains(" (before it stopped, ") {
            return error.message + " (the rest was not applied: the next upgrade or rollback applies every object again)"
        }
        var parts: [String] = []
        if !partial.created.isEmpty { parts.append("created " + partial.created.joined(separator: ", ")) }
        if !partial.updated.isEmpty { parts.append("updated " + partial.updated.joined(separator: ", ")) }
        if !partial.removed.isEmpty { parts.append("removed " + partial.removed.joined(separator: ", ")) }
        return error.message + " (before it stopped, the target had " + parts.joined(separator: "; ")
            + "; the rest was not applied: the next upgrade or rollback applies every object again)"
    }

    /// The manifest the target may hold before `release` is applied, for pruning: the deployed revision's, and,
    /// on a target that is not atomic, those of the revisions after it that failed (an apply that stopped halfway
    /// may have created their objects: the next apply converges by removing what the new revision lacks). When
    /// the deployed revision itself is being put back (recovery) or none is deployed, the latest other revision
    /// that may have left objects behind (not an uninstalled one). Nil when there is none. Each object appears
    /// once (the newest revision's document wins).
    ///
    /// Revisions rendered for another tenant (restored with `--as`, ``Release/renderedForAnotherTenant``) are
    /// never sources: their objects are the other tenant's, and pruning them would delete that tenant's objects.
    private func previousManifest(_ lifecycle: ReleaseLifecycle, applying release: Release) -> String? {
        var sources: [Release] = []
        let own = lifecycle.history.filter { !$0.renderedForAnotherTenant }
        if let deployed = own.last(where: { $0.status == .deployed }), deployed.revision != release.revision {
            sources.append(deployed)
            if !target.isAtomic {
                sources += own.filter { $0.revision > deployed.revision && $0.revision != release.revision && $0.status == .failed }
            }
        } else if let last = own.last(where: { $0.revision != release.revision && $0.status != .uninstalled }) {
            sources.append(last)
        }
        guard !sources.isEmpty else { return nil }
        if sources.count == 1 { return sources[0].manifest }
        var seen = Set<String>()
        var documents: [String] = []
        for source in sources.reversed() {
            for document in Manifests.split(source.manifest) {
                guard let head = try? Manifests.parseHead(document) else { continue }
                let key = head.apiVersion + "/" + head.kind + "/" + (head.metadata?.name ?? "")
                if seen.insert(key).inserted { documents.append(document) }
            }
        }
        return documents.map { "---\n" + $0 }.joined(separator: "\n")
    }

    /// Right before the target is touched (no store transaction covers it): stops when the lease is no longer
    /// ours, so that a holder woken after a takeover never writes a stale revision over the new holder's.
    private func checkLease(_ tenant: String) throws(ActionError) {
        guard let lease else { return }
        try fenced(tenant) { () throws(StoreError) in try storage.verifyLease(lease) }
    }

    /// Runs a store call; a lost lease becomes the message that says what happened and what to do.
    private func fenced(_ tenant: String, _ body: () throws(StoreError) -> Void) throws(ActionError) {
        do {
            try body()
        } catch {
            if error.code == .leaseLost {
                let who =
                    error.holder.map { "another process (\($0.holderDescription)) took the tenant over" }
                    ?? "the lease was released by someone else"
                throw ActionError(
                    .store,
                    "stopped: this process lost its lease on tenant \(goQuoted(tenant)): it was paused (or slowed) longer "
                        + "than the lease lasts, and \(who). Nothing more was changed by this process; run "
                        + "`tenantctl status \(tenant)` to see where the tenant stands, and run the command again if it is "
                        + "still wanted")
            }
            throw ActionError(error.code == .notFound ? .notFound : .store, error.message)
        }
    }

    private func handle(_ lifecycle: inout ReleaseLifecycle, _ event: ReleaseEvent) throws(ActionError) -> [ReleaseAction] {
        do {
            return try lifecycle.handle(event, at: clock())
        } catch {
            let code: ActionError.Code =
                switch error.code {
                case .releaseNotFound, .revisionNotFound: .notFound
                default: .refused
                }
            var message = error.message
            if error.code == .nameInUse {
                // Helm's words first, then the way out.
                let t = lifecycle.tenant
                message +=
                    ": tenant \(goQuoted(t)) already has a release (see `tenantctl status \(t)`); use `tenantctl upgrade \(t)` "
                    + "to change it, `tenantctl rollback \(t)` to go back to an earlier revision, or `tenantctl uninstall "
                    + "\(t)` first to start over"
            }
            throw ActionError(code, message)
        }
    }
}

/// Hooks for process-level tests; each does nothing unless its environment variable is set.
public enum TestHooks {
    /// `TENANTCTL_TEST_HOLD_LEASE_SECONDS=N` (test hook, not a feature): a mutating command sleeps N seconds
    /// right after it has taken the tenant's lease and committed its pending record (`pending-install`,
    /// `pending-upgrade`, `pending-rollback`, `uninstalling`), before touching the target, so that a test can
    /// start a second process against the held lease or `kill -9` this one in the middle of the operation.
    public static let holdLeaseVariable = "TENANTCTL_TEST_HOLD_LEASE_SECONDS"

    /// `TENANTCTL_TEST_LEASE_TTL_SECONDS=N` (test hook, not a feature): tenant leases last N seconds instead of
    /// 120 (and are renewed every N/3 s), so that a test can pause a holder past its lease in seconds.
    public static let leaseTTLVariable = "TENANTCTL_TEST_LEASE_TTL_SECONDS"

    /// Sleeps `seconds` when `changes` write a pending record and `seconds` is positive.
    static func holdAfterPendingRecord(_ changes: [ReleaseChange], seconds: TimeInterval) {
        guard seconds > 0 else { return }
        let pending = changes.contains { change in
            switch change {
            case .create(let r), .update(let r): r.status.isPending
            case .delete: false
            }
        }
        if pending { Thread.sleep(forTimeInterval: seconds) }
    }
}

/// Runs a store call, turning its error into an ``ActionError``.
func storeCall<T>(_ body: () throws(StoreError) -> T) throws(ActionError) -> T {
    do {
        return try body()
    } catch {
        throw ActionError(error.code == .notFound ? .notFound : .store, error.message)
    }
}

extension Storage {
    /// ``withLease(tenant:operation:_:)`` with typed errors, renewing the lease every third of its lifetime
    /// while `body` runs (``LeaseRenewer``); `body` gets the token to fence its writes with.
    func leased<T>(_ tenant: String, _ operation: String, _ body: (LeaseToken) throws(ActionError) -> T) throws(ActionError) -> T {
        let token = try storeCall { () throws(StoreError) in try acquireLease(tenant: tenant, operation: operation) }
        let renewer = LeaseRenewer(storage: self, token: token)
        defer {
            renewer.stop()
            _ = try? releaseLease(token)
        }
        return try body(token)
    }
}
