// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// The release lifecycle of one tenant as a pure state machine: events in, actions out, no I/O.
///
/// An adapter (the CLI's actions) reads the tenant's history under its lease, creates a lifecycle from it and
/// feeds it events; every call returns the actions to perform, in order — render the chart, write records
/// (one ``Storage/commit(_:)`` each), apply or remove objects through a target — and the adapter reports each
/// action's outcome back as the next event, until a ``ReleaseAction/finish(_:)`` ends the operation. The
/// lifecycle then is idle again, holding the history as its own records left it, ready for the next request.
///
/// ```
/// idle ──install/upgrade──▶ rendering ──rendered──▶ applying ──applied──▶ idle (deployed, previous superseded)
///   │                          └──renderFailed──▶ idle (upgrade: failed revision; install: nothing)
///   ├──rollback──▶ applying ──applyFailed──▶ idle (failed revision; the deployed one stays deployed)
///   ├──uninstall──▶ removing ──applied──▶ idle (uninstalled, or history deleted)
///   └──recover──▶ restoring ──applied──▶ idle (interrupted revision marked failed, deployed objects restored)
/// ```
///
/// Semantics follow Helm's actions (pkg/action install.go, upgrade.go, rollback.go, uninstall.go); where
/// ours differ, the code says so and why.
public struct ReleaseLifecycle: Sendable {
    /// The tenant (release name).
    public let tenant: String
    /// The tenant's revisions, oldest first, as the records this lifecycle asked for leave them.
    public private(set) var history: [Release]
    private var state: State = .idle

    /// Starts from the tenant's stored history (any order).
    public init(tenant: String, history: [Release]) {
        self.tenant = tenant
        self.history = history.filter { $0.tenant == tenant }.sorted { $0.revision < $1.revision }
    }

    /// The last revision, when an operation was under way at its last write and never finished: its process
    /// died (the adapter holds the lease, so nobody else is running). Requests are refused until a
    /// ``ReleaseEvent/recoverRequested`` settles it.
    public var interrupted: Release? {
        guard let last = history.last, last.status.isPending else { return nil }
        return last
    }

    /// The revision an upgrade would start from (its values are what `--reuse-values` reuses): the last one if
    /// deployed, else the last deployed, else a last `failed` or `superseded` one (Helm's `prepareUpgrade`).
    public var current: Release? {
        guard let last = history.last else { return nil }
        if last.status == .deployed { return last }
        if let deployed = lastDeployed { return deployed }
        return last.status == .failed || last.status == .superseded ? last : nil
    }

    /// The highest revision in status `deployed`.
    public var lastDeployed: Release? { history.last(where: { $0.status == .deployed }) }

    /// Whether an operation is between its request and its ``ReleaseAction/finish(_:)``.
    public var isBusy: Bool {
        if case .idle = state { return false }
        return true
    }

    // MARK: State

    private enum Operation: Sendable {
        case install(InstallRequest, replacing: Release?)
        case upgrade(UpgradeRequest, from: Release)
        case rollback(to: Int)

        var verb: String {
            switch self {
            case .install: return "Install"
            case .upgrade: return "Upgrade"
            case .rollback: return "Rollback"
            }
        }
    }

    private enum State: Sendable {
        case idle
        /// Waiting for `rendered` / `renderFailed` for this revision.
        case rendering(Operation, revision: Int)
        /// Waiting for the target to apply `record` (already stored as pending).
        case applying(Operation, record: Release)
        /// Waiting for the target to remove the objects; `original` is the record before uninstalling.
        case removing(original: Release, uninstalling: Release, request: UninstallRequest)
        /// Recovery: waiting for the target to restore the deployed objects (or remove a never-deployed set).
        case restoring(failed: Release)
    }

    // MARK: Events

