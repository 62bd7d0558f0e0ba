// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import Testing
import YAMLKit

@testable import ReleaseStore

/// A value's Go JSON, for comparisons.
func GoJSONString(_ v: Value) -> String { (try? GoJSON.marshal(v)) ?? "?" }

/// The PostgreSQL server scripts/test-servers.sh started (`TENANTCTL_TEST_POSTGRES_URL`), or nil.
enum TestPostgres {
    static let url: String? = ProcessInfo.processInfo.environment["TENANTCTL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let reason: Comment =
        "TENANTCTL_TEST_POSTGRES_URL is unset: no PostgreSQL server (run the tests through scripts/test-servers.sh with ../shared/postgres beside the clone)"

    /// A URL whose connections work in a fresh schema of their own (`search_path`), and the schema's name.
    static func freshURL() throws -> (url: String, schema: String) {
        let base = try #require(url)
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresConnection(url: base)
        try admin.execute("CREATE SCHEMA \(schema)")
        return (base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)", schema)
    }

    /// A driver over a fresh schema.
    static func driver(namespace: String = PostgresDriver.defaultNamespace) throws -> PostgresDriver {
        try PostgresDriver(url: try freshURL().url, namespace: namespace)
    }
}

@Suite("PostgreSQL driver", .enabled(if: TestPostgres.url != nil, TestPostgres.reason))
struct PostgresDriverTests {
    @Test(arguments: driverScenarios)
    func conformance(_ scenario: DriverScenario) throws {
        try scenario.run(try TestPostgres.driver())
    }

