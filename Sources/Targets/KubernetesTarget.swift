// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import Kube
import ReleaseUtil
import Synchronization
import YAMLKit

/// A Kubernetes cluster as a target: a tenant's objects applied with server-side apply, marked as Helm marks
/// its objects, so that Helm and tenantctl can take each other's releases over.
///
/// An apply goes in three steps:
/// 1. **Read, change nothing.** The manifest is split as Helm splits a release manifest, each document's kind
///    resolved from discovery (cached by the client), namespaced objects without a namespace put in the
///    tenant's namespace (``ApplyRequest/namespace``), and every object whose kind is served fetched once
///    (one GET each, side by side). An existing object that does not carry this release's ownership marks — the label
///    `app.kubernetes.io/managed-by: Helm` and the annotations `meta.helm.sh/release-name: <tenant>` and
///    `meta.helm.sh/release-namespace: <recordsNamespace>` — is refused with Helm's `invalid ownership
///    metadata` message unless ``ApplyOptions/takeOwnership`` — as in Helm's upgrade, only objects new to the
///    release are checked, not those of ``ApplyRequest/previousManifest``. A refused apply has changed nothing.
/// 2. **Write, in Helm's order.** CustomResourceDefinitions first, and only those missing (Helm's `crds/`
///    rule: an existing CRD is never changed), waiting until the server serves their kinds; then every other
///    object in Helm's InstallOrder, each with the ownership marks, by server-side apply (`fieldManager`,
///    `force` = ``ApplyOptions/forceConflicts``, `dryRun=All` for ``ApplyOptions/dryRun``). An adopted object
///    (``ApplyOptions/takeOwnership``) first gets the marks by a merge patch, so that its old marks' field
///    manager does not turn the apply into a conflict.
/// 3. **Prune.** Objects of ``ApplyRequest/previousManifest`` that are not in the new manifest (same group,
///    kind, namespace and name) are deleted in Helm's UninstallOrder with `propagationPolicy: Background`,
///    except those the previous manifest annotates `helm.sh/resource-policy: keep` and CRDs (Helm never
///    deletes CRDs); an object already gone is fine.
///
/// A cluster cannot apply all or nothing (``isAtomic`` is false): when an object fails halfway, the error's
/// ``TargetError/partial`` says what had been created, updated or removed; the next apply converges.
///
/// A dry run asks the server to check every write and changes nothing; objects it cannot check (those in a
/// namespace, or of a CRD, that the same apply would create) are reported as created, unchecked; what a
/// prune would delete is reported as removed, and nothing is deleted.
///
/// Report names are ``KubeObjectRef/reportName`` (`Deployment/tenant-acme/web`, `Namespace/tenant-acme`).
/// Requests: for an object, one GET and one PATCH (plus a DELETE per pruned object); discovery is the
/// client's, cached for the client's life and on disk.
public struct KubernetesTarget: Target {
    /// The client of the cluster.
    public let client: KubeClient
    /// The namespace holding the release records (Helm's release namespace), written into every object's
    /// `meta.helm.sh/release-namespace` annotation.
    public let recordsNamespace: String
    /// The field manager of every server-side apply.
    public let fieldManager: String
    /// How long to wait for a new CustomResourceDefinition to be served, in seconds.
    let crdTimeout: Double

    /// A target applying through `client`.
    public init(client: KubeClient, recordsNamespace: String = "tenantctl-system", fieldManager: String = "tenantctl") {
        self.client = client
        self.recordsNamespace = recordsNamespace
        self.fieldManager = fieldManager
        self.crdTimeout = 60
    }

    /// `kubernetes <server>`.
    public var name: String { "kubernetes \(client.server)" }

    /// False: objects are written one request at a time, and a failure leaves the earlier ones written.
    public var isAtomic: Bool { false }

    /// Helm v4's field manager. Fields only Helm owns on this release's objects (after `helm upgrade` or
    /// `helm rollback` of the same release) are taken back without `--force-conflicts`: Helm and tenantctl
    /// take turns on one release; any other manager's fields are a conflict.
    static let helmFieldManager = "helm"

    // MARK: Apply