    /// Takes one event and returns the actions it calls for.
    /// - Throws: ``LifecycleError`` when a request is refused (nothing happened, nothing to undo) or an event
    ///   arrives that the current state does not expect (an adapter bug).
    public mutating func handle(_ event: ReleaseEvent, at now: Date) throws(LifecycleError) -> [ReleaseAction] {
        switch (state, event) {
        case (.idle, .installRequested(let request)):
            return try requestInstall(request, replace: request.replace)
        case (.idle, .upgradeRequested(let request)):
            return try requestUpgrade(request)
        case (.idle, .rollbackRequested(let request)):
            return try requestRollback(request, now: now)
        case (.idle, .uninstallRequested(let request)):
            return try requestUninstall(request, now: now)
        case (.idle, .recoverRequested):
            return recover(now: now)
        case (.rendering(let operation, let revision), .rendered(let rendering)):
            return rendered(rendering, operation: operation, revision: revision, now: now)
        case (.rendering(let operation, let revision), .renderFailed(let message)):
            return renderFailed(message, operation: operation, revision: revision, now: now)
        case (.applying(let operation, let record), .applied):
            return applied(operation: operation, record: record)
        case (.applying(let operation, var record), .applyFailed(let message)):
            // Helm: Release "x" failed / Upgrade "x" failed / Rollback "x" failed.
            let who = if case .install = operation { "Release" } else { operation.verb }
            record.status = .failed
            record.description = "\(who) \(goQuote(tenant)) failed: \(message)"
            // Helm's failed rollback also marks the release it started from `superseded`; our targets apply
            // all or nothing, so the deployed revision's objects are still in place and it stays `deployed`.
            return finish(.failed(record, message: message), recording: [.update(record)])
        case (.removing(_, var uninstalling, let request), .applied):
            uninstalling.status = .uninstalled
            uninstalling.description = request.description ?? "Uninstallation complete"
            if request.keepHistory {
                // Helm (#12556): supersede every other revision still marked deployed.
                return finish(
                    .succeeded(uninstalling),
                    recording: supersedingDeployed(except: uninstalling.revision)
                        + [.update(uninstalling)])
            }
            return finish(.succeeded(uninstalling), recording: history.map { .delete($0.key) })
        case (.removing(let original, let uninstalling, _), .applyFailed(let message)):
            // Helm leaves the record `uninstalling`; our targets remove all or nothing, so the objects are all
            // still there and the record goes back to what it was.
            let restore = original.status.isPending ? uninstalling : original
            return finish(
                .failed(restore, message: "failed to delete release: \(tenant): \(message)"),
                recording: restore == uninstalling ? [] : [.update(restore)])
        case (.restoring(let failed), .applied):
            state = .idle
            return [.finish(.succeeded(failed))]
        case (.restoring(let failed), .applyFailed(let message)):
            state = .idle
            return [.finish(.failed(failed, message: "restoring the objects of \(goQuote(tenant)) failed: \(message)"))]
        default:
            throw LifecycleError(
                .unexpectedEvent, "release lifecycle of \(goQuote(tenant)): unexpected event " + "\(event.name) while \(stateName)", tenant: tenant)
        }
    }

    private var stateName: String {
        switch state {
        case .idle: return "idle"
        case .rendering: return "waiting for the chart to render"
        case .applying: return "waiting for the target to apply"
        case .removing: return "waiting for the target to remove"
        case .restoring: return "waiting for the target to restore"
        }
    }

    // MARK: Requests

    private func refuseIfInterrupted() throws(LifecycleError) {
        if interrupted != nil {
            // Helm's errPending wording.
            throw LifecycleError(
                .operationInProgress, "another operation (install/upgrade/rollback) is in progress",
                tenant: tenant)
        }
    }

    private mutating func requestInstall(_ request: InstallRequest, replace: Bool) throws(LifecycleError) -> [ReleaseAction] {
        try refuseIfInterrupted()
        let last = history.last
        if let last, !(replace && (last.status == .uninstalled || last.status == .failed)) {
            // Helm v4's availableName (v3 spelled it "re-use").
            throw LifecycleError(.nameInUse, "cannot reuse a name that is still in use", tenant: tenant)
        }
        var request = request
        request.replace = replace
        let revision = (last?.revision ?? 0) + 1
        state = .rendering(.install(request, replacing: last), revision: revision)
        return [
            .render(
                RenderRequest(
                    tenant: tenant, revision: revision, isUpgrade: false, chart: request.chart,
                    userValues: request.userValues, current: nil))
        ]
    }

    private mutating func requestUpgrade(_ request: UpgradeRequest) throws(LifecycleError) -> [ReleaseAction] {
        try refuseIfInterrupted()
        guard let last = history.last else {
            guard request.install else { throw LifecycleError.noDeployedReleases(tenant) }
            return try requestInstall(request.asInstall, replace: false)
        }
        // helm upgrade --install installs (with replace) over an uninstalled release kept in history.
        if last.status == .uninstalled, request.install {
            return try requestInstall(request.asInstall, replace: true)
        }
        guard let current else { throw LifecycleError.noDeployedReleases(tenant) }
        let revision = last.revision + 1
        state = .rendering(.upgrade(request, from: current), revision: revision)
        return [
            .render(
                RenderRequest(
                    tenant: tenant, revision: revision, isUpgrade: true, chart: request.chart,
                    userValues: request.userValues, current: current))
        ]
    }

