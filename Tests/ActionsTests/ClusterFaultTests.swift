// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

/// Bad input and faults against the real API server, through the built binary: each case a fault, the exit
/// code (1), a message that names what it should (the server, the file and entry, the user, verb and
/// resource, the object, the field path), an answer well inside the connect timeout (no hang), and nothing
/// recorded as deployed that is not (`history -o json`, `status`, and the cluster itself).
@Suite(.enabled(if: ClusterUnderTest.dir != nil, ClusterUnderTest.reason), .serialized)
struct ClusterFaultTests {
    typealias E2E = ClusterEndToEndTests

    static var kubeDir: String { ClusterUnderTest.dir ?? "" }

    /// `KEY=value` lines of DIR/env (`KUBE_SERVER`, `KUBE_CA`).
    static func env(_ key: String) -> String {
        let text = (try? String(contentsOfFile: kubeDir + "/env", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) } ?? ""
    }

    /// Where one case runs: its tenant, the tenant's namespace and its workspace (also its scratch folder).
    struct Scene: Sendable {
        var tenant: String
        var namespace: String { "tenant-\(tenant)" }
        var dir: URL
        /// A file in the workspace.
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
    }

    /// A kubeconfig with one cluster, one user and one context `local` (`clusterExtra` and `user` are YAML
    /// flow-mapping entries).
    static func kubeconfig(
        _ path: String, server: String = env("KUBE_SERVER"), ca: String = env("KUBE_CA"), clusterExtra: String = "", userName: String,
        user: String
    ) throws {
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster: {server: "\(server)", certificate-authority: "\(ca)"\(clusterExtra)}
            users:
            - name: \(userName)
              user: {\(user)}
            contexts:
            - name: local
              context: {cluster: local, user: \(userName)}
            current-context: local

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static var adminUser: String { "client-certificate: \"\(kubeDir)/pki/admin.crt\", client-key: \"\(kubeDir)/pki/admin.key\"" }

    /// Runs a command (shell words) in `dir`; fails the test when it fails.
    static func shell(_ command: String, in dir: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { Issue.record("\(command): exit \(p.terminationStatus)") }
    }

    static func ok(_ args: String..., in scene: Scene) throws { try ok(args, in: scene) }

    static func ok(_ args: [String], in scene: Scene) throws {
        let r = try E2E.run(args, in: scene.dir)
        #expect(r.status == 0, "tenantctl \(args.joined(separator: " ")): \(r.status) \(r.err)")
    }

    /// The statuses of the tenant's revisions, oldest first; empty when tenantctl knows no release.
    static func statuses(_ scene: Scene) throws -> [String] {
        let r = try E2E.run(["history", scene.tenant, "-o", "json"], in: scene.dir)
        if r.status != 0 {
            #expect(r.err.contains("not found"), "\(r.err)")
            return []
        }
        let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
        return rows.sorted { ($0["revision"] as? Int ?? 0) < ($1["revision"] as? Int ?? 0) }.map { $0["status"] as? String ?? "?" }
    }

    /// Marks the tenant's namespace with a finalizer nobody removes, so that once deleted it stays Terminating.
    static func holdNamespace(_ scene: Scene) throws {
        _ = try E2E.client().patch(
            E2E.namespaces, name: scene.namespace, type: .merge, patch: try JSON.parse(#"{"metadata":{"finalizers":["tenantctl.test/hold"]}}"#))
    }

    /// Lets the namespace go (removes the finalizer) and waits until it is gone.
    static func releaseNamespace(_ scene: Scene) throws {
        let c = try E2E.client()
        _ = try? c.patch(E2E.namespaces, name: scene.namespace, type: .merge, patch: try JSON.parse(#"{"metadata":{"finalizers":null}}"#))
        _ = try? c.delete(E2E.namespaces, name: scene.namespace)
        try c.poll(E2E.namespaces, name: scene.namespace, interval: 0.5, timeout: 60) { $0 == nil }
    }

    /// One fault.
    struct Fault: Sendable, CustomTestStringConvertible {
        var name: String
        /// Makes the fault (in the cluster or the workspace) and returns the command that meets it.
        var setUp: @Sendable (Scene) throws -> [String]
        /// What the message must name.
        var words: @Sendable (Scene) -> [String]
        /// The statuses of the tenant's revisions afterwards, oldest first (empty: no release at all).
        var history: [String]
        /// Checks the cluster afterwards, then undoes what the case left there.
        var after: @Sendable (Scene) throws -> Void
        var testDescription: String { name }
    }

    /// Nothing of the tenant's exists in the cluster.
    @Sendable static func untouched(_ scene: Scene) throws {
        #expect(try E2E.get(E2E.namespaces, scene.namespace) == nil, "nothing was created")
    }

    /// The deployed revision's objects are in place (greeting `greeting`); then the tenant is uninstalled.
    static func previousInPlace(greeting: String) -> @Sendable (Scene) throws -> Void {
        { scene in
            #expect(try E2E.get(E2E.configMaps, "\(scene.tenant)-config", scene.namespace)?[["data", "greeting"]]?.string == greeting)
            try ok("uninstall", scene.tenant, in: scene)
        }
    }

    static let faults: [Fault] = [
        Fault(
            name: "unreachable server (127.0.0.1:1, nothing listens)",
            setUp: { scene in
                try kubeconfig(scene.file("kc-closed"), server: "https://127.0.0.1:1", userName: "admin", user: adminUser)
                return ["install", scene.tenant, "--tier", "basic", "--kubeconfig", scene.file("kc-closed")]
            },
            words: { _ in ["https://127.0.0.1:1", "unreachable", "Couldn't connect"] }, history: [], after: untouched),
        Fault(
            name: "TLS: the server's certificate is not signed by the kubeconfig's CA",
            setUp: { scene in
                try shell(
                    "openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.crt -days 1 -subj /CN=other-ca", in: scene.dir)
                try kubeconfig(scene.file("kc-other-ca"), ca: scene.file("other-ca.crt"), userName: "admin", user: adminUser)
                return ["install", scene.tenant, "--tier", "basic", "--kubeconfig", scene.file("kc-other-ca")]
            },
            words: { _ in [env("KUBE_SERVER"), "not signed by a trusted CA", "certificate-authority"] }, history: [], after: untouched),
        Fault(
            name: "TLS: wrong tls-server-name",
            setUp: { scene in
                try kubeconfig(scene.file("kc-sni"), clusterExtra: ", tls-server-name: wrong.example.com", userName: "admin", user: adminUser)
                return ["install", scene.tenant, "--tier", "basic", "--kubeconfig", scene.file("kc-sni")]
            },
            words: { _ in [env("KUBE_SERVER"), "tls-server-name", "wrong.example.com"] }, history: [], after: untouched),
        Fault(
            name: "401: a token the server does not know",
            setUp: { scene in
                try kubeconfig(scene.file("kc-stranger"), userName: "stranger", user: "token: 0123456789abcdef0123456789abcdef")
                return ["install", scene.tenant, "--tier", "basic", "--kubeconfig", scene.file("kc-stranger")]
            },
            words: { scene in ["HTTP 401", "Unauthorized", "user \"stranger\"", scene.file("kc-stranger"), env("KUBE_SERVER")] }, history: [],
            after: untouched),
        Fault(
            name: "403: a user with no rights (kubeconfig-nobody)",
            setUp: { scene in ["install", scene.tenant, "--tier", "basic", "--kubeconfig", kubeDir + "/kubeconfig-nobody"] },
            words: { scene in
                ["User \"nobody\" cannot get resource \"namespaces\"", "namespaces \"\(scene.namespace)\" is forbidden", "revision 1 recorded as failed"]
            }, history: ["failed"], after: untouched),
        Fault(
            name: "malformed kubeconfig",
            setUp: { scene in
                try "apiVersion: v1\nkind: Config\nclusters:\n- name: local\n  cluster: {server: \"\(env("KUBE_SERVER"))\"\n users: [\n".write(
                    toFile: scene.file("kc-malformed"), atomically: true, encoding: .utf8)
                return ["install", scene.tenant, "--tier", "basic", "--kubeconfig", scene.file("kc-malformed")]
            },
            words: { scene in ["kubeconfig \(scene.file("kc-malformed"))", "malformed YAML", "line 5"] }, history: [], after: untouched),
        Fault(
            name: "kubeconfig whose current-context names a missing context",
            setUp: { scene in
                let admin = try String(contentsOfFile: kubeDir + "/kubeconfig", encoding: .utf8)
                try admin.replacingOccurrences(of: "current-context: local", with: "current-context: gone").write(
                    toFile: scene.file("kc-no-context"), atomically: true, encoding: .utf8)
                return ["install", scene.tenant, "--tier", "basic", "--kubeconfig", scene.file("kc-no-context")]
            },
            words: { scene in ["kubeconfig \(scene.file("kc-no-context"))", "context \"gone\" not found"] }, history: [], after: untouched),
        Fault(
            name: "--kube-context of a missing context",
            setUp: { scene in ["install", scene.tenant, "--tier", "basic", "--kube-context", "elsewhere"] },
            words: { _ in ["kubeconfig \(kubeDir)/kubeconfig", "context \"elsewhere\" not found"] }, history: [], after: untouched),
        Fault(
            name: "an object the server rejects (422)",
            setUp: { scene in
                try ok("install", scene.tenant, "--tier", "basic", in: scene)
                return ["upgrade", scene.tenant, "--set", "greeting=v2", "--set", "badLabel=not a valid label!"]
            },
            words: { scene in ["ConfigMap \"\(scene.tenant)-config\"", "metadata.labels", "Invalid value", "HTTP 422", "revision 2 recorded as failed"] },
            history: ["deployed", "failed"], after: previousInPlace(greeting: "hello")),
        Fault(
            name: "an apply conflict with another field manager",
            setUp: { scene in
                try ok("install", scene.tenant, "--tier", "basic", in: scene)
                _ = try E2E.client().patch(
                    E2E.configMaps, name: "\(scene.tenant)-config", namespace: scene.namespace, type: .merge,
                    patch: try JSON.parse(#"{"data":{"greeting":"edited by hand"}}"#), fieldManager: "kubectl-edit")
                return ["upgrade", scene.tenant, "--set", "greeting=v2"]
            },
            words: { scene in ["ConfigMap \"\(scene.tenant)-config\"", ".data.greeting", "\"kubectl-edit\"", "--force-conflicts"] },
            history: ["deployed", "failed"], after: previousInPlace(greeting: "edited by hand")),
        Fault(
            name: "upgrade while the tenant's namespace is being deleted (Terminating)",
            setUp: { scene in
                try ok("install", scene.tenant, "--tier", "basic", in: scene)
                try holdNamespace(scene)
                _ = try E2E.client().delete(E2E.namespaces, name: scene.namespace)
                return ["upgrade", scene.tenant, "--set", "greeting=v2"]
            },
            words: { scene in
                ["namespace \"\(scene.namespace)\" is being deleted", "Terminating since", "tenantctl.test/hold", "revision 2 recorded as failed"]
            },
            history: ["deployed", "failed"],
            after: { scene in
                // Nothing was written: the ConfigMap (while the namespace controller has not emptied it yet) is
                // not the upgrade's.
                #expect(try E2E.get(E2E.configMaps, "\(scene.tenant)-config", scene.namespace)?[["data", "greeting"]]?.string != "v2")
                try releaseNamespace(scene)
            }),
        Fault(
            name: "install into a namespace still Terminating after an uninstall",
            setUp: { scene in
                try ok("install", scene.tenant, "--tier", "basic", in: scene)
                try holdNamespace(scene)
                try ok("uninstall", scene.tenant, in: scene)
                return ["install", scene.tenant, "--tier", "basic"]
            },
            words: { scene in ["namespace \"\(scene.namespace)\" is being deleted", "tenantctl.test/hold", "revision 1 recorded as failed"] },
            history: ["failed"],
            after: { scene in
                #expect(try E2E.get(E2E.quotas, "\(scene.tenant)-quota", scene.namespace) == nil, "nothing was created")
                try releaseNamespace(scene)
            }),
    ]

    @Test(arguments: faults)
    func fault(_ fault: Fault) throws {
        guard EndToEndTests.built else {
            Issue.record("tenantctl is not built at \(EndToEndTests.binary)")
            return
        }
        let tenant = E2E.tenant("fault")
        let dir = try E2E.workspace(tenant)
        defer { try? FileManager.default.removeItem(at: dir) }
        let here = Scene(tenant: tenant, dir: dir)
        let args = try fault.setUp(here)
        let started = Date()
        let r = try E2E.run(args, in: dir)
        let took = Date().timeIntervalSince(started)
        #expect(r.status == 1, "tenantctl \(args.joined(separator: " ")): exit \(r.status)\n\(r.out)\(r.err)")
        for word in fault.words(here) {
            #expect(r.err.contains(word), "the message names \(word): \(r.err)")
        }
        // The connect timeout is 10 s: an answer must come well inside it (a correctness bound, not a benchmark).
        #expect(took < 20, "answered in \(took) s")
        #expect(try Self.statuses(here) == fault.history)
        let status = try E2E.run(["status", here.tenant, "-o", "json"], in: dir)
        if fault.history.isEmpty {
            #expect(status.status == 1 && status.err.contains("not found"), "\(status.err)")
        } else {
            #expect(status.out.contains("\"status\" : \"\(fault.history.last ?? "")\""), "\(status.out)")
        }
        try fault.after(here)
        print("fault \(fault.name): exit \(r.status) in \(String(format: "%.2f", took)) s: \(r.err.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    // MARK: The API server stopped in the middle of an upgrade

    static let apiServerScript = EndToEndTests.repo.appendingPathComponent("scripts/kube-apiserver.sh").path

    /// The API server goes away after the upgrade's pending record (held there by the test hook) and before
    /// its first request to apply: the upgrade fails at once, naming the server, and its revision is `failed`;
    /// the server comes back on the same port, and the next upgrade converges. The server killed is a second
    /// kube-apiserver on the cluster's own etcd (scripts/kube-apiserver.sh), so the suites that use the
    /// cluster's server at the same time are not disturbed.
    @Test func apiServerStoppedMidUpgrade() throws {
        guard EndToEndTests.built else { return }
        let t = E2E.tenant("restart")
        let dir = try E2E.workspace(t)
        let scene = Scene(tenant: t, dir: dir)
        let name = "faults-apiserver-\(getpid())"
        let server = "'\(Self.apiServerScript)' %@ '\(Self.kubeDir)' \(name)"
        try Self.shell(String(format: server, "start"), in: dir)
        defer {
            try? Self.shell(String(format: server, "stop"), in: dir)
            for ext in ["cmdline", "kubeconfig", "pid"] { try? FileManager.default.removeItem(atPath: "\(Self.kubeDir)/\(name).\(ext)") }
            try? FileManager.default.removeItem(at: dir)
        }
        let kubeconfig = "\(Self.kubeDir)/\(name).kubeconfig"
        try Self.ok("install", t, "--tier", "basic", "--kubeconfig", kubeconfig, in: scene)

        let upgrade = try E2E.start(
            ["upgrade", t, "--set", "greeting=v2", "--kubeconfig", kubeconfig], in: dir, environment: ["TENANTCTL_TEST_HOLD_LEASE_SECONDS": "4"])
        let deadline = Date().addingTimeInterval(20)
        while try Self.statuses(scene).last != "pending-upgrade", Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(try Self.statuses(scene) == ["deployed", "pending-upgrade"])
        try Self.shell(String(format: server, "stop"), in: dir)
        let stopped = Date()
        let failed = E2E.finish(upgrade)
        let took = Date().timeIntervalSince(stopped)
        let url = try String(contentsOfFile: kubeconfig, encoding: .utf8).split(separator: "\n").first { $0.contains("server: ") }.map {
            String($0.split(separator: " ").last ?? "")
        }
        #expect(failed.status == 1)
        for word in [url ?? "?", "the server is unreachable", "revision 2 recorded as failed"] {
            #expect(failed.err.contains(word), "the message names \(word): \(failed.err)")
        }
        #expect(took < 20, "failed \(took) s after the server went away (the hold is 4 s)")
        #expect(try Self.statuses(scene) == ["deployed", "failed"])
        print("fault API server stopped mid-upgrade: exit \(failed.status): \(failed.err.trimmingCharacters(in: .whitespacesAndNewlines))")

        try Self.shell(String(format: server, "start"), in: dir)
        try Self.ok("upgrade", t, "--set", "greeting=v2", "--kubeconfig", kubeconfig, in: scene)
        #expect(try Self.statuses(scene) == ["superseded", "failed", "deployed"])
        #expect(try E2E.get(E2E.configMaps, "\(t)-config", scene.namespace)?[["data", "greeting"]]?.string == "v2")
        try Self.ok("uninstall", t, "--kubeconfig", kubeconfig, in: scene)
    }

    // MARK: Least privilege

    static let roles = ResourceRef(group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", kind: "Role", namespaced: true)
    static let roleBindings = ResourceRef(
        group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", kind: "RoleBinding", namespaced: true)
    static let clusterRoles = ResourceRef(
        group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", kind: "ClusterRole", namespaced: false)
    static let clusterRoleBindings = ResourceRef(
        group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings", kind: "ClusterRoleBinding", namespaced: false)

    /// The token user `ci-deployer` with exactly what tenantctl needs for the fixture chart: in the tenant's
    /// namespace (made beforehand by an admin, marked for the release) a Role with get, create, patch and
    /// delete on configmaps and resourcequotas (GET before the apply, server-side apply = PATCH, and create
    /// when that apply creates the object; DELETE to prune and uninstall); for the chart's own Namespace object
    /// (cluster-scoped) a ClusterRole limited by resourceNames to that one namespace: get, patch, delete. Every
    /// verb taken away fails the command with the server's words: user, verb, resource and namespace.
    @Test func leastPrivilege() throws {
        guard EndToEndTests.built else { return }
        let t = E2E.tenant("least")
        let ns = "tenant-\(t)"
        let dir = try E2E.workspace(t)
        let scene = Scene(tenant: t, dir: dir)
        let admin = try E2E.client()
        let clusterRole = "tenantctl-\(ns)"
        defer {
            try? FileManager.default.removeItem(at: dir)
            _ = try? admin.delete(Self.clusterRoleBindings, name: clusterRole)
            _ = try? admin.delete(Self.clusterRoles, name: clusterRole)
        }
        func apply(_ r: ResourceRef, _ json: String) throws {
            _ = try admin.apply(r, object: try JSON.parse(json), fieldManager: "faults-test-admin", force: true)
        }
        try apply(
            E2E.namespaces,
            #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(ns)","labels":{"app.kubernetes.io/managed-by":"Helm"},"#
                + #""annotations":{"meta.helm.sh/release-name":"\#(t)","meta.helm.sh/release-namespace":"tenantctl-system"}}}"#)
        try apply(
            Self.clusterRoles,
            #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"\#(clusterRole)"},"#
                + #""rules":[{"apiGroups":[""],"resources":["namespaces"],"resourceNames":["\#(ns)"],"verbs":["get","patch","delete"]}]}"#)
        let subjects = #""subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"ci-deployer"}]"#
        try apply(
            Self.clusterRoleBindings,
            #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"\#(clusterRole)"},"#
                + #""roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"\#(clusterRole)"},\#(subjects)}"#)
        try apply(
            Self.roleBindings,
            #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"deployer","namespace":"\#(ns)"},"#
                + #""roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"deployer"},\#(subjects)}"#)
        let all = ["get", "create", "patch", "delete"]
        func role(_ verbs: [String]) throws {
            let list = verbs.map { "\"\($0)\"" }.joined(separator: ",")
            try apply(
                Self.roles,
                #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"deployer","namespace":"\#(ns)"},"#
                    + #""rules":[{"apiGroups":[""],"resources":["configmaps","resourcequotas"],"verbs":[\#(list)]}]}"#)
            // The authorizer reads RBAC from its watch cache: give it a moment to see the change.
            Thread.sleep(forTimeInterval: 1)
        }
        let token = ["--kubeconfig", Self.kubeDir + "/kubeconfig-token"]
        func ok(_ args: String...) throws { try Self.ok(args + token, in: scene) }
        func refused(_ args: [String], _ words: [String]) throws {
            let r = try E2E.run(args + token, in: dir)
            #expect(r.status == 1, "tenantctl \(args.joined(separator: " ")): \(r.status) \(r.err)")
            for word in words { #expect(r.err.contains(word), "the message names \(word): \(r.err)") }
            print("fault least privilege, \(args.joined(separator: " ")): exit \(r.status): \(r.err.trimmingCharacters(in: .whitespacesAndNewlines))")
        }

        try role(all)
        try ok("install", t, "--tier", "premium")
        #expect(try E2E.get(E2E.quotas, "\(t)-quota", ns)?[["spec", "hard", "limits.memory"]]?.string == "16Gi")
        try ok("upgrade", t, "--set", "greeting=v2")
        #expect(try E2E.get(E2E.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "v2")

        let user = "User \"ci-deployer\""
        let inNamespace = "in the namespace \"\(ns)\""
        try role(all.filter { $0 != "delete" })
        try refused(
            ["upgrade", t, "--set", "greeting=v2", "--set", "extra.enabled=false"],
            ["\(user) cannot delete resource \"configmaps\"", inNamespace, "revision 3 recorded as failed"])
        #expect(try E2E.get(E2E.configMaps, "\(t)-extra", ns) != nil)
        try role(all.filter { $0 != "patch" })
        try refused(
            ["upgrade", t, "--set", "greeting=v3"], ["\(user) cannot patch resource \"resourcequotas\"", inNamespace, "revision 4 recorded as failed"])
        try role(all.filter { $0 != "get" })
        try refused(["upgrade", t, "--set", "greeting=v3"], ["\(user) cannot get resource", inNamespace, "revision 5 recorded as failed"])
        #expect(try E2E.get(E2E.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "v2")

        try role(all)
        try ok("upgrade", t, "--set", "greeting=v2", "--set", "extra.enabled=false")
        #expect(try E2E.get(E2E.configMaps, "\(t)-extra", ns) == nil)
        // Creating by server-side apply needs create as well as patch; kube-apiserver gives no reason then.
        try role(all.filter { $0 != "create" })
        try refused(
            ["upgrade", t, "--set", "greeting=v3"],
            [
                "configmaps \"\(t)-extra\" is forbidden", "needs the verb \"create\"", "kubeconfig user \"ci-deployer\"", "in namespace \"\(ns)\"",
                "revision 7 recorded as failed",
            ])
        try role(all)
        try ok("upgrade", t, "--set", "greeting=v4")
        #expect(try E2E.get(E2E.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "v4")
        #expect(try E2E.get(E2E.configMaps, "\(t)-extra", ns) != nil)
        let history = try Self.statuses(scene)
        #expect(history.filter { $0 == "failed" }.count == 4 && history.last == "deployed" && history.filter { $0 == "deployed" }.count == 1, "\(history)")

        try ok("uninstall", t)
        let gone = try admin.poll(E2E.namespaces, name: ns, interval: 0.5, timeout: 60) { $0 == nil }
        #expect(gone == nil)
    }
}
