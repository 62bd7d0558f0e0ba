// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import ReleaseUtil
import Synchronization

/// The shared store in the cluster itself: each revision a Secret in Helm v4's own storage format, so that
/// `helm list`, `helm history` and `helm rollback` read tenantctl's releases and tenantctl reads Helm's; tenant
/// leases as `coordination.k8s.io/v1` Leases beside them.
///
/// **Records** (helm/helm pkg/storage/driver/secrets.go, checked against what helm v4.1.4 writes on the test
/// cluster, `Tests/ReleaseStoreTests/Data/helm-v4.1.4-secrets-acme.json`):
/// - one Secret per revision in the records namespace: name `sh.helm.release.v1.<tenant>.v<revision>`, type
///   `helm.sh/release.v1`, labels `name`, `owner=helm`, `status`, `version`, plus `createdAt` (Unix seconds)
///   when created, or `modifiedAt` when updated — Helm's `Update` rebuilds the labels from the release, so an
///   updated Secret carries `modifiedAt` and no `createdAt`; we write the same.
/// - `data.release` holds the ``HelmRecord`` text (base64 of the gzip of the JSON) **as the Secret's bytes**:
///   Helm stores `encodeRelease`'s base64 text as `[]byte`, so the API shows it base64-encoded once more.
/// - ``Release/labels`` are Helm's custom labels (`helm install --labels tier=premium`), kept as Secret labels
///   exactly as Helm keeps them (the PostgreSQL store keeps them in `custom_labels_v1` the same way); a label
///   that is one of Helm's reserved names or not a valid Kubernetes label stays only in the record's
///   `tenantctl` object (``HelmRecord``), so nothing is lost.
/// - A record of more than the API server's 1 MiB Secret limit is refused before anything is written.
///
/// **Reading.** ``query(_:)`` selects by label (`owner=helm`, `name=<tenant>`, `status in (…)`). With
/// `latestOnly` it first lists only the Secrets' metadata (`PartialObjectMetadataList`: labels, no data),
/// picks each tenant's highest revision by its `version` label, and fetches and decodes only those: `list` of
/// many tenants never unzips their history (Helm's `helm list` decodes every revision, helm/helm#8008). A
/// record that cannot be decoded (Helm's or corrupted) is one ``StoreError/Code/incompatible`` naming the
/// Secret; ``scan(_:)`` returns the readable records plus those errors, and ``query(_:)`` throws the first —
/// the same contract as ``PostgresDriver``.
///
/// **Writing without transactions.** The Kubernetes API changes one object at a time, so
/// ``commit(_:fence:)`` is made as close to all-or-nothing as the API allows:
/// 1. Everything that can be checked is checked before the first write: each record encodes and fits the
///    limit; the tenant's Secrets are listed and the batch is replayed over them, so an `alreadyExists` or
///    `notFound` of any change refuses the whole batch with nothing written.
/// 2. The batch is reduced to its net effect per key and written in a recoverable order: **creates first**
///    (a new, usually pending, revision appears before anything older changes), then **updates from the
///    highest revision down** (the new revision's outcome before the older ones step down to `superseded`:
///    a stop in between leaves two `deployed` revisions, of which ``Storage/lastDeployed(_:)`` and Helm take
///    the highest), then **deletes** (history pruning: a stop before them leaves extra history, pruned by the
///    next commit). Updates and deletes carry the `resourceVersion` read in step 1, so a concurrent writer's
///    change is a conflict, never overwritten.
/// 3. When a write fails part-way, the writes already made are undone (created Secrets deleted, updated ones
///    put back, deleted ones re-created), each with its own precondition; the error says whether the undo
///    completed. Only a failure of both the write and its undo (the API server gone in between) leaves a
///    partial batch — one of the states of step 2, which ``Storage`` and the lifecycle recover from (a pending
///    latest revision is settled by the next mutating command).
///
/// **Leases and the fence.** A Lease `tenantctl-lease-<tenant>` per tenant: `holderIdentity` the holder id,
/// `acquireTime` the start, `leaseDurationSeconds` the lifetime, `renewTime` + duration the expiry (exact
/// expiry, operation, host name and pid in `tenantctl.io/` annotations). Acquire is a create; an existing
/// lease is taken over only by an update carrying the `resourceVersion` read (so of several takers exactly
/// one wins, the others get 409 and report the winner); renew is the same compare-and-set on our holder id;
/// release a delete with a `resourceVersion` precondition. A fenced ``commit(_:fence:)`` reads the Lease,
/// compares `holderIdentity`, and then writes the Lease (a `tenantctl.io/last-write` stamp) with the
/// `resourceVersion` it read before any record: a takeover between the read and the records is detected (409,
/// re-read, ``StoreError/Code/leaseLost`` naming the new holder), and a taker that read the Lease before our
/// stamp fails its own compare-and-set. What no API without transactions closes is a takeover *during* the
/// record writes, which needs the lease to have expired while its holder was writing; the holder's renewer
/// and ``Storage/verifyLease(_:)`` before touching the target keep that window to one batch of writes.
///
/// The records namespace is created on the first write that finds it missing (`AlreadyExists` tolerated; a
/// 403 on creation reported with the 404 that asked for it): read-only commands never write.
public final class KubernetesDriver: ReleaseDriver, LeaseDriver, Sendable {
    /// The records namespace when none is given (Helm's `-n` for `helm list`).
    public static let defaultNamespace = "tenantctl-system"
    /// The API server's limit on a Secret's data (`MaxSecretSize`, 1 MiB): a bigger record is refused.
    public static let maxRecordBytes = 1_048_576
    /// The name prefix of tenant Leases: `tenantctl-lease-<tenant>`.
    public static let leasePrefix = "tenantctl-lease-"
    static let secrets = ResourceRef(group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true)
    static let leases = ResourceRef(
        group: "coordination.k8s.io", version: "v1", resource: "leases", kind: "Lease", namespaced: true)
    static let namespaces = ResourceRef(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)

