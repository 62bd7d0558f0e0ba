// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import ReleaseUtil
import Synchronization
import Targets
import Testing

/// What the waiter and hook tests need of the cluster: namespaces, a Deployment, and a stand-in kubelet that
/// writes pod, Job and Pod status as the missing nodes would.
enum WaitFixtures {
    static let namespaces = ResourceRef(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
    static let serviceAccounts = ResourceRef(group: "", version: "v1", resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true)
    static let pods = ResourceRef(group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true)
    static let deployments = ResourceRef(group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)
    static let configMaps = ResourceRef(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    static let jobs = ResourceRef(group: "batch", version: "v1", resource: "jobs", kind: "Job", namespaced: true)

    /// A fresh namespace whose default ServiceAccount has its token (pods are refused until it has).
    static func namespace(_ c: KubeClient, _ prefix: String) throws -> String {
        let name = TestCluster.uniqueName(prefix)
        _ = try c.create(namespaces, object: JSON.parse(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(name)"}}"#))
        try c.poll(serviceAccounts, name: "default", namespace: name, interval: 0.2, timeout: 30) { $0?["secrets"]?.array?.isEmpty == false }
        return name
    }

    static func createDeployment(_ c: KubeClient, _ name: String, namespace: String, replicas: Int = 1, image: String = "nginx:1.25") throws -> KubeObjectRef {
        _ = try c.create(
            deployments,
            object: JSON.parse(
                #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"\#(name)"},"spec":{"replicas":\#(replicas),"selector":{"matchLabels":{"app":"\#(name)"}},"template":{"metadata":{"labels":{"app":"\#(name)"}},"spec":{"containers":[{"name":"app","image":"\#(image)"}]}}}}"#
            ), namespace: namespace)
        return KubeObjectRef(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: name)
    }

    /// A workload of `kind` (Deployment, StatefulSet, ReplicaSet, Job) whose pods are labelled `app=<name>`.
    static func createWorkload(_ c: KubeClient, _ kind: String, _ name: String, namespace: String, image: String) throws -> KubeObjectRef {
        if kind == "Deployment" { return try createDeployment(c, name, namespace: namespace, image: image) }
        let container = #"{"name":"app","image":"\#(image)"}"#
        let (resource, apiVersion, spec): (ResourceRef, String, String)
        switch kind {
        case "StatefulSet":
            (resource, apiVersion, spec) = (
                ResourceRef(group: "apps", version: "v1", resource: "statefulsets", kind: kind, namespaced: true), "apps/v1",
                #"{"serviceName":"\#(name)","replicas":1,"selector":{"matchLabels":{"app":"\#(name)"}},"template":{"metadata":{"labels":{"app":"\#(name)"}},"spec":{"containers":[\#(container)]}}}"#
            )
        case "ReplicaSet":
            (resource, apiVersion, spec) = (
                ResourceRef(group: "apps", version: "v1", resource: "replicasets", kind: kind, namespaced: true), "apps/v1",
                #"{"replicas":1,"selector":{"matchLabels":{"app":"\#(name)"}},"template":{"metadata":{"labels":{"app":"\#(name)"}},"spec":{"containers":[\#(container)]}}}"#
            )
        default:
            (resource, apiVersion, spec) = (
                jobs, "batch/v1",
                #"{"backoffLimit":0,"template":{"metadata":{"labels":{"app":"\#(name)"}},"spec":{"restartPolicy":"Never","containers":[\#(container)]}}}"#
            )
        }
        _ = try c.create(
            resource, object: JSON.parse(#"{"apiVersion":"\#(apiVersion)","kind":"\#(kind)","metadata":{"name":"\#(name)"},"spec":\#(spec)}"#),
            namespace: namespace)
        return KubeObjectRef(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name)
    }

    static func createConfigMap(_ c: KubeClient, _ name: String, namespace: String) throws -> KubeObjectRef {
        _ = try c.create(configMaps, object: JSON.parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)"}}"#), namespace: namespace)
        return KubeObjectRef(apiVersion: "v1", kind: "ConfigMap", namespace: namespace, name: name)
    }

    /// A pod status as a kubelet writes it: running and ready, or with its container waiting for `reason`.
    static func podStatus(image: String, waitingReason: String?) throws -> JSON {
        if let reason = waitingReason {
            return try JSON.parse(
                #"{"status":{"phase":"Pending","conditions":[{"type":"Ready","status":"False","reason":"ContainersNotReady"}],"containerStatuses":[{"name":"app","ready":false,"restartCount":0,"image":"\#(image)","imageID":"","state":{"waiting":{"reason":"\#(reason)","message":"Back-off pulling image \"\#(image)\""}}}]}}"#
            )
        }
        return try JSON.parse(
            #"{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"},{"type":"ContainersReady","status":"True"}],"containerStatuses":[{"name":"app","ready":true,"restartCount":0,"image":"\#(image)","imageID":"","state":{"running":{}}}]}}"#
        )
    }

    /// Runs `body` on its own thread (a stand-in kubelet beside a blocking wait); `join` waits for it to end.
    final class Background: Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let failure = Mutex<String?>(nil)

        init(_ body: @escaping @Sendable () throws -> Void) {
            Thread { self.run(body) }.start()
        }

        private func run(_ body: () throws -> Void) {
            do { try body() } catch { failure.withLock { $0 = "\(error)" } }
            done.signal()
        }

        /// Waits for the thread; returns its error, if any.
        func join() -> String? {
            done.wait()
            return failure.withLock { $0 }
        }
    }

    /// Patches the status of every pod with label `app=<app>` running `image` (until `count` were patched, for
    /// 30 s at most), after `delay` seconds.
    static func kubelet(_ c: KubeClient, app: String, namespace: String, count: Int, image: String, waitingReason: String?, delay: Double = 0) -> Background {
        Background {
            Thread.sleep(forTimeInterval: delay)
            var patched = Set<String>()
            let deadline = Date().addingTimeInterval(30)
            while patched.count < count && Date() < deadline {
                for pod in try c.listAll(pods, namespace: namespace, labelSelector: "app=\(app)") {
                    let name = pod[["metadata", "name"]]?.string ?? ""
                    if patched.contains(name) || pod[["spec", "containers"]]?.array?.first?["image"]?.string != image { continue }
                    _ = try c.patch(
                        pods.subresource("status"), name: name, namespace: namespace, type: .strategicMerge,
                        patch: podStatus(image: image, waitingReason: waitingReason))
                    patched.insert(name)
                }
                Thread.sleep(forTimeInterval: 0.2)
            }
            if patched.count < count { throw KubeError(kind: .other, message: "only \(patched.count) of \(count) pods appeared", verb: "kubelet", server: "") }
        }
    }

    /// Once the object `name` exists, merges `status` into it through its status subresource — again every
    /// 0.3 s for 4 s (a Job's controller may rewrite the status from its pending pod after the first patch; a 404
    /// once the hook's delete policy removed the object is fine).
    static func finish(_ c: KubeClient, _ resource: ResourceRef, name: String, namespace: String, status: String) -> Background {
        Background {
            try c.poll(resource, name: name, namespace: namespace, interval: 0.1, timeout: 30) { $0 != nil }
            let body = try JSON.parse(status)
            _ = try c.patch(resource.subresource("status"), name: name, namespace: namespace, type: .merge, patch: body)
            let until = Date().addingTimeInterval(4)
            while Date() < until {
                Thread.sleep(forTimeInterval: 0.3)
                _ = try? c.patch(resource.subresource("status"), name: name, namespace: namespace, type: .merge, patch: body)
            }
        }
    }
}

@Suite(.enabled(if: TestCluster.dir != nil, TestCluster.reason), .serialized)
struct KubeWaitClusterTests {
    /// Records progress reports from the waiter.
    final class Reports: Sendable {
        let list = Mutex<[WaitProgress]>([])
        func add(_ p: WaitProgress) { list.withLock { $0.append(p) } }
        var all: [WaitProgress] { list.withLock { $0 } }
    }

    /// A Deployment becomes current once its pods are marked Ready, as a kubelet would.
    @Test func deploymentBecomesReady() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "wait-ok")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let web = try WaitFixtures.createDeployment(c, "web", namespace: ns, replicas: 2)
        let cm = try WaitFixtures.createConfigMap(c, "settings", namespace: ns)
        // The stand-in kubelet starts late enough for the first round to find the rollout unfinished (the
        // controllers finish it within milliseconds of the pods turning Ready).
        let kubelet = WaitFixtures.kubelet(c, app: "web", namespace: ns, count: 2, image: "nginx:1.25", waitingReason: nil, delay: 1)
        let reports = Reports()
        try KubeWaiter(client: c).wait(for: [cm, web], timeout: 60) { reports.add($0) }
        #expect(kubelet.join() == nil)
        let all = reports.all
        #expect(all.first?.waiting.map(\.object) == [web], "the Deployment was waited for, the ConfigMap was ready at once")
        #expect(all.last?.waiting.isEmpty == true && all.last?.ready == 2)
        let d = try c.get(WaitFixtures.deployments, name: "web", namespace: ns)
        #expect(d[["status", "availableReplicas"]]?.int == 2)
    }

    /// A pod that cannot start fails the wait at once, naming the workload, the pod, the container and the
    /// reason: each workload kind that has pods here (a DaemonSet has none without nodes), and the reasons.
    @Test(arguments: [
        ("Deployment", "ImagePullBackOff"), ("Deployment", "CrashLoopBackOff"), ("Deployment", "CreateContainerConfigError"),
        ("StatefulSet", "ErrImagePull"), ("ReplicaSet", "InvalidImageName"), ("Job", "ImagePullBackOff"),
    ])
    func failsFast(_ kind: String, _ reason: String) throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "wait-fail")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let web = try WaitFixtures.createWorkload(c, kind, "web", namespace: ns, image: "nope:1")
        let kubelet = WaitFixtures.kubelet(c, app: "web", namespace: ns, count: 1, image: "nope:1", waitingReason: reason)
        let start = Date()
        do {
            try KubeWaiter(client: c).wait(for: [web], timeout: 60, waitForJobs: true)
            Issue.record("the wait succeeded")
        } catch {
            let elapsed = Date().timeIntervalSince(start)
            #expect(error.kind == .failed && error.object == web)
            let pod = try c.listAll(WaitFixtures.pods, namespace: ns, labelSelector: "app=web").first?[["metadata", "name"]]?.string ?? "?"
            #expect(
                error.message
                    == #"\#(kind) "web" in namespace "\#(ns)": pod \#(pod): container "app" cannot start: \#(reason) (Back-off pulling image "nope:1")"#)
            // A correctness check of failing fast (not a benchmark): far inside the 60 s timeout.
            #expect(elapsed < 15, "failed after \(elapsed) s")
        }
        #expect(kubelet.join() == nil)
    }

