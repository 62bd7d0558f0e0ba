// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import ReleaseUtil
import Targets
import Testing

/// One readiness case: an object as the server returns it, the mode, and the expected outcome
/// (`current`, `inProgress: <words>`, `failed: <words>`; the words must appear in the reason).
struct ReadinessCase: Sendable, CustomTestStringConvertible {
    var name: String
    var mode: ReadinessMode
    var object: String
    var expect: String
    var testDescription: String { name }

    init(_ name: String, _ mode: ReadinessMode, _ object: String, _ expect: String) {
        self.name = name
        self.mode = mode
        self.object = object
        self.expect = expect
    }

    /// A `--wait` case without `--wait-for-jobs`.
    init(_ name: String, _ object: String, _ expect: String) { self.init(name, .wait(waitForJobs: false), object, expect) }
}

/// Deployment JSON with the given spec replicas and status fields.
private func deploy(
    replicas: Int = 1, generation: Int = 1, observed: Int = 1, status: (replicas: Int, updated: Int, ready: Int, available: Int) = (1, 1, 1, 1),
    conditions: String = #"[{"type":"Available","status":"True"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]"#,
    paused: Bool = false
) -> String {
    #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","generation":\#(generation)},"spec":{"replicas":\#(replicas),"paused":\#(paused),"progressDeadlineSeconds":600},"status":{"observedGeneration":\#(observed),"replicas":\#(status.replicas),"updatedReplicas":\#(status.updated),"readyReplicas":\#(status.ready),"availableReplicas":\#(status.available),"conditions":\#(conditions)}}"#
}

private func pod(phase: String, conditions: String = "[]", containers: String = "[]", initContainers: String = "[]", created: String = "2026-01-01T00:00:00Z")
    -> String
{
    #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p-1","creationTimestamp":"\#(created)"},"status":{"phase":"\#(phase)","conditions":\#(conditions),"containerStatuses":\#(containers),"initContainerStatuses":\#(initContainers)}}"#
}

private func job(conditions: String) -> String {
    #"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","generation":1},"spec":{"completions":1,"parallelism":1},"status":{"startTime":"2026-01-01T00:00:00Z","active":1,"failed":2,"conditions":\#(conditions)}}"#
}

private let waiting = #"[{"name":"app","ready":false,"state":{"waiting":{"reason":"%@","message":"Back-off pulling image \"nope:1\""}}}]"#
private func waitingContainer(_ reason: String) -> String { waiting.replacingOccurrences(of: "%@", with: reason) }