    private mutating func requestRollback(_ request: RollbackRequest, now: Date) throws(LifecycleError) -> [ReleaseAction] {
        guard request.revision >= 0 else {
            throw LifecycleError(.invalidRevision, "invalid release revision", tenant: tenant)
        }
        guard let last = history.last else { throw LifecycleError.releaseNotFound(tenant) }
        try refuseIfInterrupted()
        let wanted = request.revision == 0 ? last.revision - 1 : request.revision
        guard let target = history.first(where: { $0.revision == wanted }) else {
            throw LifecycleError(.revisionNotFound, "release has no \(wanted) version", tenant: tenant)
        }
        if target.renderedForAnotherTenant {
            let other = target.labels[Release.renderedForLabel] ?? ""
            throw LifecycleError(
                .renderedForAnotherTenant,
                "revision \(wanted) of \(goQuote(tenant)) was rendered for tenant \(goQuote(other)) (restored with --as): its "
                    + "manifest holds \(goQuote(other))'s objects, so it cannot be rolled back to; roll back to a revision made "
                    + "since the restore, or upgrade",
                tenant: tenant)
        }
        // Helm's prepareRollback: a new revision carrying the old one's chart, values, manifest and notes.
        var record = target
        record.revision = last.revision + 1
        record.status = .pendingRollback
        record.firstDeployed = last.firstDeployed
        record.lastDeployed = now
        record.deleted = nil
        record.description = "Rollback to \(wanted)"
        if request.dryRun { return [.finish(.succeeded(record))] }
        state = .applying(.rollback(to: wanted), record: record)
        history.append(record)
        return [.record([.create(record)]), .apply(record)]
    }

    private mutating func requestUninstall(_ request: UninstallRequest, now: Date) throws(LifecycleError) -> [ReleaseAction] {
        guard let last = history.last else {
            throw LifecycleError(
                .releaseNotFound, "uninstall: Release not loaded: \(tenant): release: not found",
                tenant: tenant)
        }
        try refuseIfInterrupted()
        if request.dryRun { return [.finish(.succeeded(last))] }
        if last.status == .uninstalled {
            guard !request.keepHistory else {
                throw LifecycleError(
                    .alreadyDeleted, "the release named \(goQuote(tenant)) is already deleted",
                    tenant: tenant)
            }
            // Helm purges the kept history of an uninstalled release; its objects are gone already.
            return finish(.succeeded(last), recording: history.map { .delete($0.key) })
        }
        var uninstalling = last
        uninstalling.status = .uninstalling
        uninstalling.deleted = now
        uninstalling.description = "Deletion in progress (or silently failed)"
        replace(uninstalling)
        state = .removing(original: last, uninstalling: uninstalling, request: request)
        return [.record([.update(uninstalling)]), .remove(tenant: tenant)]
    }

    /// Settles an interrupted operation: the pending revision becomes `failed` and the target goes back to the
    /// deployed revision's objects (none when nothing was ever deployed); an interrupted uninstall completes,
    /// keeping history. With nothing interrupted, finishes at once.
    private mutating func recover(now: Date) -> [ReleaseAction] {
        guard let pending = interrupted else { return [.finish(.succeeded(history.last))] }
        if pending.status == .uninstalling {
            state = .removing(
                original: pending, uninstalling: pending,
                request: UninstallRequest(keepHistory: true))
            return [.remove(tenant: tenant)]
        }
        var failed = pending
        failed.status = .failed
        let verb =
            switch pending.status {
            case .pendingInstall: "Install"
            case .pendingRollback: "Rollback"
            default: "Upgrade"
            }
        failed.description = "\(verb) \(goQuote(tenant)) interrupted: the process running it stopped before it finished"
        replace(failed)
        state = .restoring(failed: failed)
        let restore: ReleaseAction = lastDeployed.map { .apply($0) } ?? .remove(tenant: tenant)
        return [.record([.update(failed)]), restore]
    }

    // MARK: Outcomes

