// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// The mechanism of release storage: keyed records, nothing more (Helm's `driver.Driver`).
///
/// Drivers know nothing of history limits, "latest" or "deployed" — ``Storage`` owns that policy. Every
/// method is synchronous and atomic: a change either happens completely or not at all, and a failed call
/// leaves the store as it was. Every error is a ``StoreError``; the codes each method may throw are listed
/// with it, and any method may also throw ``StoreError/Code/database`` when the backend itself fails.
/// ``DriverConformance`` in the tests holds every driver to these contracts.
public protocol ReleaseDriver: Sendable {
    /// A short name for messages and logs (`sqlite`, `memory`).
    var name: String { get }

    /// Stores a new record.
    /// - Throws: ``StoreError/Code/alreadyExists`` when a record with the same tenant and revision exists.
    func create(_ release: Release) throws(StoreError)

    /// Returns the record with the key.
    /// - Throws: ``StoreError/Code/notFound`` when there is none.
    func get(_ key: ReleaseKey) throws(StoreError) -> Release

    /// Replaces an existing record (matched by tenant and revision) with `release`.
    /// - Throws: ``StoreError/Code/notFound`` when there is no record with that key.
    func update(_ release: Release) throws(StoreError)

    /// Returns every record matching the query, sorted by tenant, then revision ascending. Matching nothing
    /// is not an error: the result is empty. (Helm's `Query` returns `ErrReleaseNotFound` instead; ``Storage``
    /// turns an empty history into that error where Helm's callers expect it.)
    func query(_ query: ReleaseQuery) throws(StoreError) -> [Release]

    /// Removes the record with the key and returns it.
    /// - Throws: ``StoreError/Code/notFound`` when there is none.
    func delete(_ key: ReleaseKey) throws(StoreError) -> Release

    /// Applies several changes in one transaction: all of them, in order, or — when any one fails with its
    /// own contract's error — none of them, and that error is thrown.
    ///
    /// With a `fence`, the same transaction first checks that the tenant's lease row still names
    /// `fence.holderID`; when it does not (the lease expired and another process took it over, or it is gone),
    /// nothing is written and ``StoreError/Code/leaseLost`` is thrown, naming the lease that stands there now
    /// (``StoreError/holder``). This is what makes a paused holder harmless: whatever it believes, its next
    /// write fails. A SQL store checks the lease row under the write transaction's lock (`SELECT … FOR UPDATE`
    /// in PostgreSQL); a Kubernetes store writes the release records with a precondition on the
    /// coordination.k8s.io Lease's `holderIdentity` and `resourceVersion` it last saw.
    func commit(_ changes: [ReleaseChange], fence: LeaseFence?) throws(StoreError)

    /// Stores a promotion record (``StoredPromotion``: its id, start time and JSON text), replacing the one with
    /// the same id. Promotion records live beside the release records, in a place of their own that Helm never
    /// reads (a table of ours, or a Secret that is not a Helm release).
    /// - Throws: ``StoreError/Code/invalidArgument`` when the store cannot hold it (over the Kubernetes store's
    ///   1 MiB object limit), with nothing written.
    func savePromotion(_ promotion: StoredPromotion) throws(StoreError)

    /// Every promotion record, newest first: by start time descending, then id descending (byte order).
    func promotions() throws(StoreError) -> [StoredPromotion]

    /// The promotion record with `id`, or nil when there is none.
    func promotion(id: String) throws(StoreError) -> StoredPromotion?
}

/// A promotion record as a driver keeps it: the id and start time it is found and sorted by, and the record's
/// JSON text (``PromotionRecord``, sorted keys), which drivers store without reading.
public struct StoredPromotion: Sendable, Hashable {
    /// ``PromotionRecord/id``.
    public var id: String
    /// ``PromotionRecord/startedAt``.
    public var startedAt: Date
    /// The record as JSON text.
    public var json: String

    /// Creates a stored record.
    public init(id: String, startedAt: Date, json: String) {
        self.id = id
        self.startedAt = startedAt
        self.json = json
    }

    /// Newest first: start time descending, then id descending by bytes (every driver's order).
    public static func newestFirst(_ a: StoredPromotion, _ b: StoredPromotion) -> Bool {
        let ta = Timestamp.format(a.startedAt)
        let tb = Timestamp.format(b.startedAt)
        if ta != tb { return ta > tb }
        return Array(b.id.utf8).lexicographicallyPrecedes(a.id.utf8)
    }
}

extension ReleaseDriver {
    /// ``commit(_:fence:)`` without a fence: for callers outside any lease (tests, tools).
    public func commit(_ changes: [ReleaseChange]) throws(StoreError) { try commit(changes, fence: nil) }
}

