// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Engine
import Foundation
import GoRuntime
import GoTemplate
import Kube
import ReleaseUtil
import Synchronization
import TemplateFuncs
import YAMLKit

// Rendering that sees the live cluster, as Helm v4.1.4 does whenever it talks to the server (`install`,
// `upgrade`, `template --dry-run=server`): the reachability check, `.Capabilities` from discovery, `lookup`
// over the API, and the checks `action.Install` makes before it would create anything (`KubeClient.Build`'s
// kind mapping, `existingResourceConflict`). Every message is Helm's.

/// A live cluster for rendering: one Kubernetes client and the discovery it has fetched.
///
/// Use: ``reachable()``, then ``capabilities()`` into `ReleaseOptions.capabilities`, ``functions()`` for
/// `ParsedTemplates.parse(_:functions:)`, and ``checkManifests(_:namespace:releaseName:releaseNamespace:isUpgrade:)``
/// on the sorted manifests.
public struct LiveCluster: Sendable {
    /// The client every request goes through.
    public let client: KubeClient
    /// `lookup` over ``client``; it remembers the log lines Helm writes for each failed lookup.
    public let lookup: KubeLookup
    /// The server's OpenAPI v2 validator, fetched on first use.
    private let schema = SchemaCache()

    /// Wraps a client. With `freshDiscovery` (Helm's `getCapabilities` always invalidates the discovery cache
    /// first), the client's memory and disk discovery caches are dropped before the first use.
    public init(client: KubeClient, freshDiscovery: Bool = true) {
        self.client = client
        if freshDiscovery { client.invalidateDiscovery() }
        lookup = KubeLookup(client: client)
    }

    /// Loads the kubeconfig (`kubeconfig`, else `KUBECONFIG` from `environment`, else `~/.kube/config`) and
    /// connects to `context` (nil: the current context). Failures are Helm's `kubernetes cluster unreachable`.
    public static func connect(
        kubeconfig: String?, context: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        options: KubeClientOptions = KubeClientOptions()
    ) throws(RenderError) -> LiveCluster {
        do {
            let access = try KubeConfig.load(explicitPath: kubeconfig, environment: environment).access(context: context)
            return LiveCluster(client: try KubeClient(access: access, options: options))
        } catch let error as KubeConfigError {
            throw RenderError("kubernetes cluster unreachable: " + error.description)
        } catch let error as KubeError {
            throw RenderError("kubernetes cluster unreachable: " + error.description)
        } catch {
            throw RenderError("kubernetes cluster unreachable: \(error)")
        }
    }

    /// Helm's `KubeClient.IsReachable`: the server answers `/version`.
    public func reachable() throws(RenderError) {
        do {
            _ = try client.getJSON("/version", verb: "get")
        } catch {
            throw RenderError("kubernetes cluster unreachable: " + error.description)
        }
    }

    /// `.Capabilities` as Helm's `getCapabilities` builds them from the server (``CapabilitiesObject/live(gitVersion:major:minor:apiVersions:)``).
    public func capabilities() throws(RenderError) -> CapabilitiesObject {
        let d = try discovery(
            "could not get server version from Kubernetes: ")
        return .live(
            gitVersion: d.serverVersion.gitVersion, major: d.serverVersion.major, minor: d.serverVersion.minor,
            apiVersions: d.apiVersions)
    }

    /// Helm's function table with `lookup` bound to this cluster.
    public func functions() -> FunctionTable { FunctionLibrary.helm(lookup: lookup) }

    private func discovery(_ prefix: String) throws(RenderError) -> Discovery {
        do { return try client.discovery() } catch { throw RenderError(prefix + error.description) }
    }

