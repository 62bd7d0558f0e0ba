// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// The shared stores whose servers scripts/test-servers.sh started.
enum SharedStoreUnderTest {
    /// A shared store under test: its name, the flags that choose it, and whether its server is here.
    struct Store: CustomTestStringConvertible, Sendable {
        var name: String
        var flags: [String]
        var available: Bool
        var testDescription: String { name }
    }

    static let postgresURL = ProcessInfo.processInfo.environment["TENANTCTL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The shared stores whose servers are here (a store without one has no case to run).
    static let stores: [Store] = all.filter(\.available)

    static let all: [Store] = [
        // Records and leases in PostgreSQL, objects in each working copy's own deploy/ (the records are what is
        // shared).
        Store(name: "postgres", flags: ["--store", "postgres", "--store-url", postgresURL ?? ""], available: postgresURL != nil),
        // Records as Helm's Secrets and leases as coordination Leases, objects in the cluster.
        Store(
            name: "kubernetes",
            flags: ["--target", "kubernetes", "--kubeconfig", ClusterEndToEndTests.kubeconfig],
            available: ClusterUnderTest.dir != nil),
    ]
}

/// Two working copies — as two CI runners or a runner and a laptop would have — sharing one store: separate
/// processes from separate folders race on the same tenant, and the shared lease (a row in PostgreSQL, a
/// coordination Lease in the cluster) lets exactly one write at a time. Each store runs against its real server
/// from scripts/test-servers.sh.
@Suite(
    .serialized,
    .enabled(
        if: !SharedStoreUnderTest.stores.isEmpty,
        "neither TENANTCTL_TEST_POSTGRES_URL nor TENANTCTL_TEST_KUBE_DIR is set: no shared store (run through scripts/test-servers.sh with ../shared beside the clone)"
    )
)
struct SharedStoreRaceTests {
    /// Two folders with their own copy of the chart and the tenants, as two machines would have.
    static func copies(_ name: String, _ store: SharedStoreUnderTest.Store) throws -> [URL] {
        try ["a", "b"].map {
            store.name == "kubernetes"
                ? try ClusterEndToEndTests.workspace("race-\(name)-\($0)", store: "kubernetes")
                : try EndToEndTests.workspace("race-\(name)-\($0)")
        }
    }

    static func history(_ tenant: String, _ store: SharedStoreUnderTest.Store, in dir: URL) throws -> [[String: Any]] {
        let r = try ClusterEndToEndTests.run(["history", tenant, "-o", "json"] + store.flags, in: dir)
        guard r.status == 0 else { return [] }
        return try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
    }

