// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0

/// A failed Kubernetes request: what we were doing, and what the server (or the network) said.
///
/// For an API error the server's `Status` object is kept as sent: ``reason`` (`Forbidden`, `Conflict`,
/// `Invalid` …), ``message`` in the server's words (a 403 names the user, verb and resource there:
/// `namespaces is forbidden: User "nobody" cannot list resource "namespaces" …`) and ``causes`` (the field
/// paths of a 422). Transport failures carry a ``Kind`` and libcurl's detail. Never holds a credential.
public struct KubeError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, coarsely.
    public enum Kind: Sendable, Equatable {
        /// The server answered with an HTTP error status.
        case api
        /// Nothing answered within the connect timeout (refused, unresolvable, unroutable).
        case unreachable
        /// The request took longer than the request timeout.
        case timeout
        /// The server's certificate is not signed by the cluster CA (or no CA was given).
        case tlsUnknownAuthority
        /// The server's certificate does not name the host (or `tls-server-name`).
        case tlsServerName
        /// Another TLS failure (handshake, client certificate refused, bad PEM).
        case tls
        /// The connection dropped during the exchange.
        case connectionReset
        /// The credential plugin (`exec`) failed or printed something unusable.
        case credentials
        /// The response could not be read (not JSON, not the expected shape).
        case decode
        /// Anything else (an invalid argument, a kubeconfig problem surfaced at request time).
        case other
    }

    /// A field-level cause of a 422 (`spec.replicas`: `Invalid value: -3: …`).
    public struct Cause: Sendable, Equatable {
        public var field: String
        public var reason: String
        public var message: String
    }

    public var kind: Kind
    /// The HTTP status (0 for transport failures).
    public var status: Int
    /// The Status object's `reason` (`Forbidden`, `NotFound`, `Conflict`, `Invalid`, `AlreadyExists` …).
    public var reason: String
    /// The server's message as sent, or the transport's detail.
    public var message: String
    /// `details.causes` of the Status object.
    public var causes: [Cause]
    /// The verb (`get`, `list`, `create`, `update`, `patch`, `apply`, `delete`, `discover`).
    public var verb: String
    /// The resource (`deployments`, `deployments.apps`, `pods/status`); empty for discovery paths.
    public var resource: String
    public var name: String
    public var namespace: String
    /// The server URL.
    public var server: String

    /// Creates an error.
    public init(
        kind: Kind, status: Int = 0, reason: String = "", message: String, causes: [Cause] = [], verb: String, resource: String = "", name: String = "",
        namespace: String = "", server: String
    ) {
        self.kind = kind
        self.status = status
        self.reason = reason
        self.message = message
        self.causes = causes
        self.verb = verb
        self.resource = resource
        self.name = name
        self.namespace = namespace
        self.server = server
    }

    /// True for a 404.
    public var isNotFound: Bool { status == 404 }
    /// True for a 409 (an update on a stale resourceVersion, a create of an existing object, an apply conflict).
    public var isConflict: Bool { status == 409 }
    /// True for a 409 `AlreadyExists`.
    public var isAlreadyExists: Bool { status == 409 && reason == "AlreadyExists" }

    /// `<verb> <resource> "<name>" in namespace "<ns>" on <server>: <what happened>`.
    public var description: String {
        // Not a request (the kubeconfig itself: a missing context, malformed YAML): the message names the file.
        if server.isEmpty, resource.isEmpty, name.isEmpty, kind == .other { return message }
        var what = verb
        if !resource.isEmpty { what += " " + resource }
        if !name.isEmpty { what += " \"\(name)\"" }
        if !namespace.isEmpty { what += " in namespace \"\(namespace)\"" }
        if !server.isEmpty { what += " on \(server)" }
        switch kind {
        case .api: return "\(what): \(message.isEmpty ? "HTTP \(status)" : message) (HTTP \(status)\(reason.isEmpty ? "" : " " + reason))"
        case .unreachable: return "\(what): the server is unreachable: \(message)"
        case .timeout: return "\(what): timed out: \(message)"
        case .tlsUnknownAuthority: return "\(what): TLS: the server's certificate is not signed by a trusted CA (certificate-authority): \(message)"
        case .tlsServerName: return "\(what): TLS: the server's certificate does not match the server name (tls-server-name): \(message)"
        case .tls: return "\(what): TLS: \(message)"
        case .connectionReset: return "\(what): the connection was reset: \(message)"
        case .credentials, .decode, .other: return "\(what): \(message)"
        }
    }
}
