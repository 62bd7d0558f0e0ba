// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

@testable import ReleaseStore

/// What a store's limits are, for the scenarios whose outcome depends on them.
struct PromotionStoreTraits: Sendable {
    /// The most bytes one record may take in the store (gzipped), nil for no limit.
    var maxRecordBytes: Int?
}

/// One scenario of promotion-record storage; every store passes every row.
struct PromotionScenario: Sendable, CustomStringConvertible {
    let description: String
    let run: @Sendable (Storage, PromotionStoreTraits) throws -> Void
}

/// A promotion record with recognisable content: `n` tenants in two waves, half promoted, one failed.
func promotionRecord(
    _ id: String, startedAt: Date = at(0), status: PromotionRecord.Status = .running, tenants n: Int = 4,
    message: (Int) -> String? = { _ in nil }
) -> PromotionRecord {
    let tenants = (0..<n).map { String(format: "tenant-%04d", $0) }
    let canary = Array(tenants.prefix(1))
    let rest = Array(tenants.dropFirst())
    var outcomes: [PromotionRecord.Outcome] = []
    for (i, t) in tenants.enumerated() {
        let state: PromotionRecord.Outcome.State = i == n - 1 ? .failed : (i % 2 == 0 ? .promoted : .skipped)
        outcomes.append(
            PromotionRecord.Outcome(
                tenant: t, wave: i == 0 ? "canary" : "rest", state: state, fromRevision: 3, fromVersion: "1.0.0",
                toRevision: state == .skipped ? nil : 4, toVersion: "1.1.0", message: message(i)))
    }
    return PromotionRecord(
        id: id, startedBy: "ci@runner-1 (job 42)", startedAt: startedAt,
        finishedAt: status == .running ? nil : startedAt.addingTimeInterval(90.5), status: status, chart: "tenant-app",
        toVersion: "1.1.0",
        waves: [
            PromotionRecord.Wave(name: "canary", selector: canary.joined(separator: ","), tenants: canary),
            PromotionRecord.Wave(name: "rest", selector: "", tenants: rest),
        ], outcomes: outcomes, warnings: ["wave \"premium\" matched no tenant"])
}

/// `count` characters of random hexadecimal: text gzip cannot shrink below half.
func randomHex(_ count: Int) -> String {
    var g = SystemRandomNumberGenerator()
    return String((0..<count).map { _ in "0123456789abcdef".randomElement(using: &g)! })
}

