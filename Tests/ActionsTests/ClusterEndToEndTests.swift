// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

/// The API server scripts/test-servers.sh started (`TENANTCTL_TEST_KUBE_DIR`), or nil.
enum ClusterUnderTest {
    static let dir = ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    static let reason: Comment = "TENANTCTL_TEST_KUBE_DIR is unset: no API server (run through scripts/test-servers.sh with ../shared/kube beside the clone)"
}

/// The release lifecycle against the real API server scripts/test-servers.sh starts, through the built binary:
/// every command as a user types it (`--target kubernetes --kubeconfig …`), and the cluster checked with our
/// own client (the independent checker of what tenantctl says it did). Each test has its own tenant, so its
/// own namespace.
@Suite(.enabled(if: ClusterUnderTest.dir != nil, ClusterUnderTest.reason), .serialized)
struct ClusterEndToEndTests {
    static var kubeconfig: String { (ClusterUnderTest.dir ?? "") + "/kubeconfig" }

    static let configMaps = ResourceRef(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    static let quotas = ResourceRef(group: "", version: "v1", resource: "resourcequotas", kind: "ResourceQuota", namespaced: true)
    static let namespaces = ResourceRef(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
    static let pods = ResourceRef(group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true)
    static let jobs = ResourceRef(group: "batch", version: "v1", resource: "jobs", kind: "Job", namespaced: true)

    /// A workspace with the cluster fixture chart as charts/tenant-app and the fixture tenants, and a project
    /// file choosing the cluster target and the store (SQLite unless the test says otherwise).
    static func workspace(_ name: String, store: String = "sqlite") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-cluster-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("charts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: EndToEndTests.fixtures.appendingPathComponent("cluster-app"), to: dir.appendingPathComponent("charts/tenant-app"))
        try FileManager.default.copyItem(at: EndToEndTests.fixtures.appendingPathComponent("tenants"), to: dir.appendingPathComponent("tenants"))
        try "target: kubernetes\nstore: \(store)\nkubernetes:\n  kubeconfig: \(kubeconfig)\n".write(
            to: dir.appendingPathComponent("tenantctl.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    /// Runs tenantctl in `dir` with `environment` over a clean one (no KUBECONFIG, no TENANTCTL_*).
    @discardableResult
    static func run(_ args: [String], in dir: URL, environment: [String: String] = [:]) throws -> EndToEndTests.Result {
        finish(try start(args, in: dir, environment: environment))
    }

    static func client() throws -> KubeClient { try KubeClient(kubeconfig: kubeconfig, environment: [:]) }

    static func tenant(_ prefix: String) -> String { "\(prefix)-\(UInt16.random(in: 0...UInt16.max))" }

    /// The live object, or nil.
    static func get(_ r: ResourceRef, _ name: String, _ namespace: String? = nil) throws -> JSON? {
        let c = try client()
        do throws(KubeError) { return try c.get(r, name: name, namespace: namespace) } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    @Test func lifecycle() throws {
        guard EndToEndTests.built else {
            Issue.record("tenantctl is not built at \(EndToEndTests.binary)")
            return
        }
        let t = Self.tenant("life")
        let ns = "tenant-\(t)"
        let dir = try Self.workspace(t)
        defer { try? FileManager.default.removeItem(at: dir) }
        @discardableResult
        func ok(_ args: String...) throws -> EndToEndTests.Result {
            let r = try Self.run(args, in: dir)
            #expect(r.status == 0, "tenantctl \(args.joined(separator: " ")): \(r.status) \(r.err)")
            return r
        }

        // Install on premium: the quota in the cluster says 16Gi, and every object carries Helm's marks.
        try ok("install", t, "--tier", "premium")
        let quota = try #require(try Self.get(Self.quotas, "\(t)-quota", ns))
        #expect(quota[["spec", "hard", "limits.memory"]]?.string == "16Gi")
        let config = try #require(try Self.get(Self.configMaps, "\(t)-config", ns))
        #expect(config[["metadata", "labels", "app.kubernetes.io/managed-by"]]?.string == "Helm")
        #expect(config[["metadata", "annotations", "meta.helm.sh/release-name"]]?.string == t)
        #expect(config[["metadata", "annotations", "meta.helm.sh/release-namespace"]]?.string == "tenantctl-system")
        #expect(try Self.get(Self.configMaps, "\(t)-extra", ns) != nil)

        // Upgrade changes the live object.
        try ok("upgrade", t, "--set", "greeting=v2")
        #expect(try Self.get(Self.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "v2")

        // An upgrade that removes an object deletes it from the cluster.
        try ok("upgrade", t, "--set", "greeting=v3", "--set", "extra.enabled=false")
        #expect(try Self.get(Self.configMaps, "\(t)-extra", ns) == nil)

        // A failing upgrade: the server refuses the label (422); the revision is failed, the field path is in
        // the message, and the previous objects are still in place.
        let bad = try Self.run(["upgrade", t, "--set", "greeting=v4", "--set", "badLabel=not a valid label!"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.err.contains("metadata.labels"), "\(bad.err)")
        #expect(bad.err.contains("recorded as failed"), "\(bad.err)")
        #expect(try Self.get(Self.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "v3")
        let history = try ok("history", t, "-o", "json").out
        #expect(history.contains("\"failed\""))

        // Rollback to revision 2 puts the extra ConfigMap and greeting v2 back.
        try ok("rollback", t, "2")
        #expect(try Self.get(Self.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "v2")
        #expect(try Self.get(Self.configMaps, "\(t)-extra", ns) != nil)

        // Drift after a kubectl-edit-style change by another field manager: exit 2, the object named.
        #expect(try ok("drift", t).out.hasPrefix("No drift."))
        _ = try Self.client().patch(
            Self.configMaps, name: "\(t)-config", namespace: ns, type: .merge, patch: try JSON.parse(#"{"data":{"greeting":"edited by hand"}}"#),
            fieldManager: "kubectl-edit")
        let drift = try Self.run(["drift", t], in: dir)
        #expect(drift.status == 2)
        #expect(drift.out.contains("changed ConfigMap \(t)-config"), "\(drift.out)")
        #expect(drift.out.contains("+   greeting: edited by hand"), "\(drift.out)")
        let driftJSON = try Self.run(["drift", "--all", "-o", "json"], in: dir)
        #expect(driftJSON.status == 2 && driftJSON.out.contains("\"drifted\" : true"))

        // The edited field belongs to another manager now: a plain upgrade is a conflict naming it, and
        // --force-conflicts takes it back.
        let conflict = try Self.run(["upgrade", t, "--set", "greeting=v5"], in: dir)
        #expect(conflict.status == 1)
        #expect(
            conflict.err.contains("kubectl-edit") && conflict.err.contains(".data.greeting") && conflict.err.contains("--force-conflicts"), "\(conflict.err)")
        try ok("upgrade", t, "--set", "greeting=v5", "--force-conflicts")
        #expect(try Self.get(Self.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "v5")
        #expect(try ok("drift", t).out.hasPrefix("No drift."))

        // Uninstall deletes everything, and the namespace goes away.
        try ok("uninstall", t)
        #expect(try Self.get(Self.configMaps, "\(t)-config", ns) == nil)
        let gone = try Self.client().poll(Self.namespaces, name: ns, interval: 0.5, timeout: 60) { $0 == nil }
        #expect(gone == nil)
    }

    /// `--dry-run=server` asks the server and changes nothing; the server's refusal is reported.
    @Test func serverDryRun() throws {
        guard EndToEndTests.built else { return }
        let t = Self.tenant("dry")
        let dir = try Self.workspace(t)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(["install", t, "--tier", "basic"], in: dir).status == 0)
        let r = try Self.run(["upgrade", t, "--set", "greeting=dry", "--dry-run=server"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(try Self.get(Self.configMaps, "\(t)-config", "tenant-\(t)")?[["data", "greeting"]]?.string == "hello")
        let bad = try Self.run(["upgrade", t, "--set", "badLabel=no good!", "--dry-run=server"], in: dir)
        #expect(bad.status == 1 && bad.err.contains("dry run on the server"), "\(bad.err)")
        let history = try Self.run(["history", t], in: dir).out
        #expect(history.split(separator: "\n").count == 2, "\(history)")
        #expect(try Self.run(["uninstall", t], in: dir).status == 0)
    }

    /// `--rollback-on-failure`: a failed upgrade puts the deployed revision back at once.
    @Test func rollbackOnFailure() throws {
        guard EndToEndTests.built else { return }
        let t = Self.tenant("atomic")
        let dir = try Self.workspace(t)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(["install", t, "--tier", "basic"], in: dir).status == 0)
        let r = try Self.run(["upgrade", t, "--set", "extra.enabled=false", "--set", "badLabel=bad label!", "--rollback-on-failure"], in: dir)
        #expect(r.status == 1)
        #expect(r.err.contains("rolled back (--rollback-on-failure): revision 3 puts back revision 1"), "\(r.err)")
        let history = try Self.run(["history", t], in: dir).out
        #expect(history.contains("Rollback to 1"), "\(history)")
        #expect(try Self.get(Self.configMaps, "\(t)-extra", "tenant-\(t)") != nil)
        #expect(try Self.run(["uninstall", t], in: dir).status == 0)
    }

    // MARK: --wait and hooks

    /// Starts tenantctl in `dir` with `environment` over a clean one (no KUBECONFIG, no TENANTCTL_*), without
    /// waiting for it.
    static func start(_ args: [String], in dir: URL, environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: EndToEndTests.binary)
        p.arguments = args
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TENANTCTL_") && $0.key != "KUBECONFIG" }
        env["HOME"] = dir.path
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return (p, out, err)
    }

    /// Waits for a started tenantctl and collects what it printed.
    static func finish(_ started: (Process, Pipe, Pipe)) -> EndToEndTests.Result {
        let (p, out, err) = started
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return EndToEndTests.Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// What a kubelet would write for the pods of `app` in `namespace`: ready, or waiting for `reason`. Runs
    /// until `count` pods were patched or 30 s passed.
    static func kubelet(namespace: String, app: String, count: Int, waitingReason: String?) throws {
        let c = try client()
        let status =
            if let reason = waitingReason {
                #"{"status":{"phase":"Pending","conditions":[{"type":"Ready","status":"False","reason":"ContainersNotReady"}],"containerStatuses":[{"name":"web","ready":false,"restartCount":0,"image":"nginx:1.25","imageID":"","state":{"waiting":{"reason":"\#(reason)","message":"Back-off pulling image"}}}]}}"#
            } else {
                #"{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"},{"type":"ContainersReady","status":"True"}],"containerStatuses":[{"name":"web","ready":true,"restartCount":0,"image":"nginx:1.25","imageID":"","state":{"running":{}}}]}}"#
            }
        var patched = Set<String>()
        let deadline = Date().addingTimeInterval(30)
        while patched.count < count, Date() < deadline {
            let list = (try? c.list(pods, namespace: namespace, labelSelector: "app=\(app)").items) ?? []
            for pod in list {
                guard let name = pod[["metadata", "name"]]?.string, !patched.contains(name) else { continue }
                _ = try c.patch(pods.subresource("status"), name: name, namespace: namespace, type: .strategicMerge, patch: try JSON.parse(status))
                patched.insert(name)
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// `--wait` succeeds once the pods are ready; `--wait` fails fast, well inside its timeout, when a pod's
    /// image cannot be pulled, naming the pod and the reason.
    @Test func waitAndFailFast() throws {
        guard EndToEndTests.built else { return }
        let t = Self.tenant("wait")
        let ns = "tenant-\(t)"
        let dir = try Self.workspace(t)
        defer { try? FileManager.default.removeItem(at: dir) }
        let install = try Self.start(["install", t, "--tier", "basic", "--set", "workload.enabled=true", "--wait", "--timeout", "90s"], in: dir)
        try Self.kubelet(namespace: ns, app: "\(t)-web", count: 1, waitingReason: nil)
        let ok = Self.finish(install)
        #expect(ok.status == 0, "\(ok.err)")

        let started = Date()
        let upgrade = try Self.start(
            ["upgrade", t, "--set", "workload.enabled=true", "--set", "workload.image=nginx:no-such-tag", "--wait", "--timeout", "5m"], in: dir)
        try Self.kubelet(namespace: ns, app: "\(t)-web", count: 2, waitingReason: "ImagePullBackOff")
        let failed = Self.finish(upgrade)
        #expect(failed.status == 1)
        #expect(Date().timeIntervalSince(started) < 60, "fail fast, not at the 5m timeout")
        #expect(failed.err.contains("ImagePullBackOff") && failed.err.contains("pod \(t)-web-"), "\(failed.err)")
        #expect(failed.err.contains("recorded as failed"), "\(failed.err)")
        #expect(try Self.run(["uninstall", t], in: dir).status == 0)
    }

    /// A pre-upgrade hook Job runs before the upgrade (the test completes it, as its pod would), and is deleted
    /// after it succeeded (hook-succeeded); a hook that fails fails the upgrade.
    @Test func hooks() throws {
        guard EndToEndTests.built else { return }
        let t = Self.tenant("hooks")
        let ns = "tenant-\(t)"
        let dir = try Self.workspace(t)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(["install", t, "--tier", "basic", "--set", "hook.enabled=true"], in: dir).status == 0)
        // pre-upgrade only: the install ran no hook and created no Job.
        #expect(try Self.get(Self.jobs, "\(t)-migrate", ns) == nil)

        let c = try Self.client()
        // What the Job controller writes once the hook's pod has run (there are no nodes to run it).
        // The Job controller may rewrite the status from the Job's (pending) pod after our patch, so the patch is
        // repeated until tenantctl has finished.
        func complete(_ succeeded: Bool, while process: Process) throws {
            try c.poll(Self.jobs, name: "\(t)-migrate", namespace: ns, interval: 0.1, timeout: 30) { $0 != nil }
            let status =
                succeeded
                ? #"{"status":{"conditions":[{"type":"Complete","status":"True"}],"succeeded":1}}"#
                : #"{"status":{"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit"}],"failed":1}}"#
            let body = try JSON.parse(status)
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning, Date() < deadline {
                // A 404 once its delete policy removed the Job: the hook is over.
                _ = try? c.patch(Self.jobs.subresource("status"), name: "\(t)-migrate", namespace: ns, type: .merge, patch: body)
                Thread.sleep(forTimeInterval: 0.3)
            }
        }
        let upgrade = try Self.start(["upgrade", t, "--set", "hook.enabled=true", "--set", "greeting=after-hook", "--timeout", "60s"], in: dir)
        try complete(true, while: upgrade.0)
        let ok = Self.finish(upgrade)
        #expect(ok.status == 0, "\(ok.err)")
        #expect(try Self.get(Self.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "after-hook")
        let gone = try c.poll(Self.jobs, name: "\(t)-migrate", namespace: ns, interval: 0.2, timeout: 30) { $0 == nil }
        #expect(gone == nil, "hook-succeeded deletes the Job")

        let failing = try Self.start(["upgrade", t, "--set", "hook.enabled=true", "--set", "greeting=never", "--timeout", "60s"], in: dir)
        try complete(false, while: failing.0)
        let failed = Self.finish(failing)
        #expect(failed.status == 1)
        #expect(failed.err.contains("pre-upgrade hook") && failed.err.contains("\(t)-migrate"), "\(failed.err)")
        #expect(try Self.get(Self.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "after-hook")
        #expect(try Self.run(["uninstall", t], in: dir).status == 0)
    }

    // MARK: Records in the cluster

    /// With the Kubernetes target and no store named, the records are Secrets in tenantctl-system in Helm's
    /// format; with real helm (TENANTCTL_TEST_HELM), `helm list`/`history` read them, `helm rollback` writes a
    /// revision tenantctl reads, and tenantctl's next upgrade goes on from it.
    @Test func recordsInTheCluster() throws {
        guard EndToEndTests.built else { return }
        let t = Self.tenant("records")
        let dir = try Self.workspace(t, store: "kubernetes")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "target: kubernetes\nkubernetes:\n  kubeconfig: \(Self.kubeconfig)\n".write(
            to: dir.appendingPathComponent("tenantctl.yaml"), atomically: true, encoding: .utf8)
        #expect(try Self.run(["install", t, "--tier", "basic"], in: dir).status == 0)
        #expect(try Self.run(["upgrade", t, "--set", "greeting=v2"], in: dir).status == 0)
        // No state file: the records are in the cluster.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".tenantctl/state.db").path))
        let secrets = ResourceRef(group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true)
        let record = try #require(try Self.get(secrets, "sh.helm.release.v1.\(t).v2", "tenantctl-system"))
        #expect(record["type"]?.string == "helm.sh/release.v1")
        #expect(record[["metadata", "labels", "status"]]?.string == "deployed")
        let history = try Self.run(["history", t], in: dir)
        #expect(history.status == 0 && history.out.contains("Upgrade complete"), "\(history.err)")

        if let helm = ProcessInfo.processInfo.environment["TENANTCTL_TEST_HELM"], !helm.isEmpty {
            func helmRun(_ args: [String]) throws -> EndToEndTests.Result {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: helm)
                p.arguments = args + ["--kubeconfig", Self.kubeconfig, "-n", "tenantctl-system"]
                p.environment = ["HOME": dir.path, "PATH": "/usr/bin:/bin"]
                let out = Pipe(), err = Pipe()
                p.standardOutput = out
                p.standardError = err
                try p.run()
                let o = out.fileHandleForReading.readDataToEndOfFile()
                let e = err.fileHandleForReading.readDataToEndOfFile()
                p.waitUntilExit()
                return EndToEndTests.Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
            }
            let list = try helmRun(["list", "--filter", t])
            #expect(list.status == 0 && list.out.contains(t) && list.out.contains("deployed"), "\(list.out) \(list.err)")
            let helmHistory = try helmRun(["history", t])
            #expect(helmHistory.out.contains("Upgrade complete") && helmHistory.out.contains("Install complete"), "\(helmHistory.out)")
            // tenantctl applies as field manager "tenantctl", so Helm's server-side apply takes our fields over only
            // with --force-conflicts, as with any other manager's.
            let rollback = try helmRun(["rollback", t, "1", "--force-conflicts"])
            #expect(rollback.status == 0, "\(rollback.err)")
            let ours = try Self.run(["history", t], in: dir).out
            #expect(ours.contains("Rollback to 1"), "\(ours)")
            let next = try Self.run(["upgrade", t, "--set", "greeting=v4"], in: dir)
            #expect(next.status == 0, "\(next.err)")
            #expect(try Self.run(["history", t], in: dir).out.contains("\n4 "))
            #expect(try helmRun(["history", t]).out.contains("Upgrade complete"))
        }
        #expect(try Self.run(["uninstall", t], in: dir).status == 0)
        #expect(try Self.get(secrets, "sh.helm.release.v1.\(t).v1", "tenantctl-system") == nil)
    }
}
