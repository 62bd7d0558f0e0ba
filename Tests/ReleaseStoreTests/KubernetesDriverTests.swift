// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

@testable import ReleaseStore

/// The API server scripts/test-servers.sh started (`TENANTCTL_TEST_KUBE_DIR`), or nil.
enum TestKube {
    static let dir: String? = ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    static let reason: Comment =
        "TENANTCTL_TEST_KUBE_DIR is unset: no API server (run the tests through scripts/test-servers.sh with ../shared/kube beside the clone)"

    /// A client of the test cluster (its own connections: separate clients are separate runners).
    static func client(qps: Double = 200, burst: Int = 400) throws -> KubeClient {
        var options = KubeClientOptions()
        options.qps = qps
        options.burst = burst
        return try KubeClient(kubeconfig: (dir ?? "") + "/kubeconfig", environment: [:], options: options)
    }

    /// A fresh records namespace name (not created: the driver creates it on its first write).
    static func freshNamespace() -> String { "kstore-\(UInt32.random(in: 0...UInt32.max))" }

    /// A driver over a fresh records namespace.
    static func driver(namespace: String = freshNamespace()) throws -> KubernetesDriver {
        try KubernetesDriver(client: try client(), namespace: namespace)
    }

    static let secrets = ResourceRef(group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true)
    static let namespaces = ResourceRef(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
}

/// The Secrets real helm v4.1.4 wrote on the test cluster (Data/helm-v4.1.4-secrets-acme.json: `helm install
/// acme ./tiny -n rec-helm --labels tier=premium --set image.tag=1.26 --set replicas=3`, then `helm upgrade acme
/// ./tiny -n rec-helm --set replicas=4 --set-string extra=yes`; `kubectl get secrets -l owner=helm -o json`,
/// server-set metadata removed).
enum HelmSecrets {
    static func recorded() throws -> [JSON] {
        let text = try String(contentsOf: releaseStoreTestData.appendingPathComponent("helm-v4.1.4-secrets-acme.json"), encoding: .utf8)
        return try JSON.parse(text).array ?? []
    }

    /// The recorded Secret moved to `namespace`.
    static func moved(_ secret: JSON, to namespace: String) -> JSON {
        secret.setting(path: ["metadata", "namespace"], .string(namespace))
    }
}

/// A driver over a server nobody answers at: for the codec, which sends no request.
func offlineDriver(namespace: String = "tenantctl-system") throws -> KubernetesDriver {
    try KubernetesDriver(client: try KubeClient(access: ClusterAccess(server: "https://127.0.0.1:1")), namespace: namespace)
}

@Suite("Kubernetes store: Secrets as Helm writes them")
struct KubernetesRecordTests {
    @Test func helmsSecretsAreRead() throws {
        let driver = try offlineDriver(namespace: "rec-helm")
        let releases = try HelmSecrets.recorded().map { try driver.decode($0) }
        #expect(summary(releases) == "1:superseded 2:deployed")
        let second = try #require(releases.last)
        #expect(second.tenant == "acme" && second.chart.nameAndVersion == "tiny-0.1.0" && second.chart.appVersion == "1.0")
        #expect(second.labels == ["tier": "premium"])
        #expect(second.description == "Upgrade complete" && second.notes == "Installed acme.\n")
        #expect(try valuesJSON(second.userValues) == #"{"extra":"yes","replicas":4}"#)
        #expect(second.manifest.contains("replicas: \"4\""))
    }