    /// Six upgrades of one tenant at once, three from each working copy, each willing to wait: every one
    /// succeeds in turn on top of the one before — revisions 2 to 7, each carrying exactly one process's value,
    /// one `deployed` — and no lease is left (a last upgrade that will not wait at all goes through).
    @Test(arguments: SharedStoreUnderTest.stores)
    func racingUpgradesTakeTurns(store: SharedStoreUnderTest.Store) throws {
        guard EndToEndTests.built else { return }
        let tenant = ClusterEndToEndTests.tenant("race")
        let dirs = try Self.copies(tenant, store)
        defer { for d in dirs { try? FileManager.default.removeItem(at: d) } }
        let installed = try ClusterEndToEndTests.run(["install", tenant, "--tier", "basic"] + store.flags, in: dirs[0])
        try #require(installed.status == 0, "install: \(installed.err)")
        // The other copy learns of the tenant the way a second machine would: the same tenant file checked in.
        try FileManager.default.copyItem(
            at: dirs[0].appendingPathComponent("tenants/\(tenant).yaml"), to: dirs[1].appendingPathComponent("tenants/\(tenant).yaml"))

        let patient = ["TENANTCTL_LEASE_WAIT": "120"]
        let started = try (0..<6).map { i in
            try ClusterEndToEndTests.start(
                ["upgrade", tenant, "--set", "greeting=p\(i)"] + store.flags, in: dirs[i % 2], environment: patient)
        }
        let results = started.map(ClusterEndToEndTests.finish)
        for (i, r) in results.enumerated() { #expect(r.status == 0, "upgrade p\(i): \(r.err)") }

        let rows = try Self.history(tenant, store, in: dirs[1])
        #expect(rows.compactMap { $0["revision"] as? Int } == Array(1...7), "\(rows)")
        #expect(rows.compactMap { $0["status"] as? String } == Array(repeating: "superseded", count: 6) + ["deployed"], "\(rows)")
        // Each process's value is in exactly one revision: nobody overwrote another's record.
        var seen: [String] = []
        for revision in 2...7 {
            let values = try ClusterEndToEndTests.run(["get", "values", tenant, "--revision", "\(revision)"] + store.flags, in: dirs[0])
            #expect(values.status == 0, "\(values.err)")
            if let match = values.out.range(of: #"greeting: p\d"#, options: .regularExpression) { seen.append(String(values.out[match])) }
        }
        #expect(seen.sorted() == (0..<6).map { "greeting: p\($0)" }, "\(seen)")

        let last = try ClusterEndToEndTests.run(
            ["upgrade", tenant, "--set", "greeting=last"] + store.flags, in: dirs[1], environment: ["TENANTCTL_LEASE_WAIT": "0"])
        #expect(last.status == 0, "no lease may be left behind: \(last.err)")
        _ = try ClusterEndToEndTests.run(["uninstall", tenant] + store.flags, in: dirs[0])
    }

    /// One copy's upgrade holds the lease; the other copy's, unwilling to wait long, fails naming the holder
    /// (its pid and host, the operation, since when) and writes nothing; the holder finishes: one new revision.
    @Test(arguments: SharedStoreUnderTest.stores)
    func otherCopyIsToldWhoHoldsTheLease(store: SharedStoreUnderTest.Store) throws {
        guard EndToEndTests.built else { return }
        let tenant = ClusterEndToEndTests.tenant("held")
        let dirs = try Self.copies(tenant, store)
        defer { for d in dirs { try? FileManager.default.removeItem(at: d) } }
        try #require(try ClusterEndToEndTests.run(["install", tenant, "--tier", "basic"] + store.flags, in: dirs[0]).status == 0)
        try FileManager.default.copyItem(
            at: dirs[0].appendingPathComponent("tenants/\(tenant).yaml"), to: dirs[1].appendingPathComponent("tenants/\(tenant).yaml"))

        let holder = try ClusterEndToEndTests.start(
            ["upgrade", tenant, "--set", "greeting=holder"] + store.flags, in: dirs[0],
            environment: ["TENANTCTL_TEST_HOLD_LEASE_SECONDS": "4"])
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try Self.history(tenant, store, in: dirs[1]).last?["status"] as? String) != "pending-upgrade" {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let other = try ClusterEndToEndTests.run(
            ["upgrade", tenant, "--set", "greeting=other"] + store.flags, in: dirs[1], environment: ["TENANTCTL_LEASE_WAIT": "0.5"])
        #expect(other.status == 1, "\(other.err)")
        #expect(
            other.err.contains("another operation on tenant \"\(tenant)\" is in progress: upgrade (pid \(holder.0.processIdentifier) on "),
            "\(other.err)")
        let done = ClusterEndToEndTests.finish(holder)
        #expect(done.status == 0, "\(done.err)")
        let rows = try Self.history(tenant, store, in: dirs[1])
        #expect(rows.compactMap { $0["status"] as? String } == ["superseded", "deployed"], "\(rows)")
        _ = try ClusterEndToEndTests.run(["uninstall", tenant] + store.flags, in: dirs[0])
    }

    /// Eight runners on eight tenants at once, two upgrades of every tenant from the two copies (sixteen
    /// processes): no deadlock, no lost revision — every tenant ends with exactly its two new revisions, one
    /// `deployed`.
    @Test(arguments: SharedStoreUnderTest.stores)
    func eightRunnersEightTenants(store: SharedStoreUnderTest.Store) throws {
        guard EndToEndTests.built else { return }
        let base = ClusterEndToEndTests.tenant("eight")
        let tenants = (0..<8).map { "\(base)-\($0)" }
        let dirs = try Self.copies(base, store)
        defer { for d in dirs { try? FileManager.default.removeItem(at: d) } }
        for t in tenants {
            try #require(try ClusterEndToEndTests.run(["install", t, "--tier", "basic"] + store.flags, in: dirs[0]).status == 0)
            try FileManager.default.copyItem(
                at: dirs[0].appendingPathComponent("tenants/\(t).yaml"), to: dirs[1].appendingPathComponent("tenants/\(t).yaml"))
        }
        let patient = ["TENANTCTL_LEASE_WAIT": "120"]
        var started: [(String, (Process, Pipe, Pipe))] = []
        for i in 0..<8 {
            for (copy, t) in [(0, tenants[i]), (1, tenants[(i + 1) % 8])] {
                started.append(
                    (
                        t,
                        try ClusterEndToEndTests.start(
                            ["upgrade", t, "--set", "greeting=r\(i)"] + store.flags, in: dirs[copy], environment: patient)
                    ))
            }
        }
        for (t, process) in started {
            let r = ClusterEndToEndTests.finish(process)
            #expect(r.status == 0, "upgrade of \(t): \(r.err)")
        }
        for t in tenants {
            let rows = try Self.history(t, store, in: dirs[1])
            #expect(rows.compactMap { $0["revision"] as? Int } == [1, 2, 3], "\(t): \(rows)")
            #expect(rows.compactMap { $0["status"] as? String } == ["superseded", "superseded", "deployed"], "\(t): \(rows)")
            _ = try ClusterEndToEndTests.run(["uninstall", t] + store.flags, in: dirs[0])
        }
    }
}