    @Test func schemaIsHelmsOwn() throws {
        let (url, schema) = try TestPostgres.freshURL()
        let driver = try PostgresDriver(url: url)
        _ = driver
        // Helm's tables exactly as Helm makes them; ours (tenantctl_leases_v1, tenantctl_promotions_v1) beside them.
        let raw = try PostgresConnection(url: url)
        var lines: [String] = []
        let queries = [
            """
            SELECT table_name || '|' || column_name || '|' || data_type || '|' || coalesce(character_maximum_length::text, '') \
            || '|' || is_nullable || '|' || coalesce(column_default, '') FROM information_schema.columns \
            WHERE table_schema = $1 AND table_name NOT LIKE 'tenantctl\\_%' ORDER BY table_name, ordinal_position
            """,
            """
            SELECT 'index|' || tablename || '|' || indexname || '|' || replace(indexdef, $1 || '.', '') FROM pg_indexes \
            WHERE schemaname = $1 AND tablename NOT LIKE 'tenantctl\\_%' ORDER BY indexname
            """,
            """
            SELECT 'rls|' || relname || '|' || relrowsecurity::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE nspname = $1 AND relkind = 'r' AND relname NOT LIKE 'tenantctl\\_%' ORDER BY relname
            """,
            """
            SELECT 'grant|' || table_name || '|' || grantee || '|' || privilege_type FROM information_schema.role_table_grants \
            WHERE table_schema = $1 AND grantee = 'PUBLIC' ORDER BY table_name, privilege_type
            """,
        ]
        for sql in queries {
            let rows = try raw.query(sql, [.text(schema)], doing: "reading the schema")
            for i in 0..<rows.count { lines.append(rows.text(i, 0) ?? "") }
        }
        let recorded = try String(contentsOf: releaseStoreTestData.appendingPathComponent("helm-v4.1.4-sql-schema.txt"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        #expect(lines == recorded)
        let migrations = try raw.query("SELECT id FROM gorp_migrations ORDER BY applied_at", doing: "migrations")
        #expect((0..<migrations.count).map { migrations.text($0, 0) } == ["custom_labels", "init"])
        // Opening again changes nothing.
        _ = try PostgresDriver(url: url)
        #expect(try raw.query("SELECT count(*) FROM gorp_migrations", doing: "count").int(0, 0) == 2)
    }

    @Test func rowsAreWrittenAsHelmWritesThem() throws {
        let (url, _) = try TestPostgres.freshURL()
        let driver = try PostgresDriver(url: url, namespace: "records")
        var r = record(1, .deployed, description: "Install complete")
        r.labels = ["tier": "premium"]
        let before = Int64(Date().timeIntervalSince1970)
        try driver.create(r)
        try driver.update(r)
        let raw = try PostgresConnection(url: url)
        let rows = try raw.query(
            "SELECT key, type, name, namespace, version, status, owner, createdat, modifiedat, body FROM releases_v1",
            doing: "reading")
        #expect(rows.count == 1)
        #expect((0..<7).map { rows.text(0, $0) ?? "" } == ["sh.helm.release.v1.acme.v1", "helm.sh/release.v1", "acme", "records", "1", "deployed", "helm"])
        #expect(rows.int(0, 7) >= before && rows.int(0, 8) >= rows.int(0, 7))
        #expect(try HelmRecord.decode(rows.text(0, 9) ?? "", labels: r.labels, record: "row") == r)
        let labels = try raw.query("SELECT releasekey, releasenamespace, key, value FROM custom_labels_v1", doing: "labels")
        #expect(labels.count == 1)
        #expect((0..<4).map { labels.text(0, $0) ?? "" } == ["sh.helm.release.v1.acme.v1", "records", "tier", "premium"])
        _ = try driver.delete(r.key)
        #expect(try raw.query("SELECT count(*) FROM custom_labels_v1", doing: "labels").int(0, 0) == 0)
    }

    @Test func readsTheRowsRealHelmWrote() throws {
        let (url, _) = try TestPostgres.freshURL()
        let driver = try PostgresDriver(url: url, namespace: "default")
        let raw = try PostgresConnection(url: url)
        for row in try HelmSQLRow.recorded() {
            try raw.run(
                """
                INSERT INTO releases_v1 (key, type, body, name, namespace, version, status, owner, createdAt, modifiedAt)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """,
                [
                    .text(row.key), .text(row.type), .text(row.body), .text(row.name), .text(row.namespace),
                    .int(Int64(row.version)), .text(row.status), .text(row.owner), .int(Int64(row.createdat)),
                    .int(Int64(row.modifiedat)),
                ], doing: "inserting Helm's row")
            for (k, v) in row.labels {
                try raw.run(
                    "INSERT INTO custom_labels_v1 (releaseKey, releaseNamespace, key, value) VALUES ($1, $2, $3, $4)",
                    [.text(row.key), .text(row.namespace), .text(k), .text(v)], doing: "inserting Helm's labels")
            }
        }
        let history = try driver.query(ReleaseQuery(tenant: "acme"))
        #expect(summary(history) == "1:superseded 2:deployed")
        #expect(history.allSatisfy { $0.labels == ["tier": "premium"] && $0.chart.nameAndVersion == "tiny-0.1.0" })
        #expect(try driver.query(ReleaseQuery(statuses: [.deployed], latestOnly: true)).map(\.revision) == [2])
        // And tenantctl goes on from Helm's revision, keeping what Helm stored in it beyond our model.
        try driver.commit([.update(history[1].with(status: .superseded)), .create(record(3, .deployed))])
        #expect(summary(try driver.query(ReleaseQuery(tenant: "acme"))) == "1:superseded 2:superseded 3:deployed")
        let body = try raw.query("SELECT body FROM releases_v1 WHERE key = 'sh.helm.release.v1.acme.v2'", doing: "reading")
        let json = try GoJSON.unmarshal(String(decoding: try HelmRecord.decodedBytes(body.text(0, 0) ?? "", record: "v2"), as: UTF8.self))
        guard case .map(let root, _) = json, case .map(let chart, _)? = root["chart"], case .slice(let templates, _)? = chart["templates"],
            case .map(let info, _)? = root["info"], case .map(let metadata, _)? = chart["metadata"]
        else {
            Issue.record("unexpected record: \(json)")
            return
        }
        #expect(templates.count == 2)
        #expect(info["status"].map { GoJSONString($0) } == "\"superseded\"")
        #expect(metadata["description"].map { GoJSONString($0) } == "\"A tiny chart for recording a Helm release record\"")
        #expect(root["apply_method"].map { GoJSONString($0) } == "\"ssa\"")
        // Helm's nanoseconds come back as the microseconds every store keeps.
        var expected = history[1].with(status: .superseded)
        expected.firstDeployed = try #require(Timestamp.parse(Timestamp.format(expected.firstDeployed)))
        expected.lastDeployed = try #require(Timestamp.parse(Timestamp.format(expected.lastDeployed)))
        #expect(try driver.get(ReleaseKey(tenant: "acme", revision: 2)) == expected)
        // Another records namespace sees none of it.
        #expect(try PostgresDriver(url: url).query(ReleaseQuery()).isEmpty)
    }

    @Test func anUnreachableServerIsAClearErrorWithoutThePassword() throws {
        let e = storeFailure { () throws(StoreError) in
            try PostgresDriver(url: "postgres://tenantctl:s3cret-pw@127.0.0.1:1/releases?sslmode=disable")
        }
        #expect(e?.code == .database)
        let message = e?.message ?? ""
        #expect(message.hasPrefix("cannot connect to PostgreSQL at 127.0.0.1:1/releases: "), "\(message)")
        #expect(message.contains("Connection refused"), "\(message)")
        #expect(!message.contains("s3cret"), "\(message)")
        // TLS is libpq's: sslmode=require against this server (no TLS) is refused, with libpq's reason.
        let tlsURL = try #require(TestPostgres.url).replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")
        let tls = storeFailure { () throws(StoreError) in try PostgresDriver(url: tlsURL) }
        #expect(tls?.code == .database)
        #expect(tls?.message.contains("SSL") == true, "\(tls?.message ?? "")")
        let bad = storeFailure { () throws(StoreError) in try PostgresDriver(url: "postgres://u:s3cret@host:notaport/db") }
        #expect(bad?.code == .database)
        #expect(bad?.message.contains("s3cret") == false, "\(bad?.message ?? "")")
    }

    @Test func aCorruptBodyInOneRevisionIsReportedAndTheRestRead() throws {
        let (url, _) = try TestPostgres.freshURL()
        let driver = try PostgresDriver(url: url)
        try driver.commit([.create(record(1, .superseded)), .create(record(2, .superseded)), .create(record(3, .deployed))])
        let raw = try PostgresConnection(url: url)
        try raw.run(
            "UPDATE releases_v1 SET body = $1 WHERE key = 'sh.helm.release.v1.acme.v2'",
            [.text(try HelmRecordTests.base64Gzip("{\"name\": \"acme\", \"version\": 2, \"info\": {\"status\": \"exploded\"}}"))],
            doing: "corrupting")
        let e = storeFailure { () throws(StoreError) in try driver.get(ReleaseKey(tenant: "acme", revision: 2)) }
        #expect(e?.code == .incompatible)
        #expect(e?.tenant == "acme" && e?.revision == 2)
        #expect(
            e?.message == "release record sh.helm.release.v1.acme.v2 in \(driver.server) (namespace tenantctl-system) "
                + "is unreadable: unknown status \"exploded\"")
        #expect(try driver.get(ReleaseKey(tenant: "acme", revision: 3)).status == .deployed)
        let scan = try driver.scan(ReleaseQuery(tenant: "acme"))
        #expect(scan.releases.map(\.revision) == [1, 3])
        #expect(scan.unreadable.map(\.revision) == [2])
        #expect(storeFailure { () throws(StoreError) in try driver.query(ReleaseQuery(tenant: "acme")) }?.revision == 2)
        // The latest revision is still readable on its own, and the corrupt one can be pruned.
        #expect(try driver.query(ReleaseQuery(tenant: "acme", latestOnly: true)).map(\.revision) == [3])
        try driver.commit([.delete(ReleaseKey(tenant: "acme", revision: 2))])
        #expect(try driver.query(ReleaseQuery(tenant: "acme")).map(\.revision) == [1, 3])
    }

    @Test func driversOnSeparateConnectionsRaceForOneLeaseAndExactlyOneWins() throws {
        let (url, _) = try TestPostgres.freshURL()
        let drivers = try (0..<8).map { _ in try PostgresDriver(url: url) }
        for round in 0..<5 {
            let tenant = "race-\(round)"
            let winners = Counter()
            DispatchQueue.concurrentPerform(iterations: drivers.count) { i in
                let lease = Lease(
                    tenant: tenant, holderID: "holder-\(i)", operation: "upgrade", hostname: "runner-\(i)", pid: Int32(i),
                    startedAt: at(0), expiresAt: at(120))
                if (try? drivers[i].acquireLease(lease, canTakeOver: { _ in false })) == .some(nil) { winners.add(i) }
            }
            #expect(winners.values.count == 1, "round \(round): \(winners.values)")
            let holder = try drivers[0].currentLease(tenant: tenant)
            #expect(holder?.holderID == "holder-\(winners.values.first ?? -1)")
        }
        // Taking over an expired lease: every driver tries, one wins, the others see the winner.
        let expired = Lease(
            tenant: "race-0", holderID: try #require(try drivers[0].currentLease(tenant: "race-0")).holderID,
            operation: "upgrade", hostname: "gone", pid: 1, startedAt: at(0), expiresAt: at(1))
        _ = try drivers[0].renewLease(expired)
        let winners = Counter()
        DispatchQueue.concurrentPerform(iterations: drivers.count) { i in
            let lease = Lease(
                tenant: "race-0", holderID: "taker-\(i)", operation: "rollback", hostname: "runner-\(i)", pid: Int32(i),
                startedAt: at(10), expiresAt: at(130))
            if (try? drivers[i].acquireLease(lease, canTakeOver: { $0.expiresAt <= at(10) })) == .some(nil) { winners.add(i) }
        }
        #expect(winners.values.count == 1, "\(winners.values)")
    }

    @Test func theFenceRefusesAStaleHolderFromAnotherConnection() throws {
        let (url, _) = try TestPostgres.freshURL()
        let a = try PostgresDriver(url: url), b = try PostgresDriver(url: url)
        let leaseA = Lease(
            tenant: "acme", holderID: "A", operation: "upgrade", hostname: "laptop", pid: 10, startedAt: at(0), expiresAt: at(1))
        #expect(try a.acquireLease(leaseA, canTakeOver: { _ in false }) == nil)
        try a.commit([.create(record(1, .deployed))], fence: LeaseFence(tenant: "acme", holderID: "A"))
        // A pauses past its lease; B takes it over and writes.
        let leaseB = Lease(
            tenant: "acme", holderID: "B", operation: "rollback", hostname: "ci-7", pid: 20, startedAt: at(5), expiresAt: at(125))
        #expect(try b.acquireLease(leaseB, canTakeOver: { $0.expiresAt <= at(5) }) == nil)
        try b.commit([.update(record(1, .superseded)), .create(record(2, .deployed))], fence: LeaseFence(tenant: "acme", holderID: "B"))
        // A wakes up: its write is refused, naming B, and changes nothing.
        let e = storeFailure { () throws(StoreError) in
            try a.commit([.create(record(3, .deployed))], fence: LeaseFence(tenant: "acme", holderID: "A"))
        }
        #expect(e?.code == .leaseLost)
        #expect(e?.holder == leaseB)
        #expect(e?.message.contains("rollback (pid 20 on ci-7)") == true, "\(e?.message ?? "")")
        #expect(summary(try b.query(ReleaseQuery(tenant: "acme"))) == "1:superseded 2:deployed")
        #expect(try a.renewLease(leaseA) == leaseB)
        #expect(try a.releaseLease(tenant: "acme", holderID: "A") == false)
    }

    @Test func aWriteHoldsTheLeaseRowUntilItCommits() throws {
        // B's takeover waits for A's fenced write transaction: A holds the row lock (FOR UPDATE) meanwhile.
        let (url, _) = try TestPostgres.freshURL()
        let a = try PostgresDriver(url: url), b = try PostgresDriver(url: url)
        let leaseA = Lease(
            tenant: "acme", holderID: "A", operation: "upgrade", hostname: "h", pid: 1, startedAt: at(0), expiresAt: at(1))
        _ = try a.acquireLease(leaseA, canTakeOver: { _ in false })
        let raw = try PostgresConnection(url: url)
        try raw.execute("BEGIN")
        _ = try raw.query("SELECT * FROM tenantctl_leases_v1 WHERE tenant = 'acme' FOR UPDATE", doing: "lock")
        let done = Counter()
        let thread = Thread {
            let leaseB = Lease(
                tenant: "acme", holderID: "B", operation: "upgrade", hostname: "h", pid: 2, startedAt: at(5), expiresAt: at(125))
            if (try? b.acquireLease(leaseB, canTakeOver: { _ in true })) == .some(nil) { done.add(1) }
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(done.values.isEmpty, "the takeover did not wait for the row lock")
        try raw.execute("COMMIT")
        for _ in 0..<100 where done.values.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        #expect(done.values == [1])
    }

    @Test func aLostConnectionIsReestablishedByTheNextCall() throws {
        // The server ending our session is what a restart looks like from here.
        let (url, _) = try TestPostgres.freshURL()
        let driver = try PostgresDriver(url: url)
        let admin = try PostgresConnection(url: url)
        func endSession() throws {
            try admin.run("SELECT pg_terminate_backend($1)", [.int(Int64(driver.backendPID))], doing: "ending the session")
            Thread.sleep(forTimeInterval: 0.1)
        }
        let before = driver.backendPID
        try endSession()
        try driver.create(record(1, .deployed))  // a write reconnects at BEGIN
        #expect(driver.backendPID != before)
        try endSession()
        #expect(try driver.get(ReleaseKey(tenant: "acme", revision: 1)) == record(1, .deployed))  // a read is repeated
        try endSession()
        #expect(try driver.currentLease(tenant: "acme") == nil)
        try endSession()
        #expect(try driver.query(ReleaseQuery(tenant: "acme")).count == 1)
    }

    /// `runners` storages on their own connections, each upgrading `tenant(runner)` `rounds` times under the lease.
    static func upgradeConcurrently(runners: Int, rounds: Int, tenant: @escaping @Sendable (Int) -> String) throws -> PostgresDriver {
        let (url, _) = try TestPostgres.freshURL()
        let storages = try (0..<runners).map { _ in
            Storage(
                driver: try PostgresDriver(url: url), historyMax: 0,
                leasePolicy: LeasePolicy(ttl: 60, wait: 60, pollInterval: 0.005))
        }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: runners) { i in
            let storage = storages[i]
            let name = tenant(i)
            for _ in 0..<rounds {
                do throws(StoreError) {
                    let token = try storage.acquireLease(tenant: name, operation: "upgrade")
                    let next: Int
                    do throws(StoreError) {
                        next = try storage.last(name).revision + 1
                    } catch {
                        guard error.code == .notFound else { throw error }
                        next = 1
                    }
                    try storage.commit([.create(record(name, next, .deployed))], fence: token.fence)
                    _ = try storage.releaseLease(token)
                } catch {
                    failures.add("runner \(i): \(error)")
                }
            }
        }
        #expect(failures.values.isEmpty, "\(failures.values)")
        return try PostgresDriver(url: url)
    }

    @Test func eightRunnersUpgradingOneTenantLoseNoRevision() throws {
        let driver = try Self.upgradeConcurrently(runners: 8, rounds: 5) { _ in "acme" }
        #expect(try driver.query(ReleaseQuery(tenant: "acme")).map(\.revision) == Array(1...40))
    }

    @Test func eightRunnersUpgradingEightTenantsLoseNoRevision() throws {
        let driver = try Self.upgradeConcurrently(runners: 8, rounds: 5) { "tenant-\($0)" }
        let all = try driver.query(ReleaseQuery())
        #expect(all.count == 40)
        for i in 0..<8 { #expect(all.filter { $0.tenant == "tenant-\(i)" }.map(\.revision) == Array(1...5)) }
    }

    @Test func aRecordTheSchemaCannotHoldIsRefusedNamingServerAndRow() throws {
        let driver = try TestPostgres.driver()
        let tenant = String(repeating: "t", count: 70)
        let e = storeFailure { () throws(StoreError) in try driver.commit([.create(record(1, .deployed)), .create(record(tenant, 1, .deployed))]) }
        #expect(e?.code == .database)
        #expect(
            e?.message == "PostgreSQL at \(driver.server): creating sh.helm.release.v1.\(tenant).v1 (namespace tenantctl-system): "
                + "value too long for type character varying(90)")
        #expect(try driver.query(ReleaseQuery()).isEmpty)
    }

    @Test func aReadOnlyDriverCreatesNothingAndWritesNothing() throws {
        let (url, _) = try TestPostgres.freshURL()
        let reader = try PostgresDriver(readingOnly: url)
        #expect(reader.readOnly)
        #expect(try reader.query(ReleaseQuery()).isEmpty)
        #expect(storeFailure { () throws(StoreError) in try reader.get(ReleaseKey(tenant: "acme", revision: 1)) }?.code == .notFound)
        #expect(try reader.currentLease(tenant: "acme") == nil)
        let raw = try PostgresConnection(url: url)
        #expect(try raw.query("SELECT to_regclass('releases_v1') IS NULL", doing: "schema").text(0, 0) == "t")
        let write = storeFailure { () throws(StoreError) in try reader.create(record(1, .deployed)) }
        #expect(write?.message == "PostgreSQL at \(reader.server): this store was opened for reading only")
        #expect(storeFailure { () throws(StoreError) in try reader.releaseLease(tenant: "acme", holderID: "A") } != nil)
        // Once a writer made the tables and a record, the reader sees it.
        let writer = try PostgresDriver(url: url)
        try writer.create(record(1, .deployed))
        #expect(try reader.get(ReleaseKey(tenant: "acme", revision: 1)) == record(1, .deployed))
        // And the server itself refuses the session's writes.
        let refused = storeFailure { () throws(StoreError) in
            _ = try reader.locked { () throws(StoreError) in
                try reader.connectionForTests.run("DELETE FROM releases_v1", doing: "deleting everything")
            }
        }
        #expect(refused?.message.contains("cannot execute DELETE in a read-only transaction") == true, "\(refused?.message ?? "")")
        #expect(try writer.query(ReleaseQuery()).count == 1)
    }

    @Test func aLongTenantNameKeepsItsLabels() throws {
        // custom_labels_v1.releaseKey is VARCHAR(64): longer keys keep their labels in the record only.
        let driver = try TestPostgres.driver()
        var r = record(String(repeating: "t", count: 53), 10, .deployed)
        r.labels = ["tier": "premium"]
        try driver.create(r)
        #expect(try driver.get(r.key) == r)
    }
}

/// A thread-safe list of ints, for counting winners.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    func add(_ i: Int) {
        lock.lock()
        items.append(i)
        lock.unlock()
    }
    var values: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// A thread-safe list of messages.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) {
        lock.lock()
        items.append(s)
        lock.unlock()
    }
    var values: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