    /// Applies the manifest in the three steps the type describes (read and check, write, prune).
    /// - Throws: ``TargetError``: `invalidTenant`/`invalidManifest`/`duplicateObject` and `notOwned` before any
    ///   write; `conflict`, `rejected`, `forbidden`, `unauthorized`, `unreachable`, `tls`, `server` with
    ///   ``TargetError/partial`` saying what had been changed.
    @discardableResult
    public func apply(_ request: ApplyRequest) throws(TargetError) -> ApplyReport {
        try validateTenantName(request.tenant)
        let options = request.options
        var objects = Manifests.sortByKind(
            try KubeApplyPlan.objects(request.manifest, what: "the manifest"), order: .install, kind: \.ref.kind)
        try KubeApplyPlan.resolve(&objects, namespace: request.namespace, client: client, what: "the manifest")
        let crdKinds = Set(objects.filter(\.isCRD).compactMap(Self.definedKind))
        for object in objects where object.resource == nil && !crdKinds.contains("\(object.ref.group)/\(object.ref.kind)") {
            throw Self.unknownKind(object.ref, server: client.server)
        }

        var prune: [KubeManifestObject] = []
        var previousObjects: Set<KubeObjectIdentity> = []
        if let previous = request.previousManifest {
            var old = try KubeApplyPlan.objects(previous, what: "the previous revision's manifest")
            try KubeApplyPlan.resolve(
                &old, namespace: request.namespace, client: client, what: "the previous revision's manifest")
            previousObjects = Set(old.map(\.ref.identity))
            let wanted = Set(objects.map(\.ref.identity))
            prune = Manifests.sortByKind(
                old.filter { $0.resource != nil && !$0.keep && !$0.isCRD && !wanted.contains($0.ref.identity) },
                order: .uninstall, kind: \.ref.kind)
        }

        // 1. Read every object once, and check ownership, before the first write. As in Helm's upgrade, objects
        //    of the previous revision are not checked (only those new to the release are: toBeCreated).
        let live = try getAll(objects)
        var adopt: Set<Int> = []
        for (i, object) in objects.enumerated() where !object.isCRD {
            guard let existing = live[i],
                let problem = KubeApplyPlan.ownershipProblem(existing, release: request.tenant, recordsNamespace: recordsNamespace)
            else { continue }
            if options.takeOwnership {
                adopt.insert(i)
                continue
            }
            if previousObjects.contains(object.ref.identity) { continue }
            // Helm's words (install.go / upgrade.go around existingResourceConflict), then who holds it and the way out.
            let verb = request.previousManifest == nil ? "install" : "update"
            throw TargetError(
                .notOwned,
                "unable to continue with \(verb): \(object.ref) exists and cannot be imported into the current release: "
                    + "\(problem); \(KubeApplyPlan.currentOwner(existing)); run the command again with "
                    + "--take-ownership to adopt it into release \(KubeApplyPlan.goQuoted(request.tenant))")
        }
        if let terminating = Self.terminatingNamespace(objects, live: live, server: client.server) { throw terminating }

        do throws(TargetError) {
            return try write(objects, live: live, adopt: adopt, prune: prune, request: request)
        } catch {
            throw Self.notingWhatWasNotApplied(error, objects: objects, prune: prune)
        }
    }

    /// Steps 2 and 3 of an apply: the writes and the prune.
    private func write(
        _ objects: [KubeManifestObject], live: [JSON?], adopt: Set<Int>, prune: [KubeManifestObject], request: ApplyRequest
    ) throws(TargetError) -> ApplyReport {
        var objects = objects
        let options = request.options
        // 2. Write: missing CRDs first, then everything else in install order.
        var report = ApplyReport()
        var createdCRDs: [KubeManifestObject] = []
        for (i, object) in objects.enumerated() where object.isCRD {
            if live[i] != nil {
                report.unchanged.append(object.ref.reportName)
                continue
            }
            _ = try write(object, tenant: request.tenant, options: options, report: report)
            report.created.append(object.ref.reportName)
            createdCRDs.append(object)
        }
        if !createdCRDs.isEmpty, !options.dryRun {
            try waitUntilServed(createdCRDs, report: report)
            try KubeApplyPlan.resolve(&objects, namespace: request.namespace, client: client, what: "the manifest")
        }
        var newNamespaces: Set<String> = []
        for (i, object) in objects.enumerated() where !object.isCRD {
            let unchecked = object.resource == nil || (!object.ref.namespace.isEmpty && newNamespaces.contains(object.ref.namespace))
            if unchecked {
                guard options.dryRun else { throw Self.unknownKind(object.ref, server: client.server, partial: report) }
                report.created.append(object.ref.reportName)
                continue
            }
            let adopting = adopt.contains(i)
            if adopting { try takeOver(object, tenant: request.tenant, options: options, report: report) }
            // A dry run's merge patch changed nothing, so the apply still meets the old marks' manager: a conflict
            // on the marks alone is the adoption itself, and the object would be updated.
            guard
                let result = try write(
                    object, tenant: request.tenant, options: options, report: report,
                    markConflictsMeanUpdate: adopting && options.dryRun)
            else {
                report.updated.append(object.ref.reportName)
                continue
            }
            let sent = KubeApplyPlan.marked(object.body, release: request.tenant, recordsNamespace: recordsNamespace)
            switch Self.change(before: live[i], after: result, sent: sent, fieldManager: fieldManager, dryRun: options.dryRun) {
            case .created:
                report.created.append(object.ref.reportName)
                if object.ref.kind == "Namespace", object.ref.group.isEmpty, options.dryRun { newNamespaces.insert(object.ref.name) }
            case .updated: report.updated.append(object.ref.reportName)
            case .unchanged: report.unchanged.append(object.ref.reportName)
            }
        }

        // 3. Prune what left the release (a dry run deletes nothing).
        for object in prune {
            if options.dryRun {
                report.removed.append(object.ref.reportName)
                continue
            }
            if try delete(object, dryRun: false, report: report) { report.removed.append(object.ref.reportName) }
        }
        return report
    }

