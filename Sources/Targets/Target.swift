// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseUtil

/// Where a tenant's rendered objects go: a directory (the default, a GitOps layout) or a Kubernetes cluster.
///
/// A target applies a whole manifest at once. An *atomic* target (``isAtomic``, the directory) applies all or
/// nothing: when ``apply(_:)`` or ``remove(_:)`` throws, it holds exactly what it held before. A non-atomic
/// target (the cluster) may stop halfway: its error then says, in ``TargetError/partial``, what it had already
/// changed, and the next apply of any revision converges it.
public protocol Target: Sendable {
    /// A short name for messages (`directory deploy`, `kubernetes https://127.0.0.1:6443`).
    var name: String { get }

    /// True when a failed ``apply(_:)`` or ``remove(_:)`` leaves the target exactly as it was (the directory);
    /// false when it may stop halfway (a cluster: objects are written one request at a time).
    var isAtomic: Bool { get }

    /// Makes the target hold the manifest's objects for the request's tenant: new objects created, changed ones
    /// updated, objects of ``ApplyRequest/previousManifest`` no longer in the manifest removed.
    /// - Throws: ``TargetError`` — an invalid tenant name or manifest (before anything is touched), an object
    ///   the target refuses to take over, or a failure while writing (``TargetError/partial`` then says what
    ///   had been changed when the target is not atomic).
    @discardableResult
    func apply(_ request: ApplyRequest) throws(TargetError) -> ApplyReport

    /// Removes the objects of ``RemoveRequest/manifest`` (the tenant's last revision). Removing objects the
    /// target does not hold is not an error.
    /// - Throws: ``TargetError`` when an object cannot be removed.
    @discardableResult
    func remove(_ request: RemoveRequest) throws(TargetError) -> ApplyReport

    /// What the target holds now for the objects of `manifest`: the directory, every object file of the
    /// tenant's folder (sorted by file name, whatever `manifest` says); a cluster, the live object of each
    /// manifest object that exists, as YAML. Empty when it holds none. Used by `diff` and drift detection.
    func objects(tenant: String, namespace: String, manifest: String) throws(TargetError) -> [ManifestObject]

    /// What the target would hold for the objects of `manifest` once applied, in the form ``objects(tenant:namespace:manifest:)``
    /// returns them, so that the two compare line by line (`diff` previews an upgrade with it, `drift` checks
    /// the deployed revision). The directory: the manifest's objects as files (the default); a cluster: the
    /// server's dry-run result of applying each object, with the fields the server sets left out.
    func expectedObjects(tenant: String, namespace: String, manifest: String) throws(TargetError) -> [ManifestObject]

    /// Runs the hooks of `manifest` (documents annotated `helm.sh/hook`) for `event`, as Helm runs them around
    /// an install, upgrade, rollback or uninstall; returns what ran. The directory runs none (the default).
    @discardableResult
    func runHooks(_ event: HookEvent, tenant: String, namespace: String, manifest: String, options: ApplyOptions) throws(TargetError) -> [HookRun]

    /// `--wait`: returns once the request's objects are ready, fails at once when one cannot become ready, or
    /// at ``ApplyOptions/timeout`` listing what still waits. The directory has nothing to wait for (the default).
    func waitUntilReady(_ request: ApplyRequest, progress: (WaitProgress) -> Void) throws(TargetError)

    /// Each object of `manifest` (hooks aside) and where it stands now, for `status`: the directory says
    /// whether its file is there; a cluster gives each live object's readiness by the `--wait` rules.
    func readiness(tenant: String, namespace: String, manifest: String) throws(TargetError) -> [ObjectState]
}

/// One object's state on a target, as `status` shows it.
public struct ObjectState: Sendable, Hashable {
    /// `Deployment "web" in namespace "tenant-acme"`, or the file name on the directory target.
    public var object: String
    /// `ready`, `in progress`, `failed`, `missing`.
    public var state: String
    /// Why, when not ready (`Ready: 0/1`, `pod web-1: container "app" cannot start: ImagePullBackOff`).
    public var reason: String

