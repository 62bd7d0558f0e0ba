// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube

// An object's readiness from its JSON alone, by the kstatus rules (kubernetes-sigs/cli-utils
// pkg/kstatus/status: generic.go's generation and Reconciling/Stalled checks, core.go's rules per built-in kind,
// status.go's `Ready` condition fallback), as Helm 4's `--wait` reads them; and, for hooks, Helm's own Job and
// Pod readers (helm internal/statusreaders). No I/O here: the waiter fetches, these functions judge.

/// Where an object stands on its way to being ready.
public enum ObjectReadiness: Sendable, Equatable, CustomStringConvertible {
    /// Ready: nothing left to wait for.
    case current
    /// Still on its way; the text says what is missing (`Ready: 0/1`).
    case inProgress(String)
    /// It cannot become ready without someone changing something; the text says why.
    case failed(String)

    /// True for ``current``.
    public var isCurrent: Bool { self == .current }

    /// `current`, `in progress: Ready: 0/1`, `failed: Progress deadline exceeded`.
    public var description: String {
        switch self {
        case .current: return "current"
        case .inProgress(let why): return "in progress: \(why)"
        case .failed(let why): return "failed: \(why)"
        }
    }
}

/// What is being awaited, which decides a few kinds' rules.
public enum ReadinessMode: Sendable, Equatable {
    /// `--wait`: the kstatus rules. Jobs are awaited until they complete only with `waitForJobs`
    /// (`--wait-for-jobs`); otherwise a Job is ready once it exists.
    case wait(waitForJobs: Bool)
    /// A Helm hook (Helm's `WatchUntilReady`): a Job until it completes, a Pod until it succeeds; every other
    /// kind is done once it exists.
    case hook
}

/// A container that cannot start and will not without a change: the fail-fast rule of `--wait`.
public struct ContainerFailure: Sendable, Equatable, CustomStringConvertible {
    /// The pod's name.
    public var pod: String
    /// The container's name.
    public var container: String
    /// True for an init container.
    public var isInitContainer: Bool
    /// The kubelet's waiting reason (`ImagePullBackOff`).
    public var reason: String
    /// The kubelet's message (`Back-off pulling image "nope:1"`), possibly empty.
    public var message: String

    /// Creates a failure record.
    public init(pod: String, container: String, isInitContainer: Bool = false, reason: String, message: String) {
        self.pod = pod
        self.container = container
        self.isInitContainer = isInitContainer
        self.reason = reason
        self.message = message
    }

    /// `pod web-5d8f-abcde: container "app" cannot start: ImagePullBackOff (Back-off pulling image "nope:1")`.
    public var description: String {
        let what = isInitContainer ? "init container" : "container"
        return "pod \(pod): \(what) \"\(container)\" cannot start: \(reason)" + (message.isEmpty ? "" : " (\(message))")
    }
}

/// The readiness rules: pure functions of an object's JSON.
public enum KubeReadiness {
    /// Waiting reasons of a container that mean the rollout cannot succeed as it stands. kstatus fails only a
    /// running pod's `CrashLoopBackOff`, and Helm waits out the timeout for all of these; we fail at once.
    public static let failFastReasons: Set<String> = [
        "ImagePullBackOff", "ErrImagePull", "CrashLoopBackOff", "CreateContainerConfigError", "InvalidImageName",
    ]