    /// A failure that stopped an apply halfway, with the objects it did not reach (the failing one first)
    /// added to its message, so that a failed revision's record says what was and was not applied.
    private static func notingWhatWasNotApplied(
        _ error: TargetError, objects: [KubeManifestObject], prune: [KubeManifestObject]
    ) -> TargetError {
        guard let partial = error.partial else { return error }
        let done = Set(partial.created + partial.updated + partial.unchanged + partial.removed)
        let applying = objects.filter(\.isCRD) + objects.filter { !$0.isCRD }
        let rest = applying.map(\.ref.reportName).filter { !done.contains($0) }
        let unpruned = prune.map(\.ref.reportName).filter { !done.contains($0) }
        var out = error
        if !rest.isEmpty { out.message += "; not applied: " + rest.joined(separator: ", ") }
        if !unpruned.isEmpty { out.message += "; not removed: " + unpruned.joined(separator: ", ") }
        return out
    }

    /// A Namespace of the manifest that is being deleted (its `deletionTimestamp` set, finalizers holding it in
    /// `Terminating`): the server refuses new objects in it and the namespace controller deletes the rest, so
    /// nothing written now would stay. Refused before the first write, from the reads already made.
    private static func terminatingNamespace(_ objects: [KubeManifestObject], live: [JSON?], server: String) -> TargetError? {
        for (i, object) in objects.enumerated() where object.ref.kind == "Namespace" && object.ref.group.isEmpty {
            guard let existing = live[i], let since = existing[["metadata", "deletionTimestamp"]]?.string, !since.isEmpty else { continue }
            let finalizers =
                (existing[["metadata", "finalizers"]]?.array ?? []) + (existing[["spec", "finalizers"]]?.array ?? [])
            let held = finalizers.compactMap(\.string)
            return TargetError(
                .rejected,
                "namespace \(KubeApplyPlan.goQuoted(object.ref.name)) is being deleted on the API server \(server) "
                    + "(Terminating since \(since)\(held.isEmpty ? "" : ", held by finalizers " + held.joined(separator: ", "))): "
                    + "it accepts no new objects and what is in it is being deleted; wait until it is gone, then run the command again")
        }
        return nil
    }

    // MARK: Remove

    /// Deletes the manifest's objects (the tenant's last revision) in Helm's UninstallOrder with Background
    /// propagation; objects already gone are skipped. The namespace goes last; its termination is not awaited.
    /// A dry run asks the server to check each delete (`dryRun=All`) and deletes nothing.
    @discardableResult
    public func remove(_ request: RemoveRequest) throws(TargetError) -> ApplyReport {
        try validateTenantName(request.tenant)
        var objects = try KubeApplyPlan.objects(request.manifest, what: "the manifest")
        try KubeApplyPlan.resolve(&objects, namespace: request.namespace, client: client, what: "the manifest")
        // Helm's uninstall: UninstallOrder, objects annotated `helm.sh/resource-policy: keep` left in place;
        // CRDs are never deleted (deleting one deletes every object of its kind in the cluster).
        let doomed = Manifests.sortByKind(
            objects.filter { $0.resource != nil && !$0.keep && !$0.isCRD }, order: .uninstall, kind: \.ref.kind)
        var report = ApplyReport()
        for object in doomed where try delete(object, dryRun: request.options.dryRun, report: report) {
            report.removed.append(object.ref.reportName)
        }
        return report
    }

    // MARK: Reading

