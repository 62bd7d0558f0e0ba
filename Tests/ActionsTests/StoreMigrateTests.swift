// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Testing

/// `tenantctl store migrate` through the binary: every revision copied and checked, nothing copied twice, a
/// differing revision refused — into another SQLite file, and into the cluster's Secrets when a cluster runs.
@Suite(.serialized) struct StoreMigrateTests {
    /// Two tenants, four revisions, on the directory target with the SQLite file.
    static func populated(_ name: String) throws -> URL {
        let dir = try EndToEndTests.workspace(name)
        #expect(try EndToEndTests.run(["install", "acme", "--tier", "basic"], in: dir).status == 0)
        #expect(try EndToEndTests.run(["upgrade", "acme", "--set", "greeting=v2"], in: dir).status == 0)
        #expect(try EndToEndTests.run(["upgrade", "acme", "--set", "greeting=v3"], in: dir).status == 0)
        #expect(try EndToEndTests.run(["install", "globex"], in: dir).status == 0)
        return dir
    }

    @Test func toAnotherSQLiteFile() throws {
        guard EndToEndTests.built else { return }
        let dir = try Self.populated("migrate-sqlite")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two promotion records beside the releases.
        let source = Storage(driver: try SQLiteDriver(path: dir.appendingPathComponent(".tenantctl/state.db").path))
        let promotions = [
            PromotionRecord(
                id: "p-1", startedBy: "ci@runner", startedAt: Date(timeIntervalSince1970: 1_767_225_600), status: .succeeded,
                chart: "tenant-app", toVersion: "1.1.0"),
            PromotionRecord(
                id: "r-2", kind: .rollback, rollsBack: "p-1", startedBy: "ops@laptop", startedAt: Date(timeIntervalSince1970: 1_767_225_900),
                status: .succeeded, chart: "tenant-app", toVersion: ""),
        ]
        for p in promotions { try source.savePromotion(p) }
        let first = try EndToEndTests.run(["store", "migrate", "--to", "sqlite", "--to-state", "copy.db"], in: dir)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.hasPrefix("Copied 4 revisions of 2 tenants to the sqlite store (0 already there"), "\(first.out)")
        #expect(first.out.contains("and 2 promotion records (0 already there)"), "\(first.out)")
        let copied = Storage(driver: try SQLiteDriver(readingOnly: dir.appendingPathComponent("copy.db").path))
        #expect(try copied.promotions() == promotions.reversed())
        let again = try EndToEndTests.run(["store", "migrate", "--to", "sqlite", "--to-state", "copy.db"], in: dir)
        #expect(again.out.hasPrefix("Copied 0 revisions of 2 tenants to the sqlite store (4 already there"), "\(again.out)")
        #expect(again.out.contains("and 0 promotion records (2 already there)"), "\(again.out)")
        let original = try EndToEndTests.run(["history", "acme", "-o", "json"], in: dir).out
        let copy = try EndToEndTests.run(["history", "acme", "-o", "json", "--state", "copy.db"], in: dir).out
        #expect(!original.isEmpty && original == copy)

        // A revision that differs in the destination stops the copy of that tenant, naming it.
        #expect(
            try EndToEndTests.run(["upgrade", "acme", "--set", "greeting=only-in-copy", "--state", "copy.db", "--deploy-dir", "elsewhere"], in: dir).status == 0
        )
        #expect(try EndToEndTests.run(["upgrade", "acme", "--set", "greeting=only-in-source"], in: dir).status == 0)
        let clash = try EndToEndTests.run(["store", "migrate", "--to", "sqlite", "--to-state", "copy.db"], in: dir)
        #expect(clash.status == 1)
        #expect(clash.err.contains("revision 4 of \"acme\" differs"), "\(clash.err)")

        let same = try EndToEndTests.run(["store", "migrate", "--to", "sqlite", "--to-state", ".tenantctl/state.db"], in: dir)
        #expect(same.status == 1 && same.err.contains("already"), "\(same.err)")
    }

    @Test(.enabled(if: ClusterUnderTest.dir != nil, ClusterUnderTest.reason))
    func toTheCluster() throws {
        guard EndToEndTests.built else { return }
        let dir = try Self.populated("migrate-kube")
        defer { try? FileManager.default.removeItem(at: dir) }
        let records = "records-\(UInt16.random(in: 0...UInt16.max))"
        let kube = ["--kubeconfig", ClusterEndToEndTests.kubeconfig]
        // A records namespace of the test's own.
        try "recordsNamespace: \(records)\n".write(to: dir.appendingPathComponent("tenantctl.yaml"), atomically: true, encoding: .utf8)
        let copied = try ClusterEndToEndTests.run(["store", "migrate", "--to", "kubernetes"] + kube, in: dir)
        #expect(copied.status == 0, "\(copied.err)")
        #expect(copied.out.hasPrefix("Copied 4 revisions of 2 tenants to the kubernetes store"), "\(copied.out)")
        let history = try ClusterEndToEndTests.run(["history", "acme", "--store", "kubernetes"] + kube, in: dir)
        #expect(history.out.split(separator: "\n").count == 4, "\(history.out) \(history.err)")
        let again = try ClusterEndToEndTests.run(["store", "migrate", "--to", "kubernetes"] + kube, in: dir)
        #expect(again.out.contains("(4 already there, identical)"), "\(again.out)")
    }
}