    /// Annotation and label keys of our Leases.
    enum Key {
        static let tenant = "tenantctl.io/tenant"
        static let operation = "tenantctl.io/operation"
        static let hostname = "tenantctl.io/hostname"
        static let pid = "tenantctl.io/pid"
        static let expiresAt = "tenantctl.io/expires-at"
        static let lastWrite = "tenantctl.io/last-write"
    }

    /// The client every request goes through.
    public let client: KubeClient
    /// The records namespace: where every Secret and Lease of this driver lives.
    public let namespace: String
    private let namespaceReady = Atomic<Bool>(false)

    /// `kubernetes`.
    public var name: String { "kubernetes" }

    /// A driver over `client`'s cluster, keeping records in `namespace`. Sends no request: the namespace is
    /// created by the first write that needs it.
    /// - Throws: ``StoreError/Code/invalidArgument`` when `namespace` is not a DNS-1123 label.
    public init(client: KubeClient, namespace: String = KubernetesDriver.defaultNamespace) throws(StoreError) {
        guard KubeLabels.isDNSLabel(namespace) else {
            throw StoreError(
                .invalidArgument,
                "records namespace \(goQuote(namespace)) is not a valid namespace name (a DNS-1123 label: at most 63 "
                    + "lower-case letters, digits and '-', starting and ending with a letter or digit)")
        }
        self.client = client
        self.namespace = namespace
    }

    // MARK: Errors

    /// `Secret tenantctl-system/sh.helm.release.v1.acme.v3 on https://10.0.0.1:6443`, for messages.
    func secretName(_ key: String) -> String { "Secret \(namespace)/\(key) on \(client.server)" }

    private func failure(_ doing: String, _ error: KubeError, tenant: String? = nil, revision: Int? = nil) -> StoreError {
        StoreError(.database, "Kubernetes store: \(doing): \(error.description)", tenant: tenant, revision: revision)
    }

    /// Runs a write; when it fails because the records namespace does not exist, creates the namespace and
    /// runs it once more.
    private func writing<T>(_ body: () throws(KubeError) -> T) throws(KubeError) -> T {
        do {
            return try body()
        } catch {
            guard !namespaceReady.load(ordering: .relaxed), isMissingNamespace(error) else { throw error }
            try ensureNamespace(after: error)
            return try body()
        }
    }

    /// A 404 that names our namespace (`namespaces "tenantctl-system" not found`), not the object.
    private func isMissingNamespace(_ error: KubeError) -> Bool {
        error.isNotFound && error.message.contains("namespaces \"\(namespace)\" not found")
    }

    private func ensureNamespace(after missing: KubeError) throws(KubeError) {
        let object = JSON.object([
            ("apiVersion", .string("v1")), ("kind", .string("Namespace")),
            ("metadata", .object([("name", .string(namespace))])),
        ])
        do {
            _ = try client.create(Self.namespaces, object: object)
        } catch {
            // Created meanwhile by another runner; or we may not create namespaces (a namespaced CI role) —
            // then the namespace exists unless the write said otherwise, which is what we report.
            if !error.isAlreadyExists {
                var e = error
                e.message = "the records namespace \(goQuote(namespace)) does not exist (\(missing.message)) and cannot be created: \(error.message)"
                throw e
            }
        }
        namespaceReady.store(true, ordering: .relaxed)
    }

    // MARK: Secrets

    /// The Secret of `release` with `body` (its ``HelmRecord`` text) and Helm's labels; `createdAt` on create,
    /// `modifiedAt` on update (Helm's `Create`/`Update`).
    func secret(_ release: Release, body: String, creating: Bool, resourceVersion: String? = nil, now: Date = Date()) -> JSON {
        var labels: [(String, JSON)] = KubeLabels.valid(HelmRecord.customLabels(release)).sorted { $0.key < $1.key }
            .map { ($0.key, .string($0.value)) }
        labels.append((creating ? "createdAt" : "modifiedAt", .string(String(Int64(now.timeIntervalSince1970)))))
        labels += [
            ("name", .string(release.tenant)), ("owner", .string(HelmRecord.owner)),
            ("status", .string(release.status.rawValue)), ("version", .string(String(release.revision))),
        ]
        var metadata: [(String, JSON)] = [
            ("name", .string(HelmRecord.key(release.key))), ("namespace", .string(namespace)), ("labels", .object(labels)),
        ]
        if let resourceVersion { metadata.append(("resourceVersion", .string(resourceVersion))) }
        return .object([
            ("apiVersion", .string("v1")), ("kind", .string("Secret")), ("metadata", .object(metadata)),
            ("type", .string(HelmRecord.type)),
            // Helm's []byte(encodeRelease(...)): the base64 text is the data, base64-encoded again by the API.
            ("data", .object([("release", .string(Data(body.utf8).base64EncodedString()))])),
        ])
    }