let readinessCases: [ReadinessCase] = [
    // Deployment (core.go deploymentConditions).
    ReadinessCase("deployment available", deploy(), "current"),
    ReadinessCase("deployment generation not observed", deploy(generation: 2, observed: 1), "inProgress: generation is 2, but latest observed generation is 1"),
    ReadinessCase(
        "deployment progress deadline exceeded",
        deploy(
            status: (1, 1, 0, 0),
            conditions:
                #"[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \"web-1\" has timed out progressing."}]"#
        ), "failed: Progress deadline exceeded (ReplicaSet \"web-1\" has timed out progressing.)"),
    ReadinessCase("deployment too few replicas", deploy(replicas: 3, status: (1, 1, 1, 1)), "inProgress: Replicas: 1/3"),
    ReadinessCase("deployment too few updated", deploy(replicas: 2, status: (2, 1, 2, 2)), "inProgress: Updated: 1/2"),
    ReadinessCase("deployment pending termination", deploy(replicas: 1, status: (2, 1, 1, 1)), "inProgress: Pending termination: 1"),
    ReadinessCase("deployment too few available", deploy(replicas: 2, status: (2, 2, 2, 1)), "inProgress: Available: 1/2"),
    ReadinessCase("deployment too few ready", deploy(replicas: 2, status: (2, 2, 1, 2)), "inProgress: Ready: 1/2"),
    ReadinessCase(
        "deployment replica set not yet available",
        deploy(conditions: #"[{"type":"Available","status":"True"},{"type":"Progressing","status":"True","reason":"ReplicaSetUpdated"}]"#),
        "inProgress: ReplicaSet not Available"),
    ReadinessCase(
        "deployment not available", deploy(conditions: #"[{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]"#),
        "inProgress: Deployment not Available"),
    ReadinessCase("deployment paused is not awaited", deploy(status: (0, 0, 0, 0), paused: true), "current"),
    ReadinessCase(
        "deployment being deleted", #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","deletionTimestamp":"2026-01-01T00:00:00Z"}}"#,
        "inProgress: being deleted"),
    // StatefulSet.
    ReadinessCase(
        "statefulset current",
        #"{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":2,"readyReplicas":2,"currentReplicas":2,"updatedReplicas":2,"currentRevision":"r1","updateRevision":"r1"}}"#,
        "current"),
    ReadinessCase(
        "statefulset too few ready",
        #"{"apiVersion":"apps/v1","kind":"StatefulSet","spec":{"replicas":3},"status":{"replicas":3,"readyReplicas":1}}"#, "inProgress: Ready: 1/3"),
    ReadinessCase(
        "statefulset revision mismatch",
        #"{"apiVersion":"apps/v1","kind":"StatefulSet","spec":{"replicas":1},"status":{"replicas":1,"readyReplicas":1,"currentReplicas":1,"currentRevision":"r1","updateRevision":"r2"}}"#,
        "inProgress: Waiting for updated revision to match current"),
    ReadinessCase(
        "statefulset partition rollout",
        #"{"apiVersion":"apps/v1","kind":"StatefulSet","spec":{"replicas":4,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}},"status":{"replicas":4,"readyReplicas":4,"updatedReplicas":1}}"#,
        "inProgress: updated: 1/2"),
    ReadinessCase(
        "statefulset on delete", #"{"apiVersion":"apps/v1","kind":"StatefulSet","spec":{"replicas":4,"updateStrategy":{"type":"OnDelete"}},"status":{}}"#,
        "current"),
    // DaemonSet.
    ReadinessCase(
        "daemonset current",
        #"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"generation":2},"status":{"observedGeneration":2,"desiredNumberScheduled":3,"currentNumberScheduled":3,"updatedNumberScheduled":3,"numberAvailable":3,"numberReady":3}}"#,
        "current"),
    ReadinessCase(
        "daemonset not observed yet", #"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"generation":1},"status":{}}"#,
        "inProgress: status.observedGeneration not found"),
    ReadinessCase(
        "daemonset too few updated",
        #"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"generation":2},"status":{"observedGeneration":2,"desiredNumberScheduled":3,"currentNumberScheduled":3,"updatedNumberScheduled":1}}"#,
        "inProgress: Updated: 1/3"),
    // ReplicaSet.
    ReadinessCase(
        "replicaset current",
        #"{"apiVersion":"apps/v1","kind":"ReplicaSet","spec":{"replicas":2},"status":{"replicas":2,"readyReplicas":2,"availableReplicas":2,"fullyLabeledReplicas":2}}"#,
        "current"),
    ReadinessCase(
        "replicaset replica failure",
        #"{"apiVersion":"apps/v1","kind":"ReplicaSet","spec":{"replicas":2},"status":{"conditions":[{"type":"ReplicaFailure","status":"True"}]}}"#,
        "inProgress: Replica Failure"),
    // Pod.
    ReadinessCase("pod ready", pod(phase: "Running", conditions: #"[{"type":"Ready","status":"True"}]"#), "current"),
    ReadinessCase("pod running not ready", pod(phase: "Running"), "inProgress: running but is not Ready"),
    ReadinessCase("pod pending", pod(phase: "Pending"), "inProgress: Pending phase"),
    ReadinessCase(
        "pod image pull back-off", pod(phase: "Pending", containers: waitingContainer("ImagePullBackOff")),
        #"failed: container "app" cannot start: ImagePullBackOff (Back-off pulling image "nope:1")"#),
    ReadinessCase(
        "pod init container crash loop", pod(phase: "Pending", initContainers: waitingContainer("CrashLoopBackOff")),
        #"failed: init container "app" cannot start: CrashLoopBackOff"#),
    ReadinessCase("pod waiting ContainerCreating", pod(phase: "Pending", containers: waitingContainer("ContainerCreating")), "inProgress: Pending phase"),
    ReadinessCase(
        "pod unschedulable for long",
        pod(phase: "Pending", conditions: #"[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/0 nodes"}]"#),
        "failed: Pod could not be scheduled (0/0 nodes)"),
    ReadinessCase(
        "pod unschedulable just created",
        pod(phase: "Pending", conditions: #"[{"type":"PodScheduled","status":"False","reason":"Unschedulable"}]"#, created: "2999-01-01T00:00:00Z"),
        "inProgress: not been scheduled"),
    ReadinessCase("pod succeeded", pod(phase: "Succeeded"), "current"),
    ReadinessCase("pod failed is current for --wait (kstatus)", pod(phase: "Failed"), "current"),
    ReadinessCase("pod hook succeeded", .hook, pod(phase: "Succeeded"), "current"),
    ReadinessCase("pod hook failed", .hook, pod(phase: "Failed"), "failed: pod p-1 failed"),
    ReadinessCase("pod hook running", .hook, pod(phase: "Running", conditions: #"[{"type":"Ready","status":"True"}]"#), "inProgress: Pod in progress"),
    // Job.
    ReadinessCase("job not awaited without --wait-for-jobs", job(conditions: "[]"), "current"),
    ReadinessCase("job failed not awaited without --wait-for-jobs", job(conditions: #"[{"type":"Failed","status":"True"}]"#), "current"),
    ReadinessCase("job running with --wait-for-jobs", .wait(waitForJobs: true), job(conditions: "[]"), "inProgress: Job in progress"),
    ReadinessCase("job complete with --wait-for-jobs", .wait(waitForJobs: true), job(conditions: #"[{"type":"Complete","status":"True"}]"#), "current"),
    ReadinessCase(
        "job failed with --wait-for-jobs", .wait(waitForJobs: true),
        job(conditions: #"[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit"}]"#),
        "failed: Job failed: 2/1 pods failed (BackoffLimitExceeded: Job has reached the specified backoff limit)"),
    ReadinessCase("job hook running", .hook, job(conditions: "[]"), "inProgress: Job in progress"),
    ReadinessCase("job hook complete", .hook, job(conditions: #"[{"type":"Complete","status":"True"}]"#), "current"),
    ReadinessCase("job hook failed", .hook, job(conditions: #"[{"type":"Failed","status":"True","reason":"DeadlineExceeded"}]"#), "failed: (DeadlineExceeded)"),
    // PVC, Service, CRD, other kinds.
    ReadinessCase("pvc bound", #"{"apiVersion":"v1","kind":"PersistentVolumeClaim","status":{"phase":"Bound"}}"#, "current"),
    ReadinessCase(
        "pvc pending", #"{"apiVersion":"v1","kind":"PersistentVolumeClaim","status":{"phase":"Pending"}}"#, "inProgress: PVC is not Bound. phase: Pending"),
    ReadinessCase("service cluster IP", #"{"apiVersion":"v1","kind":"Service","spec":{"clusterIP":"10.0.0.1"}}"#, "current"),
    ReadinessCase(
        "service load balancer without cluster IP", #"{"apiVersion":"v1","kind":"Service","spec":{"type":"LoadBalancer"}}"#, "inProgress: ClusterIP not set"),
    ReadinessCase(
        "service load balancer without ingress (kstatus: current)",
        #"{"apiVersion":"v1","kind":"Service","spec":{"type":"LoadBalancer","clusterIP":"10.0.0.1"},"status":{"loadBalancer":{}}}"#, "current"),
    ReadinessCase(
        "crd established",
        #"{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{"conditions":[{"type":"NamesAccepted","status":"True"},{"type":"Established","status":"True"}]}}"#,
        "current"),
    ReadinessCase(
        "crd names not accepted",
        #"{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{"conditions":[{"type":"NamesAccepted","status":"False","reason":"NameConflict","message":"plural is taken"}]}}"#,
        "failed: NameConflict: plural is taken"),
    ReadinessCase(
        "crd installing", #"{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{}}"#, "inProgress: Install in progress"),
    ReadinessCase("configmap", #"{"apiVersion":"v1","kind":"ConfigMap","data":{}}"#, "current"),
    ReadinessCase(
        "custom resource Ready True", #"{"apiVersion":"example.com/v1","kind":"Widget","status":{"conditions":[{"type":"Ready","status":"True"}]}}"#, "current"),
    ReadinessCase(
        "custom resource Ready False",
        #"{"apiVersion":"example.com/v1","kind":"Widget","status":{"conditions":[{"type":"Ready","status":"False","reason":"Provisioning","message":"waiting for the bucket"}]}}"#,
        "inProgress: Provisioning: waiting for the bucket"),
    ReadinessCase(
        "custom resource Stalled",
        #"{"apiVersion":"example.com/v1","kind":"Widget","status":{"conditions":[{"type":"Stalled","status":"True","reason":"BadSpec"}]}}"#,
        "failed: BadSpec"),
    ReadinessCase(
        "custom resource Reconciling wins over Ready",
        #"{"apiVersion":"example.com/v1","kind":"Widget","status":{"conditions":[{"type":"Reconciling","status":"True","reason":"Updating"},{"type":"Ready","status":"True"}]}}"#,
        "inProgress: Updating"),
    ReadinessCase("custom resource without conditions", #"{"apiVersion":"example.com/v1","kind":"Widget","status":{}}"#, "current"),
    ReadinessCase("hook of another kind is done once it exists", .hook, deploy(status: (0, 0, 0, 0)), "current"),
]

struct KubeReadinessTests {
    @Test(arguments: readinessCases)
    func readiness(_ c: ReadinessCase) throws {
        let object = try JSON.parse(c.object)
        let got = KubeReadiness.readiness(of: object, mode: c.mode)
        if c.expect == "current" {
            #expect(got == .current)
            return
        }
        let parts = c.expect.split(separator: ":", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        let words = parts.count > 1 ? parts[1] : ""
        switch (parts[0], got) {
        case ("inProgress", .inProgress(let why)), ("failed", .failed(let why)):
            #expect(why.contains(words), "\(why)")
        default:
            Issue.record("expected \(c.expect), got \(got)")
        }
    }

    /// Selectors: spec.selector → the label-selector query.
    @Test(
        arguments: [
            (#"{"spec":{"selector":{"matchLabels":{"app":"web","tier":"front"}}}}"#, "app=web,tier=front"),
            (
                #"{"spec":{"selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"env","operator":"In","values":["a","b"]},{"key":"x","operator":"NotIn","values":["c"]},{"key":"y","operator":"Exists"},{"key":"z","operator":"DoesNotExist"}]}}}"#,
                "app=web,env in (a,b),x notin (c),y,!z"
            ),
            (#"{"spec":{"selector":{}}}"#, nil),
            (#"{"spec":{}}"#, nil),
            (#"{"spec":{"selector":{"matchExpressions":[{"key":"a","operator":"Near"}]}}}"#, nil),
        ] as [(String, String?)])
    func podSelector(_ workload: String, _ expected: String?) throws {
        #expect(KubeReadiness.podSelector(of: try JSON.parse(workload)) == expected)
    }

    /// The fail-fast reasons: each one fails a pod, others do not.
    @Test(arguments: [
        ("ImagePullBackOff", true), ("ErrImagePull", true), ("CrashLoopBackOff", true), ("CreateContainerConfigError", true), ("InvalidImageName", true),
        ("ContainerCreating", false), ("PodInitializing", false),
    ])
    func containerFailure(_ reason: String, _ fails: Bool) throws {
        let p = try JSON.parse(pod(phase: "Pending", containers: waitingContainer(reason)))
        let f = KubeReadiness.containerFailure(inPod: p)
        #expect((f != nil) == fails)
        if let f {
            #expect(f.description == #"pod p-1: container "app" cannot start: \#(reason) (Back-off pulling image "nope:1")"#)
        }
    }

    @Test(arguments: [(300.0, "5m0s"), (2, "2s"), (0.5, "500ms"), (90, "1m30s"), (1.5, "1.5s"), (3600, "1h0m0s"), (0, "0s")])
    func goDuration(_ seconds: Double, _ text: String) {
        #expect(KubeWaiter.goDuration(seconds) == text)
    }

    /// The terminal line of a wait's progress.
    @Test func progressLine() {
        let web = KubeObjectRef(apiVersion: "apps/v1", kind: "Deployment", namespace: "t", name: "web")
        let db = KubeObjectRef(apiVersion: "apps/v1", kind: "StatefulSet", namespace: "t", name: "db")
        let two = WaitProgress(total: 5, waiting: [.init(object: web, reason: "Ready: 0/1"), .init(object: db, reason: "Ready: 0/3")], elapsed: 12.7)
        #expect(two.description == #"3/5 ready; waiting for Deployment "web" in namespace "t": Ready: 0/1 (and 1 more) [12s]"#)
        #expect(WaitProgress(total: 5, waiting: [], elapsed: 75).description == "5/5 ready [1m15s]")
    }

    /// Helm's hook order: weight, then name; hooks of other events left out.
    @Test func hookOrder() throws {
        let yaml = [
            ("a", 5, "pre-install"), ("z", -1, "pre-install"), ("b", 0, "pre-install,post-install"), ("a2", 0, "pre-install"), ("other", -9, "post-install"),
        ]
        .map { n, w, e in
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(n)\n  annotations:\n    helm.sh/hook: \(e)\n    helm.sh/hook-weight: \"\(w)\"\n"
        }.joined(separator: "---\n")
        let hooks = try Manifests.sort(files: ["c/templates/hooks.yaml": yaml]).hooks
        #expect(KubeHookRunner.ordered(hooks, for: .preInstall).map(\.name) == ["z", "a2", "b", "a"])
        #expect(KubeHookRunner.ordered(hooks, for: .postInstall).map(\.name) == ["other", "b"])
    }
}
