// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

/// What Helm's `lookup` asks of a live cluster (pkg/engine/lookup_func.go). Implemented over a Kubernetes
/// client above this layer (Actions' `KubeLookup`); without one, `lookup` answers every call with an empty map,
/// as `helm template` and `--dry-run=client` do.
public protocol ClusterLookup: Sendable {
    /// `lookup apiVersion kind namespace name`: the object as Helm's unstructured map, the list (a map with
    /// `items`) when `name` is empty, an empty map when the server answers 404. Failures throw with Helm's text
    /// (the template executor adds `error calling lookup: `).
    func lookup(apiVersion: String, kind: String, namespace: String, name: String) throws(GoError) -> Value
}

extension FunctionLibrary {
    /// Helm's function table with `lookup` bound to a live cluster, as Helm's `engine.New(restConfig)` gives
    /// it (a copy per render: the shared `helm` table keeps the empty `lookup`).
    public static func helm(lookup cluster: any ClusterLookup) -> FunctionTable {
        var t = helm
        t.register(
            "lookup",
            GoFunction([.string, .string, .string, .string]) { a throws(GoError) in
                try cluster.lookup(
                    apiVersion: a[0].stringValue ?? "", kind: a[1].stringValue ?? "", namespace: a[2].stringValue ?? "",
                    name: a[3].stringValue ?? "")
            })
        return t
    }
}