    /// Encodes `release` and checks it against the Secret limit.
    func encode(_ release: Release) throws(StoreError) -> String {
        try validate(release)
        guard KubeLabels.isDNSSubdomain(HelmRecord.key(release.key)), KubeLabels.isLabelValue(release.tenant) else {
            throw StoreError(
                .invalidArgument,
                "release: tenant name \(goQuote(release.tenant)) cannot name a Secret (\(HelmRecord.key(release.key)) "
                    + "must be a DNS-1123 subdomain, and the tenant a label value of at most 63 characters)",
                tenant: release.tenant, revision: release.revision)
        }
        let body = try HelmRecord.encode(release, namespace: namespace)
        if body.utf8.count > Self.maxRecordBytes {
            throw StoreError(
                .invalidArgument,
                "release \(goQuote(release.tenant)) revision \(release.revision) is too big for the Kubernetes store: its "
                    + "record \(HelmRecord.key(release.key)) is \(body.utf8.count) bytes (gzipped and base64-encoded), over "
                    + "the API server's limit of \(Self.maxRecordBytes) bytes (1 MiB) for a Secret; nothing was written",
                tenant: release.tenant, revision: release.revision)
        }
        return body
    }

    /// Decodes one Secret (full object); the error names it, and the tenant and revision its name gives.
    func decode(_ secret: JSON) throws(StoreError) -> Release {
        let key = secret[["metadata", "name"]]?.string ?? ""
        let record = secretName(key)
        do throws(StoreError) {
            guard let data = secret[["data", "release"]]?.string else {
                throw StoreError(.incompatible, "release record \(record) is unreadable: it has no data.release")
            }
            guard let bytes = Data(base64Encoded: data) else {
                throw StoreError(.incompatible, "release record \(record) is unreadable: data.release is not base64")
            }
            let labels = KubeLabels.strings(secret[["metadata", "labels"]]).filter { !HelmRecord.reservedLabels.contains($0.key) }
            let release = try HelmRecord.decode(String(decoding: bytes, as: UTF8.self), labels: labels, record: record)
            guard HelmRecord.key(release.key) == key else {
                throw StoreError(
                    .incompatible,
                    "release record \(record) is unreadable: its body is release \(goQuote(release.tenant)) revision \(release.revision)")
            }
            return release
        } catch {
            var e = error
            if let parsed = PostgresDriver.parseKey(key) {
                e.tenant = e.tenant ?? parsed.tenant
                e.revision = e.revision ?? parsed.revision
            }
            throw e
        }
    }

    /// The label selector of a tenant's (or every tenant's) records.
    private func selector(tenant: String?, statuses: Set<ReleaseStatus>? = nil) -> String {
        var s = "owner=\(HelmRecord.owner)"
        if let tenant { s += ",name=\(tenant)" }
        if let statuses { s += ",status in (" + statuses.map(\.rawValue).sorted().joined(separator: ",") + ")" }
        return s
    }

    /// A revision as its labels tell it: tenant, revision, status (nil for a Secret whose labels are not Helm's).
    private static func labelled(_ object: JSON) -> (key: ReleaseKey, status: String, name: String)? {
        let labels = KubeLabels.strings(object[["metadata", "labels"]])
        guard let tenant = labels["name"], let revision = labels["version"].flatMap({ Int($0) }) else { return nil }
        return (ReleaseKey(tenant: tenant, revision: revision), labels["status"] ?? "", object[["metadata", "name"]]?.string ?? "")
    }

    // MARK: ReleaseDriver

    public func create(_ release: Release) throws(StoreError) { try commit([.create(release)]) }

    public func update(_ release: Release) throws(StoreError) { try commit([.update(release)]) }

    public func get(_ key: ReleaseKey) throws(StoreError) -> Release {
        guard !key.tenant.isEmpty else { throw .notFound(key) }
        let name = HelmRecord.key(key)
        let object: JSON
        do {
            object = try client.get(Self.secrets, name: name, namespace: namespace)
        } catch {
            if error.isNotFound { throw .notFound(key) }
            throw failure("reading \(name)", error, tenant: key.tenant, revision: key.revision)
        }
        return try decode(object)
    }

    public func query(_ query: ReleaseQuery) throws(StoreError) -> [Release] {
        let result = try scan(query)
        if let first = result.unreadable.first { throw first }
        return result.releases
    }

    /// ``query(_:)`` that does not stop at an unreadable record: the records it could decode and one error per
    /// Secret it could not (naming the Secret, with its tenant and revision) — so that a history is shown with
    /// the corrupt revision reported beside the rest.
    public func scan(_ query: ReleaseQuery) throws(StoreError) -> ReleaseScan {
        if let statuses = query.statuses, statuses.isEmpty { return ReleaseScan(releases: [], unreadable: []) }
        if let tenant = query.tenant, !KubeLabels.isLabelValue(tenant) { return ReleaseScan(releases: [], unreadable: []) }
        var objects: [JSON]
        if query.latestOnly {
            objects = try latestSecrets(query)
        } else {
            do {
                objects = try client.listAll(
                    Self.secrets, namespace: namespace, labelSelector: selector(tenant: query.tenant, statuses: query.statuses))
            } catch {
                throw failure("listing release records", error, tenant: query.tenant)
            }
        }
        var out = ReleaseScan(releases: [], unreadable: [])
        for object in objects {
            do throws(StoreError) {
                let r = try decode(object)
                if query.matches(r) { out.releases.append(r) }
            } catch {
                out.unreadable.append(error)
            }
        }
        // Byte order of the tenant, then the revision (as every driver sorts).
        out.releases.sort { a, b in a.tenant == b.tenant ? a.revision < b.revision : Array(a.tenant.utf8).lexicographicallyPrecedes(b.tenant.utf8) }
        out.unreadable.sort { ($0.tenant ?? "", $0.revision ?? 0) < ($1.tenant ?? "", $1.revision ?? 0) }
        return out
    }

