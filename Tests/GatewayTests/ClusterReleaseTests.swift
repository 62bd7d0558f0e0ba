// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

/// The gateway's release on the real API server (v1.20) that scripts/test-servers.sh starts
/// (`TENANTCTL_TEST_KUBE_DIR`), through the binary with `--target kubernetes`; the cluster checked with our own
/// client. The gateway's namespace is fixed (tenantctl-gateway), so the test waits for a namespace an earlier
/// run left terminating, and removes what it made.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_DIR"].map { !$0.isEmpty } ?? false,
        "TENANTCTL_TEST_KUBE_DIR is unset: no API server (run through scripts/test-servers.sh with ../shared/kube beside the clone)"),
    .serialized)
struct ClusterReleaseTests {
    static let kubeDir = ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_DIR"] ?? ""
    static var kubeconfig: String { kubeDir + "/kubeconfig" }
    static let configMaps = ResourceRef(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    static let deployments = ResourceRef(group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)
    static let policies = ResourceRef(
        group: "networking.k8s.io", version: "v1", resource: "networkpolicies", kind: "NetworkPolicy", namespaced: true)
    static let namespaces = ResourceRef(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
    static let namespace = "tenantctl-gateway"

    /// The cluster fixture chart as charts/tenant-app, the fixture tenants, the real gateway chart, and a project
    /// file choosing the cluster and holding the gateway's settings.
    static func workspace() throws -> URL {
        let dir = try Support.scratch("cluster-release")
        let fm = FileManager.default
        let actionFixtures = Support.repo.appendingPathComponent("Tests/ActionsTests/Fixtures")
        try fm.createDirectory(at: dir.appendingPathComponent("charts"), withIntermediateDirectories: true)
        try fm.copyItem(at: actionFixtures.appendingPathComponent("cluster-app"), to: dir.appendingPathComponent("charts/tenant-app"))
        try fm.copyItem(at: actionFixtures.appendingPathComponent("tenants"), to: dir.appendingPathComponent("tenants"))
        try fm.copyItem(at: Support.repo.appendingPathComponent("charts/tenant-gateway"), to: dir.appendingPathComponent("charts/tenant-gateway"))
        try """
        target: kubernetes
        kubernetes:
          kubeconfig: \(kubeconfig)
        gateway:
          issuer: https://id.example.com
          audiences: [tenantctl]
          jwksFile: \(Support.jwks)

        """.write(to: dir.appendingPathComponent("tenantctl.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    static func run(_ args: [String], in dir: URL) throws -> Support.Result {
        // A clean environment for the cluster: no KUBECONFIG, no TENANTCTL_*, HOME in the workspace.
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TENANTCTL_") && $0.key != "KUBECONFIG" }
        env["HOME"] = dir.path
        let shell = ["/usr/bin/env", "-i"] + env.map { "\($0.key)=\($0.value)" }.sorted() + [Support.binary] + args
        return try Support.run(shell[0], Array(shell.dropFirst()), in: dir, timeout: 180)
    }

    static func client() throws -> KubeClient { try KubeClient(kubeconfig: kubeconfig, environment: [:]) }

    static func get(_ r: ResourceRef, _ name: String, _ namespace: String? = nil) throws -> JSON? {
        let c = try client()
        do throws(KubeError) { return try c.get(r, name: name, namespace: namespace) } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    /// The gateway's envoy.yaml in the cluster, or nil.
    static func envoyConfig() throws -> String? {
        try get(configMaps, "tenant-gateway", namespace)?[["data", "envoy.yaml"]]?.string
    }

    @Test func lifecycle() throws {
        guard Support.built else {
            Issue.record("tenantctl is not built at \(Support.binary); run `swift build` first")
            return
        }
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        @discardableResult
        func ok(_ args: String...) throws -> Support.Result {
            let r = try Self.run(args, in: dir)
            #expect(r.status == 0, "tenantctl \(args.joined(separator: " ")): \(r.status) \(r.err)")
            return r
        }
        // A namespace an earlier run left behind while it terminates would refuse new objects: wait it out.
        if let left = try Self.get(Self.namespaces, Self.namespace), left[["metadata", "deletionTimestamp"]] != nil {
            _ = try Self.client().poll(Self.namespaces, name: Self.namespace, interval: 0.5, timeout: 90) { $0 == nil }
        }
        let suffix = UInt16.random(in: 0...UInt16.max)
        let (a, b) = ("gwa-\(suffix)", "gwb-\(suffix)")
        try ok("install", a, "--tier", "basic")

        // Install: the objects in tenantctl-gateway, with Helm's marks naming the gateway's release.
        #expect(try ok("gateway", "install").out.contains("ROUTES: \(a)\n"))
        let config1 = try #require(try Self.envoyConfig())
        #expect(config1.contains("\(a)-tenant-app.tenant-\(a).svc.cluster.local") && !config1.contains(b))
        let deployment = try #require(try Self.get(Self.deployments, "tenant-gateway", Self.namespace))
        #expect(deployment[["metadata", "annotations", "meta.helm.sh/release-name"]]?.string == "tenant-gateway")
        #expect(try Self.get(Self.policies, "tenant-gateway", Self.namespace) != nil)

        // A second tenant: the note; diff shows its route; upgrade puts it in the cluster.
        #expect(try ok("install", b, "--tier", "basic").err.contains("note: the gateway routes an older tenant list"))
        let diff = try Self.run(["gateway", "diff"], in: dir)
        #expect(diff.status == 2 && diff.out.contains("\(b)-tenant-app.tenant-\(b).svc.cluster.local"), "\(diff.out)\(diff.err)")
        #expect(try ok("gateway", "upgrade").out.contains("REVISION: 2"))
        #expect(try Self.envoyConfig()?.contains("\(b)-tenant-app.tenant-\(b).svc.cluster.local") == true)
        #expect(try ok("gateway", "status").out.contains("TENANTS: in step (revision 2"))

        // Rollback to 1: revision 3, the first configuration back in the cluster.
        #expect(try ok("gateway", "rollback", "1").out.contains("REVISION: 3"))
        #expect(try Self.envoyConfig() == config1)
        #expect(try ok("gateway", "history").out.split(separator: "\n").count == 4)

        // Uninstall: the objects and the namespace go.
        try ok("gateway", "uninstall")
        #expect(try Self.envoyConfig() == nil)
        let gone = try Self.client().poll(Self.namespaces, name: Self.namespace, interval: 0.5, timeout: 90) { $0 == nil }
        #expect(gone == nil)
        try ok("uninstall", a)
        try ok("uninstall", b)
    }
}
