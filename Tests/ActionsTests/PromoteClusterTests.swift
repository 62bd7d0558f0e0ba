// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import ReleaseStore
import Testing

/// `tenantctl promote` with the Kubernetes target against the real API server scripts/test-servers.sh starts:
/// the tenants' live objects move to the new chart version, and the record is kept in the cluster's store.
@Suite(.enabled(if: ClusterUnderTest.dir != nil, ClusterUnderTest.reason), .serialized)
struct PromoteClusterTests {
    @Test func promotesLiveTenantsInWaves() throws {
        guard EndToEndTests.built else {
            Issue.record("tenantctl is not built at \(EndToEndTests.binary)")
            return
        }
        let prefix = ClusterEndToEndTests.tenant("promo")
        let tenants = ["\(prefix)-a", "\(prefix)-b", "\(prefix)-c"]
        let dir = try ClusterEndToEndTests.workspace(prefix, store: "kubernetes")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The repository names the chart cluster-app (`--chart cluster-app` picks it). 1.0.0 is the fixture chart; 1.1.0 changes the default greeting, so the live ConfigMaps change.
        let fm = FileManager.default
        for version in ["1.0.0", "1.1.0"] {
            let src = dir.appendingPathComponent("charts/src/\(version)")
            try fm.createDirectory(at: src.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: EndToEndTests.fixtures.appendingPathComponent("cluster-app"), to: src)
            let chart = src.appendingPathComponent("Chart.yaml")
            try String(contentsOf: chart, encoding: .utf8).replacingOccurrences(of: "version: 0.1.0", with: "version: \(version)")
                .write(to: chart, atomically: true, encoding: .utf8)
            if version == "1.1.0" {
                let values = src.appendingPathComponent("values.yaml")
                try String(contentsOf: values, encoding: .utf8).replacingOccurrences(of: "greeting: hello", with: "greeting: promoted")
                    .write(to: values, atomically: true, encoding: .utf8)
            }
            let r = try ClusterEndToEndTests.run(["package", "charts/src/\(version)", "-d", "charts/repo"], in: dir)
            #expect(r.status == 0, "\(r.err)")
        }
        for (i, t) in tenants.enumerated() {
            let r = try ClusterEndToEndTests.run(
                ["install", t, "--tier", ["basic", "standard", "premium"][i], "--chart", "cluster-app", "--version", "1.0.0", "--repo", "charts/repo"], in: dir)
            #expect(r.status == 0, "\(r.err)")
        }
        // Only this test's tenants (other tests' tenant files are not in this workspace, but globex is).
        let r = try ClusterEndToEndTests.run(
            [
                "promote", "--chart", "cluster-app", "--version", "1.1.0", "--repo", "charts/repo", "--tenant", tenants.joined(separator: ","),
                "--wave", "canary=\(tenants[0])", "--wave", "rest", "-o", "json",
            ], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let record = try PromotionRecord.jsonDecoder().decode(PromotionRecord.self, from: Data(r.out.utf8))
        #expect(record.status == .succeeded && record.outcomes.count == 3)
        #expect(record.outcomes.allSatisfy { $0.state == .promoted && $0.fromRevision == 1 && $0.toRevision == 2 })
        for t in tenants {
            let config = try ClusterEndToEndTests.get(ClusterEndToEndTests.configMaps, "\(t)-config", "tenant-\(t)")
            #expect(config?[["data", "greeting"]]?.string == "promoted")
            _ = try ClusterEndToEndTests.run(["uninstall", t], in: dir)
        }
    }
}