    /// The Secrets of each tenant's highest revision (whose status passes the filter), found by their labels
    /// alone and then fetched: one GET each for a few, else one list of the candidates' bodies.
    private func latestSecrets(_ query: ReleaseQuery) throws(StoreError) -> [JSON] {
        // Latest revisions are rarely superseded: the candidates are those that are not (or those in the asked
        // statuses). Across every tenant there are many, so their list runs beside the labels' list (one
        // round trip of time); for one tenant a GET of its latest revision is cheaper.
        var candidateSelector = selector(tenant: query.tenant, statuses: query.statuses)
        if query.statuses == nil { candidateSelector += ",status!=\(ReleaseStatus.superseded.rawValue)" }
        let candidates =
            query.tenant == nil
            ? Background { [client, namespace, candidateSelector] () throws(KubeError) -> [JSON] in
                try client.listAll(Self.secrets, namespace: namespace, labelSelector: candidateSelector, pageSize: 2000)
            } : nil
        let metadata: [JSON]
        do {
            metadata = try client.listAllMetadata(Self.secrets, namespace: namespace, labelSelector: selector(tenant: query.tenant))
        } catch {
            _ = candidates?.result()
            throw failure("listing release records", error, tenant: query.tenant)
        }
        var latest: [String: (revision: Int, status: String, name: String)] = [:]
        for object in metadata {
            guard let l = Self.labelled(object) else { continue }
            if let current = latest[l.key.tenant], current.revision >= l.key.revision { continue }
            latest[l.key.tenant] = (l.key.revision, l.status, l.name)
        }
        var wanted = latest.values.filter { entry in
            guard let statuses = query.statuses else { return true }
            return statuses.contains { $0.rawValue == entry.status }
        }.map(\.name)
        wanted.sort()
        var found: [JSON] = []
        if let candidates {
            let names = Set(wanted)
            switch candidates.result() {
            case .success(let objects): found = objects.filter { names.contains($0[["metadata", "name"]]?.string ?? "") }
            case .failure(let error): throw failure("listing release records", error, tenant: query.tenant)
            }
            let have = Set(found.compactMap { $0[["metadata", "name"]]?.string })
            wanted = wanted.filter { !have.contains($0) }
        }
        for name in wanted {
            do {
                found.append(try client.get(Self.secrets, name: name, namespace: namespace))
            } catch {
                // Deleted between the two reads: as if the list had not seen it.
                if error.isNotFound { continue }
                throw failure("reading \(name)", error, tenant: query.tenant)
            }
        }
        return found
    }

    public func delete(_ key: ReleaseKey) throws(StoreError) -> Release {
        let existing = try get(key)
        try commit([.delete(key)])
        return existing
    }

    /// What a Secret looked like before the batch: its resourceVersion and labels (nil: it did not exist).
    private struct Before {
        var resourceVersion: String
        var object: JSON
    }

    public func commit(_ changes: [ReleaseChange], fence: LeaseFence?) throws(StoreError) {
        // 1. Encode every record first: a bad or oversized one refuses the batch before any request.
        var bodies: [ReleaseKey: String] = [:]
        for change in changes {
            switch change {
            case .create(let r), .update(let r): bodies[r.key] = try encode(r)
            case .delete: break
            }
        }
        // The state of every tenant the batch touches.
        var before: [ReleaseKey: Before] = [:]
        var tenants: [String] = []
        for change in changes where !tenants.contains(change.key.tenant) { tenants.append(change.key.tenant) }
        for tenant in tenants where KubeLabels.isLabelValue(tenant) && !tenant.isEmpty {
            let objects: [JSON]
            do {
                objects = try client.listAll(Self.secrets, namespace: namespace, labelSelector: selector(tenant: tenant))
            } catch {
                throw failure("reading the records of \(goQuote(tenant))", error, tenant: tenant)
            }
            for object in objects {
                guard let l = Self.labelled(object), l.name == HelmRecord.key(l.key) else { continue }
                before[l.key] = Before(resourceVersion: object[["metadata", "resourceVersion"]]?.string ?? "", object: object)
            }
        }
        // Replay the batch over it: any contract error refuses the whole batch, nothing written.
        var final: [ReleaseKey: Release?] = [:]
        var order: [ReleaseKey] = []
        func exists(_ k: ReleaseKey) -> Bool {
            if let f = final[k] { return f != nil }
            return before[k] != nil
        }
        for change in changes {
            let k = change.key
            switch change {
            case .create(let r):
                if exists(k) { throw .alreadyExists(k) }
                final[k] = .some(r)
            case .update(let r):
                if !exists(k) { throw .notFound(k) }
                final[k] = .some(r)
            case .delete:
                if !exists(k) { throw .notFound(k) }
                final[k] = .some(nil)
            }
            if !order.contains(k) { order.append(k) }
        }
        // 2. The net effect, in the recoverable order.
        var creates: [Release] = [], updates: [Release] = [], deletes: [ReleaseKey] = []
        for k in order {
            switch (before[k] != nil, final[k] ?? nil) {
            case (false, let r?): creates.append(r)
            case (true, let r?): updates.append(r)
            case (true, nil): deletes.append(k)
            case (false, nil): break
            }
        }
        updates.sort { $0.revision > $1.revision }
        if let fence { try checkFence(fence) }
        var undo: [Undo] = []
        do throws(StoreError) {
            let now = Date()
            for r in creates {
                let name = HelmRecord.key(r.key)
                let made: JSON
                do {
                    made = try writing { () throws(KubeError) -> JSON in
                        try client.create(Self.secrets, object: secret(r, body: bodies[r.key] ?? "", creating: true, now: now), namespace: namespace)
                    }
                } catch {
                    if error.isAlreadyExists { throw .alreadyExists(r.key) }
                    throw failure("creating \(name)", error, tenant: r.tenant, revision: r.revision)
                }
                undo.append(.created(name, made[["metadata", "resourceVersion"]]?.string ?? ""))
            }
            for r in updates {
                let name = HelmRecord.key(r.key)
                guard let was = before[r.key] else { continue }
                let made: JSON
                do {
                    made = try client.update(
                        Self.secrets,
                        object: secret(r, body: bodies[r.key] ?? "", creating: false, resourceVersion: was.resourceVersion, now: now),
                        namespace: namespace)
                } catch {
                    if error.isNotFound { throw .notFound(r.key) }
                    if error.isConflict {
                        throw StoreError(
                            .database,
                            "Kubernetes store: \(secretName(name)) was changed by another writer while this one wrote it "
                                + "(resourceVersion \(was.resourceVersion) is stale)", tenant: r.tenant, revision: r.revision)
                    }
                    throw failure("updating \(name)", error, tenant: r.tenant, revision: r.revision)
                }
                undo.append(.updated(was.object, made[["metadata", "resourceVersion"]]?.string ?? ""))
            }
            for k in deletes {
                let name = HelmRecord.key(k)
                guard let was = before[k] else { continue }
                do {
                    try client.delete(Self.secrets, name: name, namespace: namespace, resourceVersion: was.resourceVersion)
                } catch {
                    if error.isNotFound { throw .notFound(k) }
                    if error.isConflict {
                        throw StoreError(
                            .database,
                            "Kubernetes store: \(secretName(name)) was changed by another writer before this one deleted it",
                            tenant: k.tenant, revision: k.revision)
                    }
                    throw failure("deleting \(name)", error, tenant: k.tenant, revision: k.revision)
                }
                undo.append(.deleted(was.object))
            }
        } catch {
            throw rollBack(undo, after: error)
        }
    }