    /// Kinds whose pods the waiter inspects for ``failFastReasons`` while they are in progress.
    public static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]

    /// How long kstatus lets a pod stay unschedulable before calling it failed (`ScheduleWindow`).
    public static let scheduleWindow: TimeInterval = 15

    /// The readiness of `object` (as the API server returned it) under `mode`. `now` is only read for a
    /// Pending pod's scheduling window.
    public static func readiness(of object: JSON, mode: ReadinessMode, now: Date = Date()) -> ObjectReadiness {
        let kind = object["kind"]?.string ?? ""
        let group = groupOf(object["apiVersion"]?.string ?? "")
        if case .hook = mode { return hookReadiness(object, kind: kind, group: group) }
        let waitForJobs = mode == .wait(waitForJobs: true)

        // Helm's status waiter leaves paused Deployments out of the wait altogether (pkg/kube/statuswait.go).
        if kind == "Deployment", isAppsGroup(group), object[["spec", "paused"]]?.bool == true { return .current }
        // Job rules: helm's custom Job reader with --wait-for-jobs (statuswait.go's WaitWithJobs); without it a
        // Job is not awaited (Helm 3's waiter skipped Jobs; kstatus' own rule would wait for startTime).
        if kind == "Job", group == "batch" {
            return waitForJobs ? jobToCompletion(object) : .current
        }
        if let generic = genericReadiness(object, kind: kind) { return generic }
        switch (group, kind) {
        case ("", "Service"): return service(object)
        case ("", "Pod"): return pod(object, now: now)
        case ("", "Secret"), ("", "ConfigMap"), ("batch", "CronJob"), ("policy", "PodDisruptionBudget"): return .current
        case ("", "PersistentVolumeClaim"): return persistentVolumeClaim(object)
        case ("apps", "StatefulSet"): return statefulSet(object)
        case ("apps", "DaemonSet"), ("extensions", "DaemonSet"): return daemonSet(object)
        case ("apps", "Deployment"), ("extensions", "Deployment"): return deployment(object)
        case ("apps", "ReplicaSet"), ("extensions", "ReplicaSet"): return replicaSet(object)
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): return customResourceDefinition(object)
        default: break
        }
        if let ready = readyCondition(object) { return ready }
        // kstatus: with no rule and no known condition, an object is current.
        return .current
    }

    /// The first container (init containers first) of `pod` waiting with one of ``failFastReasons``, or nil.
    /// A pod being deleted is not judged: it is on its way out.
    public static func containerFailure(inPod pod: JSON) -> ContainerFailure? {
        if let ts = pod[["metadata", "deletionTimestamp"]]?.string, !ts.isEmpty { return nil }
        let name = pod[["metadata", "name"]]?.string ?? ""
        for (key, isInit) in [("initContainerStatuses", true), ("containerStatuses", false)] {
            for cs in pod[["status", key]]?.array ?? [] {
                guard let waiting = cs[["state", "waiting"]], let reason = waiting["reason"]?.string, failFastReasons.contains(reason) else { continue }
                return ContainerFailure(
                    pod: name, container: cs["name"]?.string ?? "", isInitContainer: isInit, reason: reason, message: waiting["message"]?.string ?? "")
            }
        }
        return nil
    }

    /// A workload's `spec.selector` as a label-selector query (`app=web,tier in (a,b)`), or nil when it has
    /// none or an empty one (which would match every pod of the namespace) or uses an operator we do not know.
    public static func podSelector(of workload: JSON) -> String? {
        guard let selector = workload[["spec", "selector"]] else { return nil }
        var terms: [String] = []
        for (k, v) in selector["matchLabels"]?.members ?? [] {
            guard let value = v.string else { return nil }
            terms.append("\(k)=\(value)")
        }
        for e in selector["matchExpressions"]?.array ?? [] {
            guard let key = e["key"]?.string, let op = e["operator"]?.string else { return nil }
            let values = (e["values"]?.array ?? []).compactMap(\.string)
            switch op {
            case "In": terms.append("\(key) in (\(values.joined(separator: ",")))")
            case "NotIn": terms.append("\(key) notin (\(values.joined(separator: ",")))")
            case "Exists": terms.append(key)
            case "DoesNotExist": terms.append("!" + key)
            default: return nil
            }
        }
        return terms.isEmpty ? nil : terms.joined(separator: ",")
    }

    // MARK: - generic rules (generic.go, status.go)

    /// Deletion, `observedGeneration`, and the `Reconciling`/`Stalled` conditions: a decision when one applies.
    static func genericReadiness(_ o: JSON, kind: String) -> ObjectReadiness? {
        // kstatus calls this Terminating; for a wait it is not current.
        if let ts = o[["metadata", "deletionTimestamp"]]?.string, !ts.isEmpty { return .inProgress("being deleted") }
        if let generation = o[["metadata", "generation"]]?.int, let observed = o[["status", "observedGeneration"]]?.int, generation != observed {
            return .inProgress("\(kind) generation is \(generation), but latest observed generation is \(observed)")
        }
        for c in conditions(o) {
            if c.type == "Reconciling" && c.status == "True" { return .inProgress(c.text(or: "reconciling")) }
            if c.type == "Stalled" && c.status == "True" { return .failed(c.text(or: "stalled")) }
        }
        return nil
    }

    /// The `Ready` condition of any kind kstatus has no rule for: True is current, False and Unknown are in
    /// progress; absent decides nothing.
    static func readyCondition(_ o: JSON) -> ObjectReadiness? {
        for c in conditions(o) where c.type == "Ready" {
            switch c.status {
            case "True": return .current
            case "False", "Unknown": return .inProgress(c.text(or: "Ready is \(c.status)"))
            default: continue
            }
        }
        return nil
    }

    // MARK: - kinds (core.go)

    static func deployment(_ o: JSON) -> ObjectReadiness {
        // Without progressDeadlineSeconds the controller never sets Progressing (kstatus treats the field's
        // absence as math.MaxInt32, the controller's "no deadline").
        var progressing = int(o, "spec", "progressDeadlineSeconds", Int(Int32.max)) == Int(Int32.max)
        var available = false
        for c in conditions(o) {
            switch c.type {
            case "Progressing":
                if c.reason == "ProgressDeadlineExceeded" {
                    return .failed("Progress deadline exceeded" + (c.message.isEmpty ? "" : " (\(c.message))"))
                }
                if c.status == "True" && c.reason == "NewReplicaSetAvailable" { progressing = true }
            case "Available":
                if c.status == "True" { available = true }
            default: break
            }
        }
        let spec = int(o, "spec", "replicas", 1)
        let replicas = int(o, "status", "replicas", 0)
        let updated = int(o, "status", "updatedReplicas", 0)
        let ready = int(o, "status", "readyReplicas", 0)
        let availableReplicas = int(o, "status", "availableReplicas", 0)
        if spec > replicas { return .inProgress("Replicas: \(replicas)/\(spec)") }
        if spec > updated { return .inProgress("Updated: \(updated)/\(spec)") }
        if replicas > spec { return .inProgress("Pending termination: \(replicas - spec)") }
        if updated > availableReplicas { return .inProgress("Available: \(availableReplicas)/\(updated)") }
        if spec > ready { return .inProgress("Ready: \(ready)/\(spec)") }
        if !progressing { return .inProgress("ReplicaSet not Available") }
        if !available { return .inProgress("Deployment not Available") }
        return .current
    }

    static func statefulSet(_ o: JSON) -> ObjectReadiness {
        // updateStrategy OnDelete: the user rolls pods by hand, so there is nothing to wait for.
        if o[["spec", "updateStrategy", "type"]]?.string == "OnDelete" { return .current }
        let spec = int(o, "spec", "replicas", 1)
        let ready = int(o, "status", "readyReplicas", 0)
        let current = int(o, "status", "currentReplicas", 0)
        let updated = int(o, "status", "updatedReplicas", 0)
        let replicas = int(o, "status", "replicas", 0)
        let partition = o[["spec", "updateStrategy", "rollingUpdate", "partition"]]?.int ?? -1
        if spec > replicas { return .inProgress("Replicas: \(replicas)/\(spec)") }
        if spec > ready { return .inProgress("Ready: \(ready)/\(spec)") }
        if replicas > spec { return .inProgress("Pending termination: \(replicas - spec)") }
        if partition != -1 {
            if updated < spec - partition { return .inProgress("updated: \(updated)/\(spec - partition)") }
            return .current
        }
        if spec > current { return .inProgress("current: \(current)/\(spec)") }
        if (o[["status", "currentRevision"]]?.string ?? "") != (o[["status", "updateRevision"]]?.string ?? "") {
            return .inProgress("Waiting for updated revision to match current")
        }
        return .current
    }

    static func daemonSet(_ o: JSON) -> ObjectReadiness {
        // kstatus insists on both generation fields here: the controller always sets them once it has acted.
        if o[["metadata", "generation"]]?.int == nil { return .inProgress("DaemonSet metadata.generation not found") }
        if o[["status", "observedGeneration"]]?.int == nil { return .inProgress("DaemonSet status.observedGeneration not found") }
        let desired = int(o, "status", "desiredNumberScheduled", -1)
        let current = int(o, "status", "currentNumberScheduled", 0)
        let updated = int(o, "status", "updatedNumberScheduled", 0)
        let available = int(o, "status", "numberAvailable", 0)
        let ready = int(o, "status", "numberReady", 0)
        if desired == -1 { return .inProgress("Missing .status.desiredNumberScheduled") }
        if desired > current { return .inProgress("Current: \(current)/\(desired)") }
        if desired > updated { return .inProgress("Updated: \(updated)/\(desired)") }
        if desired > available { return .inProgress("Available: \(available)/\(desired)") }
        if desired > ready { return .inProgress("Ready: \(ready)/\(desired)") }
        return .current
    }

    static func replicaSet(_ o: JSON) -> ObjectReadiness {
        // kstatus reports ReplicaFailure as in progress, not failed (the controller may still get there).
        if conditions(o).contains(where: { $0.type == "ReplicaFailure" && $0.status == "True" }) {
            return .inProgress("Replica Failure condition. Check Pods")
        }
        let spec = int(o, "spec", "replicas", 1)
        let replicas = int(o, "status", "replicas", 0)
        let ready = int(o, "status", "readyReplicas", 0)
        let available = int(o, "status", "availableReplicas", 0)
        let labelled = int(o, "status", "fullyLabeledReplicas", 0)
        if spec > labelled { return .inProgress("Labelled: \(labelled)/\(spec)") }
        if spec > available { return .inProgress("Available: \(available)/\(spec)") }
        if spec > ready { return .inProgress("Ready: \(ready)/\(spec)") }
        if replicas > spec { return .inProgress("Pending termination: \(replicas - spec)") }
        return .current
    }

    static func persistentVolumeClaim(_ o: JSON) -> ObjectReadiness {
        let phase = o[["status", "phase"]]?.string ?? "unknown"
        return phase == "Bound" ? .current : .inProgress("PVC is not Bound. phase: \(phase)")
    }

    static func service(_ o: JSON) -> ObjectReadiness {
        // kstatus asks only for a cluster IP on a LoadBalancer Service, not for an ingress address (Helm 3's
        // legacy waiter wanted status.loadBalancer.ingress).
        let type = o[["spec", "type"]]?.string ?? "ClusterIP"
        if type == "LoadBalancer", (o[["spec", "clusterIP"]]?.string ?? "").isEmpty {
            return .inProgress("ClusterIP not set. Service type: LoadBalancer")
        }
        return .current
    }

    static func pod(_ o: JSON, now: Date) -> ObjectReadiness {
        // Ours before kstatus': a container that cannot start fails the pod at once.
        if let failure = containerFailure(inPod: o) { return .failed(failure.containerDescription) }
        let phase = o[["status", "phase"]]?.string ?? ""
        switch phase {
        // kstatus counts a Failed pod as current too ("completed, but not successfully"): it will not change.
        case "Succeeded", "Failed": return .current
        case "Running":
            if conditions(o).contains(where: { $0.type == "Ready" && $0.status == "True" }) { return .current }
            return .inProgress("Pod is running but is not Ready")
        case "Pending":
            if let c = conditions(o).first(where: { $0.type == "PodScheduled" && $0.status == "False" }), c.reason == "Unschedulable" {
                let created = o[["metadata", "creationTimestamp"]]?.string.flatMap(parseTimestamp)
                if let created, now.timeIntervalSince(created) >= scheduleWindow {
                    return .failed("Pod could not be scheduled" + (c.message.isEmpty ? "" : " (\(c.message))"))
                }
                return .inProgress("Pod has not been scheduled")
            }
            return .inProgress("Pod is in the Pending phase")
        case "": return .inProgress("Pod phase not available")
        default: return .inProgress("unknown phase \(phase)")
        }
    }

    static func customResourceDefinition(_ o: JSON) -> ObjectReadiness {
        for c in conditions(o) {
            if c.type == "NamesAccepted" && c.status == "False" { return .failed(c.text(or: "names not accepted")) }
            if c.type == "Established" {
                if c.status == "False" && c.reason != "Installing" { return .failed(c.text(or: "not established")) }
                if c.status == "True" { return .current }
            }
        }
        return .inProgress("Install in progress")
    }

    // MARK: - hooks (helm internal/statusreaders)

    static func hookReadiness(_ o: JSON, kind: String, group: String) -> ObjectReadiness {
        switch (group, kind) {
        case ("batch", "Job"): return jobToCompletion(o)
        case ("", "Pod"):
            if let failure = containerFailure(inPod: o) { return .failed(failure.containerDescription) }
            switch o[["status", "phase"]]?.string ?? "" {
            case "Succeeded": return .current
            case "Failed":
                let reason = o[["status", "reason"]]?.string ?? ""
                let message = o[["status", "message"]]?.string ?? ""
                return .failed("pod \(o[["metadata", "name"]]?.string ?? "") failed" + detail(reason, message))
            default: return .inProgress("Pod in progress")
            }
        // Helm's hook waiter: every other kind is ready once it exists.
        default: return .current
        }
    }

    /// helm's custom Job reader: current only once Complete, failed once Failed, in progress otherwise.
    static func jobToCompletion(_ o: JSON) -> ObjectReadiness {
        let parallelism = int(o, "spec", "parallelism", 1)
        let completions = int(o, "spec", "completions", parallelism)
        for c in conditions(o) where c.status == "True" {
            if c.type == "Complete" { return .current }
            if c.type == "Failed" {
                return .failed("Job failed: \(int(o, "status", "failed", 0))/\(completions) pods failed" + detail(c.reason, c.message))
            }
        }
        return .inProgress("Job in progress: \(int(o, "status", "succeeded", 0))/\(completions) succeeded, \(int(o, "status", "active", 0)) active")
    }

    // MARK: - helpers

    struct Condition {
        var type: String
        var status: String
        var reason: String
        var message: String
        /// `reason: message`, either alone, or `fallback`.
        func text(or fallback: String) -> String {
            switch (reason.isEmpty, message.isEmpty) {
            case (true, true): return fallback
            case (false, true): return reason
            case (true, false): return message
            case (false, false): return "\(reason): \(message)"
            }
        }
    }

    static func conditions(_ o: JSON) -> [Condition] {
        (o[["status", "conditions"]]?.array ?? []).map {
            Condition(
                type: $0["type"]?.string ?? "", status: $0["status"]?.string ?? "", reason: $0["reason"]?.string ?? "", message: $0["message"]?.string ?? "")
        }
    }

    /// An integer field, or `fallback` when absent or not an integer (kstatus' `GetIntField`).
    static func int(_ o: JSON, _ a: String, _ b: String, _ fallback: Int) -> Int { o[[a, b]]?.int ?? fallback }

    static func detail(_ reason: String, _ message: String) -> String {
        switch (reason.isEmpty, message.isEmpty) {
        case (true, true): return ""
        case (false, true): return " (\(reason))"
        case (true, false): return " (\(message))"
        case (false, false): return " (\(reason): \(message))"
        }
    }

    static func groupOf(_ apiVersion: String) -> String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    static func isAppsGroup(_ group: String) -> Bool { group == "apps" || group == "extensions" }

    /// An RFC 3339 timestamp as the API server writes them (`2026-12-06T02:30:15Z`).
    static func parseTimestamp(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s)
    }
}

extension ContainerFailure {
    /// The failure without the pod's name, for a Pod judged on its own:
    /// `container "app" cannot start: ImagePullBackOff (…)`.
    var containerDescription: String {
        let what = isInitContainer ? "init container" : "container"
        return "\(what) \"\(container)\" cannot start: \(reason)" + (message.isEmpty ? "" : " (\(message))")
    }
}