    /// The live object of each object of `manifest` that exists (kinds the server does not serve are
    /// skipped), as YAML (keys sorted, as `toYaml` writes; the fields the server sets left out: ``KubeObjectView``), named by kind and name like the directory
    /// target's files; in manifest order.
    public func objects(tenant: String, namespace: String, manifest: String) throws(TargetError) -> [ManifestObject] {
        try validateTenantName(tenant)
        var objects = try KubeApplyPlan.objects(manifest, what: "the manifest")
        try KubeApplyPlan.resolve(&objects, namespace: namespace, client: client, what: "the manifest")
        var out: [ManifestObject] = []
        for (object, live) in zip(objects, try getAll(objects)) {
            guard let live else { continue }
            out.append(try KubeObjectView.manifestObject(live, ref: object.ref, server: client.server))
        }
        return out
    }

    // MARK: Requests

    /// The live object, or nil when it does not exist.
    private func get(_ object: KubeManifestObject) throws(TargetError) -> JSON? {
        guard let resource = object.resource else { return nil }
        do {
            return try client.get(resource, name: object.ref.name, namespace: object.ref.namespace)
        } catch {
            if error.isNotFound { return nil }
            throw KubeApplyErrors.targetError(error, object: object.ref, doing: "cannot read")
        }
    }

    /// The live object of each object (nil: it does not exist, or its kind is not served yet), fetched side by
    /// side over the client's connection pool (reads only, so their order does not matter); the first
    /// failure in manifest order is thrown.
    private func getAll(_ objects: [KubeManifestObject]) throws(TargetError) -> [JSON?] {
        let results = Mutex<[Result<JSON?, TargetError>]>(Array(repeating: .success(nil), count: objects.count))
        DispatchQueue.concurrentPerform(iterations: objects.count) { i in
            let result: Result<JSON?, TargetError>
            do throws(TargetError) {
                result = .success(try get(objects[i]))
            } catch {
                result = .failure(error)
            }
            results.withLock { $0[i] = result }
        }
        var out: [JSON?] = []
        out.reserveCapacity(objects.count)
        for result in results.withLock({ $0 }) {
            switch result {
            case .success(let object): out.append(object)
            case .failure(let error): throw error
            }
        }
        return out
    }

    /// Server-side apply of the object with this release's marks; the object as the server answers it. With
    /// `markConflictsMeanUpdate`, a conflict on nothing but the ownership marks gives nil instead of an error.
    private func write(
        _ object: KubeManifestObject, tenant: String, options: ApplyOptions, report: ApplyReport,
        markConflictsMeanUpdate: Bool = false
    ) throws(TargetError) -> JSON? {
        guard let resource = object.resource else { throw Self.unknownKind(object.ref, server: client.server, partial: report) }
        let body = KubeApplyPlan.marked(object.body, release: tenant, recordsNamespace: recordsNamespace)
        do {
            return try client.apply(
                resource, object: body, namespace: resource.namespaced ? object.ref.namespace : nil,
                fieldManager: fieldManager, force: options.forceConflicts, dryRun: options.dryRun)
        } catch {
            if markConflictsMeanUpdate, error.status == 409, !error.causes.isEmpty,
                error.causes.allSatisfy({ KubeApplyPlan.markFieldPaths.contains($0.field) })
            {
                return nil
            }
            if error.status == 409, !error.causes.isEmpty, !options.forceConflicts,
                error.causes.allSatisfy({ KubeApplyErrors.quotedName(in: $0.message) == Self.helmFieldManager })
            {
                // The fields are Helm's only: this release was upgraded or rolled back with `helm` (same release,
                // same marks). Taking them back is the release going on, not a conflict with someone else.
                do {
                    return try client.apply(
                        resource, object: body, namespace: resource.namespaced ? object.ref.namespace : nil,
                        fieldManager: fieldManager, force: true, dryRun: options.dryRun)
                } catch {
                    throw KubeApplyErrors.targetError(error, object: object.ref, doing: "cannot apply", partial: report)
                }
            }
            throw KubeApplyErrors.targetError(error, object: object.ref, doing: "cannot apply", partial: report)
        }
    }

    /// Puts this release's marks on an object being adopted, by a merge patch: its previous marks may be owned
    /// by another field manager (Helm's `helm`, kubectl), and changing them by server-side apply would be a
    /// conflict. After it, the apply sets the same values and shares the fields.
    private func takeOver(_ object: KubeManifestObject, tenant: String, options: ApplyOptions, report: ApplyReport)
        throws(TargetError)
    {
        guard let resource = object.resource else { return }
        let marks = KubeApplyPlan.marked(.object([]), release: tenant, recordsNamespace: recordsNamespace)
        do {
            _ = try client.patch(
                resource, name: object.ref.name, namespace: resource.namespaced ? object.ref.namespace : nil,
                type: .merge, patch: marks, fieldManager: fieldManager, dryRun: options.dryRun)
        } catch {
            throw KubeApplyErrors.targetError(error, object: object.ref, doing: "cannot take over", partial: report)
        }
    }