    /// A Deployment past its progress deadline fails the wait when the controller says so, not at the timeout.
    @Test func progressDeadlineExceeded() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "wait-deadline")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let web = try WaitFixtures.createDeployment(c, "web", namespace: ns)
        _ = try c.patch(WaitFixtures.deployments, name: "web", namespace: ns, type: .merge, patch: JSON.parse(#"{"spec":{"progressDeadlineSeconds":2}}"#))
        let start = Date()
        do {
            try KubeWaiter(client: c).wait(for: [web], timeout: 60)
            Issue.record("the wait succeeded")
        } catch {
            #expect(error.kind == .failed)
            #expect(
                error.message.hasPrefix(#"Deployment "web" in namespace "\#(ns)" failed: Progress deadline exceeded (ReplicaSet "web-"#), "\(error.message)")
            #expect(Date().timeIntervalSince(start) < 20)
        }
    }

    /// An upgrade that replaces a broken image: the old ReplicaSet's pod still waits in ImagePullBackOff, but it
    /// is not the current rollout, so the wait goes on and succeeds once the new pod is Ready.
    @Test func brokenPodOfThePreviousRevisionIsNotJudged() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "wait-fix")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let web = try WaitFixtures.createDeployment(c, "web", namespace: ns, image: "nope:1")
        #expect(WaitFixtures.kubelet(c, app: "web", namespace: ns, count: 1, image: "nope:1", waitingReason: "ImagePullBackOff").join() == nil)
        #expect(throws: WaitError.self) { try KubeWaiter(client: c).wait(for: [web], timeout: 30) }
        _ = try c.patch(
            WaitFixtures.deployments, name: "web", namespace: ns, type: .strategicMerge,
            patch: JSON.parse(#"{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.25"}]}}}}"#))
        let kubelet = WaitFixtures.kubelet(c, app: "web", namespace: ns, count: 1, image: "nginx:1.25", waitingReason: nil, delay: 1)
        let reports = Reports()
        try KubeWaiter(client: c).wait(for: [web], timeout: 60) { reports.add($0) }
        #expect(kubelet.join() == nil)
        #expect(reports.all.count > 1, "the rollout was waited for")
    }

    /// Requests stay modest: per round one GET per unfinished object, plus a ReplicaSet and a pod LIST for an
    /// unfinished Deployment; ready objects are not read again.
    @Test func requestsPerRound() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "wait-requests")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let web = try WaitFixtures.createDeployment(c, "web", namespace: ns)
        let cms = try (0..<5).map { try WaitFixtures.createConfigMap(c, "cm\($0)", namespace: ns) }
        _ = try c.discovery()
        let before = c.requestCount
        let reports = Reports()
        #expect(throws: WaitError.self) { try KubeWaiter(client: c).wait(for: cms + [web], timeout: 2) { reports.add($0) } }
        let rounds = reports.all.count
        let requests = c.requestCount - before
        #expect(rounds >= 3, "\(rounds) rounds in 2 s (back-off from 0.5 s)")
        #expect(requests == 5 + 3 * rounds, "\(requests) requests in \(rounds) rounds")
    }

    /// A timeout lists the objects still waiting, and why; ready ones are not listed.
    @Test func timeoutListsWaitingObjects() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "wait-timeout")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let web = try WaitFixtures.createDeployment(c, "web", namespace: ns)
        let cm = try WaitFixtures.createConfigMap(c, "settings", namespace: ns)
        let missing = KubeObjectRef(apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "never-made")
        let start = Date()
        do {
            try KubeWaiter(client: c).wait(for: [web, cm, missing], timeout: 2)
            Issue.record("the wait succeeded")
        } catch {
            let elapsed = Date().timeIntervalSince(start)
            #expect(error.kind == .timedOut)
            #expect(error.waiting.map(\.object) == [web, missing])
            #expect(error.waiting.last?.reason == "not found")
            #expect(error.message.hasPrefix("timed out after 2s waiting for 2 of 3 objects to be ready:\n  Deployment \"web\" in namespace \"\(ns)\": "))
            #expect(error.message.hasSuffix("\n  ConfigMap \"never-made\" in namespace \"\(ns)\": not found"))
            #expect(elapsed >= 2 && elapsed < 10, "ended after \(elapsed) s")
        }
    }

    /// A request the server refuses ends the wait with its error (an unknown kind here).
    @Test func requestFailure() throws {
        let c = try TestCluster.client()
        let ref = KubeObjectRef(apiVersion: "example.com/v1", kind: "Widget", namespace: "default", name: "w")
        #expect(throws: WaitError.self) { try KubeWaiter(client: c).wait(for: [ref], timeout: 5) }
        do { try KubeWaiter(client: c).wait(for: [ref], timeout: 5) } catch {
            #expect(error.kind == .request && error.message.contains("no matches for kind \"Widget\""))
        }
    }
}