    /// A write to take back when a later one of its batch fails.
    private enum Undo {
        /// Created: delete it (if it is still what we wrote).
        case created(String, String)
        /// Updated from this object: put it back (if it is still what we wrote).
        case updated(JSON, String)
        /// Deleted: create it again.
        case deleted(JSON)
    }

    /// Undoes `undo` newest first; returns `error`, its message saying whether the batch was taken back whole.
    private func rollBack(_ undo: [Undo], after error: StoreError) -> StoreError {
        guard !undo.isEmpty else { return error }
        var failed: [String] = []
        for step in undo.reversed() {
            do {
                switch step {
                case .created(let name, let rv):
                    try client.delete(Self.secrets, name: name, namespace: namespace, resourceVersion: rv)
                case .updated(let object, let rv):
                    _ = try client.update(Self.secrets, object: Self.restorable(object, resourceVersion: rv), namespace: namespace)
                case .deleted(let object):
                    _ = try client.create(Self.secrets, object: Self.restorable(object, resourceVersion: nil), namespace: namespace)
                }
            } catch {
                failed.append(error.description)
            }
        }
        var e = error
        if failed.isEmpty {
            e.message += " (the \(undo.count) write(s) of the batch made before it were undone)"
        } else {
            e.message +=
                "; undoing the batch's earlier writes also failed, so it is applied in part (the next mutating command "
                + "settles it): " + failed.joined(separator: "; ")
        }
        return e
    }

    /// A Secret as read, made fit to write back: server-set metadata dropped, `resourceVersion` set or removed.
    static func restorable(_ object: JSON, resourceVersion: String?) -> JSON {
        let metadata = object["metadata"]?.members ?? []
        var kept = metadata.filter { ["name", "namespace", "labels", "annotations"].contains($0.0) }
        if let resourceVersion { kept.append(("resourceVersion", .string(resourceVersion))) }
        // Items of a list come without apiVersion and kind.
        return object.setting("apiVersion", .string("v1")).setting("kind", .string("Secret")).setting("metadata", .object(kept))
    }

    // MARK: Promotion records

    /// The name prefix of promotion records: `tenantctl.promotion.<id>`.
    public static let promotionPrefix = "tenantctl.promotion."
    /// The Secret type of promotion records (not Helm's `helm.sh/release.v1`).
    public static let promotionType = "tenantctl.io/promotion.v1"
    /// The label selector of promotion records: `owner=tenantctl` (Helm lists only `owner=helm`, so `helm list`
    /// never sees them) and `tenantctl.io/record=promotion`.
    public static let promotionSelector = "owner=tenantctl,tenantctl.io/record=promotion"