    /// Deletes the object in the background (its dependents are collected by the garbage collector); false
    /// when it was already gone.
    private func delete(_ object: KubeManifestObject, dryRun: Bool, report: ApplyReport) throws(TargetError) -> Bool {
        guard let resource = object.resource else { return false }
        do {
            try client.delete(
                resource, name: object.ref.name, namespace: resource.namespaced ? object.ref.namespace : nil,
                propagationPolicy: .background, dryRun: dryRun)
            return true
        } catch {
            if error.isNotFound { return false }
            throw KubeApplyErrors.targetError(error, object: object.ref, doing: "cannot delete", partial: report)
        }
    }

    /// Waits until each new CRD is `Established`, then drops the cached discovery so that their kinds resolve.
    private func waitUntilServed(_ crds: [KubeManifestObject], report: ApplyReport) throws(TargetError) {
        for crd in crds {
            guard let resource = crd.resource else { continue }
            do {
                try client.poll(resource, name: crd.ref.name, interval: 0.1, timeout: crdTimeout) { live in
                    (live?[["status", "conditions"]]?.array ?? []).contains {
                        $0["type"]?.string == "Established" && $0["status"]?.string == "True"
                    }
                }
            } catch {
                throw KubeApplyErrors.targetError(
                    error, object: crd.ref, doing: "waiting for the server to serve", partial: report)
            }
        }
        client.invalidateDiscovery()
    }

    // MARK: Helpers

    /// `group/Kind` a CRD object defines.
    private static func definedKind(_ crd: KubeManifestObject) -> String? {
        guard let group = crd.body[["spec", "group"]]?.string, let kind = crd.body[["spec", "names", "kind"]]?.string
        else { return nil }
        return "\(group)/\(kind)"
    }

    /// Helm's `resource mapping not found … ensure CRDs are installed first`, in our words.
    private static func unknownKind(_ ref: KubeObjectRef, server: String, partial: ApplyReport? = nil) -> TargetError {
        var message =
            "cannot apply \(ref): the API server \(server) has no kind \(KubeApplyPlan.goQuoted(ref.kind)) in version "
            + "\(KubeApplyPlan.goQuoted(ref.apiVersion)) (no matches for kind); ensure CRDs are installed first, or use an "
            + "apiVersion the server serves"
        if let partial, partial.changed { message += KubeApplyErrors.partialNote(partial) }
        return TargetError(.rejected, message, partial: partial?.changed == true ? partial : nil)
    }

    enum Change { case created, updated, unchanged }

    /// What an apply did to an object: created when it did not exist; unchanged when the server kept its
    /// resourceVersion (a no-op apply writes nothing); also unchanged when the object changed only where the
    /// apply does not write (a controller's status or annotations, between our GET and the PATCH): every
    /// field of `sent` holds the value it held before, and this field manager's apply entry owns the same
    /// fields (a field the chart dropped would leave it). Else updated. A dry run keeps the resourceVersion,
    /// so only the second rule decides there.
    static func change(before: JSON?, after: JSON, sent: JSON, fieldManager: String, dryRun: Bool) -> Change {
        guard let before else { return .created }
        if !dryRun, let a = before[["metadata", "resourceVersion"]], a == after[["metadata", "resourceVersion"]] {
            return .unchanged
        }
        let same =
            project(before, onto: sent) == project(after, onto: sent)
            && appliedFields(before, fieldManager) == appliedFields(after, fieldManager)
        return same ? .unchanged : .updated
    }

    /// `value` cut down to the members `shape` has, object by object (lists and scalars are taken whole).
    static func project(_ value: JSON, onto shape: JSON) -> JSON {
        guard case .object(let members) = shape, case .object = value else { return value }
        return .object(members.map { key, sub in (key, value[key].map { project($0, onto: sub) } ?? .null) })
    }

    /// The `fieldsV1` of `manager`'s Apply entry in `metadata.managedFields` (nil when it has none).
    static func appliedFields(_ object: JSON, _ manager: String) -> JSON? {
        (object[["metadata", "managedFields"]]?.array ?? []).first {
            $0["manager"]?.string == manager && $0["operation"]?.string == "Apply"
        }?["fieldsV1"]
    }
}
