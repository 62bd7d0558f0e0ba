// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import ReleaseUtil

/// The Kubernetes target's part in the release lifecycle beyond apply and remove: Helm's hooks around them
/// (``KubeHookRunner``) and `--wait` after them (``KubeWaiter``).
extension KubernetesTarget {
    /// Runs the manifest's hooks for `event` (weight, then name; Helm's delete policies), each awaited up to
    /// `options.timeout`. A failed hook stops the event and is a ``TargetError`` naming the hook and why.
    @discardableResult
    public func runHooks(_ event: HookEvent, tenant: String, namespace: String, manifest: String, options: ApplyOptions) throws(TargetError) -> [HookRun] {
        let hooks = try Self.hooks(in: manifest)
        guard hooks.contains(where: { $0.events.contains(event) }) else { return [] }
        guard !options.dryRun else { return [] }
        do {
            return try KubeHookRunner(client: client, fieldManager: fieldManager).run(hooks, event: event, namespace: namespace, timeout: options.timeout)
        } catch {
            throw TargetError(.hookFailed, error.message)
        }
    }

    /// Waits for the request's objects (hooks aside) by the kstatus rules, failing fast on a pod that cannot start.
    public func waitUntilReady(_ request: ApplyRequest, progress: (WaitProgress) -> Void) throws(TargetError) {
        guard request.options.wait, !request.options.dryRun else { return }
        var objects = try KubeApplyPlan.objects(request.manifest, what: "the manifest")
        try KubeApplyPlan.resolve(&objects, namespace: request.namespace, client: client, what: "the manifest")
        do {
            try KubeWaiter(client: client).wait(
                for: objects.map(\.ref), timeout: request.options.timeout, waitForJobs: request.options.waitForJobs, progress: progress)
        } catch {
            throw TargetError(error.kind == .timedOut ? .timedOut : .notReady, error.message)
        }
    }

    /// Each object's readiness now by the `--wait` rules (Jobs to completion), with the fail-fast pod checks.
    public func readiness(tenant: String, namespace: String, manifest: String) throws(TargetError) -> [ObjectState] {
        var objects = try KubeApplyPlan.objects(manifest, what: "the manifest")
        try KubeApplyPlan.resolve(&objects, namespace: namespace, client: client, what: "the manifest")
        let waiter = KubeWaiter(client: client)
        var out: [ObjectState] = []
        for object in objects {
            let readiness: ObjectReadiness?
            do {
                readiness = try waiter.readiness(of: object.ref)
            } catch {
                throw KubeApplyErrors.targetError(error, object: object.ref, doing: "cannot read")
            }
            switch readiness {
            case nil: out.append(ObjectState(object: object.ref.description, state: "missing"))
            case .current?: out.append(ObjectState(object: object.ref.description, state: "ready"))
            case .inProgress(let why)?: out.append(ObjectState(object: object.ref.description, state: "in progress", reason: why))
            case .failed(let why)?: out.append(ObjectState(object: object.ref.description, state: "failed", reason: why))
            }
        }
        return out
    }

    /// The hooks among the manifest's documents, with the template path of each (its `# Source:` line).
    static func hooks(in manifest: String) throws(TargetError) -> [Hook] {
        var hooks: [Hook] = []
        for document in Manifests.split(manifest) where document.contains(Manifests.hookAnnotation) {
            let path = Manifest.sourceLine(document + "\n") ?? "manifest"
            do {
                hooks += try Manifests.sort(files: [path: document]).hooks
            } catch {
                throw TargetError(.invalidManifest, error.message)
            }
        }
        return hooks
    }
}