/// What a write must prove: that its caller still holds the tenant's lease (``ReleaseDriver/commit(_:fence:)``).
///
/// The fencing protocol every store follows (SQLite today; PostgreSQL and Kubernetes the same way):
/// 1. ``LeaseDriver/acquireLease(_:canTakeOver:)`` stores a lease with a fresh, unique `holderID`.
/// 2. While the operation runs, the holder renews it (``LeaseDriver/renewLease(_:)``, a compare-and-set on the
///    `holderID`) every third of its lifetime; a failed renewal means the lease is lost.
/// 3. Every write of release records carries the fence; the store compares the lease row's `holderID` inside
///    the write's own transaction and refuses with ``StoreError/Code/leaseLost``.
/// 4. Before touching the target (which is not transactional with the store) the holder re-reads the lease
///    (``LeaseDriver/currentLease(tenant:)``) and stops when it is no longer its own.
public struct LeaseFence: Sendable, Hashable {
    /// The tenant whose lease the writer holds.
    public var tenant: String
    /// The holder id the writer stored when it took the lease.
    public var holderID: String

    /// Creates a fence.
    public init(tenant: String, holderID: String) {
        self.tenant = tenant
        self.holderID = holderID
    }
}

/// The mechanism of tenant leases: an atomic compare-and-set on one row per tenant.
///
/// The policy — who may take a lease over, how long to wait, what to say — is ``Storage``'s.
public protocol LeaseDriver: Sendable {
    /// Atomically: reads the tenant's current lease; if there is none, or `canTakeOver` returns true for it,
    /// stores `lease` and returns nil; otherwise stores nothing and returns the lease that stands in the way.
    /// `canTakeOver` runs inside the driver's transaction and must not call the driver.
    func acquireLease(_ lease: Lease, canTakeOver: (Lease) -> Bool) throws(StoreError) -> Lease?

    /// Returns the tenant's current lease, or nil.
    func currentLease(tenant: String) throws(StoreError) -> Lease?

    /// Atomically: when the tenant's lease row names `lease.holderID`, sets its expiry to `lease.expiresAt` and
    /// returns nil; otherwise changes nothing and returns the lease that stands there now — or, when there is
    /// none, `lease` itself (a renewal never re-creates a lease that was released or taken over and released).
    func renewLease(_ lease: Lease) throws(StoreError) -> Lease?

    /// Removes the tenant's lease if `holderID` holds it, and returns whether it did. Releasing a lease
    /// someone else holds (because ours expired and was taken over) removes nothing and returns false.
    @discardableResult
    func releaseLease(tenant: String, holderID: String) throws(StoreError) -> Bool
}

/// One change of a ``ReleaseDriver/commit(_:)`` batch.
public enum ReleaseChange: Sendable, Hashable {
    /// ``ReleaseDriver/create(_:)``.
    case create(Release)
    /// ``ReleaseDriver/update(_:)``.
    case update(Release)
    /// ``ReleaseDriver/delete(_:)``.
    case delete(ReleaseKey)

    /// The key the change touches.
    public var key: ReleaseKey {
        switch self {
        case .create(let r), .update(let r): return r.key
        case .delete(let k): return k
        }
    }
}

/// Which records a ``ReleaseDriver/query(_:)`` returns. Each field narrows the result; all nil means every record.
public struct ReleaseQuery: Sendable, Hashable {
    /// Only this tenant's records.
    public var tenant: String?
    /// Only records in one of these statuses.
    public var statuses: Set<ReleaseStatus>?
    /// Only each tenant's highest revision (applied before ``statuses``: "tenants whose latest is failed").
    public var latestOnly: Bool

    /// Creates a query.
    public init(tenant: String? = nil, statuses: Set<ReleaseStatus>? = nil, latestOnly: Bool = false) {
        self.tenant = tenant
        self.statuses = statuses
        self.latestOnly = latestOnly
    }

    /// Whether `release` passes the tenant and status filters (not ``latestOnly``).
    public func matches(_ release: Release) -> Bool {
        if let tenant, release.tenant != tenant { return false }
        if let statuses, !statuses.contains(release.status) { return false }
        return true
    }
}

/// A tenant lease: proof that one process is changing the tenant, and who to blame while it does.
public struct Lease: Sendable, Hashable, Codable {
    /// The tenant the lease covers.
    public var tenant: String
    /// A unique id of the holding process's claim (a UUID), compared to release or renew.
    public var holderID: String
    /// What the holder is doing (`upgrade`), for the message a waiting process prints.
    public var operation: String
    /// The holder's host name.
    public var hostname: String
    /// The holder's process id.
    public var pid: Int32
    /// When the holder took the lease.
    public var startedAt: Date
    /// When the lease lapses unless renewed; after it, anyone may take it over.
    public var expiresAt: Date

    /// Creates a lease.
    public init(
        tenant: String, holderID: String, operation: String, hostname: String, pid: Int32,
        startedAt: Date, expiresAt: Date
    ) {
        self.tenant = tenant
        self.holderID = holderID
        self.operation = operation
        self.hostname = hostname
        self.pid = pid
        self.startedAt = startedAt
        self.expiresAt = expiresAt
    }

    /// `upgrade (pid 4242 on build-1) since 2026-03-01T10:00:00Z`.
    public var holderDescription: String {
        let what = operation.isEmpty ? "" : "\(operation) "
        return "\(what)(pid \(pid) on \(hostname)) since \(Timestamp.format(startedAt, fractional: false))"
    }
}
