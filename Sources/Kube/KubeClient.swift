// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Synchronization

/// A resource the API serves: group, version, plural name and scope (from discovery, or written down).
public struct ResourceRef: Sendable, Hashable, CustomStringConvertible {
    /// `""` for the core group.
    public var group: String
    public var version: String
    /// The plural resource name (`deployments`), optionally with a subresource (`pods/status`).
    public var resource: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, resource: String, kind: String = "", namespaced: Bool) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `apps/v1` or `v1`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `deployments.apps`, or `pods` for the core group — as the server names resources in its messages.
    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// The same resource's subresource (`status`, `scale`).
    public func subresource(_ sub: String) -> ResourceRef {
        var r = self
        r.resource += "/" + sub
        return r
    }

    /// `/api/v1` or `/apis/apps/v1`.
    var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }
}

/// Options of a ``KubeClient``.
public struct KubeClientOptions: Sendable {
    /// Requests per second after the burst (client-go's default is 5; kubectl raises it to 50, which we take).
    public var qps: Double = 50
    /// Requests allowed at once before `qps` applies (kubectl: 300 for discovery, client-go: 10; 100 here).
    public var burst: Int = 100
    /// Seconds to wait for a TCP/TLS connection.
    public var connectTimeout: Double = 10
    /// Seconds for a whole request (a watch or poll sets its own).
    public var requestTimeout: Double = 60
    /// Attempts after the first for idempotent requests (429, 5xx, connection resets).
    public var maxRetries: Int = 4
    /// First back-off in seconds (doubled each attempt, capped at 10 s; `Retry-After` wins when sent).
    public var backoff: Double = 0.2
    /// `User-Agent` sent with every request.
    public var userAgent: String = "tenantctl"
    /// Where discovery is cached between commands (`<dir>/<host_port>/discovery.json`); nil: memory only.
    public var discoveryCacheDirectory: String?
    /// How long a discovery cache file stays fresh.
    public var discoveryCacheTTL: Double = 600

    public init() {}
}

/// One page of a list.
public struct ObjectList: Sendable {
    public var items: [JSON]
    /// The list's resourceVersion (start a watch from here).
    public var resourceVersion: String
    /// The `continue` token of the next page, empty on the last.
    public var continueToken: String
}

/// Patch content types the API server accepts.
public enum PatchType: String, Sendable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategicMerge = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"
}

/// `propagationPolicy` of a delete.
public enum PropagationPolicy: String, Sendable {
    case background = "Background"
    case foreground = "Foreground"
    case orphan = "Orphan"
}

/// A Kubernetes API client for one cluster and user: requests through libcurl (connection reuse, HTTP/2,
/// timeouts, retries with back-off, a client-side rate limit), discovery cached for the client's life and on
/// disk, API errors as ``KubeError``. Thread-safe; make one per command.
public final class KubeClient: Sendable {
    public let access: ClusterAccess
    public let options: KubeClientOptions
    let transport: CurlTransport
    let credentials: Credentials
    let limiter: RateLimiter
    private let counter = Atomic<Int>(0)
    private let discovered = Mutex<Discovery?>(nil)

    /// Makes a client. Fails when an exec plugin named by the kubeconfig fails (it runs once here when it may
    /// supply a client certificate).
    public init(access: ClusterAccess, options: KubeClientOptions = KubeClientOptions()) throws(KubeError) {
        self.access = access
        self.options = options
        credentials = Credentials(access: access)
        var cert = access.clientCertificate
        var key = access.clientKey
        if access.exec != nil, let c = try credentials.execClientCertificate(server: access.server) {
            cert = c.cert
            key = c.key
        }
        transport = CurlTransport(
            server: access.server,
            settings: .init(
                caPEM: access.certificateAuthority, certPEM: cert, keyPEM: key, insecure: access.insecureSkipTLSVerify, tlsServerName: access.tlsServerName,
                connectTimeout: options.connectTimeout, requestTimeout: options.requestTimeout))
        limiter = RateLimiter(qps: options.qps, burst: options.burst)
    }