    /// Creates a state.
    public init(object: String, state: String, reason: String = "") {
        self.object = object
        self.state = state
        self.reason = reason
    }
}

extension Target {
    /// Nothing to run: the directory writes hooks as files, for the GitOps controller to run (Argo CD and Flux
    /// read Helm's hook annotations).
    @discardableResult
    public func runHooks(_ event: HookEvent, tenant: String, namespace: String, manifest: String, options: ApplyOptions) throws(TargetError) -> [HookRun] {
        []
    }

    /// Nothing to wait for: files are ready once written.
    public func waitUntilReady(_ request: ApplyRequest, progress: (WaitProgress) -> Void) throws(TargetError) {}

    /// Each manifest object's file: `ready` when the target holds it, `missing` when not.
    public func readiness(tenant: String, namespace: String, manifest: String) throws(TargetError) -> [ObjectState] {
        let held = Set(try objects(tenant: tenant, namespace: namespace, manifest: manifest).map(\.fileName))
        return try expectedObjects(tenant: tenant, namespace: namespace, manifest: manifest).map {
            ObjectState(object: $0.fileName, state: held.contains($0.fileName) ? "ready" : "missing")
        }
    }

    /// The manifest's objects as the directory target writes them: one file per object.
    public func expectedObjects(tenant: String, namespace: String, manifest: String) throws(TargetError) -> [ManifestObject] {
        try Manifest.objects(manifest)
    }
}

/// How an apply or remove goes about it.
public struct ApplyOptions: Sendable, Hashable {
    /// Server-side dry run: the cluster target asks the server to check every write (`dryRun=All`) and changes
    /// nothing; the directory target checks the manifest and changes nothing. The report says what would change.
    public var dryRun: Bool
    /// Adopt existing objects that carry no ownership marks or another release's (`--take-ownership`).
    public var takeOwnership: Bool
    /// Take over fields another field manager owns instead of failing with a conflict (`--force-conflicts`).
    public var forceConflicts: Bool
    /// Wait for the applied objects to become ready (`--wait`); carried for the waiter, not read by targets.
    public var wait: Bool
    /// Wait for Jobs to complete too (`--wait-for-jobs`); carried for the waiter.
    public var waitForJobs: Bool
    /// How long a wait may take, in seconds (`--timeout`, default 5 minutes); carried for the waiter.
    public var timeout: TimeInterval

    /// Creates options; every flag is off by default and the timeout is 300 s.
    public init(
        dryRun: Bool = false, takeOwnership: Bool = false, forceConflicts: Bool = false, wait: Bool = false,
        waitForJobs: Bool = false, timeout: TimeInterval = 300
    ) {
        self.dryRun = dryRun
        self.takeOwnership = takeOwnership
        self.forceConflicts = forceConflicts
        self.wait = wait
        self.waitForJobs = waitForJobs
        self.timeout = timeout
    }
}

/// One apply: a tenant's new revision, and the revision the target holds now.
public struct ApplyRequest: Sendable {
    /// The tenant (the release name).
    public var tenant: String
    /// The tenant's default namespace (`tenant-acme`): where namespaced objects without `metadata.namespace` go.
    public var namespace: String
    /// The new revision's manifest.
    public var manifest: String
    /// The manifest of the revision deployed now (nil when none is): its objects that are not in ``manifest``
    /// are removed.
    public var previousManifest: String?
    /// How to apply.
    public var options: ApplyOptions

    /// Creates a request.
    public init(
        tenant: String, namespace: String, manifest: String, previousManifest: String? = nil,
        options: ApplyOptions = ApplyOptions()
    ) {
        self.tenant = tenant
        self.namespace = namespace
        self.manifest = manifest
        self.previousManifest = previousManifest
        self.options = options
    }
}

/// One removal: the objects of a tenant's last revision.
public struct RemoveRequest: Sendable {
    /// The tenant (the release name).
    public var tenant: String
    /// The tenant's default namespace (`tenant-acme`), as in ``ApplyRequest/namespace``.
    public var namespace: String
    /// The objects to delete: the manifest of the tenant's last revision.
    public var manifest: String
    /// How to remove (``ApplyOptions/dryRun`` changes nothing).
    public var options: ApplyOptions

