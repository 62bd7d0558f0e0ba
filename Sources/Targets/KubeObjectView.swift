// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Kube
import YAMLKit

/// What `diff` and `drift` compare of a cluster object: the object as the server holds it, without what the
/// server writes on its own — `status`, `metadata.managedFields`, `resourceVersion`, `uid`, `generation`,
/// `creationTimestamp`, `selfLink`, and the bookkeeping annotations controllers and kubectl add. Both sides of a
/// comparison come from the server (the live object, and the server's dry run of applying the manifest), so
/// defaults and normalised quantities match and only real changes remain.
enum KubeObjectView {
    /// The metadata fields the server sets.
    static let serverMetadata: Set<String> = [
        "managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink", "deletionTimestamp",
        "deletionGracePeriodSeconds",
    ]
    /// Annotations written by controllers or clients, not by a chart.
    static let serverAnnotations: Set<String> = ["deployment.kubernetes.io/revision", "kubectl.kubernetes.io/last-applied-configuration"]

    /// `object` without the fields the server sets.
    static func comparable(_ object: JSON) -> JSON {
        guard case .object(let members) = object else { return object }
        var out: [(String, JSON)] = []
        for (key, value) in members where key != "status" {
            guard key == "metadata", case .object(let meta) = value else {
                out.append((key, value))
                continue
            }
            var m: [(String, JSON)] = []
            for (k, v) in meta where !serverMetadata.contains(k) {
                if k == "annotations", case .object(let annotations) = v {
                    let kept = annotations.filter { !serverAnnotations.contains($0.0) }
                    if !kept.isEmpty { m.append((k, .object(kept))) }
                } else {
                    m.append((k, v))
                }
            }
            out.append((key, .object(m)))
        }
        return .object(out)
    }

    /// The object as a ``ManifestObject`` (YAML, keys sorted as `toYaml` writes them), named like the
    /// directory target's files.
    static func manifestObject(_ object: JSON, ref: KubeObjectRef, server: String) throws(TargetError) -> ManifestObject {
        let text: String
        do {
            text = try GoYAML.marshal(KubeApplyPlan.value(comparable(object)))
        } catch {
            throw TargetError(.server, "cannot print \(ref) from \(server) as YAML: \(error)")
        }
        return ManifestObject(
            kind: ref.kind, name: ref.name, namespace: ref.namespace, fileName: Manifest.fileName(kind: ref.kind, name: ref.name), text: text)
    }
}

extension KubernetesTarget {
    /// The server's dry run of applying each object of `manifest` with this release's marks (fields other
    /// managers own taken over, as the apply that restores the revision would), without the fields the server
    /// sets: what the cluster would hold, in the form ``objects(tenant:namespace:manifest:)`` returns.
    public func expectedObjects(tenant: String, namespace: String, manifest: String) throws(TargetError) -> [ManifestObject] {
        try validateTenantName(tenant)
        var objects = try KubeApplyPlan.objects(manifest, what: "the manifest")
        try KubeApplyPlan.resolve(&objects, namespace: namespace, client: client, what: "the manifest")
        var out: [ManifestObject] = []
        for object in objects {
            guard let resource = object.resource else { continue }
            let body = KubeApplyPlan.marked(object.body, release: tenant, recordsNamespace: recordsNamespace)
            let result: JSON
            do {
                result = try client.apply(
                    resource, object: body, namespace: resource.namespaced ? object.ref.namespace : nil, fieldManager: fieldManager, force: true,
                    dryRun: true)
            } catch {
                if error.isNotFound, resource.namespaced {
                    // The namespace does not exist yet (a first install): nothing to ask the server about; the
                    // object as the manifest gives it, with the marks.
                    out.append(try KubeObjectView.manifestObject(body, ref: object.ref, server: client.server))
                    continue
                }
                throw KubeApplyErrors.targetError(error, object: object.ref, doing: "cannot preview")
            }
            out.append(try KubeObjectView.manifestObject(result, ref: object.ref, server: client.server))
        }
        return out
    }
}