    /// What helm writes, layer by layer, and ours beside it: the same type, label names and encoding.
    @Test func oursHaveHelmsShape() throws {
        let driver = try offlineDriver(namespace: "rec-helm")
        let helm = try #require(try HelmSecrets.recorded().last)
        var r = record(2, .deployed, description: "Upgrade complete")
        r.labels = ["tier": "premium"]
        let body = try driver.encode(r)
        let created = driver.secret(r, body: body, creating: true, now: at(0))
        let updated = driver.secret(r, body: body, creating: false, now: at(0))
        // Helm's Update rebuilds the labels: an updated Secret has modifiedAt and no createdAt (recorded).
        func labelNames(_ s: JSON) -> [String] { (s[["metadata", "labels"]]?.members ?? []).map(\.0).sorted() }
        #expect(labelNames(helm) == ["modifiedAt", "name", "owner", "status", "tier", "version"])
        #expect(labelNames(updated) == labelNames(helm))
        #expect(labelNames(created) == ["createdAt", "name", "owner", "status", "tier", "version"])
        #expect(created[["metadata", "labels", "createdAt"]]?.string == "1767225600")
        #expect(created["type"] == helm["type"] && created["type"]?.string == "helm.sh/release.v1")
        for s in [helm, created] {
            // data.release is base64 of the record text, itself base64 of gzip: "H4sI" is gzip's magic in base64.
            let inner = String(decoding: try #require(Data(base64Encoded: s[["data", "release"]]?.string ?? "")), as: UTF8.self)
            #expect(inner.hasPrefix("H4sIAAAAAAAC/"))
        }
        #expect(try driver.decode(created) == r)
        for (k, v) in [("name", "acme"), ("owner", "helm"), ("status", "deployed"), ("version", "2"), ("tier", "premium")] {
            #expect(updated[["metadata", "labels", k]]?.string == v && helm[["metadata", "labels", k]]?.string == v, "\(k)")
        }
    }

    @Test(arguments: [
        ("a reserved name", ["status": "x", "tier": "gold"], ["tier": "gold"]),
        ("not a label value", ["note": "two words", "tier": "gold"], ["tier": "gold"]),
        ("a prefixed key", ["example.com/team": "payments"], ["example.com/team": "payments"]),
        ("a bad key", ["bad key": "v", "-x": "v"], [:]),
        ("a value over 63", ["long": String(repeating: "v", count: 64)], [:]),
    ])
    func onlyValidCustomLabelsBecomeSecretLabels(_ name: String, _ labels: [String: String], _ expected: [String: String]) throws {
        let driver = try offlineDriver()
        var r = record(1, .deployed)
        r.labels = labels
        let s = driver.secret(r, body: try driver.encode(r), creating: true, now: at(0))
        var got = KubeLabels.strings(s[["metadata", "labels"]])
        for k in HelmRecord.reservedLabels { got[k] = nil }
        #expect(got == expected, "\(name)")
        // Every label survives in the record itself.
        #expect(try driver.decode(s).labels == labels.merging(expected) { _, b in b }, "\(name)")
    }

    @Test func aRecordOverTheSecretLimitIsRefusedWithSizeAndLimit() throws {
        let driver = try offlineDriver()
        var r = record(1, .deployed)
        var generator = SystemRandomNumberGenerator()
        // Random bytes do not compress: about 1.4 MB of base64 after gzip.
        r.manifest = Data((0..<1_100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        let e = storeFailure { () throws(StoreError) in try driver.encode(r) }
        #expect(e?.code == .invalidArgument)
        let message = e?.message ?? ""
        #expect(message.contains("1048576 bytes (1 MiB)") && message.contains("sh.helm.release.v1.acme.v1 is "), "\(message)")
        #expect(message.contains("nothing was written"), "\(message)")
    }

    @Test(arguments: [
        ("not base64", "%%%", "data.release is not base64"),
        ("body not base64", Data("not base64 at all!".utf8).base64EncodedString(), "its body is not base64"),
        ("truncated gzip", Data(String("H4sIAAAAAAAC/5SU").utf8).base64EncodedString(), "gzip:"),
    ])
    func anUnreadableSecretNamesItself(_ name: String, _ data: String, _ words: String) throws {
        let driver = try offlineDriver()
        let secret = driver.secret(record(2, .deployed), body: "", creating: true).setting(path: ["data", "release"], .string(data))
        let e = storeFailure { () throws(StoreError) in try driver.decode(secret) }
        #expect(e?.code == .incompatible, "\(name)")
        #expect(e?.tenant == "acme" && e?.revision == 2, "\(name)")
        let message = e?.message ?? ""
        #expect(message.hasPrefix("release record Secret tenantctl-system/sh.helm.release.v1.acme.v2 on https://127.0.0.1:1 is unreadable"), "\(message)")
        #expect(message.contains(words), "\(name): \(message)")
    }

    @Test func anUnreachableServerIsAClearError() throws {
        let driver = try offlineDriver()
        let e = storeFailure { () throws(StoreError) in try driver.query(ReleaseQuery(tenant: "acme")) }
        #expect(e?.code == .database)
        #expect(e?.message.contains("https://127.0.0.1:1") == true && e?.message.contains("unreachable") == true, "\(e?.message ?? "")")
        let write = storeFailure { () throws(StoreError) in try driver.create(record(1, .deployed)) }
        #expect(write?.code == .database)
    }

    @Test func aBadRecordsNamespaceIsRefused() throws {
        let client = try KubeClient(access: ClusterAccess(server: "https://127.0.0.1:1"))
        let e = storeFailure { () throws(StoreError) in try KubernetesDriver(client: client, namespace: "Not_A_Namespace") }
        #expect(e?.code == .invalidArgument)
    }
}

@Suite("Kubernetes store", .enabled(if: TestKube.dir != nil, TestKube.reason))
struct KubernetesDriverTests {
    @Test(arguments: driverScenarios)
    func conformance(_ scenario: DriverScenario) throws {
        try scenario.run(try TestKube.driver())
    }

    @Test func theRecordsNamespaceIsCreatedOnTheFirstWriteOnly() throws {
        let ns = TestKube.freshNamespace()
        let driver = try TestKube.driver(namespace: ns)
        let client = try TestKube.client()
        #expect(try driver.query(ReleaseQuery()).isEmpty)
        #expect(try driver.currentLease(tenant: "acme") == nil)
        let absent = storeFailure { () throws(StoreError) in
            do throws(KubeError) { _ = try client.get(TestKube.namespaces, name: ns) } catch {
                throw StoreError(.notFound, error.description)
            }
        }
        #expect(absent?.code == .notFound, "a read created the namespace")
        try driver.create(record(1, .deployed))
        #expect(try client.get(TestKube.namespaces, name: ns)[["metadata", "name"]]?.string == ns)
        // A second driver finds it there.
        try TestKube.driver(namespace: ns).create(record(2, .deployed))
    }

    @Test func secretsAreWrittenAsHelmWritesThem() throws {
        let ns = TestKube.freshNamespace()
        let driver = try TestKube.driver(namespace: ns)
        var r = record(1, .pendingInstall)
        r.labels = ["tier": "premium"]
        try driver.create(r)
        let client = try TestKube.client()
        let created = try client.get(TestKube.secrets, name: "sh.helm.release.v1.acme.v1", namespace: ns)
        #expect(created["type"]?.string == "helm.sh/release.v1")
        let labels = KubeLabels.strings(created[["metadata", "labels"]])
        #expect(labels.keys.sorted() == ["createdAt", "name", "owner", "status", "tier", "version"])
        #expect(labels["status"] == "pending-install" && labels["tier"] == "premium")
        r.status = .deployed
        try driver.update(r)
        let updated = KubeLabels.strings(try client.get(TestKube.secrets, name: "sh.helm.release.v1.acme.v1", namespace: ns)[["metadata", "labels"]])
        #expect(updated.keys.sorted() == ["modifiedAt", "name", "owner", "status", "tier", "version"])
        #expect(updated["status"] == "deployed")
        #expect(try driver.get(r.key) == r)
    }

    @Test func theSecretsRealHelmWroteAreReadAndContinued() throws {
        let ns = TestKube.freshNamespace()
        let driver = try TestKube.driver(namespace: ns)
        try driver.create(record("other", 1, .deployed))  // makes the namespace
        let client = try TestKube.client()
        for secret in try HelmSecrets.recorded() {
            _ = try client.create(TestKube.secrets, object: HelmSecrets.moved(secret, to: ns), namespace: ns)
        }
        let history = try driver.query(ReleaseQuery(tenant: "acme"))
        #expect(summary(history) == "1:superseded 2:deployed")
        #expect(history.allSatisfy { $0.labels == ["tier": "premium"] && $0.chart.nameAndVersion == "tiny-0.1.0" })
        #expect(try driver.query(ReleaseQuery(statuses: [.deployed], latestOnly: true)).map(\.key.description) == ["acme.v2", "other.v1"])
        try driver.commit([.update(history[1].with(status: .superseded)), .create(record(3, .deployed))])
        #expect(summary(try driver.query(ReleaseQuery(tenant: "acme"))) == "1:superseded 2:superseded 3:deployed")
    }

    @Test func aCorruptRevisionIsReportedAndTheRestListed() throws {
        let ns = TestKube.freshNamespace()
        let driver = try TestKube.driver(namespace: ns)
        try driver.commit([.create(record(1, .superseded)), .create(record(2, .superseded)), .create(record(3, .deployed))])
        let client = try TestKube.client()
        let name = "sh.helm.release.v1.acme.v2"
        let bad = try HelmRecordTests.base64Gzip("{\"name\": \"acme\", \"version\": 2, \"info\": {\"status\": \"exploded\"}}")
        _ = try client.patch(
            TestKube.secrets, name: name, namespace: ns, type: .merge,
            patch: .object([("data", .object([("release", .string(Data(bad.utf8).base64EncodedString()))]))]))
        let e = storeFailure { () throws(StoreError) in try driver.get(ReleaseKey(tenant: "acme", revision: 2)) }
        #expect(e?.code == .incompatible && e?.tenant == "acme" && e?.revision == 2)
        #expect(e?.message == "release record Secret \(ns)/\(name) on \(client.server) is unreadable: unknown status \"exploded\"")
        let scan = try driver.scan(ReleaseQuery(tenant: "acme"))
        #expect(scan.releases.map(\.revision) == [1, 3])
        #expect(scan.unreadable.map(\.revision) == [2])
        #expect(storeFailure { () throws(StoreError) in try driver.query(ReleaseQuery(tenant: "acme")) }?.revision == 2)
        #expect(try driver.query(ReleaseQuery(latestOnly: true)).map(\.revision) == [3])
        // A corrupt gzip in another revision: reported the same way.
        _ = try client.patch(
            TestKube.secrets, name: "sh.helm.release.v1.acme.v1", namespace: ns, type: .merge,
            patch: .object([("data", .object([("release", .string(Data("H4sIAAAAAAAC/5SU".utf8).base64EncodedString()))]))]))
        let both = try driver.scan(ReleaseQuery(tenant: "acme"))
        #expect(both.releases.map(\.revision) == [3])
        #expect(both.unreadable.map(\.revision) == [1, 2])
        #expect(both.unreadable.first?.message.contains("gzip") == true)
        // The corrupt revisions can still be pruned.
        try driver.commit([.delete(ReleaseKey(tenant: "acme", revision: 1)), .delete(ReleaseKey(tenant: "acme", revision: 2))])
        #expect(try driver.query(ReleaseQuery(tenant: "acme")).map(\.revision) == [3])
    }

    @Test func anOversizedRecordWritesNothing() throws {
        let driver = try TestKube.driver()
        var big = record(2, .deployed)
        var generator = SystemRandomNumberGenerator()
        big.manifest = Data((0..<1_100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        let e = storeFailure { () throws(StoreError) in try driver.commit([.create(record(1, .superseded)), .create(big)]) }
        #expect(e?.code == .invalidArgument && e?.revision == 2)
        #expect(try driver.query(ReleaseQuery()).isEmpty)
    }

    @Test func driversOnSeparateClientsRaceForOneLeaseAndExactlyOneWins() throws {
        let ns = TestKube.freshNamespace()
        let drivers = try (0..<8).map { _ in try TestKube.driver(namespace: ns) }
        try drivers[0].create(record("setup", 1, .deployed))  // the namespace exists before the race
        for round in 0..<3 {
            let tenant = "race-\(round)"
            let winners = Counter()
            DispatchQueue.concurrentPerform(iterations: drivers.count) { i in
                let lease = Lease(
                    tenant: tenant, holderID: "holder-\(i)", operation: "upgrade", hostname: "runner-\(i)", pid: Int32(i),
                    startedAt: at(0), expiresAt: at(120))
                if (try? drivers[i].acquireLease(lease, canTakeOver: { _ in false })) == .some(nil) { winners.add(i) }
            }
            #expect(winners.values.count == 1, "round \(round): \(winners.values)")
            #expect(try drivers[0].currentLease(tenant: tenant)?.holderID == "holder-\(winners.values.first ?? -1)")
        }
        // An expired lease: every driver tries to take it over, one wins, the others are told the winner.
        let holder = try #require(try drivers[0].currentLease(tenant: "race-0"))
        var expired = holder
        expired.expiresAt = at(1)
        _ = try drivers[0].renewLease(expired)
        let winners = Counter()
        let losers = Failures()
        DispatchQueue.concurrentPerform(iterations: drivers.count) { i in
            let lease = Lease(
                tenant: "race-0", holderID: "taker-\(i)", operation: "rollback", hostname: "runner-\(i)", pid: Int32(i),
                startedAt: at(10), expiresAt: at(130))
            do throws(StoreError) {
                if let other = try drivers[i].acquireLease(lease, canTakeOver: { $0.expiresAt <= at(10) }) {
                    losers.add(other.holderID)
                } else {
                    winners.add(i)
                }
            } catch {
                losers.add("error: \(error)")
            }
        }
        #expect(winners.values.count == 1, "\(winners.values)")
        #expect(Set(losers.values) == ["taker-\(winners.values.first ?? -1)"], "\(losers.values)")
    }

    @Test func theFenceRefusesAStaleHolderOnAnotherClient() throws {
        let ns = TestKube.freshNamespace()
        let a = try TestKube.driver(namespace: ns), b = try TestKube.driver(namespace: ns)
        let leaseA = Lease(
            tenant: "acme", holderID: "A", operation: "upgrade", hostname: "laptop", pid: 10, startedAt: at(0), expiresAt: at(1))
        #expect(try a.acquireLease(leaseA, canTakeOver: { _ in false }) == nil)
        try a.commit([.create(record(1, .deployed))], fence: LeaseFence(tenant: "acme", holderID: "A"))
        let leaseB = Lease(
            tenant: "acme", holderID: "B", operation: "rollback", hostname: "ci-7", pid: 20, startedAt: at(5), expiresAt: at(125))
        #expect(try b.acquireLease(leaseB, canTakeOver: { $0.expiresAt <= at(5) }) == nil)
        try b.commit([.update(record(1, .superseded)), .create(record(2, .deployed))], fence: LeaseFence(tenant: "acme", holderID: "B"))
        let e = storeFailure { () throws(StoreError) in
            try a.commit([.create(record(3, .deployed))], fence: LeaseFence(tenant: "acme", holderID: "A"))
        }
        #expect(e?.code == .leaseLost)
        #expect(e?.holder == leaseB)
        #expect(e?.message.contains("rollback (pid 20 on ci-7)") == true, "\(e?.message ?? "")")
        #expect(summary(try b.query(ReleaseQuery(tenant: "acme"))) == "1:superseded 2:deployed")
        #expect(try a.renewLease(leaseA) == leaseB)
        #expect(try a.releaseLease(tenant: "acme", holderID: "A") == false)
        // The Lease is a real coordination.k8s.io Lease: holder, duration, times.
        let object = try TestKube.client().get(
            ResourceRef(group: "coordination.k8s.io", version: "v1", resource: "leases", namespaced: true), name: "tenantctl-lease-acme",
            namespace: ns)
        #expect(object[["spec", "holderIdentity"]]?.string == "B")
        #expect(object[["spec", "leaseDurationSeconds"]]?.int == 120)
        #expect(object[["spec", "acquireTime"]]?.string == "2026-01-01T00:00:05.000000Z")
        #expect(object[["spec", "renewTime"]]?.string == "2026-01-01T00:00:05.000000Z")
        #expect(object[["metadata", "annotations", "tenantctl.io/last-write"]]?.string != nil, "the fence stamps the Lease")
    }

    @Test func renewalsAndFencedWritesOfOneHolderDoNotTripEachOther() throws {
        // A LeaseRenewer renews while the holder writes: both change the Lease, each retries on the other's 409.
        let driver = try TestKube.driver()
        let storage = Storage(driver: driver, historyMax: 3, leasePolicy: LeasePolicy(ttl: 30, wait: 5))
        let token = try storage.acquireLease(tenant: "acme", operation: "upgrade")
        let renewer = LeaseRenewer(storage: storage, token: token, interval: 0.05)
        for revision in 1...12 {
            try storage.commit([.create(record(revision, .deployed))], fence: token.fence)
        }
        renewer.stop()
        #expect(renewer.lost == nil)
        #expect(try driver.query(ReleaseQuery(tenant: "acme")).map(\.revision) == [10, 11, 12])
        #expect(try storage.releaseLease(token))
    }

    @Test func eightRunnersUpgradingOneTenantLoseNoRevision() throws {
        let ns = TestKube.freshNamespace()
        try TestKube.driver(namespace: ns).create(record("setup", 1, .deployed))
        let storages = try (0..<8).map { _ in
            Storage(
                driver: try TestKube.driver(namespace: ns), historyMax: 0,
                leasePolicy: LeasePolicy(ttl: 60, wait: 120, pollInterval: 0.02))
        }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: storages.count) { i in
            let storage = storages[i]
            for _ in 0..<3 {
                do throws(StoreError) {
                    let token = try storage.acquireLease(tenant: "acme", operation: "upgrade")
                    let next: Int
                    do throws(StoreError) {
                        next = try storage.last("acme").revision + 1
                    } catch {
                        guard error.code == .notFound else { throw error }
                        next = 1
                    }
                    try storage.commit([.create(record(next, .deployed))], fence: token.fence)
                    _ = try storage.releaseLease(token)
                } catch {
                    failures.add("runner \(i): \(error)")
                }
            }
        }
        #expect(failures.values.isEmpty, "\(failures.values)")
        #expect(try storages[0].driver.query(ReleaseQuery(tenant: "acme")).map(\.revision) == Array(1...24))
    }

    /// A CI runner whose Role covers Secrets and Leases in the records namespace only (no right on namespaces):
    /// it works where the namespace exists (no namespace request is made), and is told clearly where it cannot.
    @Test func aRunnerWithoutRightsOnNamespacesUsesAnExistingRecordsNamespace() throws {
        let admin = try TestKube.client()
        let ns = TestKube.freshNamespace()
        _ = try admin.create(
            TestKube.namespaces,
            object: .object([("apiVersion", .string("v1")), ("kind", .string("Namespace")), ("metadata", .object([("name", .string(ns))]))]))
        let rbac = { (resource: String, kind: String) in
            ResourceRef(group: "rbac.authorization.k8s.io", version: "v1", resource: resource, kind: kind, namespaced: true)
        }
        _ = try admin.create(
            rbac("roles", "Role"),
            object: try JSON.parse(
                #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"records"},"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list","create","update","delete"]},{"apiGroups":["coordination.k8s.io"],"resources":["leases"],"verbs":["get","create","update","delete"]}]}"#
            ), namespace: ns)
        _ = try admin.create(
            rbac("rolebindings", "RoleBinding"),
            object: try JSON.parse(
                #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"records"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"records"},"subjects":[{"kind":"User","name":"ci-deployer"}]}"#
            ), namespace: ns)
        let runner = try KubeClient(kubeconfig: (TestKube.dir ?? "") + "/kubeconfig-token", environment: [:])
        let storage = Storage(driver: try KubernetesDriver(client: runner, namespace: ns))
        try storage.withLease(tenant: "acme", operation: "install") { token in
            try storage.commit([.create(record(1, .deployed))], fence: token.fence)
        }
        #expect(summary(try storage.history("acme")) == "1:deployed")
        // A namespace that does not exist and that this runner may not create.
        let missing = TestKube.freshNamespace()
        let e = storeFailure { () throws(StoreError) in try KubernetesDriver(client: runner, namespace: missing).create(record(1, .deployed)) }
        #expect(e?.code == .database)
        let message = e?.message ?? ""
        // Its Role does not reach there, so the API server refuses the first read (403 before 404): the
        // message names the user, the verb and the namespace.
        #expect(message.contains("namespace \"\(missing)\"") && message.contains("forbidden: User \"ci-deployer\""), "\(message)")
    }

    /// What one upgrade costs the store: lease, latest, pending record, outcome with pruning, release.
    @Test func anUpgradeCostsAFewRequests() throws {
        let client = try TestKube.client()
        let storage = Storage(driver: try KubernetesDriver(client: client, namespace: TestKube.freshNamespace()), historyMax: 3)
        for revision in 1...3 { try storage.create(record(revision, revision == 3 ? .deployed : .superseded)) }
        let before = client.requestCount
        let started = Date()
        try storage.withLease(tenant: "acme", operation: "upgrade") { token in
            let last = try storage.last("acme")
            try storage.commit([.create(record(4, .pendingUpgrade))], fence: token.fence)
            try storage.commit([.update(record(4, .deployed)), .update(last.with(status: .superseded))], fence: token.fence)
        }
        let requests = client.requestCount - before
        print("kube-store: one upgrade: \(requests) requests, \(String(format: "%.3f", Date().timeIntervalSince(started))) s")
        #expect(summary(try storage.history("acme")) == "2:superseded 3:superseded 4:deployed")
        // take 1; last 2; pending: list 1 + fence 2 + create 1; outcome: list 1 + fence 2 + 2 updates + prune 1
        // (and the pruning's history read 1); release 2.
        #expect(requests <= 18, "\(requests) requests")
    }

    /// `list` reads labels, then only the latest revisions' bodies: a few requests whatever the history.
    @Test func latestOfManyTenantsReadsOnlyTheirLatestRevisions() throws {
        let ns = TestKube.freshNamespace()
        let client = try TestKube.client()
        let driver = try KubernetesDriver(client: client, namespace: ns)
        for t in 0..<12 {
            let tenant = String(format: "t%02d", t)
            try driver.commit((1...4).map { .create(record(tenant, $0, $0 == 4 ? (t == 5 ? .failed : .deployed) : .superseded)) })
        }
        // One tenant whose latest revision is superseded (a stop between an update and a create).
        try driver.commit([.update(record("t07", 4, .superseded))])
        let before = client.requestCount
        let latest = try driver.query(ReleaseQuery(latestOnly: true))
        let requests = client.requestCount - before
        #expect(latest.map(\.key.description) == (0..<12).map { String(format: "t%02d.v4", $0) })
        #expect(latest.first { $0.tenant == "t07" }?.status == .superseded)
        // The labels, the non-superseded bodies, and one GET for t07's superseded latest.
        #expect(requests == 3, "\(requests) requests")
        let failed = try driver.query(ReleaseQuery(statuses: [.failed], latestOnly: true))
        #expect(failed.map(\.tenant) == ["t05"])
    }
}

/// Real `helm` against records this driver wrote, and this driver against Helm's: enabled with
/// `TENANTCTL_TEST_HELM` (a helm v4 binary) and the test cluster.
enum TestKubeHelm {
    static let path: String? = ProcessInfo.processInfo.environment["TENANTCTL_TEST_HELM"].flatMap { $0.isEmpty ? nil : $0 }
    static let enabled = path != nil && TestKube.dir != nil
    static let reason: Comment =
        "needs TENANTCTL_TEST_HELM (a helm v4 binary) and TENANTCTL_TEST_KUBE_DIR: the interop check runs real helm, never needed by the other tests"

    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HELM_DRIVER"] = "secret"
        environment["KUBECONFIG"] = (TestKube.dir ?? "") + "/kubeconfig"
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

    /// A one-ConfigMap chart in a temporary folder.
    static func chart() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "apiVersion: v2\nname: tenant-app\nversion: 1.2.0\nappVersion: \"2.5\"\n".write(
            to: dir.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        try "replicas: 1\n".write(to: dir.appendingPathComponent("values.yaml"), atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  replicas: \"{{ .Values.replicas }}\"\n".write(
            to: dir.appendingPathComponent("templates/cm.yaml"), atomically: true, encoding: .utf8)
        return dir.path
    }
}

@Suite("Kubernetes store with real Helm", .enabled(if: TestKubeHelm.enabled, TestKubeHelm.reason))
struct KubernetesHelmInteropTests {
    @Test func helmReadsOurRecordsAndWeReadHelms() throws {
        let ns = TestKube.freshNamespace()
        let driver = try TestKube.driver(namespace: ns)
        var first = record(1, .superseded, description: "Install complete")
        var second = record(2, .deployed, chart: chartV2, description: "Upgrade complete")
        first.labels = ["tier": "premium"]
        second.labels = ["tier": "premium"]
        second.userValues = "image:\n  tag: \"1.26\"\nreplicas: 3\n"
        second.computedValues = "image:\n  repository: nginx\n  tag: \"1.26\"\nreplicas: 3\n"
        second.manifest = "---\n# Source: tenant-app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: acme-cfg\n"
        try driver.commit([.create(first), .create(second)])
        #expect(
            try TestKubeHelm.run(["list", "-n", ns, "-o", "json"])
                == "[{\"name\":\"acme\",\"namespace\":\"\(ns)\",\"revision\":\"2\",\"updated\":\"2026-01-01 00:02:00 +0000 UTC\",\"status\":\"deployed\",\"chart\":\"tenant-app-1.1.0\",\"app_version\":\"2.4\"}]\n"
        )
        #expect(
            try TestKubeHelm.run(["history", "acme", "-n", ns, "-o", "json"])
                == "[{\"revision\":1,\"updated\":\"2026-01-01T00:01:00Z\",\"status\":\"superseded\",\"chart\":\"tenant-app-1.0.0\",\"app_version\":\"2.3\",\"description\":\"Install complete\"},{\"revision\":2,\"updated\":\"2026-01-01T00:02:00Z\",\"status\":\"deployed\",\"chart\":\"tenant-app-1.1.0\",\"app_version\":\"2.4\",\"description\":\"Upgrade complete\"}]\n"
        )
        #expect(try TestKubeHelm.run(["get", "values", "acme", "-n", ns, "-o", "json"]) == "{\"image\":{\"tag\":\"1.26\"},\"replicas\":3}\n")
        #expect(try TestKubeHelm.run(["get", "manifest", "acme", "-n", ns]) == second.manifest + "\n")
        #expect(try TestKubeHelm.run(["get", "notes", "acme", "-n", ns]) == "NOTES:\nnotes 2\n")
        // helm upgrade of our release: we read Helm's revision 3, and the custom label Helm carried over.
        _ = try TestKubeHelm.run(["upgrade", "acme", try TestKubeHelm.chart(), "-n", ns, "--set", "replicas=5"])
        let history = try driver.query(ReleaseQuery(tenant: "acme"))
        #expect(summary(history) == "1:superseded 2:superseded 3:deployed")
        let third = try #require(history.last)
        #expect(third.chart.nameAndVersion == "tenant-app-1.2.0" && third.description == "Upgrade complete")
        #expect(third.labels["tier"] == "premium")
        #expect(try valuesJSON(third.userValues) == #"{"replicas":5}"#)
        // And we go on from it; helm history shows our revision 4.
        var fourth = third
        fourth.revision = 4
        fourth.labels = ["tier": "premium"]
        try driver.commit([.update(third.with(status: .superseded)), .create(fourth)])
        let helmHistory = try TestKubeHelm.run(["history", "acme", "-n", ns, "--max", "1", "-o", "json"])
        #expect(helmHistory.contains("\"revision\":4,") && helmHistory.contains("\"status\":\"deployed\""), "\(helmHistory)")
        // helm rollback to our revision 2 is revision 5.
        _ = try TestKubeHelm.run(["rollback", "acme", "2", "-n", ns])
        let latest = try driver.query(ReleaseQuery(tenant: "acme", latestOnly: true))
        #expect(latest.map(\.revision) == [5] && latest.first?.description == "Rollback to 2")
    }
}

/// `list` of many tenants on the Kubernetes store, for BENCHMARKS.md: enabled with `TENANTCTL_TEST_KUBE_BENCH=N`
/// (N tenants × 5 revisions; writing them takes a while), prints requests and times (and `helm list`'s time
/// when `TENANTCTL_TEST_HELM` is set).
@Suite(
    "Kubernetes store: list benchmark",
    .enabled(
        if: ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_BENCH"] != nil && TestKube.dir != nil,
        "TENANTCTL_TEST_KUBE_BENCH=N is unset: a measurement, not a check (it writes N x 5 Secrets)"))
struct KubernetesListBenchmark {
    @Test func listOfManyTenants() throws {
        let count = Int(ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_BENCH"] ?? "") ?? 1000
        let ns = TestKube.freshNamespace()
        let writers = try (0..<8).map { _ in try TestKube.driver(namespace: ns) }
        try writers[0].create(record("setup", 1, .deployed))
        let manifest = (0..<12).map { i in
            "---\n# Source: tenant-app/templates/cm\(i).yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-\(i)\ndata:\n  key: value-\(i)\n  more: \(String(repeating: "x", count: 200))\n"
        }.joined()
        let started = Date()
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers.count) { w in
            for t in stride(from: w, to: count, by: writers.count) {
                let tenant = String(format: "tenant-%04d", t)
                let revisions: [ReleaseChange] = (1...5).map { rev in
                    var r = record(tenant, rev, rev == 5 ? .deployed : .superseded)
                    r.manifest = manifest.replacingOccurrences(of: "cm-", with: "\(tenant)-r\(rev)-")
                    r.labels = ["tier": "premium"]
                    return .create(r)
                }
                do throws(StoreError) { try writers[w].commit(revisions) } catch { failures.add("\(tenant): \(error)") }
            }
        }
        #expect(failures.values.isEmpty, "\(failures.values.prefix(3))")
        print("kube-store bench: wrote \(count) tenants x 5 revisions in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        for (name, query) in [("list (latest only)", ReleaseQuery(latestOnly: true)), ("every revision", ReleaseQuery())] {
            let client = try TestKube.client()
            let driver = try KubernetesDriver(client: client, namespace: ns)
            let t0 = Date()
            let got = try driver.query(query)
            let seconds = Date().timeIntervalSince(t0)
            print("kube-store bench: \(name): \(got.count) records, \(client.requestCount) requests, \(String(format: "%.3f", seconds)) s")
        }
        if TestKubeHelm.path != nil {
            let t0 = Date()
            let out = try TestKubeHelm.run(["list", "-n", ns, "--max", "0", "-o", "json"])
            print(
                "kube-store bench: helm list: \(out.components(separatedBy: "\"name\":").count - 1) releases, \(String(format: "%.3f", Date().timeIntervalSince(t0))) s"
            )
        }
    }
}