@Suite(.enabled(if: TestCluster.dir != nil, TestCluster.reason), .serialized)
struct KubeHooksClusterTests {
    static func hooks(_ yaml: String) throws -> [Hook] { try Manifests.sort(files: ["app/templates/hooks.yaml": yaml]).hooks }

    static func jobHook(_ name: String, policy: String?) -> String {
        let policyLine = policy.map { "\n    helm.sh/hook-delete-policy: \($0)" } ?? ""
        return """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(name)
              annotations:
                helm.sh/hook: pre-install\(policyLine)
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: app
                    image: busybox:1.36
                    command: ["true"]
            """
    }

    static func podHook(_ name: String, policy: String?) -> String {
        let policyLine = policy.map { "\n    helm.sh/hook-delete-policy: \($0)" } ?? ""
        return """
            apiVersion: v1
            kind: Pod
            metadata:
              name: \(name)
              annotations:
                helm.sh/hook: pre-install\(policyLine)
            spec:
              restartPolicy: Never
              containers:
              - name: app
                image: busybox:1.36
            """
    }

    /// A hook case: the manifest, the status the test writes as the node would, and what must follow.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var kind: String
        var policy: String?
        var status: String
        var succeeds: Bool
        /// Words of the failure message.
        var words: [String]
        /// Whether the object is left on the cluster afterwards.
        var kept: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "Job completes, hook-succeeded deletes it", kind: "Job", policy: "hook-succeeded",
            status: #"{"status":{"conditions":[{"type":"Complete","status":"True"}],"succeeded":1}}"#, succeeds: true, words: [], kept: false),
        Case(
            name: "Job fails, hook-failed deletes it", kind: "Job", policy: "hook-failed",
            status:
                #"{"status":{"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit"}],"failed":1}}"#,
            succeeds: false, words: [#"pre-install hook Job "migrate" in namespace"#, "failed: Job failed", "BackoffLimitExceeded"], kept: false),
        Case(
            name: "Pod succeeds, kept by the default before-hook-creation", kind: "Pod", policy: nil, status: #"{"status":{"phase":"Succeeded"}}"#,
            succeeds: true, words: [], kept: true),
        Case(
            name: "Pod fails, kept by hook-succeeded", kind: "Pod", policy: "hook-succeeded",
            status: #"{"status":{"phase":"Failed","reason":"Error","message":"exit code 1"}}"#, succeeds: false,
            words: [#"pre-install hook Pod "migrate" in namespace"#, "failed: pod migrate failed (Error: exit code 1)"], kept: true),
    ]

    @Test(arguments: cases)
    func hookOutcome(_ hc: Case) throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "hooks")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let yaml = hc.kind == "Job" ? Self.jobHook("migrate", policy: hc.policy) : Self.podHook("migrate", policy: hc.policy)
        let resource = hc.kind == "Job" ? WaitFixtures.jobs : WaitFixtures.pods
        let node = WaitFixtures.finish(c, resource, name: "migrate", namespace: ns, status: hc.status)
        let runner = KubeHookRunner(client: c)
        var runs: [HookRun] = []
        do {
            runs = try runner.run(Self.hooks(yaml), event: .preInstall, namespace: ns, timeout: 60)
            #expect(hc.succeeds, "the hook succeeded")
        } catch let error as HookError {
            #expect(!hc.succeeds, "\(error)")
            for w in hc.words { #expect(error.message.contains(w), "\(error.message)") }
            #expect(error.hook == "migrate" && error.kind == hc.kind && error.event == .preInstall)
            runs = error.runs
        }
        #expect(node.join() == nil)
        #expect(runs.map(\.name) == ["migrate"])
        #expect(runs.first?.phase == (hc.succeeds ? .succeeded : .failed))
        #expect(runs.first?.completedAt != nil)
        let exists = (try? c.get(resource, name: "migrate", namespace: ns)) != nil
        #expect(exists == hc.kept)
    }

    /// A hook that never completes fails at the timeout, saying what it still lacked; it stays (default policy).
    @Test func hookTimeout() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "hooks-timeout")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        do {
            try KubeHookRunner(client: c).run(Self.hooks(Self.jobHook("migrate", policy: nil)), event: .preInstall, namespace: ns, timeout: 2)
            Issue.record("the hook succeeded")
        } catch let error as HookError {
            #expect(
                error.message.hasPrefix(#"pre-install hook Job "migrate" in namespace "\#(ns)" did not complete within 2s: Job in progress"#),
                "\(error.message)")
            #expect(error.runs.map(\.phase) == [.failed])
        }
        #expect((try? c.get(WaitFixtures.jobs, name: "migrate", namespace: ns)) != nil)
    }

