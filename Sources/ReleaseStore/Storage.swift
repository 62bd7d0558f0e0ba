// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The policy over a driver (Helm's `storage.Storage`): history, "last", "last deployed", `--history-max`
/// pruning, and tenant leases. Drivers stay mechanism only.
///
/// Writes are meant to happen under the tenant's lease (``acquireLease(tenant:operation:)``): pruning reads
/// the history before its transaction, which is only safe when no other process changes the tenant meanwhile.
public struct Storage: Sendable {
    /// The records and leases underneath.
    public let driver: any ReleaseDriver & LeaseDriver
    /// The most revisions kept per tenant, the newest included (`--history-max`; Helm's default is 10).
    /// Zero or less keeps everything.
    public var historyMax: Int
    /// How leases are taken, waited for and taken over.
    public var leasePolicy: LeasePolicy
    /// The time, injectable for tests.
    public var clock: @Sendable () -> Date

    /// Wraps `driver`.
    public init(
        driver: any ReleaseDriver & LeaseDriver, historyMax: Int = 10, leasePolicy: LeasePolicy = LeasePolicy(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.driver = driver
        self.historyMax = historyMax
        self.leasePolicy = leasePolicy
        self.clock = clock
    }

    // MARK: Reading

    /// One revision.
    /// - Throws: ``StoreError/Code/notFound`` (`release: not found`).
    public func get(_ tenant: String, revision: Int) throws(StoreError) -> Release {
        try driver.get(ReleaseKey(tenant: tenant, revision: revision))
    }

    /// Every revision of the tenant, oldest first; empty when the tenant has none.
    public func history(_ tenant: String) throws(StoreError) -> [Release] {
        try driver.query(ReleaseQuery(tenant: tenant))
    }

    /// The tenant's highest revision, whatever its status (Helm's `Last`).
    /// - Throws: ``StoreError/Code/notFound`` (`release: not found`) when the tenant has no revision.
    public func last(_ tenant: String) throws(StoreError) -> Release {
        guard let r = try driver.query(ReleaseQuery(tenant: tenant, latestOnly: true)).last else {
            throw StoreError(.notFound, "release: not found", tenant: tenant)
        }
        return r
    }

    /// The tenant's highest revision in status `deployed` (Helm's `Deployed`, which also takes the highest
    /// when a corrupted store has several).
    /// - Throws: ``StoreError/Code/noDeployedReleases`` (`"acme" has no deployed releases`).
    public func lastDeployed(_ tenant: String) throws(StoreError) -> Release {
        guard let r = try driver.query(ReleaseQuery(tenant: tenant, statuses: [.deployed])).last else {
            throw .noDeployedReleases(tenant)
        }
        return r
    }

    /// Each tenant's latest revision, optionally only those whose latest is in one of `statuses`, sorted by
    /// tenant (`tenantctl list`).
    public func latest(statuses: Set<ReleaseStatus>? = nil) throws(StoreError) -> [Release] {
        try driver.query(ReleaseQuery(statuses: statuses, latestOnly: true))
    }

    // MARK: Writing

    /// Stores a new revision, pruning history first (``commit(_:)``).
    public func create(_ release: Release) throws(StoreError) { try commit([.create(release)]) }

    /// Replaces a revision.
    public func update(_ release: Release) throws(StoreError) { try commit([.update(release)]) }

    /// Applies `changes` in one transaction, adding the deletions ``historyMax`` calls for.
    ///
    /// Pruning follows Helm's `removeLeastRecent`: for each tenant the batch creates a revision for, the oldest
    /// revisions go until ``historyMax`` remain, never the latest `deployed` one and never one the batch
    /// creates. (Helm prunes before its `Create`, to `max - 1`; pruning the state after the batch is the
    /// same count and stays inside the one transaction.)
    public func commit(_ changes: [ReleaseChange], fence: LeaseFence? = nil) throws(StoreError) {
        var all = changes
        if historyMax > 0 {
            var tenants: [String] = []
            for case .create(let r) in changes where !tenants.contains(r.tenant) { tenants.append(r.tenant) }
            for tenant in tenants {
                all += try pruning(tenant, after: changes).map { .delete($0) }
            }
        }
        try driver.commit(all, fence: fence)
    }

    /// The keys to delete so that `tenant` keeps ``historyMax`` revisions once `changes` are applied.
    func pruning(_ tenant: String, after changes: [ReleaseChange]) throws(StoreError) -> [ReleaseKey] {
        var status: [Int: ReleaseStatus] = [:]
        for r in try history(tenant) { status[r.revision] = r.status }
        var created: Set<Int> = []
        for change in changes where change.key.tenant == tenant {
            switch change {
            case .create(let r):
                status[r.revision] = r.status
                created.insert(r.revision)
            case .update(let r): status[r.revision] = r.status
            case .delete(let k): status[k.revision] = nil
            }
        }
        guard status.count > historyMax else { return [] }
        let keepDeployed = status.filter { $0.value == .deployed }.keys.max()
        var excess = status.count - historyMax
        var out: [ReleaseKey] = []
        for revision in status.keys.sorted() where excess > 0 {
            if revision == keepDeployed || created.contains(revision) { continue }
            out.append(ReleaseKey(tenant: tenant, revision: revision))
            excess -= 1
        }
        return out
    }

    // MARK: Promotion records

    /// Stores `record` (``PromotionRecord``) by its id, replacing an earlier save of the same id: `promote` saves
    /// its record when it starts, after each wave, and at the end.
    /// - Throws: ``StoreError/Code/invalidArgument`` for an id that is not 1 to 100 of `[A-Za-z0-9._-]`
    ///   (``PromotionRecord/isValidID(_:)``) or a record the store cannot hold (the Kubernetes store's 1 MiB).
    public func savePromotion(_ record: PromotionRecord) throws(StoreError) {
        guard PromotionRecord.isValidID(record.id) else {
            throw StoreError(
                .invalidArgument,
                "promotion id \(goQuote(record.id)) is not valid: 1 to 100 letters, digits, '.', '_' or '-', "
                    + "starting and ending with a letter or digit")
        }
        try driver.savePromotion(StoredPromotion(id: record.id, startedAt: record.startedAt, json: try record.json()))
    }

    /// Every promotion record (promotions and rollbacks of them), newest first.
    /// - Throws: ``StoreError/Code/incompatible`` naming a record that cannot be read.
    public func promotions() throws(StoreError) -> [PromotionRecord] {
        var out: [PromotionRecord] = []
        for stored in try driver.promotions() {
            out.append(try PromotionRecord(json: stored.json, record: goQuote(stored.id)))
        }
        return out
    }

    /// The promotion record with `id`, or nil when the store has none.
    /// - Throws: ``StoreError/Code/incompatible`` when it cannot be read.
    public func promotion(_ id: String) throws(StoreError) -> PromotionRecord? {
        guard PromotionRecord.isValidID(id), let stored = try driver.promotion(id: id) else { return nil }
        return try PromotionRecord(json: stored.json, record: goQuote(stored.id))
    }

    // MARK: Leases

    /// Takes the tenant's lease for `operation`, waiting up to ``LeasePolicy/wait`` while another process holds it.
    ///
    /// A lease may be taken over when it has expired, or when its holder ran on this host and that process is
    /// gone (killed in the middle): no lock ever needs a human.
    /// - Throws: ``StoreError/Code/leaseHeld`` naming the holder, what it does, its pid and host and when it
    ///   started; driver errors as they come.
    public func acquireLease(tenant: String, operation: String) throws(StoreError) -> LeaseToken {
        let policy = leasePolicy
        let started = clock()
        let deadline = started.addingTimeInterval(policy.wait)
        while true {
            let now = clock()
            let lease = Lease(
                tenant: tenant, holderID: UUID().uuidString, operation: operation,
                hostname: policy.identity.hostname, pid: policy.identity.pid,
                startedAt: now, expiresAt: now.addingTimeInterval(policy.ttl))
            let holder = try driver.acquireLease(lease) { current in
                current.expiresAt <= now || !policy.isAlive(current)
            }
            guard let holder else { return LeaseToken(lease: lease) }
            if clock() >= deadline {
                let waited = policy.wait == policy.wait.rounded() ? "\(Int(policy.wait))s" : "\(policy.wait)s"
                throw StoreError(
                    .leaseHeld,
                    "another operation on tenant \(goQuote(tenant)) is in progress: \(holder.holderDescription) "
                        + "holds its lease (gave up after waiting \(waited); the lease expires at "
                        + "\(Timestamp.format(holder.expiresAt, fractional: false)) unless renewed)",
                    tenant: tenant, holder: holder)
            }
            policy.sleep(policy.pollInterval)
        }
    }

    /// Extends a lease we hold by ``LeasePolicy/ttl`` from now (for operations longer than the TTL).
    /// - Throws: ``StoreError/Code/leaseLost`` when the lease expired and another process took it (or it is
    ///   gone): a renewal never re-creates a lease.
    public func renewLease(_ token: LeaseToken) throws(StoreError) -> LeaseToken {
        var lease = token.lease
        lease.expiresAt = clock().addingTimeInterval(leasePolicy.ttl)
        if let holder = try driver.renewLease(lease) {
            throw .leaseLost(token.fence, holder: holder.holderID == lease.holderID ? nil : holder)
        }
        return LeaseToken(lease: lease)
    }

    /// Checks, by a fresh read, that `token`'s lease is still ours: called right before touching the target,
    /// which no store transaction covers.
    /// - Throws: ``StoreError/Code/leaseLost`` naming the lease that stands there now.
    public func verifyLease(_ token: LeaseToken) throws(StoreError) {
        let current = try driver.currentLease(tenant: token.lease.tenant)
        if current?.holderID != token.lease.holderID { throw .leaseLost(token.fence, holder: current) }
    }

    /// Gives the lease back; returns false when it was no longer ours (expired and taken over).
    @discardableResult
    public func releaseLease(_ token: LeaseToken) throws(StoreError) -> Bool {
        try driver.releaseLease(tenant: token.lease.tenant, holderID: token.lease.holderID)
    }

    /// Runs `body` holding the tenant's lease, and releases it however `body` ends.
    /// - Throws: ``StoreError`` from taking the lease, or whatever `body` throws.
    public func withLease<T>(tenant: String, operation: String, _ body: (LeaseToken) throws -> T) throws -> T {
        let token = try acquireLease(tenant: tenant, operation: operation)
        defer { _ = try? releaseLease(token) }
        return try body(token)
    }
}

/// Proof of holding a tenant's lease, returned by ``Storage/acquireLease(tenant:operation:)``.
public struct LeaseToken: Sendable, Hashable {
    /// The lease as stored.
    public let lease: Lease

