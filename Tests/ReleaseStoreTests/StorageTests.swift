// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

@testable import ReleaseStore

/// A settable clock shared by "processes" in one test.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Date
    init(_ start: Date) { time = start }
    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return time
    }
    func advance(_ seconds: TimeInterval) {
        lock.lock()
        time = time.addingTimeInterval(seconds)
        lock.unlock()
    }
}

func storage(
    _ driver: any ReleaseDriver & LeaseDriver, historyMax: Int = 10, clock: TestClock = TestClock(at(0)),
    identity: LeaseIdentity = LeaseIdentity(hostname: "host-a", pid: getpid()),
    wait: TimeInterval = 0.3
) -> Storage {
    // Sleeping advances the test clock instead of the wall clock: waits are instant and deterministic.
    let policy = LeasePolicy(
        ttl: 120, wait: wait, pollInterval: 0.1, identity: identity,
        sleep: { clock.advance($0) })
    return Storage(driver: driver, historyMax: historyMax, leasePolicy: policy, clock: { clock.now })
}

@Suite("Storage policy")
struct StorageTests {
    /// (history as statuses, --history-max, the status of the new revision) → revisions kept.
    struct PruneCase: Sendable, CustomStringConvertible {
        let description: String
        let history: [ReleaseStatus]
        let max: Int
        let created: ReleaseStatus
        let kept: [Int]
    }

    static let pruneCases: [PruneCase] = [
        PruneCase(
            description: "under the limit nothing goes", history: [.superseded, .deployed], max: 5,
            created: .pendingUpgrade, kept: [1, 2, 3]),
        PruneCase(
            description: "the oldest go first", history: [.superseded, .superseded, .deployed], max: 3,
            created: .pendingUpgrade, kept: [2, 3, 4]),
        PruneCase(
            description: "the last deployed is kept even when oldest",
            history: [.deployed, .failed, .failed, .failed], max: 2, created: .pendingUpgrade, kept: [1, 5]),
        PruneCase(
            description: "max 1 keeps the deployed and the new one", history: [.superseded, .deployed], max: 1,
            created: .pendingUpgrade, kept: [2, 3]),
        PruneCase(
            description: "zero keeps everything", history: [.superseded, .superseded, .deployed], max: 0,
            created: .pendingUpgrade, kept: [1, 2, 3, 4]),
    ]

    @Test(arguments: pruneCases)
    func historyMaxPrunes(_ c: PruneCase) throws {
        for kind in DriverKind.allCases {
            let store = storage(try kind.make(), historyMax: c.max)
            for (i, status) in c.history.enumerated() { try store.create(record(i + 1, status)) }
            try store.create(record(c.history.count + 1, c.created))
            #expect(try store.history("acme").map(\.revision) == c.kept, "\(kind)")
        }
    }

    @Test func pruningHappensInTheSameBatchAsTheChanges() throws {
        let store = storage(MemoryDriver(), historyMax: 2)
        try store.create(record(1, .superseded))
        try store.create(record(2, .deployed))
        // An upgrade's final batch: supersede 2, deploy 3 — made in one commit with the create.
        try store.commit([.create(record(3, .deployed)), .update(record(2, .superseded))])
        #expect(summary(try store.history("acme")) == "2:superseded 3:deployed")
    }

    @Test func lastAndLastDeployedFollowHelm() throws {
        let store = storage(MemoryDriver())
        let none = storeError { () throws(StoreError) in _ = try store.last("acme") }
        #expect(none?.message == "release: not found")
        try store.create(record(1, .superseded))
        try store.create(record(2, .deployed))
        try store.create(record(3, .failed))
        #expect(try store.last("acme").revision == 3)
        #expect(try store.lastDeployed("acme").revision == 2)
        let e = storeError { () throws(StoreError) in _ = try store.lastDeployed("globex") }
        #expect(e?.message == "\"globex\" has no deployed releases")
        try store.create(record("globex", 1, .failed))
        #expect(try store.latest().map(\.key.description) == ["acme.v3", "globex.v1"])
        #expect(try store.latest(statuses: [.deployed]).isEmpty)
    }
}

