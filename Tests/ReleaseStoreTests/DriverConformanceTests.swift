// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

@testable import ReleaseStore

/// One scenario of the driver contract; every driver must pass every row.
struct DriverScenario: Sendable, CustomStringConvertible {
    let description: String
    let run: @Sendable (any ReleaseDriver & LeaseDriver) throws -> Void
}

/// Runs `body` and returns the StoreError it throws (nil when it does not throw).
func storeError(_ body: () throws(StoreError) -> Void) -> StoreError? {
    do throws(StoreError) {
        try body()
        return nil
    } catch {
        return error
    }
}

let driverScenarios: [DriverScenario] = [
    DriverScenario(description: "create then get returns every field as stored") { (d: any ReleaseDriver & LeaseDriver) throws in
        var r = record(5, .uninstalled, description: "Uninstallation complete")
        r.manifest = "---\n# Source: tenant-app/templates/ns.yaml\nkind: Namespace\nmetadata:\n  name: ténant-ü\n"
        r.deleted = at(3600.25)
        r.labels = ["tier": "premium", "owner": "ops"]
        r.notes = ""
        try d.create(r)
        #expect(try d.get(r.key) == r)
    },
    DriverScenario(description: "create of an existing key fails with release: already exists and keeps the original") {
        (d: any ReleaseDriver & LeaseDriver) throws in
        try d.create(record(1, .deployed))
        let e = storeError { () throws(StoreError) in try d.create(record(1, .failed)) }
        #expect(e?.code == .alreadyExists)
        #expect(e?.message == "release: already exists")
        #expect(try d.get(ReleaseKey(tenant: "acme", revision: 1)).status == .deployed)
    },
    DriverScenario(description: "get of a missing key fails with release: not found") { (d: any ReleaseDriver & LeaseDriver) throws in
        let e = storeError { () throws(StoreError) in _ = try d.get(ReleaseKey(tenant: "acme", revision: 9)) }
        #expect(e?.code == .notFound)
        #expect(e?.description == "release: not found")
        #expect(e?.revision == 9)
    },
    DriverScenario(description: "update replaces the record; update of a missing key fails with not found") { (d: any ReleaseDriver & LeaseDriver) throws in
        try d.create(record(1, .pendingInstall))
        var r = record(1, .deployed, description: "Install complete")
        r.notes = "changed"
        try d.update(r)
        #expect(try d.get(r.key) == r)
        let e = storeError { () throws(StoreError) in try d.update(record(2, .deployed)) }
        #expect(e?.code == .notFound)
        #expect(try d.query(ReleaseQuery()).count == 1)
    },
    DriverScenario(description: "delete returns the record and removes it; delete of a missing key fails") { (d: any ReleaseDriver & LeaseDriver) throws in
        try d.create(record(1, .superseded))
        try d.create(record(2, .deployed))
        #expect(try d.delete(ReleaseKey(tenant: "acme", revision: 1)) == record(1, .superseded))
        #expect(summary(try d.query(ReleaseQuery(tenant: "acme"))) == "2:deployed")
        let e = storeError { () throws(StoreError) in _ = try d.delete(ReleaseKey(tenant: "acme", revision: 1)) }
        #expect(e?.code == .notFound)
    },
    DriverScenario(description: "query filters by tenant and status, sorts by tenant then revision, may be empty") {
        (d: any ReleaseDriver & LeaseDriver) throws in
        for r in [
            record(2, .deployed), record(1, .superseded), record("globex", 1, .failed),
            record("globex", 3, .deployed), record("globex", 2, .superseded),
        ] {
            try d.create(r)
        }
        let acme = try d.query(ReleaseQuery(tenant: "acme"))
        #expect(acme.map(\.revision) == [1, 2])
        let all = try d.query(ReleaseQuery())
        #expect(all.map(\.key.description) == ["acme.v1", "acme.v2", "globex.v1", "globex.v2", "globex.v3"])
        let deployed = try d.query(ReleaseQuery(statuses: [.deployed]))
        #expect(deployed.map(\.key.description) == ["acme.v2", "globex.v3"])
        let failedOrSuperseded = try d.query(ReleaseQuery(tenant: "globex", statuses: [.failed, .superseded]))
        #expect(failedOrSuperseded.map(\.revision) == [1, 2])
        #expect(try d.query(ReleaseQuery(tenant: "initech")).isEmpty)
        #expect(try d.query(ReleaseQuery(statuses: [])).isEmpty)
    },
    DriverScenario(description: "latestOnly gives each tenant's highest revision, before the status filter") { (d: any ReleaseDriver & LeaseDriver) throws in
        for r in [
            record(1, .deployed), record(2, .failed), record("globex", 1, .superseded),
            record("globex", 2, .deployed),
        ] {
            try d.create(r)
        }
        #expect(try d.query(ReleaseQuery(latestOnly: true)).map(\.key.description) == ["acme.v2", "globex.v2"])
        #expect(try d.query(ReleaseQuery(statuses: [.deployed], latestOnly: true)).map(\.key.description) == ["globex.v2"])
        #expect(try d.query(ReleaseQuery(tenant: "acme", latestOnly: true)).map(\.revision) == [2])
    },
    DriverScenario(description: "commit applies a batch in order") { (d: any ReleaseDriver & LeaseDriver) throws in
        try d.create(record(1, .deployed))
        try d.commit([
            .create(record(2, .pendingUpgrade)), .update(record(1, .superseded)),
            .update(record(2, .deployed)), .delete(ReleaseKey(tenant: "acme", revision: 1)),
        ])
        #expect(summary(try d.query(ReleaseQuery())) == "2:deployed")
    },
    DriverScenario(description: "commit is all or nothing: a failing change undoes the earlier ones") { (d: any ReleaseDriver & LeaseDriver) throws in
        try d.create(record(1, .deployed))
        let e = storeError { () throws(StoreError) in
            try d.commit([
                .update(record(1, .superseded)), .create(record(2, .deployed)),
                .delete(ReleaseKey(tenant: "acme", revision: 7)),
            ])
        }
        #expect(e?.code == .notFound)
        #expect(summary(try d.query(ReleaseQuery())) == "1:deployed")
        let dup = storeError { () throws(StoreError) in
            try d.commit([.create(record(3, .deployed)), .create(record(1, .failed))])
        }
        #expect(dup?.code == .alreadyExists)
        #expect(summary(try d.query(ReleaseQuery())) == "1:deployed")
    },
    DriverScenario(description: "create refuses an empty tenant or a revision below 1") { (d: any ReleaseDriver & LeaseDriver) throws in
        #expect(storeError { () throws(StoreError) in try d.create(record("", 1, .deployed)) }?.code == .invalidArgument)
        #expect(storeError { () throws(StoreError) in try d.create(record(0, .deployed)) }?.code == .invalidArgument)
        #expect(try d.query(ReleaseQuery()).isEmpty)
    },
    DriverScenario(description: "leases: a free tenant is taken, a held one is refused unless the policy allows") {
        (d: any ReleaseDriver & LeaseDriver) throws in
        let a = Lease(
            tenant: "acme", holderID: "A", operation: "upgrade", hostname: "h1", pid: 10,
            startedAt: at(0), expiresAt: at(120))
        var b = a
        b.holderID = "B"
        b.operation = "rollback"
        #expect(try d.acquireLease(a, canTakeOver: { _ in false }) == nil)
        #expect(try d.currentLease(tenant: "acme") == a)
        #expect(try d.acquireLease(b, canTakeOver: { _ in false }) == a)
        #expect(try d.currentLease(tenant: "acme") == a)
        var other = b
        other.tenant = "globex"
        #expect(try d.acquireLease(other, canTakeOver: { _ in false }) == nil)
        #expect(try d.acquireLease(b, canTakeOver: { $0.holderID == "A" }) == nil)
        #expect(try d.currentLease(tenant: "acme") == b)
    },
    DriverScenario(description: "leases: only the holder releases") { (d: any ReleaseDriver & LeaseDriver) throws in
        let a = Lease(
            tenant: "acme", holderID: "A", operation: "install", hostname: "h1", pid: 10,
            startedAt: at(0), expiresAt: at(120))
        _ = try d.acquireLease(a, canTakeOver: { _ in false })
        #expect(try d.releaseLease(tenant: "acme", holderID: "B") == false)
        #expect(try d.currentLease(tenant: "acme") == a)
        #expect(try d.releaseLease(tenant: "acme", holderID: "A") == true)
        #expect(try d.currentLease(tenant: "acme") == nil)
        #expect(try d.releaseLease(tenant: "acme", holderID: "A") == false)
    },
    DriverScenario(description: "fenced commit: only the lease's holder writes; anyone else gets leaseLost naming the holder") {
        (d: any ReleaseDriver & LeaseDriver) throws in
        let a = Lease(
            tenant: "acme", holderID: "A", operation: "upgrade", hostname: "h1", pid: 10,
            startedAt: at(0), expiresAt: at(120))
        let fenceA = LeaseFence(tenant: "acme", holderID: "A"), fenceB = LeaseFence(tenant: "acme", holderID: "B")
        let none = storeError { () throws(StoreError) in try d.commit([.create(record(1, .deployed))], fence: fenceA) }
        #expect(none?.code == .leaseLost && none?.holder == nil, "no lease row: \(String(describing: none))")
        _ = try d.acquireLease(a, canTakeOver: { _ in false })
        try d.commit([.create(record(1, .deployed))], fence: fenceA)
        let e = storeError { () throws(StoreError) in
            try d.commit([.update(record(1, .superseded)), .create(record(2, .deployed))], fence: fenceB)
        }
        #expect(e?.code == .leaseLost)
        #expect(e?.holder == a)
        #expect(try d.query(ReleaseQuery(tenant: "acme")).map(\.status) == [.deployed])
    },
    DriverScenario(description: "renewLease: the holder extends its lease; a taken-over or released lease is never re-created") {
        (d: any ReleaseDriver & LeaseDriver) throws in
        let a = Lease(
            tenant: "acme", holderID: "A", operation: "upgrade", hostname: "h1", pid: 10,
            startedAt: at(0), expiresAt: at(120))
        var renewed = a
        renewed.expiresAt = at(240)
        #expect(try d.renewLease(renewed) == renewed)
        #expect(try d.currentLease(tenant: "acme") == nil)
        _ = try d.acquireLease(a, canTakeOver: { _ in false })
        #expect(try d.renewLease(renewed) == nil)
        #expect(try d.currentLease(tenant: "acme") == renewed)
        var b = a
        b.holderID = "B"
        _ = try d.acquireLease(b, canTakeOver: { _ in true })
        #expect(try d.renewLease(renewed) == b)
        #expect(try d.currentLease(tenant: "acme") == b)
    },
]