    private mutating func rendered(_ rendering: Rendering, operation: Operation, revision: Int, now: Date) -> [ReleaseAction] {
        var record: Release
        var changes: [ReleaseChange] = []
        switch operation {
        case .install(let request, let replacing):
            // Helm's createRelease: first and last deployed are both now.
            record = Release(
                tenant: tenant, revision: revision, status: .pendingInstall, chart: request.chart,
                userValues: rendering.userValues ?? request.userValues,
                computedValues: rendering.computedValues, manifest: rendering.manifest,
                notes: rendering.notes, firstDeployed: now, lastDeployed: now,
                description: "Initial install underway", labels: request.labels)
            if request.dryRun {
                record.description = request.description ?? "Dry run complete"
                return finish(.succeeded(record), recording: [])
            }
            // Helm's replaceRelease: the previous last revision is superseded unless it failed.
            if var previous = replacing, previous.status != .failed {
                previous.status = .superseded
                previous.description = "superseded by new release"
                changes.append(.update(previous))
                replace(previous)
            }
        case .upgrade(let request, let from):
            let labels = carriedLabels(request.labels)
            record = Release(
                tenant: tenant, revision: revision, status: .pendingUpgrade, chart: request.chart,
                userValues: rendering.userValues ?? request.userValues,
                computedValues: rendering.computedValues, manifest: rendering.manifest,
                notes: rendering.notes, firstDeployed: from.firstDeployed, lastDeployed: now,
                description: "Preparing upgrade", labels: labels)
            if request.dryRun {
                record.description = request.description ?? "Dry run complete"
                return finish(.succeeded(record), recording: [])
            }
        case .rollback:
            // Rollbacks never render; `handle` does not route here.
            return []
        }
        changes.append(.create(record))
        history.append(record)
        state = .applying(operation, record: record)
        return [.record(changes), .apply(record)]
    }

    /// An upgrade's labels: the last revision's, carried forward, under the request's — except
    /// ``Release/renderedForLabel``, a fact of the one revision it is on (a new revision is rendered for this tenant).
    private func carriedLabels(_ requested: [String: String]) -> [String: String] {
        var labels = history.last?.labels ?? [:]
        labels[Release.renderedForLabel] = nil
        return labels.merging(requested) { _, new in new }
    }

    private mutating func renderFailed(_ message: String, operation: Operation, revision: Int, now: Date) -> [ReleaseAction] {
        switch operation {
        case .upgrade(let request, let from) where !request.dryRun:
            // Unlike Helm (which records nothing when an upgrade fails to render), a failed upgrade leaves a
            // `failed` revision, so history shows the attempt and its error; the deployed one stays deployed.
            let record = Release(
                tenant: tenant, revision: revision, status: .failed, chart: request.chart,
                userValues: request.userValues, firstDeployed: from.firstDeployed, lastDeployed: now,
                description: "Upgrade \(goQuote(tenant)) failed: \(message)",
                labels: carriedLabels(request.labels))
            return finish(.failed(record, message: message), recording: [.create(record)])
        default:
            // An install that does not render records nothing (Helm): bad input leaves the store as it was.
            return finish(.failed(nil, message: message), recording: [])
        }
    }

    private mutating func applied(operation: Operation, record: Release) -> [ReleaseAction] {
        var record = record
        record.status = .deployed
        switch operation {
        case .install(let request, _): record.description = request.description ?? "Install complete"
        case .upgrade(let request, _): record.description = request.description ?? "Upgrade complete"
        case .rollback: break  // keeps "Rollback to N"
        }
        // Helm's upgrade supersedes the revision it started from, its rollback every deployed one (#2941);
        // superseding every other deployed revision does both and keeps "one deployed revision" true.
        return finish(.succeeded(record), recording: supersedingDeployed(except: record.revision) + [.update(record)])
    }

    private mutating func supersedingDeployed(except revision: Int) -> [ReleaseChange] {
        var changes: [ReleaseChange] = []
        for var r in history where r.status == .deployed && r.revision != revision {
            r.status = .superseded
            changes.append(.update(r))
        }
        return changes
    }

    /// Ends the operation: records `changes` (if any) in the lifecycle's history, returns to idle.
    private mutating func finish(_ outcome: ReleaseOutcome, recording changes: [ReleaseChange]) -> [ReleaseAction] {
        for change in changes {
            switch change {
            case .create(let r):
                history.removeAll { $0.revision == r.revision }
                history.append(r)
                history.sort { $0.revision < $1.revision }
            case .update(let r): replace(r)
            case .delete(let k): history.removeAll { $0.revision == k.revision }
            }
        }
        state = .idle
        return changes.isEmpty ? [.finish(outcome)] : [.record(changes), .finish(outcome)]
    }

