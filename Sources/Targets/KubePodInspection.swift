// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Kube

/// Looks at a workload's pods for a container that cannot start (``KubeReadiness/failFastReasons``), so that a
/// rollout that cannot succeed fails at once instead of at the timeout (Helm waits the timeout out).
///
/// Only the pods of the workload's current rollout are judged: a Deployment's pods of its newest ReplicaSet (the
/// one whose `deployment.kubernetes.io/revision` is the Deployment's), a StatefulSet's pods of its
/// `updateRevision`, a DaemonSet's pods of its generation, a ReplicaSet's or Job's own pods. A broken pod left
/// over from the previous revision therefore does not fail the upgrade that replaces it.
public struct KubePodInspector: Sendable {
    /// The client the pods are listed with.
    public let client: KubeClient

    /// Makes an inspector.
    public init(client: KubeClient) { self.client = client }

    static let pods = ResourceRef(group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true)
    static let replicaSets = ResourceRef(group: "apps", version: "v1", resource: "replicasets", kind: "ReplicaSet", namespaced: true)

    /// The first container failure among the current pods of `workload` (a Deployment, StatefulSet, DaemonSet,
    /// ReplicaSet or Job as read from the server), or nil. Costs one pod LIST (two for a Deployment: its
    /// ReplicaSets too); nothing for other kinds or a workload without a selector.
    public func failure(of workload: JSON) throws(KubeError) -> ContainerFailure? {
        let kind = workload["kind"]?.string ?? ""
        guard KubeReadiness.workloadKinds.contains(kind), let selector = KubeReadiness.podSelector(of: workload),
            let uid = workload[["metadata", "uid"]]?.string
        else { return nil }
        let namespace = workload[["metadata", "namespace"]]?.string ?? client.namespace
        var ownerUID = uid
        if kind == "Deployment" {
            guard let rs = try newestReplicaSet(of: workload, uid: uid, selector: selector, namespace: namespace) else { return nil }
            ownerUID = rs
        }
        let pods = try client.listAll(Self.pods, namespace: namespace, labelSelector: selector)
        for pod in pods.sorted(by: { name($0) < name($1) }) {
            guard Self.isControlled(pod, by: ownerUID), Self.isCurrentRollout(pod, of: workload, kind: kind) else { continue }
            if let f = KubeReadiness.containerFailure(inPod: pod) { return f }
        }
        return nil
    }

    private func name(_ o: JSON) -> String { o[["metadata", "name"]]?.string ?? "" }

    /// The uid of the Deployment's ReplicaSet for its current revision, or nil while the controller has not
    /// made it yet.
    private func newestReplicaSet(of deployment: JSON, uid: String, selector: String, namespace: String) throws(KubeError) -> String? {
        let revisionKey = "deployment.kubernetes.io/revision"
        let revision = deployment[["metadata", "annotations", revisionKey]]?.string
        let sets = try client.listAll(Self.replicaSets, namespace: namespace, labelSelector: selector).filter { Self.isControlled($0, by: uid) }
        if let revision, let rs = sets.first(where: { $0[["metadata", "annotations", revisionKey]]?.string == revision }) {
            return rs[["metadata", "uid"]]?.string
        }
        // No revision annotation yet (a Deployment the controller has not seen): the highest revision present.
        let ranked = sets.compactMap { rs -> (Int, String)? in
            guard let r = rs[["metadata", "annotations", revisionKey]]?.string.flatMap({ Int($0) }), let id = rs[["metadata", "uid"]]?.string else {
                return nil
            }
            return (r, id)
        }
        return revision == nil ? ranked.max(by: { $0.0 < $1.0 })?.1 : nil
    }

    /// True when `object` has a controller owner reference to `uid`.
    static func isControlled(_ object: JSON, by uid: String) -> Bool {
        (object[["metadata", "ownerReferences"]]?.array ?? []).contains { $0["uid"]?.string == uid && $0["controller"]?.bool == true }
    }

    /// Whether a pod belongs to the workload's current template (StatefulSet: `controller-revision-hash` is
    /// `status.updateRevision`; DaemonSet: `pod-template-generation` is `metadata.generation`). Pods without the
    /// label are judged.
    static func isCurrentRollout(_ pod: JSON, of workload: JSON, kind: String) -> Bool {
        let labels = pod[["metadata", "labels"]]
        switch kind {
        case "StatefulSet":
            guard let want = workload[["status", "updateRevision"]]?.string, !want.isEmpty, let have = labels?["controller-revision-hash"]?.string else {
                return true
            }
            return have == want
        case "DaemonSet":
            guard let want = workload[["metadata", "generation"]]?.int, let have = labels?["pod-template-generation"]?.string.flatMap({ Int($0) }) else {
                return true
            }
            return have == want
        default: return true
        }
    }
}
