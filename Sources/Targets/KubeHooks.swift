// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import Kube
import ReleaseUtil
import YAMLKit

/// The phase of one hook run: Helm's `release.HookPhase`.
public enum HookPhase: String, Sendable, Equatable {
    /// Not known (Helm's value while a run's outcome is not yet decided).
    case unknown = "Unknown"
    /// Created, not yet finished.
    case running = "Running"
    /// Finished successfully.
    case succeeded = "Succeeded"
    /// Failed (could not be created, failed, or did not finish within the timeout).
    case failed = "Failed"
}

/// One hook's run: Helm's `release.HookExecution`, with the hook it belongs to, for the release record.
public struct HookRun: Sendable, Equatable {
    /// The hook's `metadata.name`.
    public var name: String
    /// Its kind.
    public var kind: String
    /// The template it came from.
    public var path: String
    /// The event it ran for.
    public var event: HookEvent
    /// When it was created on the cluster.
    public var startedAt: Date
    /// When it finished (nil while running).
    public var completedAt: Date?
    /// How it ended.
    public var phase: HookPhase

    /// Creates a record (as read back from a release record).
    public init(name: String, kind: String, path: String, event: HookEvent, startedAt: Date, completedAt: Date?, phase: HookPhase) {
        self.name = name
        self.kind = kind
        self.path = path
        self.event = event
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.phase = phase
    }
}

/// A hook event that failed: which hook, why, and every run up to the failure.
public struct HookError: Error, Sendable, CustomStringConvertible {
    /// The event being run.
    public var event: HookEvent
    /// The failing hook's name (empty when no particular hook failed).
    public var hook: String
    /// Its kind.
    public var kind: String
    /// The whole message: `pre-install hook Job "migrate" in namespace "tenant-acme" failed: …`.
    public var message: String
    /// The runs of this event so far, the failed one last.
    public var runs: [HookRun]
    /// The request's error when a request failed.
    public var kubeError: KubeError?

    public var description: String { message }
}

/// Runs the hooks of one event as Helm's `execHook` does (pkg/action/hooks.go): hooks ordered by weight, then
/// name (stable over the kind order they come in); for each, the `before-hook-creation` policy (the default when
/// a hook names none) deletes a leftover object of that name and waits for it to go; the hook is created and
/// awaited — a Job until it completes, a Pod until it succeeds, any other kind is done once created; the first
/// failure stops the event. Afterwards `hook-succeeded` hooks are deleted (in reverse order) when all
/// succeeded; on a failure the failed hook is deleted if it has `hook-failed`, and the hooks that succeeded
/// before it if they have `hook-succeeded`. CustomResourceDefinitions are never deleted. Unlike Helm, a hook
/// whose pod cannot start (``KubeReadiness/failFastReasons``) fails at once, not at the timeout.
public struct KubeHookRunner: Sendable {
    /// The client hooks are created with.
    public let client: KubeClient
    /// The field manager of server-side apply (and of a plain create).
    public var fieldManager: String
    /// True: hooks are created by server-side apply, as Helm 4 does by default (`--server-side`); false: by
    /// POST, as Helm 3 did (a leftover object of the same name is then a 409).
    public var serverSideApply: Bool
    /// The waiter (its poll intervals).
    public var waiter: KubeWaiter

    /// Makes a runner.
    public init(client: KubeClient, fieldManager: String = "tenantctl", serverSideApply: Bool = true) {
        self.client = client
        self.fieldManager = fieldManager
        self.serverSideApply = serverSideApply
        waiter = KubeWaiter(client: client)
    }

    /// The delete policies Helm knows.
    public enum DeletePolicy {
        /// `before-hook-creation`.
        public static let beforeHookCreation = "before-hook-creation"
        /// `hook-succeeded`.
        public static let hookSucceeded = "hook-succeeded"
        /// `hook-failed`.
        public static let hookFailed = "hook-failed"
    }