    /// What `action.Install` checks on the rendered manifests before it would create anything:
    /// `KubeClient.Build` maps every object's kind to a resource the server serves (all failures, in manifest
    /// order: `unable to build kubernetes objects from release manifest: …`), then, on an install (not
    /// `--is-upgrade`), `existingResourceConflict` fetches each object and refuses one that exists without
    /// this release's ownership marks (`unable to continue with install: …`).
    ///
    /// - Parameters:
    ///   - documents: the manifest's documents in install order (CRDs first when they are part of it).
    ///   - namespace: the namespace objects without one go to (`-n`).
    public func checkManifests(
        _ documents: [String], namespace: String, releaseName: String, releaseNamespace: String, isUpgrade: Bool
    ) throws(RenderError) {
        let discovery = try discovery("could not get apiVersions from Kubernetes: ")
        var objects: [BuiltObject] = []
        var errors: [String] = []
        for doc in documents {
            let value: Value
            do { value = try YAML.load(doc) } catch {
                errors.append("error converting YAML to JSON: " + error.description)
                continue
            }
            guard case .map(let m, _) = value else { continue }
            let apiVersion = m["apiVersion"]?.stringValue ?? ""
            let kind = m["kind"]?.stringValue ?? ""
            // kubectl's validation (the object's type always; its schema on the client when the server does
            // not support the fieldValidation parameter, as 1.20).
            let problems = try validator().validate(value)
            if !problems.isEmpty {
                errors.append(
                    "error validating \"\": error validating data: "
                        + (problems.count == 1 ? problems[0] : "[" + problems.joined(separator: ", ") + "]"))
                // cli-runtime's StreamVisitor returns at a validation error: later documents are not read.
                break
            }
            var meta: [String: Value] = [:]
            if case .map(let md, _)? = m["metadata"] { meta = md.dictionary }
            let name = meta["name"]?.stringValue ?? ""
            let ownNamespace = meta["namespace"]?.stringValue ?? ""
            guard let ref = discovery.resource(apiVersion: apiVersion, kind: kind) else {
                // k8s.io/cli-runtime's resource.Builder message, then Helm's hint.
                errors.append(
                    "resource mapping not found for name: \(GoStrconv.quote(name)) namespace: \(GoStrconv.quote(ownNamespace)) "
                        + "from \"\": no matches for kind \(GoStrconv.quote(kind)) in version \(GoStrconv.quote(apiVersion))\n"
                        + "ensure CRDs are installed first")
                continue
            }
            objects.append(
                BuiltObject(
                    ref: ref, kind: kind, name: name, generateName: meta["generateName"]?.stringValue ?? "",
                    namespace: ref.namespaced ? (ownNamespace.isEmpty ? namespace : ownNamespace) : ""))
        }
        if !errors.isEmpty {
            // utilerrors.Aggregate: one error as itself, several as `[a, b]`.
            throw RenderError(
                "unable to build kubernetes objects from release manifest: "
                    + (errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"))
        }
        guard !isUpgrade else { return }
        for o in objects {
            if o.name.isEmpty && !o.generateName.isEmpty { continue }
            if !o.name.isEmpty && !o.generateName.isEmpty {
                throw RenderError("unable to continue with install: metadata.name and metadata.generateName cannot both be set")
            }
            let existing: JSON
            do {
                existing = try client.get(o.ref, name: o.name, namespace: o.ref.namespaced ? o.namespace : nil)
            } catch {
                if error.isNotFound { continue }
                throw RenderError(
                    "unable to continue with install: could not get information about the resource \(o.description): "
                        + KubeLookup.helmText(error))
            }
            if let problem = Self.ownershipProblem(existing, releaseName: releaseName, releaseNamespace: releaseNamespace) {
                throw RenderError(
                    "unable to continue with install: \(o.description) exists and cannot be imported into the current release: "
                        + problem)
            }
        }
    }

    /// The server's OpenAPI v2 document as kubectl's validator reads it, fetched once per cluster value.
    func validator() throws(RenderError) -> OpenAPIValidator {
        if let v = schema.value.withLock({ $0 }) { return v }
        let document: JSON
        do { document = try client.getJSON("/openapi/v2") } catch {
            throw RenderError("unable to build kubernetes objects from release manifest: " + KubeLookup.helmText(error))
        }
        let v = OpenAPIValidator(document: document)
        schema.value.withLock { $0 = v }
        return v
    }

    /// Helm's `checkOwnership`: the `app.kubernetes.io/managed-by: Helm` label and the release name and
    /// namespace annotations, each problem named; nil when the object is this release's to adopt.
    static func ownershipProblem(_ object: JSON, releaseName: String, releaseNamespace: String) -> String? {
        func strings(_ j: JSON?) -> [String: String] {
            var out: [String: String] = [:]
            for (k, v) in j?.members ?? [] { out[k] = v.string ?? "" }
            return out
        }
        let labels = strings(object[["metadata", "labels"]])
        let annotations = strings(object[["metadata", "annotations"]])
        func require(_ m: [String: String], _ k: String, _ v: String) -> String? {
            guard let actual = m[k] else { return "missing key \(GoStrconv.quote(k)): must be set to \(GoStrconv.quote(v))" }
            if actual != v {
                return "key \(GoStrconv.quote(k)) must equal \(GoStrconv.quote(v)): current value is \(GoStrconv.quote(actual))"
            }
            return nil
        }
        var problems: [String] = []
        if let p = require(labels, "app.kubernetes.io/managed-by", "Helm") { problems.append("label validation error: " + p) }
        if let p = require(annotations, "meta.helm.sh/release-name", releaseName) { problems.append("annotation validation error: " + p) }
        if let p = require(annotations, "meta.helm.sh/release-namespace", releaseNamespace) {
            problems.append("annotation validation error: " + p)
        }
        return problems.isEmpty ? nil : "invalid ownership metadata; " + problems.joined(separator: "; ")
    }
}

/// Where a ``LiveCluster`` keeps the validator it fetched (the cluster value itself is copied freely).
final class SchemaCache: Sendable {
    let value = Mutex<OpenAPIValidator?>(nil)
}

/// One manifest object mapped to its resource (Helm's `resource.Info`).
private struct BuiltObject {
    var ref: ResourceRef
    var kind: String
    var name: String
    var generateName: String
    var namespace: String

    /// Helm's `resourceString`: `ConfigMap "x" in namespace "y"`.
    var description: String { "\(kind) \(GoStrconv.quote(name)) in namespace \(GoStrconv.quote(namespace))" }
}

/// Helm's `lookup` over a ``KubeClient`` (pkg/engine/lookup_func.go with client-go's dynamic client and
/// unstructured decoding), reproduced quirk for quirk:
/// - the kind is found in the group version's resource list (discovery; subresources skipped); a group version
///   the server does not serve fails with `unable to get apiresource from unstructured: GV, Kind=K: the server
///   could not find the requested resource`, and Helm logs two ERROR lines first;
/// - a kind the group version does not list leaves Helm with an empty resource (no group, version or name), so
///   the request goes to `/api` (a list: the server's `APIVersions` with `items: []`) or `/api/NAME` (404: an
///   empty map);
/// - the namespace is used only for a namespaced resource and when not empty (else the request is cluster-wide);
/// - 404 gives an empty map; a list gets the server's fields plus `items`, each item given the list's
///   `apiVersion` and its kind without `List` when it has neither (client-go's `decodeToList`);
/// - numbers are `int64` when they are integers, `float64` otherwise (apimachinery's JSON decoding).
public final class KubeLookup: ClusterLookup {
    let client: KubeClient
    private let failures = Mutex<[(message: String, log: [String])]>([])

    init(client: KubeClient) {
        self.client = client
    }

    /// The ERROR lines Helm's logger writes before the lookup error `message` appears in a render error (empty
    /// when no failed lookup matches): a render stops at its first error, and the lines belong to it.
    public func logLines(forError message: String) -> [String] {
        failures.withLock { list in list.first { message.contains($0.message) }?.log ?? [] }
    }

    public func lookup(apiVersion: String, kind: String, namespace: String, name: String) throws(GoError) -> Value {
        // schema.FromAPIVersionAndKind: `v1`, `group/version`; anything else (more slashes) is no group version.
        let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : parts.count == 1 ? ("", apiVersion) : ("", "")
        // schema.GroupVersionKind's String() is `GROUP/VERSION, Kind=KIND` (`/, Kind=X` with neither).
        let gvkShown = group + "/" + version + ", Kind=" + kind
        let gv = group.isEmpty ? version : group + "/" + version

        var resource: APIResource?
        var failure: String?
        if gv.isEmpty {
            failure = "groupVersion shouldn't be empty"
        } else {
            do {
                let d = try client.discovery()
                if let list = d.resources[gv] {
                    resource = list.first { $0.kind == kind }
                } else {
                    failure = "the server could not find the requested resource"
                }
            } catch {
                failure = KubeLookup.helmText(error)
            }
        }
        if let failure {
            let message = "unable to get apiresource from unstructured: \(gvkShown): \(failure)"
            let log = [
                "level=ERROR msg=\"unable to retrieve resource list\" GroupVersion=\(SlogText.quote(gv)) error=\(SlogText.quote(failure))",
                "level=ERROR msg=\"unable to get apiresource\" groupVersionKind=\(SlogText.quote(gvkShown)) error=\(SlogText.quote(failure))",
            ]
            failures.withLock { $0.append((message, log)) }
            throw GoError(message)
        }

        // The dynamic client's URL: /api or /apis/GROUP, the version, namespaces/NS, the resource, the name;
        // empty segments vanish (path.Join).
        var segments: [String]
        if let r = resource {
            segments = group.isEmpty ? ["api", version] : ["apis", group, version]
            if r.namespaced && !namespace.isEmpty { segments += ["namespaces", namespace] }
            segments.append(r.name)
        } else {
            segments = ["api"]
        }
        if !name.isEmpty { segments.append(name) }
        let path = "/" + segments.filter { !$0.isEmpty }.map(KubeLookup.escape).joined(separator: "/")
        let body: JSON
        do {
            body = try client.getJSON(path, verb: name.isEmpty ? "list" : "get")
        } catch {
            // `if not (lookup …)` works on objects that are not there.
            if error.isNotFound { return .dict([:]) }
            throw GoError(KubeLookup.helmText(error))
        }
        return name.isEmpty ? KubeLookup.listValue(body) : KubeLookup.value(body)
    }

    /// A path segment, percent-encoded as a URL path segment.
    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:@!$&'()*+,;=")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// The text client-go gives a failed request: the server's `Status` message when there is one.
    static func helmText(_ error: KubeError) -> String {
        if error.kind == .api {
            if !error.message.isEmpty { return error.message }
            if error.status == 404 { return "the server could not find the requested resource" }
        }
        return error.description
    }

    /// `UnstructuredList.UnstructuredContent()`: the response's fields and `items`, each item typed from the list
    /// when it has neither `apiVersion` nor `kind`. A response that is no list (no `items`) keeps its fields
    /// and gets `items: []` (`Unstructured.ToList`).
    static func listValue(_ body: JSON) -> Value {
        guard case .object(let members) = body else { return .dict(["items": .list([])]) }
        var out: [String: Value] = [:]
        var items: [JSON] = []
        for (k, v) in members {
            if k == "items" {
                items = v.array ?? []
            } else {
                out[k] = value(v)
            }
        }
        let listAPIVersion = body["apiVersion"]?.string ?? ""
        var itemKind = body["kind"]?.string ?? ""
        if itemKind.hasSuffix("List") { itemKind.removeLast(4) }
        out["items"] = .list(
            items.map { item in
                var v = value(item)
                if case .map(let m, _) = v, (m["kind"]?.stringValue ?? "").isEmpty, (m["apiVersion"]?.stringValue ?? "").isEmpty {
                    var d = m.dictionary
                    d["kind"] = .string(itemKind)
                    d["apiVersion"] = .string(listAPIVersion)
                    v = .dict(d)
                }
                return v
            })
        return .dict(out)
    }

    /// A JSON value as apimachinery's unstructured decoding gives it: `map[string]interface {}`,
    /// `[]interface {}`, `int64` for integers, `float64` for other numbers.
    static func value(_ json: JSON) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .number(let text):
            if let i = Int64(text) { return .int64(Int(i)) }
            return .float(Double(text) ?? 0)
        case .array(let a): return .list(a.map(value))
        case .object(let members):
            var d: [String: Value] = [:]
            for (k, v) in members { d[k] = value(v) }
            return .dict(d)
        }
    }
}