extension Release {
    /// The record with another status.
    func with(status: ReleaseStatus) -> Release {
        var r = self
        r.status = status
        return r
    }
}

/// The real `helm` binary named by `TENANTCTL_TEST_HELM` (`bash ../shared/tools/install-reference-helm.sh DIR`
/// prints one), with the cluster scripts/test-servers.sh started: `helm list` needs a reachable API server
/// even with `HELM_DRIVER=sql`.
enum TestHelm {
    static let path: String? = ProcessInfo.processInfo.environment["TENANTCTL_TEST_HELM"].flatMap { $0.isEmpty ? nil : $0 }
    static let kubeDir: String? = ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    static let enabled = path != nil && kubeDir != nil && TestPostgres.url != nil
    static let reason: Comment =
        "needs TENANTCTL_TEST_HELM (a helm v4 binary), TENANTCTL_TEST_KUBE_DIR and TENANTCTL_TEST_POSTGRES_URL: the interop check runs real helm, never needed by the other tests"

    /// Runs helm with `HELM_DRIVER=sql` on `schema`; returns its standard output.
    static func run(_ arguments: [String], schema: String) throws -> String {
        let base = try #require(TestPostgres.url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HELM_DRIVER"] = "sql"
        // lib/pq sends unknown parameters to the server as run-time settings: search_path picks the schema.
        environment["HELM_DRIVER_SQL_CONNECTION_STRING"] = base + (base.contains("?") ? "&" : "?") + "search_path=\(schema)"
        environment["KUBECONFIG"] = (kubeDir ?? "") + "/kubeconfig"
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-helm-\(UUID().uuidString)").path
        for key in ["HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME"] { environment[key] = home + "/" + key }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "helm \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite("PostgreSQL store with real Helm", .enabled(if: TestHelm.enabled, TestHelm.reason))
struct PostgresHelmInteropTests {
    @Test func helmListsAndShowsWhatTenantctlWrote() throws {
        let (url, schema) = try TestPostgres.freshURL()
        let driver = try PostgresDriver(url: url)
        var first = record(1, .superseded, description: "Install complete")
        var second = record(2, .deployed, chart: chartV2, description: "Upgrade complete")
        first.labels = ["tier": "premium"]
        second.labels = ["tier": "premium"]
        second.userValues = "image:\n  tag: \"1.26\"\nreplicas: 3\n"
        second.computedValues = "image:\n  repository: nginx\n  tag: \"1.26\"\nreplicas: 3\n"
        second.manifest = "---\n# Source: tenant-app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: acme\n"
        try driver.commit([.create(first), .create(second)])
        let ns = ["-n", PostgresDriver.defaultNamespace]
        #expect(
            try TestHelm.run(["list", "-o", "json"] + ns, schema: schema)
                == "[{\"name\":\"acme\",\"namespace\":\"tenantctl-system\",\"revision\":\"2\",\"updated\":\"2026-01-01 00:02:00 +0000 UTC\",\"status\":\"deployed\",\"chart\":\"tenant-app-1.1.0\",\"app_version\":\"2.4\"}]\n"
        )
        #expect(
            try TestHelm.run(["history", "acme", "-o", "json"] + ns, schema: schema)
                == "[{\"revision\":1,\"updated\":\"2026-01-01T00:01:00Z\",\"status\":\"superseded\",\"chart\":\"tenant-app-1.0.0\",\"app_version\":\"2.3\",\"description\":\"Install complete\"},{\"revision\":2,\"updated\":\"2026-01-01T00:02:00Z\",\"status\":\"deployed\",\"chart\":\"tenant-app-1.1.0\",\"app_version\":\"2.4\",\"description\":\"Upgrade complete\"}]\n"
        )
        #expect(try TestHelm.run(["get", "values", "acme", "-o", "json"] + ns, schema: schema) == "{\"image\":{\"tag\":\"1.26\"},\"replicas\":3}\n")
        #expect(
            try TestHelm.run(["get", "values", "acme", "--all", "-o", "json"] + ns, schema: schema)
                == "{\"image\":{\"repository\":\"nginx\",\"tag\":\"1.26\"},\"replicas\":3}\n")
        #expect(try TestHelm.run(["get", "manifest", "acme"] + ns, schema: schema) == second.manifest + "\n")
        #expect(try TestHelm.run(["get", "notes", "acme"] + ns, schema: schema) == "NOTES:\nnotes 2\n")
        #expect(try TestHelm.run(["get", "values", "acme", "--revision", "1", "-o", "json"] + ns, schema: schema) == "{\"v\":1}\n")
        // Helm found its migrations applied and added none.
        let migrations = try PostgresConnection(url: url).query(
            "SELECT id FROM gorp_migrations ORDER BY id", doing: "reading gorp_migrations")
        #expect((0..<migrations.count).map { migrations.text($0, 0) } == ["custom_labels", "init"])
    }

    @Test func tenantctlReadsWhatHelmDidToItsReleaseAndGoesOn() throws {
        let (url, schema) = try TestPostgres.freshURL()
        let driver = try PostgresDriver(url: url)
        var first = record(1, .deployed, description: "Install complete")
        first.manifest = ""  // nothing for Helm to apply to the API server
        first.labels = ["tier": "premium"]
        try driver.create(first)
        let chart = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: chart.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "apiVersion: v2\nname: notes-only\nversion: 0.2.0\nappVersion: \"3.0\"\n".write(
            to: chart.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        try "greeting: hello\n".write(to: chart.appendingPathComponent("values.yaml"), atomically: true, encoding: .utf8)
        try "Hello from {{ .Release.Name }} revision {{ .Release.Revision }}\n".write(
            to: chart.appendingPathComponent("templates/NOTES.txt"), atomically: true, encoding: .utf8)
        let ns = ["-n", PostgresDriver.defaultNamespace]
        _ = try TestHelm.run(["upgrade", "acme", chart.path, "--set", "replicas=5"] + ns, schema: schema)
        _ = try TestHelm.run(["rollback", "acme", "1"] + ns, schema: schema)
        let history = try driver.query(ReleaseQuery(tenant: "acme"))
        #expect(summary(history) == "1:superseded 2:superseded 3:deployed")
        guard history.count == 3 else { return }
        // Helm rewrote our revision 1 (superseded) without the tenantctl object: read from Helm's fields.
        #expect(history[0].chart == ChartReference(name: "tenant-app", version: "1.0.0", appVersion: "2.3"))
        #expect(try valuesJSON(history[0].userValues) == "{\"v\":1}")
        #expect(history[0].labels == ["tier": "premium"])
        #expect(history[1].chart == ChartReference(name: "notes-only", version: "0.2.0", appVersion: "3.0"))
        #expect(history[1].description == "Upgrade complete")
        #expect(try valuesJSON(history[1].userValues) == "{\"replicas\":5}")
        #expect(try valuesJSON(history[1].computedValues) == "{\"greeting\":\"hello\",\"replicas\":5}")
        #expect(history[1].notes == "Hello from acme revision 2\n")
        #expect(history[2].description == "Rollback to 1")
        #expect(history[2].chart.nameAndVersion == "tenant-app-1.0.0")
        #expect(try valuesJSON(history[2].userValues) == "{\"v\":1}")
        // tenantctl goes on from Helm's revision 3, and Helm sees it.
        try driver.commit([.update(history[2].with(status: .superseded)), .create(record(4, .deployed, chart: chartV2))])
        let helmHistory = try TestHelm.run(["history", "acme", "-o", "json"] + ns, schema: schema)
        #expect(helmHistory.contains("{\"revision\":3,\"updated\":"))
        #expect(helmHistory.contains("\"status\":\"superseded\",\"chart\":\"tenant-app-1.0.0\",\"app_version\":\"2.3\",\"description\":\"Rollback to 1\"}"))
        #expect(
            helmHistory.hasSuffix(
                "{\"revision\":4,\"updated\":\"2026-01-01T00:04:00Z\",\"status\":\"deployed\",\"chart\":\"tenant-app-1.1.0\",\"app_version\":\"2.4\",\"description\":\"\"}]\n"
            ))
        #expect(try TestHelm.run(["get", "values", "acme", "-o", "json"] + ns, schema: schema) == "{\"v\":4}\n")
    }
}
