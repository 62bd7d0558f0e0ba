// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// A driver keeping records in this process's memory: for tests, and for `--dry-run`-style throwaway state.
///
/// Instances are independent; copies of one instance (it is a class) share their records, which is how a
/// test gives two ``Storage`` values — two "processes" — one store.
public final class MemoryDriver: ReleaseDriver, LeaseDriver, @unchecked Sendable {
    // @unchecked: every stored property is read and written only under `lock`.
    private let lock = NSLock()
    private var records: [ReleaseKey: Release] = [:]
    private var leases: [String: Lease] = [:]
    private var promotionRecords: [String: StoredPromotion] = [:]

    /// Creates an empty store.
    public init() {}

    /// `memory`.
    public var name: String { "memory" }

    private func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    public func create(_ release: Release) throws(StoreError) {
        try commit([.create(release)])
    }

    public func get(_ key: ReleaseKey) throws(StoreError) -> Release {
        try locked { () throws(StoreError) -> Release in
            guard let r = records[key] else { throw .notFound(key) }
            return r
        }
    }

    public func update(_ release: Release) throws(StoreError) {
        try commit([.update(release)])
    }

    public func query(_ query: ReleaseQuery) throws(StoreError) -> [Release] {
        locked {
            var candidates = records.values.filter { query.tenant == nil || $0.tenant == query.tenant }
            if query.latestOnly {
                var latest: [String: Release] = [:]
                for r in candidates where (latest[r.tenant]?.revision ?? Int.min) < r.revision { latest[r.tenant] = r }
                candidates = Array(latest.values)
            }
            return candidates.filter(query.matches).sorted { ($0.tenant, $0.revision) < ($1.tenant, $1.revision) }
        }
    }

    public func delete(_ key: ReleaseKey) throws(StoreError) -> Release {
        try locked { () throws(StoreError) -> Release in
            guard let r = records.removeValue(forKey: key) else { throw .notFound(key) }
            return r
        }
    }

    public func commit(_ changes: [ReleaseChange], fence: LeaseFence?) throws(StoreError) {
        try locked { () throws(StoreError) in
            if let fence, leases[fence.tenant]?.holderID != fence.holderID {
                throw .leaseLost(fence, holder: leases[fence.tenant])
            }
            // Work on a copy: a failing change leaves `records` untouched (all or nothing).
            var next = records
            for change in changes {
                switch change {
                case .create(let r):
                    try validate(r)
                    guard next[r.key] == nil else { throw .alreadyExists(r.key) }
                    next[r.key] = r
                case .update(let r):
                    guard next[r.key] != nil else { throw .notFound(r.key) }
                    next[r.key] = r
                case .delete(let k):
                    guard next.removeValue(forKey: k) != nil else { throw .notFound(k) }
                }
            }
            records = next
        }
    }

    public func savePromotion(_ promotion: StoredPromotion) throws(StoreError) {
        locked { promotionRecords[promotion.id] = promotion }
    }

    public func promotions() throws(StoreError) -> [StoredPromotion] {
        locked { promotionRecords.values.sorted(by: StoredPromotion.newestFirst) }
    }

    public func promotion(id: String) throws(StoreError) -> StoredPromotion? {
        locked { promotionRecords[id] }
    }

    public func acquireLease(_ lease: Lease, canTakeOver: (Lease) -> Bool) throws(StoreError) -> Lease? {
        locked {
            if let current = leases[lease.tenant], !canTakeOver(current) { return current }
            leases[lease.tenant] = lease
            return nil
        }
    }

    public func currentLease(tenant: String) throws(StoreError) -> Lease? {
        locked { leases[tenant] }
    }

    public func renewLease(_ lease: Lease) throws(StoreError) -> Lease? {
        locked {
            guard let current = leases[lease.tenant] else { return lease }
            guard current.holderID == lease.holderID else { return current }
            leases[lease.tenant]?.expiresAt = lease.expiresAt
            return nil
        }
    }

    @discardableResult
    public func releaseLease(tenant: String, holderID: String) throws(StoreError) -> Bool {
        locked {
            guard leases[tenant]?.holderID == holderID else { return false }
            leases[tenant] = nil
            return true
        }
    }
}

/// The checks every driver makes before storing a new record.
func validate(_ release: Release) throws(StoreError) {
    guard !release.tenant.isEmpty else {
        throw StoreError(.invalidArgument, "release: tenant name is empty", revision: release.revision)
    }
    guard release.revision >= 1 else {
        throw StoreError(
            .invalidArgument, "release: revision \(release.revision) of \(goQuote(release.tenant)) is not positive",
            tenant: release.tenant, revision: release.revision)
    }
}