@Suite("Driver conformance")
struct DriverConformanceTests {
    @Test(arguments: DriverKind.allCases, driverScenarios)
    func scenario(_ kind: DriverKind, _ scenario: DriverScenario) throws {
        try scenario.run(try kind.make())
    }
}

@Suite("SQLite driver")
struct SQLiteDriverTests {
    @Test func recordsSurviveReopeningAndAreSharedBetweenConnections() throws {
        let path = temporarySQLitePath()
        let first = try SQLiteDriver(path: path)
        let second = try SQLiteDriver(path: path)
        try first.create(record(1, .deployed))
        #expect(try second.get(ReleaseKey(tenant: "acme", revision: 1)) == record(1, .deployed))
        let reopened = try SQLiteDriver(path: path, create: false)
        #expect(try reopened.query(ReleaseQuery()).count == 1)
    }

    @Test func schemaVersionIsRecordedAndANewerOneRefused() throws {
        let path = temporarySQLitePath()
        _ = try SQLiteDriver(path: path)
        let raw = try SQLiteConnection(path: path, create: false)
        let s = try raw.prepare("SELECT MAX(version) FROM schema_version")
        #expect(try s.step())
        #expect(Int(s.int(0)) == SQLiteDriver.schemaVersion)
        try raw.run("INSERT INTO schema_version (version) VALUES (99)")
        let e = storeError { () throws(StoreError) in _ = try SQLiteDriver(path: path) }
        #expect(e?.code == .incompatible)
        #expect(e?.message.contains("schema version 99") == true)
    }