    private mutating func replace(_ release: Release) {
        if let i = history.firstIndex(where: { $0.revision == release.revision }) { history[i] = release }
    }
}

// MARK: - Events, actions, requests

/// What happened: a request from the user, or the outcome of the last action.
public enum ReleaseEvent: Sendable, Hashable {
    /// `tenantctl install`.
    case installRequested(InstallRequest)
    /// `tenantctl upgrade`.
    case upgradeRequested(UpgradeRequest)
    /// `tenantctl rollback [REVISION]`.
    case rollbackRequested(RollbackRequest)
    /// `tenantctl uninstall [--keep-history]`.
    case uninstallRequested(UninstallRequest)
    /// Settle an ``ReleaseLifecycle/interrupted`` operation (run by the adapter before any request when needed).
    case recoverRequested
    /// The chart rendered (answer to ``ReleaseAction/render(_:)``).
    case rendered(Rendering)
    /// The chart failed to render; the message is the engine's error.
    case renderFailed(String)
    /// The target finished the last ``ReleaseAction/apply(_:)`` or ``ReleaseAction/remove(tenant:)``.
    case applied
    /// The target failed the last apply or remove, changing nothing; the message is its error.
    case applyFailed(String)

    /// The event's name, for messages.
    public var name: String {
        switch self {
        case .installRequested: return "installRequested"
        case .upgradeRequested: return "upgradeRequested"
        case .rollbackRequested: return "rollbackRequested"
        case .uninstallRequested: return "uninstallRequested"
        case .recoverRequested: return "recoverRequested"
        case .rendered: return "rendered"
        case .renderFailed: return "renderFailed"
        case .applied: return "applied"
        case .applyFailed: return "applyFailed"
        }
    }
}

/// What to do next, in order.
public enum ReleaseAction: Sendable, Hashable {
    /// Render the chart; answer with ``ReleaseEvent/rendered(_:)`` or ``ReleaseEvent/renderFailed(_:)``.
    case render(RenderRequest)
    /// Write these changes in one transaction (``Storage/commit(_:)``). No answer.
    case record([ReleaseChange])
    /// Make the target hold exactly this revision's objects; answer ``ReleaseEvent/applied`` or
    /// ``ReleaseEvent/applyFailed(_:)``.
    case apply(Release)
    /// Remove all of the tenant's objects from the target; answer as for ``apply(_:)``.
    case remove(tenant: String)
    /// The operation is over.
    case finish(ReleaseOutcome)
}

/// How an operation ended.
public enum ReleaseOutcome: Sendable, Hashable {
    /// It worked; the release as it now stands (nil when recovery found nothing at all).
    case succeeded(Release?)
    /// It failed; the revision recorded for the failure, if any, and the error to print.
    case failed(Release?, message: String)
}

/// What to render.
public struct RenderRequest: Sendable, Hashable {
    /// The tenant.
    public var tenant: String
    /// The revision being made (`.Release.Revision`).
    public var revision: Int
    /// `.Release.IsUpgrade` (`.Release.IsInstall` is its negation).
    public var isUpgrade: Bool
    /// The chart asked for.
    public var chart: ChartReference
    /// The user's values as requested.
    public var userValues: String
    /// For an upgrade, the revision it starts from (whose values `--reuse-values` reuses).
    public var current: Release?

    /// Creates a render request.
    public init(
        tenant: String, revision: Int, isUpgrade: Bool, chart: ChartReference, userValues: String,
        current: Release?
    ) {
        self.tenant = tenant
        self.revision = revision
        self.isUpgrade = isUpgrade
        self.chart = chart
        self.userValues = userValues
        self.current = current
    }
}

/// The engine's output for one revision.
public struct Rendering: Sendable, Hashable {
    /// The manifest (all objects, in install order).
    public var manifest: String
    /// `NOTES.txt`, rendered.
    public var notes: String
    /// The coalesced values the templates saw, as YAML.
    public var computedValues: String
    /// The user values finally used, when the adapter changed them (`--reuse-values` merged the current ones);
    /// nil keeps the request's.
    public var userValues: String?

    /// Creates a rendering.
    public init(manifest: String, notes: String = "", computedValues: String = "", userValues: String? = nil) {
        self.manifest = manifest
        self.notes = notes
        self.computedValues = computedValues
        self.userValues = userValues
    }
}