@Suite("Tenant leases")
struct LeaseTests {
    @Test(arguments: DriverKind.allCases)
    func aSecondHolderWaitsThenFailsNamingTheFirst(_ kind: DriverKind) throws {
        let driver = try kind.make()
        let clock = TestClock(at(0))
        let first = storage(driver, clock: clock, identity: LeaseIdentity(hostname: "host-a", pid: getpid()))
        let second = storage(driver, clock: clock, identity: LeaseIdentity(hostname: "host-b", pid: 777))
        let held = try first.acquireLease(tenant: "acme", operation: "upgrade")
        let e = storeError { () throws(StoreError) in _ = try second.acquireLease(tenant: "acme", operation: "rollback") }
        #expect(e?.code == .leaseHeld)
        #expect(e?.holder?.holderID == held.lease.holderID)
        #expect(
            e?.message == "another operation on tenant \"acme\" is in progress: upgrade (pid \(getpid()) on host-a) "
                + "since 2026-01-01T00:00:00Z holds its lease (gave up after waiting 0.3s; the lease expires at " + "2026-01-01T00:02:00Z unless renewed)")
        #expect(clock.now >= at(0.3), "the second process waited before failing")
        // Another tenant is independent.
        _ = try second.acquireLease(tenant: "globex", operation: "install")
    }

    @Test(arguments: DriverKind.allCases)
    func anExpiredLeaseIsTakenOver(_ kind: DriverKind) throws {
        let driver = try kind.make()
        let clock = TestClock(at(0))
        let killed = storage(driver, clock: clock, identity: LeaseIdentity(hostname: "host-a", pid: 4242))
        let next = storage(driver, clock: clock, identity: LeaseIdentity(hostname: "host-b", pid: 99))
        _ = try killed.acquireLease(tenant: "acme", operation: "upgrade")
        clock.advance(121)
        let token = try next.acquireLease(tenant: "acme", operation: "upgrade")
        #expect(try driver.currentLease(tenant: "acme")?.holderID == token.lease.holderID)
        #expect(try driver.currentLease(tenant: "acme")?.hostname == "host-b")
    }

    @Test(arguments: DriverKind.allCases)
    func aLeaseOfADeadProcessOnThisHostIsTakenOverAtOnce(_ kind: DriverKind) throws {
        let driver = try kind.make()
        let clock = TestClock(at(0))
        // pid Int32.max never exists (Linux's pid_max is at most 2^22).
        let dead = storage(driver, clock: clock, identity: LeaseIdentity(hostname: "host-a", pid: Int32.max))
        let me = storage(driver, clock: clock, identity: LeaseIdentity(hostname: "host-a", pid: getpid()))
        _ = try dead.acquireLease(tenant: "acme", operation: "upgrade")
        let token = try me.acquireLease(tenant: "acme", operation: "rollback")
        #expect(token.lease.pid == getpid())
        #expect(clock.now == at(0), "no waiting")
    }

    @Test func aWaitingHolderGetsTheLeaseWhenItIsReleased() throws {
        let driver = MemoryDriver()
        let clock = TestClock(at(0))
        let first = storage(driver, clock: clock)
        let held = try first.acquireLease(tenant: "acme", operation: "upgrade")
        // The second process's first pause is when the first one finishes.
        var policy = LeasePolicy(
            ttl: 120, wait: 5, pollInterval: 0.1,
            identity: LeaseIdentity(hostname: "host-b", pid: 1),
            sleep: { seconds in
                _ = try? first.releaseLease(held)
                clock.advance(seconds)
            })
        policy.isAlive = { _ in true }
        let second = Storage(driver: driver, leasePolicy: policy, clock: { clock.now })
        let token = try second.acquireLease(tenant: "acme", operation: "rollback")
        #expect(token.lease.operation == "rollback")
        #expect(try first.releaseLease(held) == false, "the first holder's lease is gone")
    }

    @Test func renewExtendsAndDetectsALostLease() throws {
        let driver = MemoryDriver()
        let clock = TestClock(at(0))
        let a = storage(driver, clock: clock, identity: LeaseIdentity(hostname: "host-a", pid: 1))
        let b = storage(driver, clock: clock, identity: LeaseIdentity(hostname: "host-b", pid: 2))
        let token = try a.acquireLease(tenant: "acme", operation: "upgrade")
        clock.advance(100)
        let renewed = try a.renewLease(token)
        #expect(renewed.lease.expiresAt == at(220))
        clock.advance(121)
        _ = try b.acquireLease(tenant: "acme", operation: "upgrade")
        let e = storeError { () throws(StoreError) in _ = try a.renewLease(renewed) }
        #expect(e?.code == .leaseLost)
    }

    @Test func withLeaseReleasesWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let driver = MemoryDriver()
        let store = storage(driver)
        #expect(throws: Boom.self) {
            try store.withLease(tenant: "acme", operation: "upgrade") { _ in throw Boom() }
        }
        #expect(try driver.currentLease(tenant: "acme") == nil)
    }

    @Test func twoSQLiteConnectionsOnOneFileSeeOneLease() throws {
        let path = temporarySQLitePath()
        let clock = TestClock(at(0))
        let one = storage(
            try SQLiteDriver(path: path), clock: clock,
            identity: LeaseIdentity(hostname: "host-a", pid: getpid()))
        let two = storage(
            try SQLiteDriver(path: path), clock: clock,
            identity: LeaseIdentity(hostname: "host-b", pid: 5))
        let token = try one.acquireLease(tenant: "acme", operation: "install")
        #expect(
            storeError { () throws(StoreError) in _ = try two.acquireLease(tenant: "acme", operation: "x") }?.code
                == .leaseHeld)
        try one.releaseLease(token)
        _ = try two.acquireLease(tenant: "acme", operation: "x")
    }
}