    /// What the holder's writes carry (``ReleaseDriver/commit(_:fence:)``).
    public var fence: LeaseFence { LeaseFence(tenant: lease.tenant, holderID: lease.holderID) }
}

/// Who this process is, as written into the leases it takes.
public struct LeaseIdentity: Sendable, Hashable {
    /// The host name.
    public var hostname: String
    /// The process id.
    public var pid: Int32

    /// Creates an identity.
    public init(hostname: String, pid: Int32) {
        self.hostname = hostname
        self.pid = pid
    }

    /// This process on this host.
    public static var current: LeaseIdentity {
        LeaseIdentity(hostname: ProcessInfo.processInfo.hostName, pid: getpid())
    }
}

/// How leases are taken: lifetime, patience, and the liveness test that frees a dead holder's lease early.
public struct LeasePolicy: Sendable {
    /// How long a lease lasts unless renewed (seconds). A killed process's lease frees itself after this.
    public var ttl: TimeInterval
    /// How long to wait for a held lease before failing (seconds): "waits briefly".
    public var wait: TimeInterval
    /// How often to retry while waiting (seconds).
    public var pollInterval: TimeInterval
    /// Who we are.
    public var identity: LeaseIdentity
    /// Whether a lease's holder may still be running. The default says no only for a process on this host
    /// whose pid no longer exists; a holder on another host is presumed alive until its lease expires.
    public var isAlive: @Sendable (Lease) -> Bool
    /// Sleeps between retries (injectable for tests).
    public var sleep: @Sendable (TimeInterval) -> Void

    /// Creates a policy; the defaults suit the CLI (a two-minute lease, five seconds of patience).
    public init(
        ttl: TimeInterval = 120, wait: TimeInterval = 5, pollInterval: TimeInterval = 0.1,
        identity: LeaseIdentity = .current,
        isAlive: (@Sendable (Lease) -> Bool)? = nil,
        sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        self.ttl = ttl
        self.wait = wait
        self.pollInterval = pollInterval
        self.identity = identity
        let me = identity
        self.isAlive = isAlive ?? { lease in LeasePolicy.processMayBeAlive(lease, seenFrom: me) }
        self.sleep = sleep
    }

    /// False only when `lease` was taken on `host`'s machine by a pid that no longer exists.
    public static func processMayBeAlive(_ lease: Lease, seenFrom host: LeaseIdentity) -> Bool {
        guard lease.hostname == host.hostname, lease.pid > 0 else { return true }
        if lease.pid == host.pid { return true }
        // kill(pid, 0) checks existence without signalling; EPERM means it exists under another user.
        return kill(lease.pid, 0) == 0 || errno == EPERM
    }
}