/// `tenantctl install`'s options, as the lifecycle needs them.
public struct InstallRequest: Sendable, Hashable {
    /// The chart.
    public var chart: ChartReference
    /// The user's values, YAML.
    public var userValues: String
    /// `--description`, replacing `Install complete`.
    public var description: String?
    /// Helm's `--replace`: install over a last revision that is `uninstalled` or `failed`.
    public var replace: Bool
    /// `--dry-run`: render, record nothing, apply nothing.
    public var dryRun: Bool
    /// Labels to store with the revision.
    public var labels: [String: String]

    /// Creates an install request.
    public init(
        chart: ChartReference, userValues: String = "", description: String? = nil, replace: Bool = false,
        dryRun: Bool = false, labels: [String: String] = [:]
    ) {
        self.chart = chart
        self.userValues = userValues
        self.description = description
        self.replace = replace
        self.dryRun = dryRun
        self.labels = labels
    }
}

/// `tenantctl upgrade`'s options, as the lifecycle needs them.
public struct UpgradeRequest: Sendable, Hashable {
    /// The chart.
    public var chart: ChartReference
    /// The user's values, YAML.
    public var userValues: String
    /// `--description`, replacing `Upgrade complete`.
    public var description: String?
    /// `--install`: install when the tenant has no revision, or only an uninstalled one.
    public var install: Bool
    /// `--dry-run`.
    public var dryRun: Bool
    /// Labels to merge over the last revision's.
    public var labels: [String: String]

    /// Creates an upgrade request.
    public init(
        chart: ChartReference, userValues: String = "", description: String? = nil, install: Bool = false,
        dryRun: Bool = false, labels: [String: String] = [:]
    ) {
        self.chart = chart
        self.userValues = userValues
        self.description = description
        self.install = install
        self.dryRun = dryRun
        self.labels = labels
    }

    var asInstall: InstallRequest {
        InstallRequest(chart: chart, userValues: userValues, description: description, dryRun: dryRun, labels: labels)
    }
}

/// `tenantctl rollback`'s options.
public struct RollbackRequest: Sendable, Hashable {
    /// The revision to go back to; 0 means the one before the last (Helm's default).
    public var revision: Int
    /// `--dry-run`.
    public var dryRun: Bool

    /// Creates a rollback request.
    public init(revision: Int = 0, dryRun: Bool = false) {
        self.revision = revision
        self.dryRun = dryRun
    }
}

/// `tenantctl uninstall`'s options.
public struct UninstallRequest: Sendable, Hashable {
    /// `--keep-history`: keep the records, the last marked `uninstalled`; otherwise delete them all.
    public var keepHistory: Bool
    /// `--description`, replacing `Uninstallation complete`.
    public var description: String?
    /// `--dry-run`.
    public var dryRun: Bool

    /// Creates an uninstall request.
    public init(keepHistory: Bool = false, description: String? = nil, dryRun: Bool = false) {
        self.keepHistory = keepHistory
        self.description = description
        self.dryRun = dryRun
    }
}

/// A request the lifecycle refuses, or an event it did not expect; in Helm's words where Helm has some.
public struct LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// Install over a tenant that has revisions (`cannot reuse a name that is still in use`).
        case nameInUse
        /// Upgrade of a tenant with nothing to upgrade from (`"acme" has no deployed releases`).
        case noDeployedReleases
        /// The last revision is pending: an operation was interrupted (Helm's errPending).
        case operationInProgress
        /// The tenant has no revisions (`release: not found`).
        case releaseNotFound
        /// Rollback to a revision that is not in the history (`release has no 7 version`).
        case revisionNotFound
        /// A negative rollback revision (`invalid release revision`).
        case invalidRevision
        /// `uninstall --keep-history` of an uninstalled release.
        case alreadyDeleted
        /// Rollback to a revision restored under another name (``Release/renderedForAnotherTenant``).
        case renderedForAnotherTenant
        /// An event the current state does not expect: an adapter bug.
        case unexpectedEvent
    }

    /// What went wrong.
    public var code: Code
    /// The message, ready to print.
    public var message: String
    /// The tenant.
    public var tenant: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, tenant: String) {
        self.code = code
        self.message = message
        self.tenant = tenant
    }

    /// The message.
    public var description: String { message }

    static func noDeployedReleases(_ tenant: String) -> LifecycleError {
        LifecycleError(.noDeployedReleases, "\(goQuote(tenant)) has no deployed releases", tenant: tenant)
    }

    static func releaseNotFound(_ tenant: String) -> LifecycleError {
        LifecycleError(.releaseNotFound, "release: not found", tenant: tenant)
    }
}