    /// The Secret name of promotion `id`: `tenantctl.promotion.<id>` when the id is already a lower-case DNS
    /// label; otherwise the id lower-cased, with every other character a `-`, cut to fit, and a hash of the
    /// exact id appended (FNV-1a, 64 bits), so that ids differing only in case never share a Secret. The exact
    /// id is in the `tenantctl.io/promotion-id` annotation.
    static func promotionSecretName(_ id: String) -> String {
        if KubeLabels.isDNSLabel(id) { return promotionPrefix + id }
        var segment = String(
            id.lowercased().unicodeScalars.map { c -> Character in
                (c >= "a" && c <= "z") || (c >= "0" && c <= "9") ? Character(c) : "-"
            })
        segment = String(segment.prefix(45))
        while segment.hasSuffix("-") { segment.removeLast() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        let suffix = String(repeating: "0", count: 16 - hex.count) + hex
        return promotionPrefix + (segment.isEmpty ? "" : segment + "-") + suffix
    }

    /// The Secret of a promotion record: `data.record` the gzip of its JSON, checked against the 1 MiB limit.
    func promotionSecret(_ promotion: StoredPromotion, resourceVersion: String? = nil) throws(StoreError) -> JSON {
        let name = Self.promotionSecretName(promotion.id)
        let body = try Gzip.compress(Array(promotion.json.utf8), record: secretName(name))
        if body.count > Self.maxRecordBytes {
            throw StoreError(
                .invalidArgument,
                "promotion record \(goQuote(promotion.id)) is too big for the Kubernetes store: its Secret \(name) would "
                    + "hold \(body.count) bytes (gzipped), over the API server's limit of \(Self.maxRecordBytes) bytes (1 MiB) "
                    + "for a Secret; nothing was written")
        }
        var metadata: [(String, JSON)] = [
            ("name", .string(name)), ("namespace", .string(namespace)),
            ("labels", .object([("owner", .string("tenantctl")), ("tenantctl.io/record", .string("promotion"))])),
            (
                "annotations",
                .object([
                    ("tenantctl.io/promotion-id", .string(promotion.id)),
                    ("tenantctl.io/started-at", .string(Timestamp.format(promotion.startedAt))),
                ])
            ),
        ]
        if let resourceVersion { metadata.append(("resourceVersion", .string(resourceVersion))) }
        return .object([
            ("apiVersion", .string("v1")), ("kind", .string("Secret")), ("metadata", .object(metadata)),
            ("type", .string(Self.promotionType)),
            ("data", .object([("record", .string(Data(body).base64EncodedString()))])),
        ])
    }

    /// Reads a promotion record's Secret; the error names the Secret.
    func decodePromotion(_ secret: JSON) throws(StoreError) -> StoredPromotion {
        let name = secret[["metadata", "name"]]?.string ?? ""
        func bad(_ why: String) -> StoreError {
            StoreError(.incompatible, "promotion record \(secretName(name)) is unreadable: \(why)")
        }
        let annotations = KubeLabels.strings(secret[["metadata", "annotations"]])
        guard let id = annotations["tenantctl.io/promotion-id"], !id.isEmpty else {
            throw bad("it has no tenantctl.io/promotion-id annotation")
        }
        guard let started = annotations["tenantctl.io/started-at"].flatMap(Timestamp.parse) else {
            throw bad("it has no readable tenantctl.io/started-at annotation")
        }
        guard let data = secret[["data", "record"]]?.string, let bytes = Data(base64Encoded: data) else {
            throw bad("data.record is missing or not base64")
        }
        let json: [UInt8]
        do throws(StoreError) {
            json = try Gzip.decompress(Array(bytes), record: secretName(name))
        } catch {
            throw bad("data.record is not a gzip stream")
        }
        return StoredPromotion(id: id, startedAt: started, json: String(decoding: json, as: UTF8.self))
    }

    public func savePromotion(_ promotion: StoredPromotion) throws(StoreError) {
        let name = Self.promotionSecretName(promotion.id)
        let object = try promotionSecret(promotion)
        for _ in 0..<8 {
            do {
                _ = try writing { () throws(KubeError) -> JSON in
                    try client.create(Self.secrets, object: object, namespace: namespace)
                }
                return
            } catch {
                guard error.isAlreadyExists else { throw failure("creating \(secretName(name))", error) }
            }
            // There already: replace it, with the resourceVersion read (a concurrent save is a conflict: again).
            let existing: JSON
            do {
                existing = try client.get(Self.secrets, name: name, namespace: namespace)
            } catch {
                if error.isNotFound { continue }
                throw failure("reading \(secretName(name))", error)
            }
            let owner = KubeLabels.strings(existing[["metadata", "annotations"]])["tenantctl.io/promotion-id"]
            if owner != promotion.id {
                throw StoreError(
                    .database,
                    "Kubernetes store: \(secretName(name)) holds promotion \(goQuote(owner ?? "")), not \(goQuote(promotion.id)); "
                        + "nothing was written")
            }
            let replacement = try promotionSecret(promotion, resourceVersion: Self.resourceVersion(existing))
            do {
                _ = try client.update(Self.secrets, object: replacement, namespace: namespace)
                return
            } catch {
                guard error.isConflict || error.isNotFound else { throw failure("updating \(secretName(name))", error) }
            }
        }
        throw StoreError(.database, "Kubernetes store: \(secretName(name)) kept changing while it was being written")
    }

    public func promotions() throws(StoreError) -> [StoredPromotion] {
        let objects: [JSON]
        do {
            objects = try client.listAll(Self.secrets, namespace: namespace, labelSelector: Self.promotionSelector)
        } catch {
            if isMissingNamespace(error) { return [] }
            throw failure("listing promotion records", error)
        }
        var out: [StoredPromotion] = []
        for object in objects { out.append(try decodePromotion(object)) }
        return out.sorted(by: StoredPromotion.newestFirst)
    }

    public func promotion(id: String) throws(StoreError) -> StoredPromotion? {
        let name = Self.promotionSecretName(id)
        let object: JSON
        do {
            object = try client.get(Self.secrets, name: name, namespace: namespace)
        } catch {
            if error.isNotFound { return nil }
            throw failure("reading \(secretName(name))", error)
        }
        let found = try decodePromotion(object)
        return found.id == id ? found : nil
    }

    // MARK: LeaseDriver

    static func leaseName(_ tenant: String) -> String { leasePrefix + tenant }

    /// The Lease object of `lease` (with `resourceVersion` to replace an existing one).
    /// `duration` is the lifetime a renewal keeps (the Lease's `leaseDurationSeconds`); a new lease's is from
    /// its start to its expiry.
    func leaseObject(_ lease: Lease, resourceVersion: String? = nil, duration kept: Int? = nil, extra: [(String, JSON)] = []) -> JSON {
        // leaseDurationSeconds must be positive; renewTime + duration is the expiry (client-go's reading).
        let duration = max(1, kept ?? Int((lease.expiresAt.timeIntervalSince(lease.startedAt)).rounded(.up)))
        let renew = lease.expiresAt.addingTimeInterval(-Double(duration))
        var metadata: [(String, JSON)] = [
            ("name", .string(Self.leaseName(lease.tenant))), ("namespace", .string(namespace)),
            ("labels", .object([("app.kubernetes.io/managed-by", .string("tenantctl"))])),
            (
                "annotations",
                .object(
                    [
                        (Key.tenant, .string(lease.tenant)), (Key.operation, .string(lease.operation)),
                        (Key.hostname, .string(lease.hostname)), (Key.pid, .string(String(lease.pid))),
                        (Key.expiresAt, .string(Timestamp.format(lease.expiresAt))),
                    ] + extra)
            ),
        ]
        if let resourceVersion { metadata.append(("resourceVersion", .string(resourceVersion))) }
        return .object([
            ("apiVersion", .string("coordination.k8s.io/v1")), ("kind", .string("Lease")), ("metadata", .object(metadata)),
            (
                "spec",
                .object([
                    ("holderIdentity", .string(lease.holderID)), ("leaseDurationSeconds", .int(duration)),
                    ("acquireTime", .string(Timestamp.format(lease.startedAt))), ("renewTime", .string(Timestamp.format(renew))),
                ])
            ),
        ])
    }

    /// Reads a Lease object; nil when it holds no holder (released by a tool that empties it).
    func parseLease(_ object: JSON, tenant: String) throws(StoreError) -> Lease? {
        guard let holder = object[["spec", "holderIdentity"]]?.string, !holder.isEmpty else { return nil }
        let annotations = KubeLabels.strings(object[["metadata", "annotations"]])
        let started = object[["spec", "acquireTime"]]?.string.flatMap(HelmRecord.parseGoTime)
        var expires = annotations[Key.expiresAt].flatMap(Timestamp.parse)
        if expires == nil, let renew = object[["spec", "renewTime"]]?.string.flatMap(HelmRecord.parseGoTime) {
            expires = renew.addingTimeInterval(Double(object[["spec", "leaseDurationSeconds"]]?.int ?? 0))
        }
        guard let expires else {
            throw StoreError(
                .incompatible,
                "the Lease \(namespace)/\(Self.leaseName(tenant)) on \(client.server) has no readable renewTime or expiry",
                tenant: tenant)
        }
        return Lease(
            tenant: tenant, holderID: holder, operation: annotations[Key.operation] ?? "",
            hostname: annotations[Key.hostname] ?? "", pid: Int32(annotations[Key.pid] ?? "") ?? 0,
            startedAt: started ?? expires, expiresAt: expires)
    }

    /// The tenant's Lease object and its reading, or nil.
    private func readLease(_ tenant: String) throws(StoreError) -> (object: JSON, lease: Lease?)? {
        let object: JSON
        do {
            object = try client.get(Self.leases, name: Self.leaseName(tenant), namespace: namespace)
        } catch {
            if error.isNotFound { return nil }
            throw failure("reading the lease of \(goQuote(tenant))", error, tenant: tenant)
        }
        return (object, try parseLease(object, tenant: tenant))
    }

    private static func resourceVersion(_ object: JSON) -> String { object[["metadata", "resourceVersion"]]?.string ?? "" }

    private func leaseFailure(_ tenant: String) -> StoreError {
        StoreError(
            .database,
            "Kubernetes store: the Lease \(namespace)/\(Self.leaseName(tenant)) kept changing while it was being read and written",
            tenant: tenant)
    }

    public func acquireLease(_ lease: Lease, canTakeOver: (Lease) -> Bool) throws(StoreError) -> Lease? {
        guard KubeLabels.isDNSSubdomain(Self.leaseName(lease.tenant)) else {
            throw StoreError(.invalidArgument, "tenant \(goQuote(lease.tenant)) cannot name a Lease", tenant: lease.tenant)
        }
        for _ in 0..<8 {
            do {
                _ = try writing { () throws(KubeError) -> JSON in
                    try client.create(Self.leases, object: leaseObject(lease), namespace: namespace)
                }
                return nil
            } catch {
                guard error.isAlreadyExists else { throw failure("taking the lease of \(goQuote(lease.tenant))", error, tenant: lease.tenant) }
            }
            guard let (object, current) = try readLease(lease.tenant) else { continue }  // released meanwhile: create again
            if let current, !canTakeOver(current) { return current }
            do {
                _ = try client.update(Self.leases, object: leaseObject(lease, resourceVersion: Self.resourceVersion(object)), namespace: namespace)
                return nil
            } catch {
                guard error.isConflict || error.isNotFound else {
                    throw failure("taking over the lease of \(goQuote(lease.tenant))", error, tenant: lease.tenant)
                }
                // Another runner took it between our read and our write: theirs now stands in the way.
                if error.isConflict, let (_, winner) = try readLease(lease.tenant), let winner { return winner }
            }
        }
        throw leaseFailure(lease.tenant)
    }

    public func currentLease(tenant: String) throws(StoreError) -> Lease? {
        guard KubeLabels.isDNSSubdomain(Self.leaseName(tenant)) else { return nil }
        return try readLease(tenant)?.lease
    }

    public func renewLease(_ lease: Lease) throws(StoreError) -> Lease? {
        for _ in 0..<8 {
            guard let (object, current) = try readLease(lease.tenant), let current else { return lease }
            guard current.holderID == lease.holderID else { return current }
            var renewed = current
            renewed.expiresAt = lease.expiresAt
            do {
                _ = try client.update(
                    Self.leases,
                    object: leaseObject(
                        renewed, resourceVersion: Self.resourceVersion(object), duration: object[["spec", "leaseDurationSeconds"]]?.int),
                    namespace: namespace)
                return nil
            } catch {
                // A conflict: our own fence stamp, or a takeover; read again and decide.
                guard error.isConflict || error.isNotFound else { throw failure("renewing the lease of \(goQuote(lease.tenant))", error, tenant: lease.tenant) }
            }
        }
        throw leaseFailure(lease.tenant)
    }

    @discardableResult
    public func releaseLease(tenant: String, holderID: String) throws(StoreError) -> Bool {
        for _ in 0..<8 {
            guard let (object, current) = try readLease(tenant), let current, current.holderID == holderID else { return false }
            do {
                try client.delete(Self.leases, name: Self.leaseName(tenant), namespace: namespace, resourceVersion: Self.resourceVersion(object))
                return true
            } catch {
                if error.isNotFound { return false }
                guard error.isConflict else { throw failure("releasing the lease of \(goQuote(tenant))", error, tenant: tenant) }
            }
        }
        throw leaseFailure(tenant)
    }

    /// The fence of ``commit(_:fence:)``: the Lease must name `fence.holderID`, proven by a compare-and-set
    /// write of it (a `tenantctl.io/last-write` stamp with the `resourceVersion` read).
    private func checkFence(_ fence: LeaseFence) throws(StoreError) {
        for _ in 0..<8 {
            guard let (object, current) = try readLease(fence.tenant), let current else { throw .leaseLost(fence, holder: nil) }
            guard current.holderID == fence.holderID else { throw .leaseLost(fence, holder: current) }
            let stamped = leaseObject(
                current, resourceVersion: Self.resourceVersion(object), duration: object[["spec", "leaseDurationSeconds"]]?.int,
                extra: [(Key.lastWrite, .string(Timestamp.format(Date())))])
            do {
                _ = try client.update(Self.leases, object: stamped, namespace: namespace)
                return
            } catch {
                // A conflict is a renewal (ours) or a takeover: read again and decide.
                guard error.isConflict || error.isNotFound else { throw failure("checking the lease of \(goQuote(fence.tenant))", error, tenant: fence.tenant) }
            }
        }
        throw leaseFailure(fence.tenant)
    }
}

/// Kubernetes' rules for names and labels (apimachinery's validation), to refuse locally what the API server
/// would refuse with a 422.
enum KubeLabels {
    /// A DNS-1123 label of at most 63 characters (the one rule, ReleaseUtil's ``ReleaseName/isDNSLabel(_:)``).
    static func isDNSLabel(_ s: String) -> Bool { s.utf8.count <= 63 && ReleaseName.isDNSLabel(s) }

