// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0

/// One Kubernetes object's identity, as the Kubernetes target applies, waits for and deletes it.
public struct KubeObjectRef: Sendable, Hashable, CustomStringConvertible {
    /// `apps/v1`, `v1`.
    public var apiVersion: String
    /// `Deployment`.
    public var kind: String
    /// The namespace; empty for a cluster-scoped object.
    public var namespace: String
    /// `metadata.name`.
    public var name: String

    /// Creates a reference.
    public init(apiVersion: String, kind: String, namespace: String, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// The API group (`apps`; empty for the core group).
    public var group: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// `Deployment "web" in namespace "tenant-acme"`, or `Namespace "tenant-acme"`: Helm's way of naming an object in messages.
    public var description: String {
        namespace.isEmpty ? "\(kind) \"\(name)\"" : "\(kind) \"\(name)\" in namespace \"\(namespace)\""
    }
}
