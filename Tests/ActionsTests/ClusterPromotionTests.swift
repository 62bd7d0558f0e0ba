// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import ReleaseStore
import Testing

/// `promotions` and `rollback --promotion` with the Kubernetes target and the Kubernetes store: the promotion
/// record is a Secret beside the release records, and the rollback puts the tenants' objects back in the cluster.
@Suite(.enabled(if: ClusterUnderTest.dir != nil, ClusterUnderTest.reason), .serialized)
struct ClusterPromotionTests {
    @Test func rollbackOfAPromotionInTheCluster() throws {
        guard EndToEndTests.built else { return }
        let a = ClusterEndToEndTests.tenant("proma"), b = ClusterEndToEndTests.tenant("promb")
        let dir = try ClusterEndToEndTests.workspace(a, store: "kubernetes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let records = "records-\(UInt16.random(in: 0...UInt16.max))"
        try "target: kubernetes\nstore: kubernetes\nrecordsNamespace: \(records)\nkubernetes:\n  kubeconfig: \(ClusterEndToEndTests.kubeconfig)\n"
            .write(to: dir.appendingPathComponent("tenantctl.yaml"), atomically: true, encoding: .utf8)
        for t in [a, b] {
            #expect(try ClusterEndToEndTests.run(["install", t, "--tier", "basic"], in: dir).status == 0)
            #expect(try ClusterEndToEndTests.run(["upgrade", t, "--set", "greeting=promoted"], in: dir).status == 0)
        }
        let storage = Storage(driver: try KubernetesDriver(client: try ClusterEndToEndTests.client(), namespace: records))
        typealias O = PromotionRecord.Outcome
        try storage.savePromotion(
            PromotionRecord(
                id: "p-20261206T051400Z-1a2b3c", startedBy: "ci@runner", startedAt: Date(), finishedAt: Date(), status: .succeeded,
                chart: "tenant-app", toVersion: "0.1.0",
                waves: [PromotionRecord.Wave(name: "all", selector: "", tenants: [a, b].sorted())],
                outcomes: [a, b].map { O(tenant: $0, wave: "all", state: .promoted, fromRevision: 1, fromVersion: "0.1.0", toRevision: 2, toVersion: "0.1.0") })
        )

        let listed = try ClusterEndToEndTests.run(["promotions"], in: dir)
        #expect(listed.status == 0 && listed.out.contains("p-20261206T051400Z-1a2b3c"), "\(listed.out) \(listed.err)")
        let rolled = try ClusterEndToEndTests.run(["rollback", "--promotion", "p-20261206T051400Z-1a2b3c", "-o", "json"], in: dir)
        #expect(rolled.status == 0, "\(rolled.err)")
        let report = try PromotionRecord(json: rolled.out, record: "output")
        #expect(report.outcomes.map(\.state) == [.rolledBack, .rolledBack], "\(report.outcomes)")
        for t in [a, b] {
            let v1 = try ClusterEndToEndTests.run(["get", "manifest", t, "--revision", "1"], in: dir).out
            let v3 = try ClusterEndToEndTests.run(["get", "manifest", t, "--revision", "3"], in: dir).out
            #expect(!v1.isEmpty && v3 == v1)
            #expect(try ClusterEndToEndTests.run(["status", t], in: dir).out.contains("STATUS: deployed"))
        }
        // Both records are in the store, the rollback's first.
        #expect(try storage.promotions().map(\.kind) == [.rollback, .promotion])
        for t in [a, b] { _ = try ClusterEndToEndTests.run(["uninstall", t], in: dir) }
    }
}
