// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Kube
import ReleaseUtil
import YAMLKit

/// One object of a manifest as the Kubernetes target sends it: identity, body, and what the manifest says
/// about keeping it.
struct KubeManifestObject: Sendable {
    /// The object's identity; `namespace` is settled by ``KubeApplyPlan/resolve(_:namespace:client:)``.
    var ref: KubeObjectRef
    /// The document as JSON (what server-side apply is sent).
    var body: JSON
    /// `helm.sh/resource-policy: keep`: never deleted by a prune or an uninstall.
    var keep: Bool
    /// The resource serving it, once resolved from discovery (nil: its kind is not served, yet).
    var resource: ResourceRef?

    /// A CustomResourceDefinition.
    var isCRD: Bool { ref.kind == "CustomResourceDefinition" && ref.group == "apiextensions.k8s.io" }
}

extension KubeObjectRef {
    /// How the Kubernetes target names the object in an ``ApplyReport``: `Deployment/tenant-acme/web`, or
    /// `Namespace/tenant-acme` for a cluster-scoped object.
    public var reportName: String { namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)" }

    /// What makes two references the same object: group, kind, namespace and name (not the version: an object
    /// moved from `extensions/v1beta1` to `apps/v1` is still the same object).
    var identity: KubeObjectIdentity { KubeObjectIdentity(group: group, kind: kind, namespace: namespace, name: name) }
}

/// Group, kind, namespace and name: the identity a prune compares.
struct KubeObjectIdentity: Hashable, Sendable {
    var group: String
    var kind: String
    var namespace: String
    var name: String
}

/// Reading a manifest into objects for the cluster, and Helm's ownership rules.
enum KubeApplyPlan {
    /// `app.kubernetes.io/managed-by`, whose value on Helm's objects is `Helm`.
    static let managedByLabel = "app.kubernetes.io/managed-by"
    /// The value of ``managedByLabel``; tenantctl writes Helm's so that Helm can take its objects over.
    static let managedByHelm = "Helm"
    /// `meta.helm.sh/release-name`: the release (tenant) owning the object.
    static let releaseNameAnnotation = "meta.helm.sh/release-name"
    /// `meta.helm.sh/release-namespace`: the namespace of the release records.
    static let releaseNamespaceAnnotation = "meta.helm.sh/release-namespace"
    /// `helm.sh/resource-policy`.
    static let resourcePolicyAnnotation = "helm.sh/resource-policy"

    /// The objects of `manifest`, split as Helm splits a release manifest (``Manifests/split(_:)``), each
    /// document read as YAML and turned into JSON (numbers are float64, as Helm's YAML reader types them);
    /// empty and comment-only documents are skipped, and so are hooks (documents annotated `helm.sh/hook`,
    /// which ``KubeHookRunner`` runs around the apply). `what` names the manifest in messages.
    static func objects(_ manifest: String, what: String) throws(TargetError) -> [KubeManifestObject] {
        var out: [KubeManifestObject] = []
        for (index, document) in Manifests.split(manifest).enumerated() {
            let source = Manifest.sourceLine(document + "\n").map { " (\($0))" } ?? ""
            let place = "\(what): document \(index + 1)\(source)"
            let value: Value
            do throws(YAMLError) {
                value = try YAML.load(document)
            } catch {
                throw TargetError(.invalidManifest, "\(place) is not valid YAML: \(error.description)")
            }
            if case .null = value { continue }
            guard case .map(let map, _) = value else {
                throw TargetError(.invalidManifest, "\(place) is not a Kubernetes object (not a YAML mapping)")
            }
            guard let apiVersion = map["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
                throw TargetError(.invalidManifest, "\(place) has no apiVersion")
            }
            guard let kind = map["kind"]?.stringValue, !kind.isEmpty else {
                throw TargetError(.invalidManifest, "\(place) has no kind")
            }
            guard case .map(let metadata, _)? = map["metadata"], let name = metadata["name"]?.stringValue, !name.isEmpty
            else {
                throw TargetError(.invalidManifest, "\(place) (\(kind)) has no metadata.name")
            }
            let body: JSON
            do {
                body = try JSON.parse(try GoJSON.marshal(value, escapeHTML: false))
            } catch {
                throw TargetError(.invalidManifest, "\(place) (\(kind) \(name)) cannot be sent as JSON: \(error)")
            }
            // Hooks are not part of the release's objects: Helm creates them around the apply (KubeHooks).
            if case .map(let annotations, _)? = metadata["annotations"], annotations[Manifests.hookAnnotation] != nil { continue }
            var keep = false
            if case .map(let annotations, _)? = metadata["annotations"],
                let policy = annotations[resourcePolicyAnnotation]?.stringValue
            {
                // Helm's filterManifestsToKeep: the value trimmed and lower-cased.
                keep = policy.goTrimSpace().lowercased() == "keep"
            }
            let namespace = metadata["namespace"]?.stringValue ?? ""
            out.append(
                KubeManifestObject(
                    ref: KubeObjectRef(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name), body: body,
                    keep: keep))
        }
        return out
    }