    @Test func walModeIsOn() throws {
        let path = temporarySQLitePath()
        _ = try SQLiteDriver(path: path)
        let raw = try SQLiteConnection(path: path, create: false)
        let s = try raw.prepare("PRAGMA journal_mode")
        #expect(try s.step())
        #expect(s.text(0) == "wal")
    }

    @Test(arguments: [
        ("not a database", "this is not sqlite, just some text that is long enough to fill a header block......")
    ])
    func aFileThatIsNotADatabaseIsRefused(_ name: String, _ content: String) throws {
        let path = temporarySQLitePath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        let e = storeError { () throws(StoreError) in _ = try SQLiteDriver(path: path) }
        #expect(e?.code == .incompatible, "\(name): \(String(describing: e))")
    }

    @Test func aMissingFileIsNotCreatedWhenCreateIsFalse() {
        let path = temporarySQLitePath()
        let e = storeError { () throws(StoreError) in _ = try SQLiteDriver(path: path, create: false) }
        #expect(e?.code == .database)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: [
        (at(0), "2026-01-01T00:00:00.000000Z"),
        (at(0.25), "2026-01-01T00:00:00.250000Z"),
        (at(86_399.000_001), "2026-01-01T23:59:59.000001Z"),
        (Date(timeIntervalSince1970: 0), "1970-01-01T00:00:00.000000Z"),
    ])
    func timestampsRoundTrip(_ date: Date, _ text: String) {
        #expect(Timestamp.format(date) == text)
        let back = Timestamp.parse(text)
        #expect(back.map { abs($0.timeIntervalSince(date)) < 0.000_001 } == true)
    }
}
