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

    static func ok(_ args: String..., in scene: Scene) throws {
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
}