    /// A DNS-1123 subdomain: at most 253 characters, dot-separated labels.
    static func isDNSSubdomain(_ s: String) -> Bool {
        guard s.utf8.count <= 253 else { return false }
        return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel(String($0)) }
    }

    /// A label value: empty, or 1–63 of `[A-Za-z0-9_.-]`, alphanumeric at both ends.
    static func isLabelValue(_ s: String) -> Bool {
        let b = Array(s.utf8)
        if b.isEmpty { return true }
        guard b.count <= 63, isAlnum(b[0]), isAlnum(b[b.count - 1]) else { return false }
        return b.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// A label key: an optional DNS-subdomain prefix and `/`, then a name as a non-empty label value.
    static func isLabelKey(_ s: String) -> Bool {
        let parts = s.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = parts.last ?? ""
        if parts.count == 2, !isDNSSubdomain(parts[0]) { return false }
        return !name.isEmpty && isLabelValue(name)
    }

    /// The labels Kubernetes accepts.
    static func valid(_ labels: [String: String]) -> [String: String] {
        labels.filter { isLabelKey($0.key) && isLabelValue($0.value) }
    }

    /// A JSON object of strings (labels, annotations) as a dictionary.
    static func strings(_ json: JSON?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in json?.members ?? [] { if let s = v.string { out[k] = s } }
        return out
    }

    private static func isLowerAlnum(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        isLowerAlnum(c) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }
}

/// Work on a thread of its own whose result is waited for later.
final class Background<T: Sendable>: @unchecked Sendable {
    // @unchecked: `outcome` is written once by the worker before `done` is signalled, read after waiting.
    private var outcome: Result<T, KubeError>?
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () throws(KubeError) -> T) {
        Thread.detachNewThread { [self] in
            do throws(KubeError) {
                outcome = .success(try body())
            } catch {
                outcome = .failure(error)
            }
            done.signal()
        }
    }

    /// Waits for the work and returns how it ended.
    func result() -> Result<T, KubeError> {
        done.wait()
        done.signal()
        return outcome ?? .failure(KubeError(kind: .other, message: "no result", verb: "list", server: ""))
    }
}