let promotionScenarios: [PromotionScenario] = [
    PromotionScenario(description: "save then get returns every field as saved") { (s: Storage, _: PromotionStoreTraits) throws in
        var r = promotionRecord("p-20260101T000000Z-1a2b3c", status: .halted)
        r.kind = .rollback
        r.rollsBack = "p-20251231T230000Z-ffffff"
        r.outcomes[0].state = .rolledBack
        r.outcomes[0].rollbackRevision = 6
        r.outcomes[0].message = "ténant ü: \"quoted\"\nsecond line"
        try s.savePromotion(r)
        #expect(try s.promotion(r.id) == r)
        #expect(try s.promotions() == [r])
    },
    PromotionScenario(description: "save replaces by id: at the start, after each wave, at the end") { (s: Storage, _: PromotionStoreTraits) throws in
        var r = promotionRecord("p-1")
        try s.savePromotion(r)
        r.outcomes[0].state = .promoted
        try s.savePromotion(r)
        r.status = .succeeded
        r.finishedAt = at(120)
        try s.savePromotion(r)
        #expect(try s.promotion("p-1") == r)
        #expect(try s.promotions().map(\.id) == ["p-1"])
    },
    PromotionScenario(description: "promotions lists newest first; equal start times by id, descending") { (s: Storage, _: PromotionStoreTraits) throws in
        for (id, t) in [("p-b", 60.0), ("p-a", 0), ("p-d", 120.25), ("p-c", 60)] {
            try s.savePromotion(promotionRecord(id, startedAt: at(t)))
        }
        #expect(try s.promotions().map(\.id) == ["p-d", "p-c", "p-b", "p-a"])
    },
    PromotionScenario(description: "an unknown id is nil; an empty store lists nothing") { (s: Storage, _: PromotionStoreTraits) throws in
        #expect(try s.promotions().isEmpty)
        #expect(try s.promotion("p-unknown") == nil)
        try s.savePromotion(promotionRecord("p-known"))
        #expect(try s.promotion("p-unknown") == nil)
        #expect(try s.promotion("P-KNOWN") == nil)
        #expect(try s.promotion("no/such id") == nil)
    },
    PromotionScenario(description: "an id no store can key is refused, nothing written") { (s: Storage, _: PromotionStoreTraits) throws in
        for id in ["", "-p", "p-", "a/b", "a b", "é", String(repeating: "p", count: 101)] {
            let e = storeError { () throws(StoreError) in try s.savePromotion(promotionRecord(id)) }
            #expect(e?.code == .invalidArgument, "\(id)")
            #expect(e?.message.contains("promotion id") == true, "\(id)")
        }
        #expect(try s.promotions().isEmpty)
    },
    PromotionScenario(description: "ids differing only in case are two records") { (s: Storage, _: PromotionStoreTraits) throws in
        let upper = promotionRecord("p-20260101T000000Z-A", startedAt: at(1))
        let lower = promotionRecord("p-20260101t000000z-a", startedAt: at(0), status: .succeeded)
        try s.savePromotion(upper)
        try s.savePromotion(lower)
        #expect(try s.promotion(upper.id) == upper)
        #expect(try s.promotion(lower.id) == lower)
        #expect(try s.promotions().map(\.id) == [upper.id, lower.id])
    },
    PromotionScenario(description: "a large record (1,000 tenants, long messages) round-trips") { (s: Storage, _: PromotionStoreTraits) throws in
        let r = promotionRecord("p-large", status: .finishedWithFailures, tenants: 1000) { i in
            "template error in tenant-\(i): " + String(repeating: "execution of template failed; ", count: 40)
        }
        try s.savePromotion(r)
        #expect(try s.promotion("p-large") == r)
    },
    PromotionScenario(description: "a record over the store's object limit is refused naming size and limit") {
        (s: Storage, traits: PromotionStoreTraits) throws in
        // ~3 MB of random hex gzips to ~1.5 MB: over the Kubernetes store's 1 MiB, fine for the SQL stores.
        let r = promotionRecord("p-huge", tenants: 300) { _ in randomHex(10_000) }
        let e = storeError { () throws(StoreError) in try s.savePromotion(r) }
        if let limit = traits.maxRecordBytes {
            #expect(e?.code == .invalidArgument)
            #expect(e?.message.contains("over the API server's limit of \(limit) bytes (1 MiB)") == true, "\(String(describing: e))")
            #expect(try s.promotion("p-huge") == nil)
            #expect(try s.promotions().isEmpty)
        } else {
            #expect(e == nil)
            #expect(try s.promotion("p-huge") == r)
        }
    },
    PromotionScenario(description: "promotion records are not release records") { (s: Storage, _: PromotionStoreTraits) throws in
        try s.savePromotion(promotionRecord("p-1"))
        #expect(try s.latest().isEmpty)
        #expect(try s.driver.query(ReleaseQuery()).isEmpty)
        try s.create(record(1, .deployed))
        #expect(try s.promotions().map(\.id) == ["p-1"])
        #expect(try s.latest().map(\.tenant) == ["acme"])
    },
]

@Suite("Promotion records")
struct PromotionStoreTests {
    @Test(arguments: DriverKind.allCases, promotionScenarios)
    func scenario(_ kind: DriverKind, _ scenario: PromotionScenario) throws {
        try scenario.run(Storage(driver: try kind.make()), PromotionStoreTraits())
    }

    @Test func aSchemaOneStateFileUpgradesInPlace() throws {
        let path = temporarySQLitePath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            let raw = try SQLiteConnection(path: path, create: true)
            try raw.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            for statement in SQLiteDriver.migrations[0] { try raw.execute(statement) }
            try raw.run("INSERT INTO schema_version (version) VALUES (1)")
        }
        try SQLiteDriver(path: path).create(record(1, .deployed))
        // The read-write open above migrated: the release is still there and promotions can be saved.
        let raw = try SQLiteConnection(path: path, create: false)
        #expect(try raw.scalar("SELECT MAX(version) FROM schema_version") == String(SQLiteDriver.schemaVersion))
        let s = Storage(driver: try SQLiteDriver(path: path))
        #expect(try s.last("acme") == record(1, .deployed))
        try s.savePromotion(promotionRecord("p-1"))
        let readOnly = Storage(driver: try SQLiteDriver(readingOnly: path))
        #expect(try readOnly.promotions().map(\.id) == ["p-1"])
    }

    @Test func aSchemaOneStateFileOpenedReadOnlyHasNoPromotionsAndStaysAtOne() throws {
        let path = temporarySQLitePath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            let raw = try SQLiteConnection(path: path, create: true)
            try raw.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            for statement in SQLiteDriver.migrations[0] { try raw.execute(statement) }
            try raw.run("INSERT INTO schema_version (version) VALUES (1)")
        }
        let s = Storage(driver: try SQLiteDriver(readingOnly: path))
        #expect(try s.promotions().isEmpty)
        #expect(try s.promotion("p-1") == nil)
        let raw = try SQLiteConnection(path: path, create: false)
        #expect(try raw.scalar("SELECT MAX(version) FROM schema_version") == "1")
    }

    @Test(arguments: [
        ("p-1", "tenantctl.promotion.p-1"),
        ("p-20261206T051400Z-1a2b3c", "tenantctl.promotion.p-20261206t051400z-1a2b3c-"),
        ("p-20261206t051400z-1a2b3c", "tenantctl.promotion.p-20261206t051400z-1a2b3c"),
        ("a_b.c", "tenantctl.promotion.a-b-c-"),
        (String(repeating: "x", count: 100), "tenantctl.promotion." + String(repeating: "x", count: 45) + "-"),
    ])
    func kubernetesSecretNames(_ id: String, _ prefix: String) {
        let name = KubernetesDriver.promotionSecretName(id)
        if prefix.hasSuffix("-") {
            #expect(name.hasPrefix(prefix), "\(name)")
            #expect(name.count == prefix.count + 16, "\(name)")
        } else {
            #expect(name == prefix)
        }
        #expect(KubeLabels.isDNSSubdomain(name), "\(name)")
    }
}

