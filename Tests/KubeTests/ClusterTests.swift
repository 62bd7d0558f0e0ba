// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

/// The cluster scripts/test-servers.sh started (`TENANTCTL_TEST_KUBE_DIR`), or nil.
enum TestCluster {
    static let dir: String? = ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    static let reason: Comment =
        "TENANTCTL_TEST_KUBE_DIR is unset: no API server (run the tests through scripts/test-servers.sh with ../shared/kube beside the clone)"

    /// A client for DIR/`file` (kubeconfig, kubeconfig-token, kubeconfig-nobody).
    static func client(_ file: String = "kubeconfig", options: KubeClientOptions = KubeClientOptions()) throws -> KubeClient {
        try KubeClient(kubeconfig: (dir ?? "") + "/" + file, environment: [:], options: options)
    }

    static func access(_ file: String = "kubeconfig") throws -> ClusterAccess {
        try KubeConfig.load(explicitPath: (dir ?? "") + "/" + file, environment: [:]).access()
    }

    /// The token of DIR/kubeconfig-token's user (ci-deployer).
    static func deployerToken() throws -> String { try access("kubeconfig-token").token ?? "" }

    static let namespaces = ResourceRef(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
    static let configMaps = ResourceRef(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    static let pods = ResourceRef(group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true)
    static let deployments = ResourceRef(group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)
    static let leases = ResourceRef(group: "coordination.k8s.io", version: "v1", resource: "leases", kind: "Lease", namespaced: true)

    /// A fresh namespace for one test.
    static func namespace(_ c: KubeClient, _ prefix: String) throws -> String {
        let name = "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
        _ = try c.create(namespaces, object: obj(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(name)"}}"#))
        return name
    }

    static func obj(_ text: String) throws -> JSON { try JSON.parse(text) }

    static func deployment(_ name: String, replicas: Int = 1) throws -> JSON {
        try obj(
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"\#(name)","labels":{"app":"\#(name)"}},"spec":{"replicas":\#(replicas),"selector":{"matchLabels":{"app":"\#(name)"}},"template":{"metadata":{"labels":{"app":"\#(name)"}},"spec":{"containers":[{"name":"c","image":"nginx:1.25"}]}}}}"#
        )
    }
}

@Suite(.enabled(if: TestCluster.dir != nil, TestCluster.reason), .serialized)
struct ClusterTests {
    /// Discovery rows: apiVersion, kind, the resource (nil: not served on 1.20), namespaced.
    @Test(
        arguments: [
            ("apps/v1", "Deployment", "deployments", true), ("v1", "Namespace", "namespaces", false), ("v1", "ConfigMap", "configmaps", true),
            ("autoscaling/v2beta2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true), ("autoscaling/v2", "HorizontalPodAutoscaler", nil, false),
            ("policy/v1beta1", "PodDisruptionBudget", "poddisruptionbudgets", true), ("policy/v1", "PodDisruptionBudget", nil, false),
            ("coordination.k8s.io/v1", "Lease", "leases", true), ("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false),
            ("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false),
        ] as [(String, String, String?, Bool)])
    func discovery(_ apiVersion: String, _ kind: String, _ resource: String?, _ namespaced: Bool) throws {
        let d = try TestCluster.client().discovery()
        let r = d.resource(apiVersion: apiVersion, kind: kind)
        #expect(r?.resource == resource)
        if resource != nil {
            #expect(r?.namespaced == namespaced)
            #expect(d.apiVersions.contains(apiVersion) && d.apiVersions.contains("\(apiVersion)/\(kind)"))
        } else {
            #expect(!d.groupVersions.contains(apiVersion))
        }
    }

    @Test func versionAndPreferredVersions() throws {
        let d = try TestCluster.client().discovery()
        #expect(d.serverVersion.gitVersion == "v1.20.2")
        #expect(d.serverVersion.major == "1" && d.serverVersion.minor == "20")
        #expect(d.preferredResource(group: "autoscaling", kind: "HorizontalPodAutoscaler")?.version == "v1")
        #expect(d.preferredResource(group: "", kind: "Pod")?.apiVersion == "v1")
    }

    /// Cold discovery fills the cache directory (0700/0600); a second client reads it with no request.
    @Test func discoveryDiskCache() throws {
        let s = Scratch()
        defer { s.remove() }
        var o = KubeClientOptions()
        o.discoveryCacheDirectory = s.dir + "/discovery"
        let cold = try TestCluster.client(options: o)
        var t = Date()
        let d1 = try cold.discovery()
        let coldTime = Date().timeIntervalSince(t)
        let coldRequests = cold.requestCount
        #expect(!d1.fromCache && coldRequests > 10)
        _ = try cold.discovery()
        #expect(cold.requestCount == coldRequests, "cached for the client's life")
        let warm = try TestCluster.client(options: o)
        t = Date()
        let d2 = try warm.discovery()
        let warmTime = Date().timeIntervalSince(t)
        #expect(d2.fromCache && warm.requestCount == 0)
        #expect(d2.apiVersions == d1.apiVersions)
        #expect(d2.resource(apiVersion: "apps/v1", kind: "Deployment") == d1.resource(apiVersion: "apps/v1", kind: "Deployment"))
        let host = try #require(URL(string: cold.server)).port.map { "127.0.0.1_\($0)" }
        let file = s.dir + "/discovery/\(host ?? "")/discovery.json"
        let attrs = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let dirAttrs = try FileManager.default.attributesOfItem(atPath: (file as NSString).deletingLastPathComponent)
        #expect((dirAttrs[.posixPermissions] as? Int) == 0o700)
        print("discovery: cold \(coldRequests) requests in \(Int(coldTime * 1000)) ms; from the disk cache 0 requests in \(Int(warmTime * 1000)) ms")
        var expired = o
        expired.discoveryCacheTTL = 0
        let stale = try TestCluster.client(options: expired)
        #expect(try !stale.discovery().fromCache)
    }

    @Test func createGetListUpdateDelete() throws {
        let c = try TestCluster.client()
        let ns = try TestCluster.namespace(c, "crud")
        defer { _ = try? c.delete(TestCluster.namespaces, name: ns) }
        for i in 0..<3 {
            _ = try c.create(
                TestCluster.configMaps,
                object: TestCluster.obj(
                    #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm\#(i)","labels":{"set":"\#(i < 2 ? "a" : "b")"}},"data":{"i":"\#(i)"}}"#),
                namespace: ns)
        }
        let got = try c.get(TestCluster.configMaps, name: "cm1", namespace: ns)
        #expect(got[["data", "i"]]?.string == "1")
        #expect(try c.list(TestCluster.configMaps, namespace: ns, labelSelector: "set=a").items.count == 2)
        let page = try c.list(TestCluster.configMaps, namespace: ns, limit: 2)
        #expect(page.items.count == 2 && !page.continueToken.isEmpty)
        let rest = try c.list(TestCluster.configMaps, namespace: ns, limit: 2, continueToken: page.continueToken)
        #expect(rest.items.count == 2 - 0 || rest.items.count >= 1)  // cm2 and the namespace's kube-root-ca.crt
        #expect(try c.listAll(TestCluster.configMaps, namespace: ns, pageSize: 1).count == page.items.count + rest.items.count)
        // Optimistic concurrency: an update from a stale copy is a 409 Conflict.
        let fresh = try c.update(TestCluster.configMaps, object: got.setting(path: ["data", "i"], .string("one")), namespace: ns)
        #expect(fresh[["data", "i"]]?.string == "one")
        do {
            _ = try c.update(TestCluster.configMaps, object: got.setting(path: ["data", "i"], .string("stale")), namespace: ns)
            Issue.record("a stale update succeeded")
        } catch {
            #expect(error.status == 409 && error.reason == "Conflict")
            #expect(error.message.contains("the object has been modified"))
            #expect(error.description.contains(#"update configmaps "cm1" in namespace "\#(ns)""#))
        }
        // Create of an existing name.
        let duplicate = try TestCluster.obj(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1"}}"#)
        do {
            _ = try c.create(TestCluster.configMaps, object: duplicate, namespace: ns)
            Issue.record("a second create succeeded")
        } catch { #expect(error.isAlreadyExists) }
        try c.delete(TestCluster.configMaps, name: "cm0", namespace: ns, propagationPolicy: .background)
        do {
            _ = try c.get(TestCluster.configMaps, name: "cm0", namespace: ns)
            Issue.record("deleted object still there")
        } catch { #expect(error.isNotFound && error.reason == "NotFound") }
    }

    /// A Lease updated from a stale resourceVersion is refused: the base of the tenant locks.
    @Test func leaseOptimisticConcurrency() throws {
        let c = try TestCluster.client()
        let ns = try TestCluster.namespace(c, "lease")
        defer { _ = try? c.delete(TestCluster.namespaces, name: ns) }
        let lease = try c.create(
            TestCluster.leases,
            object: TestCluster.obj(
                #"{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"acme"},"spec":{"holderIdentity":"a","leaseDurationSeconds":120}}"#),
            namespace: ns)
        let rv = try #require(lease[["metadata", "resourceVersion"]]?.string)
        let b = try c.update(TestCluster.leases, object: lease.setting(path: ["spec", "holderIdentity"], .string("b")), namespace: ns)
        #expect(b[["metadata", "resourceVersion"]]?.string != rv)
        #expect(throws: KubeError.self) {
            try c.update(TestCluster.leases, object: lease.setting(path: ["spec", "holderIdentity"], .string("c")), namespace: ns)
        }
        #expect(try c.get(TestCluster.leases, name: "acme", namespace: ns)[["spec", "holderIdentity"]]?.string == "b")
    }

    @Test func serverSideApply() throws {
        let c = try TestCluster.client()
        let ns = try TestCluster.namespace(c, "apply")
        defer { _ = try? c.delete(TestCluster.namespaces, name: ns) }
        let d = try TestCluster.deployment("web", replicas: 2)
        let dry = try c.apply(TestCluster.deployments, object: d, namespace: ns, fieldManager: "tenantctl", dryRun: true)
        #expect(dry[["spec", "replicas"]]?.int == 2)
        #expect(throws: KubeError.self) { try c.get(TestCluster.deployments, name: "web", namespace: ns) }
        let applied = try c.apply(TestCluster.deployments, object: d, namespace: ns, fieldManager: "tenantctl")
        #expect(applied[["metadata", "generation"]]?.int == 1)
        #expect(applied[["metadata", "managedFields"]]?.array?.first?["manager"]?.string == "tenantctl")
        // The same intent again changes nothing the manager owns: the generation (bumped by spec changes only)
        // stays 1. (resourceVersion may move: the deployment controller writes status and annotations meanwhile.)
        let again = try c.apply(TestCluster.deployments, object: d, namespace: ns, fieldManager: "tenantctl")
        #expect(again[["metadata", "generation"]]?.int == 1)
        #expect(again[["spec", "replicas"]]?.int == 2)
        // Another manager changing an owned field is a 409 naming the manager and the field, unless forced.
        let other = d.setting(path: ["spec", "replicas"], .int(5))
        do {
            _ = try c.apply(TestCluster.deployments, object: other, namespace: ns, fieldManager: "helm")
            Issue.record("conflicting apply succeeded")
        } catch {
            #expect(error.status == 409 && error.reason == "Conflict")
            #expect(error.message.contains("tenantctl") && error.message.contains(".spec.replicas"))
        }
        let forced = try c.apply(TestCluster.deployments, object: other, namespace: ns, fieldManager: "helm", force: true)
        #expect(forced[["spec", "replicas"]]?.int == 5)
        // Strategic merge and JSON patches.
        let labelled = try c.patch(
            TestCluster.deployments, name: "web", namespace: ns, type: .strategicMerge, patch: TestCluster.obj(#"{"metadata":{"labels":{"tier":"gold"}}}"#))
        #expect(labelled[["metadata", "labels", "tier"]]?.string == "gold")
        let json = try c.patch(
            TestCluster.deployments, name: "web", namespace: ns, type: .json, patch: TestCluster.obj(#"[{"op":"replace","path":"/spec/replicas","value":3}]"#))
        #expect(json[["spec", "replicas"]]?.int == 3)
        // An unknown field is refused by server-side apply.
        do {
            _ = try c.apply(TestCluster.deployments, object: d.setting("bogus", .int(1)), namespace: ns, fieldManager: "tenantctl")
            Issue.record("unknown field accepted")
        } catch { #expect(error.message.contains("bogus")) }
        try c.delete(TestCluster.deployments, name: "web", namespace: ns, propagationPolicy: .foreground)
        try c.poll(TestCluster.deployments, name: "web", namespace: ns, interval: 0.2, timeout: 30) { $0 == nil }
    }

    /// 422 from field validation keeps the field path.
    @Test func invalidObject() throws {
        let c = try TestCluster.client()
        let ns = try TestCluster.namespace(c, "invalid")
        defer { _ = try? c.delete(TestCluster.namespaces, name: ns) }
        let bad = try TestCluster.deployment("bad", replicas: -3)
        do {
            _ = try c.create(TestCluster.deployments, object: bad, namespace: ns)
            Issue.record("replicas -3 accepted")
        } catch {
            #expect(error.status == 422 && error.reason == "Invalid")
            #expect(error.causes.contains { $0.field == "spec.replicas" })
            #expect(error.message.contains("spec.replicas: Invalid value: -3"))
        }
    }

    /// Marking a Pod Ready through pods/status, as a kubelet would.
    @Test func podStatusAsKubelet() throws {
        let c = try TestCluster.client()
        let ns = try TestCluster.namespace(c, "pods")
        defer { _ = try? c.delete(TestCluster.namespaces, name: ns) }
        // The namespace's default ServiceAccount, and its token (1.20's token controller adds it a moment later),
        // must exist before a Pod is admitted: the ServiceAccount admission plugin answers 500 "No API token found"
        // until then.
        try c.poll(
            ResourceRef(group: "", version: "v1", resource: "serviceaccounts", namespaced: true), name: "default", namespace: ns, interval: 0.2, timeout: 30
        ) { $0?["secrets"]?.array?.isEmpty == false }
        _ = try c.create(
            TestCluster.pods,
            object: TestCluster.obj(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}"#),
            namespace: ns)
        let status = try TestCluster.obj(
            #"{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"},{"type":"ContainersReady","status":"True"}],"containerStatuses":[{"name":"c","ready":true,"restartCount":0,"image":"nginx","imageID":"","state":{"running":{}}}]}}"#
        )
        _ = try c.patch(TestCluster.pods.subresource("status"), name: "p", namespace: ns, type: .strategicMerge, patch: status)
        let p = try c.get(TestCluster.pods, name: "p", namespace: ns)
        #expect(p[["status", "phase"]]?.string == "Running")
        #expect(p[["status", "conditions"]]?.array?.contains { $0["type"]?.string == "Ready" && $0["status"]?.string == "True" } == true)
    }

    /// Failures: the kubeconfig variant, the expected kind, HTTP status, and words the message must hold.
    struct FailureCase: Sendable, CustomTestStringConvertible {
        var name: String
        var make: @Sendable (String) throws -> ClusterAccess
        var kind: KubeError.Kind
        var status: Int
        var words: [String]
        var testDescription: String { name }
    }

    static let failures: [FailureCase] = [
        FailureCase(
            name: "401 bad token",
            make: { _ in
                var a = try TestCluster.access("kubeconfig-token")
                a.token = "not-a-valid-token"
                return a
            }, kind: .api, status: 401, words: ["Unauthorized", "list namespaces"]),
        FailureCase(
            name: "403 user nobody", make: { _ in try TestCluster.access("kubeconfig-nobody") }, kind: .api, status: 403,
            words: [#"User "nobody" cannot list resource "namespaces""#, "Forbidden"]),
        FailureCase(
            name: "unknown CA",
            make: { dir in
                var a = try TestCluster.access()
                // A certificate that did not sign the server's (the admin client certificate).
                a.certificateAuthority = Array(try String(contentsOfFile: dir + "/pki/admin.crt", encoding: .utf8).utf8)
                return a
            }, kind: .tlsUnknownAuthority, status: 0, words: ["certificate-authority", "TLS"]),
        FailureCase(
            name: "wrong tls-server-name",
            make: { _ in
                var a = try TestCluster.access()
                a.tlsServerName = "wrong.example.invalid"
                return a
            }, kind: .tlsServerName, status: 0, words: ["tls-server-name", "wrong.example.invalid"]),
        FailureCase(
            name: "unreachable server (closed port)",
            make: { _ in
                var a = try TestCluster.access()
                a.server = "https://127.0.0.1:1"
                return a
            }, kind: .unreachable, status: 0, words: ["unreachable", "https://127.0.0.1:1"]),
    ]

    @Test(arguments: failures)
    func failure(_ f: FailureCase) throws {
        let access = try f.make(TestCluster.dir ?? "")
        var o = KubeClientOptions()
        o.connectTimeout = 2
        let c = try KubeClient(access: access, options: o)
        let start = Date()
        do {
            _ = try c.list(TestCluster.namespaces)
            Issue.record("no error")
        } catch {
            #expect(error.kind == f.kind)
            #expect(error.status == f.status)
            for w in f.words { #expect(error.description.contains(w), "\(error.description) lacks \(w)") }
            #expect(!error.description.contains(access.token ?? "\u{0}"), "a token in the message")
        }
        #expect(Date().timeIntervalSince(start) < 3, "within the connect timeout")
    }

    /// An exec plugin that prints an ExecCredential with ci-deployer's token: the server then knows us as
    /// ci-deployer (its 403 says so); the result is cached until its expiry, and an expired one runs again
    /// (once when the client is made, to learn whether it supplies a client certificate, then per request).
    @Test(arguments: [(nil, 1), ("2000-01-01T00:00:00Z", 4)] as [(String?, Int)])
    func execPlugin(_ expiry: String?, _ runs: Int) throws {
        let s = Scratch()
        defer { s.remove() }
        let token = try TestCluster.deployerToken()
        let expiryField = expiry.map { #","expirationTimestamp":"\#($0)""# } ?? ""
        s.write(
            "plugin.sh",
            """
            #!/bin/sh
            # Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
            echo run >> "$(dirname "$0")/runs"
            [ "$PLUGIN_ARG" = "$1" ] || exit 3
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"\(expiryField)}}' "$TOKEN"
            """)
        chmod(s.dir + "/plugin.sh", 0o755)
        let server = try TestCluster.access().server
        let config = s.write(
            "config",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: '\(server)', certificate-authority: '\(TestCluster.dir ?? "")/pki/ca.crt'}}]
            users:
            - name: p
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./plugin.sh
                  args: [x]
                  env: [{name: PLUGIN_ARG, value: x}, {name: TOKEN, value: '\(token)'}]
            contexts: [{name: c, context: {cluster: k, user: p}}]
            """)
        let c = try KubeClient(kubeconfig: config, environment: [:])
        for _ in 0..<3 {
            do {
                _ = try c.list(TestCluster.namespaces)
                Issue.record("ci-deployer has no rights yet")
            } catch {
                #expect(error.status == 403 && error.message.contains(#"User "ci-deployer""#), "\(error)")
            }
        }
        let count = (try? String(contentsOfFile: s.dir + "/runs", encoding: .utf8))?.split(separator: "\n").count ?? 0
        #expect(count == runs)
    }

    @Test func execPluginFailure() throws {
        let s = Scratch()
        defer { s.remove() }
        let config = s.write(
            "config",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: 'https://127.0.0.1:1'}}]
            users: [{name: p, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/false}}}]
            contexts: [{name: c, context: {cluster: k, user: p}}]
            """)
        do {
            let c = try KubeClient(kubeconfig: config, environment: [:])
            _ = try c.getJSON("/version")
            Issue.record("no error")
        } catch {
            #expect(error.kind == .credentials && error.description.contains("exec plugin /bin/false: exit status 1"))
        }
    }

    /// The client-side rate limit: qps 20 after a burst of 1 spaces 11 requests over at least 0.5 s; the
    /// counter counts each request; many threads share one client.
    @Test func rateLimitAndCounter() throws {
        var o = KubeClientOptions()
        o.qps = 20
        o.burst = 1
        let c = try TestCluster.client(options: o)
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: 11) { _ in _ = try? c.getJSON("/version") }
        #expect(Date().timeIntervalSince(start) >= 0.45)
        #expect(c.requestCount == 11)
    }
}