    /// Creates a request.
    public init(tenant: String, namespace: String, manifest: String, options: ApplyOptions = ApplyOptions()) {
        self.tenant = tenant
        self.namespace = namespace
        self.manifest = manifest
        self.options = options
    }
}

/// What an apply or remove changed (or, in a dry run, would change).
///
/// Objects are named as each target names them: the directory target by file name (`configmap-a.yaml`), the
/// Kubernetes target by `Kind/namespace/name` (`Deployment/tenant-acme/web`) or `Kind/name` for a
/// cluster-scoped object (`Namespace/tenant-acme`) — ``KubeObjectRef/reportName``.
public struct ApplyReport: Sendable, Hashable {
    /// Objects that did not exist before.
    public var created: [String] = []
    /// Objects whose content changed.
    public var updated: [String] = []
    /// Objects left as they were.
    public var unchanged: [String] = []
    /// Objects removed.
    public var removed: [String] = []

    /// Creates an empty report.
    public init() {}

    /// Whether anything changed.
    public var changed: Bool { !(created.isEmpty && updated.isEmpty && removed.isEmpty) }
}

/// A target failure: what, where, and the system's (or the server's) reason.
public struct TargetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// The tenant name cannot name a directory or namespace (not a DNS-1123 label).
        case invalidTenant
        /// A manifest document is not a Kubernetes object (not YAML, no `kind`, no `metadata.name`).
        case invalidManifest
        /// Two documents describe the same object (same kind and name).
        case duplicateObject
        /// Reading or writing the target failed.
        case io
        /// The apply would write over something the target did not write: a file not in the directory's
        /// ownership record, or a cluster object without this release's ownership marks (Helm's
        /// `invalid ownership metadata`; `--take-ownership` adopts it).
        case notOwned
        /// Server-side apply found fields owned by another field manager with other values (HTTP 409;
        /// `--force-conflicts` takes them over).
        case conflict
        /// The server refused an object or request (a 4xx other than 401, 403 and 409: invalid field values
        /// (422), an unknown kind, a bad request).
        case rejected
        /// The server did not accept the credentials (HTTP 401).
        case unauthorized
        /// The user may not do this (HTTP 403, as the server words it: user, verb, resource, namespace).
        case forbidden
        /// No server answered within the connect timeout, or the connection failed.
        case unreachable
        /// The TLS handshake failed (an unknown CA, a certificate for another name, a refused client certificate).
        case tls
        /// The server failed or did not answer in time (5xx after retries, a timeout, an unreadable answer).
        case server
        /// A hook failed (its Job or Pod failed, or could not be created), which fails the release as in Helm.
        case hookFailed
        /// `--wait`: an object can no longer become ready (a rollout past its deadline, a pod that cannot start).
        case notReady
        /// `--wait`: the timeout passed with objects still not ready.
        case timedOut
    }

    /// What went wrong.
    public var code: Code
    /// The message, ready to print.
    public var message: String
    /// For a target that is not atomic: what the failed operation had changed before it stopped; nil when it
    /// changed nothing (and always nil for an atomic target, which puts everything back).
    public var partial: ApplyReport?

    /// Creates an error.
    public init(_ code: Code, _ message: String, partial: ApplyReport? = nil) {
        self.code = code
        self.message = message
        self.partial = partial
    }

    /// The message.
    public var description: String { message }
}

/// Checks a tenant name: a DNS-1123 label (lower-case letters, digits and `-`, starting and ending with a letter
/// or digit) within Helm's release-name limit (``ReleaseName/maxLength``, 53: a tenant is a release). Such a name
/// is also a safe directory name (no `/`, no `..`).
public func validateTenantName(_ tenant: String) throws(TargetError) {
    guard tenant.utf8.count <= ReleaseName.maxLength, ReleaseName.isDNSLabel(tenant) else {
        throw TargetError(
            .invalidTenant,
            "invalid tenant name \"\(tenant)\": a tenant name must be a DNS-1123 label "
                + "(at most \(ReleaseName.maxLength) lower-case letters, digits and '-', starting and ending with a "
                + "letter or digit)")
    }
}