@Suite("Promotion records: PostgreSQL", .enabled(if: TestPostgres.url != nil, TestPostgres.reason))
struct PostgresPromotionStoreTests {
    @Test(arguments: promotionScenarios)
    func scenario(_ scenario: PromotionScenario) throws {
        try scenario.run(Storage(driver: try TestPostgres.driver()), PromotionStoreTraits())
    }

    @Test func aReadOnlyDriverOfADatabaseWithoutOurTableReadsNoPromotions() throws {
        let url = try TestPostgres.freshURL().url
        let readOnly = Storage(driver: try PostgresDriver(readingOnly: url))
        #expect(try readOnly.promotions().isEmpty)
        #expect(try readOnly.promotion("p-1") == nil)
        try Storage(driver: try PostgresDriver(url: url)).savePromotion(promotionRecord("p-1"))
        #expect(try readOnly.promotions().map(\.id) == ["p-1"])
    }

    @Test func recordsOfOtherNamespacesAreNotSeen() throws {
        let url = try TestPostgres.freshURL().url
        let a = Storage(driver: try PostgresDriver(url: url, namespace: "team-a"))
        let b = Storage(driver: try PostgresDriver(url: url, namespace: "team-b"))
        try a.savePromotion(promotionRecord("p-1"))
        #expect(try b.promotions().isEmpty)
        #expect(try a.promotions().map(\.id) == ["p-1"])
    }
}

@Suite("Promotion records: Kubernetes", .enabled(if: TestKube.dir != nil, TestKube.reason))
struct KubernetesPromotionStoreTests {
    @Test(arguments: promotionScenarios)
    func scenario(_ scenario: PromotionScenario) throws {
        try scenario.run(
            Storage(driver: try TestKube.driver()), PromotionStoreTraits(maxRecordBytes: KubernetesDriver.maxRecordBytes))
    }

    @Test func aRecordIsASecretHelmDoesNotList() throws {
        let namespace = TestKube.freshNamespace()
        let s = Storage(driver: try TestKube.driver(namespace: namespace))
        let r = promotionRecord("p-20261206T051400Z-1a2b3c")
        try s.savePromotion(r)
        let client = try TestKube.client()
        let name = KubernetesDriver.promotionSecretName(r.id)
        let secret = try client.get(TestKube.secrets, name: name, namespace: namespace)
        #expect(secret[["type"]]?.string == "tenantctl.io/promotion.v1")
        #expect(secret[["metadata", "labels", "owner"]]?.string == "tenantctl")
        #expect(secret[["metadata", "labels", "tenantctl.io/record"]]?.string == "promotion")
        #expect(secret[["metadata", "annotations", "tenantctl.io/promotion-id"]]?.string == r.id)
        // What `helm list` selects (owner=helm) does not include it.
        #expect(try client.listAll(TestKube.secrets, namespace: namespace, labelSelector: "owner=helm").isEmpty)
        // A read-only command's driver (no namespace created, nothing written) reads it.
        let reader = Storage(driver: try TestKube.driver(namespace: namespace))
        #expect(try reader.promotion(r.id) == r)
        // A namespace that does not exist holds no promotions.
        #expect(try Storage(driver: try TestKube.driver()).promotions().isEmpty)
    }
}