    /// Settles each object's resource and namespace from discovery: a namespaced object without a namespace
    /// gets `namespace` (the tenant's), a cluster-scoped one loses any namespace it was given (the API
    /// ignores it; Helm's resource builder does the same). Objects whose kind the server does not serve keep
    /// `resource` nil. Two documents for one object are refused.
    static func resolve(_ objects: inout [KubeManifestObject], namespace: String, client: KubeClient, what: String)
        throws(TargetError)
    {
        var seen: Set<KubeObjectIdentity> = []
        for i in objects.indices {
            let ref = objects[i].ref
            let resource: ResourceRef?
            do {
                resource = try client.discovery().resource(apiVersion: ref.apiVersion, kind: ref.kind)
            } catch {
                throw KubeApplyErrors.targetError(error, object: nil, doing: "cannot read the API server's resources")
            }
            objects[i].resource = resource
            guard let resource else { continue }
            if resource.namespaced {
                if objects[i].ref.namespace.isEmpty { objects[i].ref.namespace = namespace }
                objects[i].body = objects[i].body.setting(path: ["metadata", "namespace"], .string(objects[i].ref.namespace))
            } else if !objects[i].ref.namespace.isEmpty {
                objects[i].ref.namespace = ""
                objects[i].body = objects[i].body.removing(path: ["metadata", "namespace"])
            }
            if !seen.insert(objects[i].ref.identity).inserted {
                throw TargetError(.duplicateObject, "\(what): \(objects[i].ref) is in the manifest twice")
            }
        }
    }

    /// The field paths of the marks, as the server names them in an apply conflict's causes.
    static let markFieldPaths: Set<String> = [
        ".metadata.labels.\(managedByLabel)", ".metadata.annotations.\(releaseNameAnnotation)",
        ".metadata.annotations.\(releaseNamespaceAnnotation)",
    ]

    /// The object with this release's ownership marks set (Helm's setMetadataVisitor, which merges them over
    /// whatever the chart wrote).
    static func marked(_ body: JSON, release: String, recordsNamespace: String) -> JSON {
        body.setting(path: ["metadata", "labels", managedByLabel], .string(managedByHelm))
            .setting(path: ["metadata", "annotations", releaseNameAnnotation], .string(release))
            .setting(path: ["metadata", "annotations", releaseNamespaceAnnotation], .string(recordsNamespace))
    }

    /// Helm's checkOwnership (pkg/action/validate.go): the label and both annotations must hold this release's
    /// values. Returns Helm's error text (`invalid ownership metadata; label validation error: missing key …`),
    /// or nil when the object is this release's.
    static func ownershipProblem(_ live: JSON, release: String, recordsNamespace: String) -> String? {
        let labels = strings(live[["metadata", "labels"]])
        let annotations = strings(live[["metadata", "annotations"]])
        var errors: [String] = []
        if let e = requireValue(labels, managedByLabel, managedByHelm) { errors.append("label validation error: \(e)") }
        if let e = requireValue(annotations, releaseNameAnnotation, release) {
            errors.append("annotation validation error: \(e)")
        }
        if let e = requireValue(annotations, releaseNamespaceAnnotation, recordsNamespace) {
            errors.append("annotation validation error: \(e)")
        }
        return errors.isEmpty ? nil : "invalid ownership metadata; " + errors.joined(separator: "; ")
    }

    /// Who holds the object now, in words: the release its marks name, else its field managers.
    static func currentOwner(_ live: JSON) -> String {
        let annotations = strings(live[["metadata", "annotations"]])
        if let release = annotations[releaseNameAnnotation] {
            let ns = annotations[releaseNamespaceAnnotation].map { ", whose records are in namespace \(goQuoted($0))" } ?? ""
            return "it belongs to release \(goQuoted(release))\(ns)"
        }
        var managers: [String] = []
        for entry in live[["metadata", "managedFields"]]?.array ?? [] {
            if let m = entry["manager"]?.string, !managers.contains(m) { managers.append(m) }
        }
        let by = managers.isEmpty ? "" : ", written by \(managers.map(goQuoted).joined(separator: ", "))"
        return "it has no release's ownership marks (it was made outside Helm and tenantctl\(by))"
    }

    /// Helm's requireValue: `missing key "k": must be set to "v"` or `key "k" must equal "v": current value is "x"`.
    private static func requireValue(_ map: [String: String], _ key: String, _ value: String) -> String? {
        guard let actual = map[key] else { return "missing key \(goQuoted(key)): must be set to \(goQuoted(value))" }
        if actual != value {
            return "key \(goQuoted(key)) must equal \(goQuoted(value)): current value is \(goQuoted(actual))"
        }
        return nil
    }

    /// The string members of a JSON object (labels, annotations).
    static func strings(_ json: JSON?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in json?.members ?? [] { if let s = v.string { out[k] = s } }
        return out
    }

    /// Go's `%q` for the ASCII names and values these messages quote.
    static func goQuoted(_ s: String) -> String { GoJSON.quote(s, escapeHTML: false) }

    /// A JSON value as a template value (for YAML output): numbers as int64 when integral, else float64.
    static func value(_ json: JSON) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n):
            if let i = Int(n) { return .int64(i) }
            return .float(Double(n) ?? 0)
        case .string(let s): return .string(s)
        case .array(let a): return .list(a.map(value))
        case .object(let m):
            var dict: [String: Value] = [:]
            for (k, v) in m { dict[k] = value(v) }
            return .dict(dict)
        }
    }
}

extension JSON {
    /// This value without the member at `path` (unchanged when there is none).
    func removing(path: [String]) -> JSON {
        guard let first = path.first, case .object(var members) = self else { return self }
        guard let i = members.firstIndex(where: { $0.0 == first }) else { return self }
        if path.count == 1 {
            members.remove(at: i)
        } else {
            members[i].1 = members[i].1.removing(path: Array(path.dropFirst()))
        }
        return .object(members)
    }
}