    /// Loads the kubeconfig (`explicitPath` or `KUBECONFIG` or `~/.kube/config`) and makes a client for
    /// `context` (default: the current one).
    public convenience init(
        kubeconfig explicitPath: String? = nil, context: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        options: KubeClientOptions = KubeClientOptions()
    ) throws(KubeError) {
        let access: ClusterAccess
        do { access = try KubeConfig.load(explicitPath: explicitPath, environment: environment).access(context: context) } catch {
            throw KubeError(kind: .other, message: error.description, verb: "configure", server: "")
        }
        try self.init(access: access, options: options)
    }

    /// The server URL.
    public var server: String { access.server }
    /// The namespace of the kubeconfig context.
    public var namespace: String { access.namespace }
    /// HTTP requests sent so far (retries included).
    public var requestCount: Int { counter.load(ordering: .relaxed) }

    // MARK: requests

    /// What a request is, for its error message.
    struct Op {
        var verb: String
        var resource: String = ""
        var name: String = ""
        var namespace: String = ""
        var idempotent: Bool
    }

    /// Sends one request with retries, authentication and the rate limit; returns the body of a 2xx answer.
    func send(
        _ method: String, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil, contentType: String? = nil, op: Op, timeout: Double? = nil,
        accept: String = "application/json"
    ) throws(KubeError) -> [UInt8] {
        var pathAndQuery = path
        if !query.isEmpty { pathAndQuery += "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&") }
        var attempt = 0
        var reauthenticated = false
        while true {
            limiter.acquire()
            var headers = ["Accept: \(accept)", "User-Agent: \(options.userAgent)"]
            if let contentType { headers.append("Content-Type: \(contentType)") }
            if let a = try credentials.authorizationHeader(server: server) { headers.append(a) }
            counter.add(1, ordering: .relaxed)
            let response: HTTPResponse
            do {
                response = try transport.perform(method: method, pathAndQuery: pathAndQuery, headers: headers, body: body, timeout: timeout)
            } catch {
                // A dropped connection is retried for idempotent requests; an unreachable server is not (the
                // caller hears of it within the connect timeout).
                let retryable = error.kind == .reset && op.idempotent
                if retryable && attempt < options.maxRetries {
                    Thread.sleep(forTimeInterval: delay(attempt, retryAfter: nil))
                    attempt += 1
                    continue
                }
                throw transportError(error, op)
            }
            if (200..<300).contains(response.status) { return response.body }
            if response.status == 401, !reauthenticated, credentials.invalidate() {
                // client-go's exec authenticator: a 401 drops the cached credential and the plugin runs again.
                reauthenticated = true
                continue
            }
            let retryStatus = response.status == 429 || response.status == 500 || response.status == 502 || response.status == 503 || response.status == 504
            // A 429 was refused before any work was done, so any verb may be sent again (client-go does too).
            if retryStatus && (op.idempotent || response.status == 429) && attempt < options.maxRetries {
                Thread.sleep(forTimeInterval: delay(attempt, retryAfter: response.retryAfter))
                attempt += 1
                continue
            }
            throw apiError(response, op)
        }
    }

    private func delay(_ attempt: Int, retryAfter: Double?) -> Double {
        if let r = retryAfter, r >= 0 { return min(r, 30) }
        let base = min(options.backoff * Double(1 << min(attempt, 10)), 10)
        return base * Double.random(in: 0.8...1.2)
    }

    private func transportError(_ f: TransportFailure, _ op: Op) -> KubeError {
        let kind: KubeError.Kind
        switch f.kind {
        case .unreachable: kind = .unreachable
        case .timeout: kind = f.beforeSend ? .unreachable : .timeout
        case .tlsUnknownAuthority: kind = .tlsUnknownAuthority
        case .tlsServerName: kind = .tlsServerName
        case .tls: kind = .tls
        case .reset: kind = .connectionReset
        case .other: kind = .other
        }
        return KubeError(kind: kind, message: f.detail, verb: op.verb, resource: op.resource, name: op.name, namespace: op.namespace, server: server)
    }

    private func apiError(_ r: HTTPResponse, _ op: Op) -> KubeError {
        var e = KubeError(
            kind: .api, status: r.status, message: "", verb: op.verb, resource: op.resource, name: op.name, namespace: op.namespace, server: server)
        if let status = try? JSON.parse(r.body), status["kind"]?.string == "Status" {
            e.reason = status["reason"]?.string ?? ""
            e.message = status["message"]?.string ?? ""
            for c in status[["details", "causes"]]?.array ?? [] {
                e.causes.append(.init(field: c["field"]?.string ?? "", reason: c["reason"]?.string ?? "", message: c["message"]?.string ?? ""))
            }
        } else {
            let text = String(decoding: r.body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            e.message = text.isEmpty ? "HTTP \(r.status)" : text
        }
        if r.status == 401 {
            // The server says only `Unauthorized`; name whose credentials it refused (never the credential).
            e.message +=
                "; the server did not accept the credentials of user \"\(access.userName)\" (context \"\(access.contextName)\""
                + (access.origin.isEmpty ? "" : " in \(access.origin)") + ")"
        }
        if r.status == 403, e.message.trimmingCharacters(in: .whitespaces).hasSuffix("is forbidden:") {
            // kube-apiserver (1.20 and later) answers a server-side apply that would create the object, from a
            // user who may patch but not create it, with an empty reason after `is forbidden:`.
            e.message +=
                op.verb == "apply"
                ? "the server gave no reason: creating an object by server-side apply needs the verb \"create\" as well as \"patch\""
                    + " on \"\(op.resource)\"\(op.namespace.isEmpty ? "" : " in namespace \"\(op.namespace)\"") (kubeconfig user \"\(access.userName)\")"
                : "the server gave no reason (kubeconfig user \"\(access.userName)\", verb \"\(op.verb)\" on \"\(op.resource)\")"
        }
        return e
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    private func decode(_ bytes: [UInt8], _ op: Op) throws(KubeError) -> JSON {
        do { return try JSON.parse(bytes) } catch {
            throw KubeError(kind: .decode, message: "the response is not JSON: \(error)", verb: op.verb, resource: op.resource, name: op.name, server: server)
        }
    }

    /// GETs a path (`/version`, `/apis`) and decodes it.
    public func getJSON(_ path: String, verb: String = "get") throws(KubeError) -> JSON {
        let op = Op(verb: verb, resource: path, idempotent: true)
        return try decode(try send("GET", path, op: op), op)
    }

    private func path(_ r: ResourceRef, namespace: String?, name: String?) throws(KubeError) -> String {
        var p = r.groupVersionPath
        let parts = r.resource.split(separator: "/", maxSplits: 1).map(String.init)
        if r.namespaced {
            let ns = namespace ?? self.namespace
            p += "/namespaces/\(Self.escape(ns))"
        }
        p += "/" + parts[0]
        if let name { p += "/" + Self.escape(name) }
        if parts.count > 1 {
            guard name != nil else {
                throw KubeError(kind: .other, message: "a subresource needs an object name", verb: "request", resource: r.description, server: server)
            }
            p += "/" + parts[1]
        }
        return p
    }

    private func op(_ verb: String, _ r: ResourceRef, _ name: String, _ namespace: String?, idempotent: Bool) -> Op {
        Op(verb: verb, resource: r.description, name: name, namespace: r.namespaced ? (namespace ?? self.namespace) : "", idempotent: idempotent)
    }

    /// GETs one object.
    public func get(_ r: ResourceRef, name: String, namespace: String? = nil) throws(KubeError) -> JSON {
        let o = op("get", r, name, namespace, idempotent: true)
        return try decode(try send("GET", try path(r, namespace: namespace, name: name), op: o), o)
    }

    /// Lists one page of objects (`namespace` nil: the client's namespace; "" for all namespaces of a
    /// namespaced resource).
    public func list(
        _ r: ResourceRef, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil
    ) throws(KubeError) -> ObjectList {
        var q: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { q.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { q.append(("fieldSelector", fieldSelector)) }
        if let limit { q.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { q.append(("continue", continueToken)) }
        var ref = r
        if namespace == "" { ref.namespaced = false }
        let o = op("list", r, "", namespace == "" ? nil : namespace, idempotent: true)
        let body = try decode(try send("GET", try path(ref, namespace: namespace, name: nil), query: q, op: o), o)
        return ObjectList(
            items: body["items"]?.array ?? [], resourceVersion: body[["metadata", "resourceVersion"]]?.string ?? "",
            continueToken: body[["metadata", "continue"]]?.string ?? "")
    }

    /// Lists every object, following `continue` tokens page by page (`pageSize` per request).
    public func listAll(_ r: ResourceRef, namespace: String? = nil, labelSelector: String? = nil, pageSize: Int = 500) throws(KubeError) -> [JSON] {
        var items: [JSON] = []
        var token = ""
        repeat {
            let page = try list(r, namespace: namespace, labelSelector: labelSelector, limit: pageSize, continueToken: token)
            items += page.items
            token = page.continueToken
        } while !token.isEmpty
        return items
    }

    /// Lists every object's metadata only (`PartialObjectMetadataList`, meta.k8s.io/v1: no `spec`, `data` or
    /// `status` is sent), following `continue` tokens: labels and names of many objects for the price of their
    /// metadata. Each item is `{"kind":"PartialObjectMetadata","metadata":{…}}`.
    public func listAllMetadata(_ r: ResourceRef, namespace: String? = nil, labelSelector: String? = nil, pageSize: Int = 2000) throws(KubeError) -> [JSON] {
        var items: [JSON] = []
        var token = ""
        var ref = r
        if namespace == "" { ref.namespaced = false }
        let o = op("list", r, "", namespace == "" ? nil : namespace, idempotent: true)
        repeat {
            var q: [(String, String)] = []
            if let labelSelector, !labelSelector.isEmpty { q.append(("labelSelector", labelSelector)) }
            q.append(("limit", String(pageSize)))
            if !token.isEmpty { q.append(("continue", token)) }
            let body = try decode(
                try send(
                    "GET", try path(ref, namespace: namespace, name: nil), query: q, op: o,
                    accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1, application/json"), o)
            items += body["items"]?.array ?? []
            token = body[["metadata", "continue"]]?.string ?? ""
        } while !token.isEmpty
        return items
    }

    private func dryRunQuery(_ dryRun: Bool, _ q: inout [(String, String)]) { if dryRun { q.append(("dryRun", "All")) } }

    /// POSTs a new object; its namespace is `namespace`, else the object's, else the client's.
    public func create(_ r: ResourceRef, object: JSON, namespace: String? = nil, fieldManager: String? = nil, dryRun: Bool = false) throws(KubeError) -> JSON {
        let ns = namespace ?? object[["metadata", "namespace"]]?.string
        var q: [(String, String)] = []
        dryRunQuery(dryRun, &q)
        if let fieldManager { q.append(("fieldManager", fieldManager)) }
        let o = op("create", r, object[["metadata", "name"]]?.string ?? "", ns, idempotent: false)
        let body = try send("POST", try path(r, namespace: ns, name: nil), query: q, body: Array(object.text.utf8), contentType: "application/json", op: o)
        return try decode(body, o)
    }

    /// PUTs an object. With `metadata.resourceVersion` set the server refuses a stale copy with a 409
    /// Conflict (optimistic concurrency: the Lease-based locks rely on it).
    public func update(_ r: ResourceRef, object: JSON, namespace: String? = nil, fieldManager: String? = nil, dryRun: Bool = false) throws(KubeError) -> JSON {
        let ns = namespace ?? object[["metadata", "namespace"]]?.string
        let name = object[["metadata", "name"]]?.string ?? ""
        var q: [(String, String)] = []
        dryRunQuery(dryRun, &q)
        if let fieldManager { q.append(("fieldManager", fieldManager)) }
        let o = op("update", r, name, ns, idempotent: false)
        let body = try send("PUT", try path(r, namespace: ns, name: name), query: q, body: Array(object.text.utf8), contentType: "application/json", op: o)
        return try decode(body, o)
    }

    /// PATCHes an object (`r` may name a subresource: `pods/status`). JSON and merge patches are sent as
    /// given; ``PatchType/apply`` is server-side apply (JSON is YAML).
    public func patch(
        _ r: ResourceRef, name: String, namespace: String? = nil, type: PatchType, patch: JSON, fieldManager: String? = nil, force: Bool = false,
        dryRun: Bool = false
    ) throws(KubeError) -> JSON {
        var q: [(String, String)] = []
        dryRunQuery(dryRun, &q)
        if let fieldManager { q.append(("fieldManager", fieldManager)) }
        if force { q.append(("force", "true")) }
        // Server-side apply is idempotent (the same intent gives the same object), so it may be retried.
        let o = op(type == .apply ? "apply" : "patch", r, name, namespace, idempotent: type == .apply)
        let body = try send(
            "PATCH", try path(r, namespace: namespace, name: name), query: q, body: Array(patch.text.utf8), contentType: type.rawValue, op: o)
        return try decode(body, o)
    }

    /// Server-side apply (`PATCH application/apply-patch+yaml`, `fieldManager`, `force` to take over fields
    /// another manager owns, `dryRun=All`). The object's name and namespace come from its metadata unless given.
    public func apply(_ r: ResourceRef, object: JSON, namespace: String? = nil, fieldManager: String, force: Bool = false, dryRun: Bool = false)
        throws(KubeError) -> JSON
    {
        let name = object[["metadata", "name"]]?.string ?? ""
        return try patch(
            r, name: name, namespace: namespace ?? object[["metadata", "namespace"]]?.string, type: .apply, patch: object, fieldManager: fieldManager,
            force: force, dryRun: dryRun)
    }

    /// DELETEs an object; returns the server's answer (the object while finalizers run, or a Status).
    @discardableResult
    public func delete(
        _ r: ResourceRef, name: String, namespace: String? = nil, propagationPolicy: PropagationPolicy? = nil, resourceVersion: String? = nil,
        dryRun: Bool = false
    ) throws(KubeError) -> JSON {
        var opts: [(String, JSON)] = [("kind", .string("DeleteOptions")), ("apiVersion", .string("v1"))]
        if let propagationPolicy { opts.append(("propagationPolicy", .string(propagationPolicy.rawValue))) }
        if let resourceVersion { opts.append(("preconditions", .object([("resourceVersion", .string(resourceVersion))]))) }
        if dryRun { opts.append(("dryRun", .array([.string("All")]))) }
        let o = op("delete", r, name, namespace, idempotent: resourceVersion == nil)
        let body = try send(
            "DELETE", try path(r, namespace: namespace, name: name), body: Array(JSON.object(opts).text.utf8), contentType: "application/json", op: o)
        return try decode(body, o)
    }

    /// Polls `get` every `interval` seconds until `condition` holds for the object (nil while it does not
    /// exist), returning the last object seen; fails with a `timeout` KubeError after `timeout` seconds.
    @discardableResult
    public func poll(
        _ r: ResourceRef, name: String, namespace: String? = nil, interval: Double = 0.5, timeout: Double, until condition: (JSON?) -> Bool
    ) throws(KubeError) -> JSON? {
        let deadline = RateLimiter.now() + timeout
        while true {
            var current: JSON?
            do { current = try get(r, name: name, namespace: namespace) } catch  where error.isNotFound { current = nil }
            if condition(current) { return current }
            if RateLimiter.now() + interval > deadline {
                throw KubeError(
                    kind: .timeout, message: "condition not met within \(timeout) s", verb: "wait", resource: r.description, name: name,
                    namespace: r.namespaced ? (namespace ?? self.namespace) : "", server: server)
            }
            Thread.sleep(forTimeInterval: interval)
        }
    }

    // MARK: discovery

    /// The server's API surface, fetched once per client (and read from the disk cache when fresh).
    public func discovery() throws(KubeError) -> Discovery {
        if let d = discovered.withLock({ $0 }) { return d }
        let d = try Discovery.load(client: self)
        discovered.withLock { $0 = d }
        return d
    }

    /// Drops the discovery of this client and its disk cache (after a CRD is installed, say).
    public func invalidateDiscovery() {
        discovered.withLock { $0 = nil }
        if let f = Discovery.cacheFile(options.discoveryCacheDirectory, server: server) { try? FileManager.default.removeItem(atPath: f) }
    }

    /// The resource serving `kind` in `apiVersion` (`apps/v1`, `Deployment`), from discovery.
    public func resource(apiVersion: String, kind: String) throws(KubeError) -> ResourceRef {
        guard let r = try discovery().resource(apiVersion: apiVersion, kind: kind) else {
            throw KubeError(
                kind: .api, status: 404, reason: "NotFound", message: "no matches for kind \"\(kind)\" in version \"\(apiVersion)\"", verb: "discover",
                resource: apiVersion, server: server)
        }
        return r
    }
}