    /// When a later hook fails, the earlier hooks with `hook-succeeded` are deleted too, as Helm does; the failed
    /// one goes by its `hook-failed`.
    @Test func failureDeletesEarlierSucceededHooks() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "hooks-cleanup")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let first =
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-delete-policy: hook-succeeded\n"
        let kept = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n  annotations:\n    helm.sh/hook: pre-install\n"
        let second = Self.podHook("second", policy: "hook-failed").replacingOccurrences(
            of: "helm.sh/hook: pre-install", with: "helm.sh/hook: pre-install\n    helm.sh/hook-weight: \"1\"")
        let node = WaitFixtures.finish(c, WaitFixtures.pods, name: "second", namespace: ns, status: #"{"status":{"phase":"Failed"}}"#)
        do {
            try KubeHookRunner(client: c).run(Self.hooks([first, kept, second].joined(separator: "---\n")), event: .preInstall, namespace: ns, timeout: 30)
            Issue.record("the hooks succeeded")
        } catch let error as HookError {
            #expect(error.hook == "second")
            #expect(error.runs.map(\.name) == ["first", "kept", "second"])
            #expect(error.runs.map(\.phase) == [.succeeded, .succeeded, .failed])
        }
        #expect(node.join() == nil)
        #expect((try? c.get(WaitFixtures.configMaps, name: "first", namespace: ns)) == nil)
        #expect((try? c.get(WaitFixtures.configMaps, name: "kept", namespace: ns)) != nil)
        #expect((try? c.get(WaitFixtures.pods, name: "second", namespace: ns)) == nil)
    }

    /// `before-hook-creation` (the default) replaces an object left over from an earlier run.
    @Test func beforeHookCreationReplacesLeftover() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "hooks-replace")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let old = try c.create(
            WaitFixtures.configMaps, object: JSON.parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"seed"},"data":{"old":"1"}}"#),
            namespace: ns)
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: seed\n  annotations:\n    helm.sh/hook: pre-upgrade\ndata:\n  new: \"1\"\n"
        let runs = try KubeHookRunner(client: c).run(Self.hooks(yaml), event: .preUpgrade, namespace: ns, timeout: 30)
        #expect(runs.map(\.phase) == [.succeeded])
        let now = try c.get(WaitFixtures.configMaps, name: "seed", namespace: ns)
        #expect(now[["metadata", "uid"]] != old[["metadata", "uid"]], "a new object, not an update of the old")
        #expect(now[["data", "new"]]?.string == "1" && now[["data", "old"]] == nil)
    }

    /// Hooks run by weight, then name; the creation order on the cluster (resourceVersion) follows.
    @Test func weightOrdering() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "hooks-order")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let yaml = [("a", 5), ("z", -1), ("b", 0), ("a2", 0)].map { n, w in
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(n)\n  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-weight: \"\(w)\"\n"
        }.joined(separator: "---\n")
        let started = Mutex<[String]>([])
        let runs = try KubeHookRunner(client: c).run(Self.hooks(yaml), event: .postInstall, namespace: ns, timeout: 30) { run in
            if run.phase == .running { started.withLock { $0.append(run.name) } }
        }
        #expect(runs.map(\.name) == ["z", "a2", "b", "a"])
        #expect(started.withLock { $0 } == ["z", "a2", "b", "a"])
        let versions = try runs.map {
            try Int(c.get(WaitFixtures.configMaps, name: $0.name, namespace: ns)[["metadata", "resourceVersion"]]?.string ?? "") ?? 0
        }
        #expect(versions == versions.sorted() && Set(versions).count == 4, "created in run order: \(versions)")
    }

    /// A hook whose Job's pod cannot pull its image fails at once (Helm would wait out the timeout).
    @Test func jobHookFailsFastOnImagePull() throws {
        let c = try TestCluster.client()
        let ns = try WaitFixtures.namespace(c, "hooks-pull")
        defer { _ = try? c.delete(WaitFixtures.namespaces, name: ns) }
        let kubelet = WaitFixtures.Background {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if let pod = try c.listAll(WaitFixtures.pods, namespace: ns, labelSelector: "job-name=migrate").first,
                    let name = pod[["metadata", "name"]]?.string
                {
                    _ = try c.patch(
                        WaitFixtures.pods.subresource("status"), name: name, namespace: ns, type: .strategicMerge,
                        patch: WaitFixtures.podStatus(image: "busybox:1.36", waitingReason: "ErrImagePull"))
                    return
                }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        let start = Date()
        do {
            try KubeHookRunner(client: c).run(Self.hooks(Self.jobHook("migrate", policy: nil)), event: .preInstall, namespace: ns, timeout: 60)
            Issue.record("the hook succeeded")
        } catch let error as HookError {
            #expect(error.message.contains(#"pre-install hook Job "migrate" in namespace "\#(ns)" failed: pod migrate-"#), "\(error.message)")
            #expect(error.message.contains(#"container "app" cannot start: ErrImagePull"#), "\(error.message)")
            #expect(Date().timeIntervalSince(start) < 15)
        }
        #expect(kubelet.join() == nil)
    }
}