    /// The hooks of `hooks` that run for `event`, in Helm's order: weight, then name (Go's byte order), stable.
    public static func ordered(_ hooks: [Hook], for event: HookEvent) -> [Hook] {
        let chosen = hooks.enumerated().filter { $0.element.events.contains(event) }
        return chosen.sorted { a, b in
            if a.element.weight != b.element.weight { return a.element.weight < b.element.weight }
            if a.element.name != b.element.name { return a.element.name.utf8.lexicographicallyPrecedes(b.element.name.utf8) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Runs the hooks of `event` among `hooks`; objects without a namespace go to `namespace`. `timeout` bounds
    /// each hook's wait and each deletion's wait, as Helm's `--timeout` does.
    ///
    /// - Returns: one record per hook run, in run order.
    /// - Throws: ``HookError`` at the first hook that fails (its record is the last of ``HookError/runs``).
    @discardableResult
    public func run(
        _ hooks: [Hook], event: HookEvent, namespace: String, timeout: TimeInterval, progress: (HookRun) -> Void = { _ in }
    ) throws(HookError) -> [HookRun] {
        let executing = Self.ordered(hooks, for: event)
        var runs: [HookRun] = []
        var done: [(Hook, HookObject)] = []
        for hook in executing {
            let target = try resolve(hook, event: event, namespace: namespace, runs: runs)
            let policies = hook.deletePolicies.isEmpty ? [DeletePolicy.beforeHookCreation] : hook.deletePolicies
            if policies.contains(DeletePolicy.beforeHookCreation) {
                try delete(target, hook: hook, event: event, timeout: timeout, runs: runs)
            }
            var record = HookRun(name: hook.name, kind: hook.kind, path: hook.path, event: event, startedAt: Date(), completedAt: nil, phase: .running)
            progress(record)
            do throws(KubeError) {
                if serverSideApply {
                    _ = try client.apply(target.resource, object: target.object, namespace: target.namespace, fieldManager: fieldManager)
                } else {
                    _ = try client.create(target.resource, object: target.object, namespace: target.namespace, fieldManager: fieldManager)
                }
            } catch {
                record.completedAt = Date()
                record.phase = .failed
                progress(record)
                throw HookError(
                    event: event, hook: hook.name, kind: hook.kind,
                    message: "\(event.rawValue) hook \(target.ref) (\(hook.path)) could not be created: \(error)",
                    runs: runs + [record], kubeError: error)
            }
            let outcome: WaitError?
            do throws(WaitError) {
                try waiter.wait(for: [target.ref], mode: .hook, timeout: timeout)
                outcome = nil
            } catch {
                outcome = error
            }
            record.completedAt = Date()
            record.phase = outcome == nil ? .succeeded : .failed
            progress(record)
            runs.append(record)
            if let outcome {
                let why: String
                switch outcome.kind {
                case .failed: why = "failed: \(outcome.reason)"
                case .timedOut: why = "did not complete within \(KubeWaiter.goDuration(timeout)): \(outcome.reason)"
                case .request: why = "could not be read: \(outcome.reason)"
                }
                var error = HookError(
                    event: event, hook: hook.name, kind: hook.kind, message: "\(event.rawValue) hook \(target.ref) \(why)", runs: runs,
                    kubeError: outcome.kubeError)
                // Helm: the failed hook goes if it asks to on failure, then the earlier ones that asked to go on
                // success. A deletion that fails here is noted, the hook's failure stays the error.
                var cleanup: [String] = []
                if policies.contains(DeletePolicy.hookFailed) {
                    do throws(HookError) { try delete(target, hook: hook, event: event, timeout: timeout, runs: runs) } catch { cleanup.append(error.message) }
                }
                for (h, t) in done where h.deletePolicies.contains(DeletePolicy.hookSucceeded) {
                    do throws(HookError) { try delete(t, hook: h, event: event, timeout: timeout, runs: runs) } catch { cleanup.append(error.message) }
                }
                if !cleanup.isEmpty { error.message += "; and then: " + cleanup.joined(separator: "; ") }
                throw error
            }
            done.append((hook, target))
        }
        // Helm deletes the `hook-succeeded` hooks after the whole event succeeded, last hook first.
        for (hook, target) in done.reversed() where hook.deletePolicies.contains(DeletePolicy.hookSucceeded) {
            try delete(target, hook: hook, event: event, timeout: timeout, runs: runs)
        }
        return runs
    }

    // MARK: -

    /// A hook's object, ready to send.
    struct HookObject {
        var ref: KubeObjectRef
        var resource: ResourceRef
        var namespace: String?
        var object: JSON
    }

    private func resolve(_ hook: Hook, event: HookEvent, namespace: String, runs: [HookRun]) throws(HookError) -> HookObject {
        func fail(_ why: String, _ e: KubeError? = nil) -> HookError {
            HookError(
                event: event, hook: hook.name, kind: hook.kind, message: "\(event.rawValue) hook \"\(hook.name)\" (\(hook.path)): \(why)", runs: runs,
                kubeError: e)
        }
        let object: JSON
        do { object = try Self.objectJSON(hook.manifest) } catch { throw fail("cannot read the manifest: \(error)") }
        let apiVersion = object["apiVersion"]?.string ?? ""
        let kind = object["kind"]?.string ?? ""
        let name = object[["metadata", "name"]]?.string ?? ""
        guard !kind.isEmpty, !apiVersion.isEmpty, !name.isEmpty else { throw fail("the manifest lacks apiVersion, kind or metadata.name") }
        let resource: ResourceRef
        do throws(KubeError) { resource = try client.resource(apiVersion: apiVersion, kind: kind) } catch { throw fail("\(error)", error) }
        // Helm's Build: a namespaced object without a namespace goes to the release's namespace.
        let ns = resource.namespaced ? (object[["metadata", "namespace"]]?.string).flatMap { $0.isEmpty ? nil : $0 } ?? namespace : ""
        return HookObject(
            ref: KubeObjectRef(apiVersion: apiVersion, kind: kind, namespace: ns, name: name), resource: resource,
            namespace: resource.namespaced ? ns : nil, object: object)
    }

    /// Deletes a hook's object (background propagation) and waits until it is gone; a missing object is fine.
    private func delete(_ target: HookObject, hook: Hook, event: HookEvent, timeout: TimeInterval, runs: [HookRun]) throws(HookError) {
        // Helm never deletes a CustomResourceDefinition hook: that could garbage-collect every custom resource.
        if target.ref.kind == "CustomResourceDefinition" { return }
        do throws(KubeError) {
            try client.delete(target.resource, name: target.ref.name, namespace: target.namespace, propagationPolicy: .background)
        } catch  where error.isNotFound {
            return
        } catch {
            throw HookError(
                event: event, hook: hook.name, kind: hook.kind, message: "\(event.rawValue) hook \(target.ref) could not be deleted: \(error)", runs: runs,
                kubeError: error)
        }
        do throws(WaitError) { try waiter.waitForDeletion(of: [target.ref], timeout: timeout) } catch {
            throw HookError(
                event: event, hook: hook.name, kind: hook.kind, message: "\(event.rawValue) hook \(target.ref) was not deleted: \(error.message)", runs: runs,
                kubeError: error.kubeError)
        }
    }

    /// A manifest (YAML) as the JSON object the API server takes, decoded as sigs.k8s.io/yaml does (YAML 1.1
    /// scalars). Numbers pass through float64 as in Helm's values, so integers beyond 2^53 would lose precision;
    /// no Kubernetes field a hook sets holds one.
    static func objectJSON(_ manifest: String) throws -> JSON {
        let value = try YAML.load(manifest)
        return try JSON.parse(try GoJSON.marshal(value, escapeHTML: false))
    }
}
