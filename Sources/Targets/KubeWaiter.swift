// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube

/// An object still being waited for, and why.
public struct WaitingObject: Sendable, Equatable, CustomStringConvertible {
    /// The object.
    public var object: KubeObjectRef
    /// What it still lacks (`Ready: 0/1`, `not found`).
    public var reason: String

    /// Creates a record.
    public init(object: KubeObjectRef, reason: String) {
        self.object = object
        self.reason = reason
    }

    /// `Deployment "web" in namespace "tenant-acme": Ready: 0/1`.
    public var description: String { "\(object): \(reason)" }
}

/// Where a wait stands after one round of polls: for a terminal progress line.
public struct WaitProgress: Sendable, Equatable, CustomStringConvertible {
    /// Objects awaited in all.
    public var total: Int
    /// The objects still waiting, in the order they were given.
    public var waiting: [WaitingObject]
    /// Seconds since the wait began.
    public var elapsed: TimeInterval

    /// Objects ready so far.
    public var ready: Int { total - waiting.count }

    /// Creates a report.
    public init(total: Int, waiting: [WaitingObject], elapsed: TimeInterval) {
        self.total = total
        self.waiting = waiting
        self.elapsed = elapsed
    }

    /// One line for a terminal: `3/5 ready; waiting for Deployment "web" in namespace "t": Ready: 0/1 (and 1
    /// more) [12s]`, or `5/5 ready [12s]`.
    public var description: String {
        var line = "\(ready)/\(total) ready"
        if let first = waiting.first {
            line += "; waiting for \(first)"
            if waiting.count > 1 { line += " (and \(waiting.count - 1) more)" }
        }
        return line + " [\(KubeWaiter.goDuration(elapsed.rounded(.down)))]"
    }
}

/// Why a wait ended without every object ready.
public struct WaitError: Error, Sendable, CustomStringConvertible {
    /// How it ended.
    public enum Kind: Sendable, Equatable {
        /// An object can no longer become ready (a failed readiness rule, or a container that cannot start).
        case failed
        /// The timeout passed with objects still waiting (``WaitError/waiting`` lists them).
        case timedOut
        /// A request failed (forbidden, unknown kind, unreachable server).
        case request
    }

    /// How it ended.
    public var kind: Kind
    /// The object that failed, or whose request failed; nil for a timeout.
    public var object: KubeObjectRef?
    /// The whole message.
    public var message: String
    /// Why, without the object's name: the failure (`Progress deadline exceeded`, `pod p: container "c" cannot
    /// start: …`), the first waiting object's reason for a timeout, the server's error for a request.
    public var reason: String
    /// The objects still waiting when the wait ended.
    public var waiting: [WaitingObject]
    /// The request's error, for ``Kind/request``.
    public var kubeError: KubeError?

    /// Creates an error.
    public init(kind: Kind, object: KubeObjectRef?, message: String, reason: String, waiting: [WaitingObject] = [], kubeError: KubeError? = nil) {
        self.kind = kind
        self.object = object
        self.message = message
        self.reason = reason
        self.waiting = waiting
        self.kubeError = kubeError
    }

    public var description: String { message }
}

/// Waits for objects to become ready (``KubeReadiness``) by polling the API server with back-off, failing at
/// the first object that cannot get there — a Deployment past its progress deadline, a pod whose container
/// cannot start — instead of at the timeout.
///
/// Requests: one GET per unfinished object per round; for an unfinished workload also a pod LIST (and a
/// ReplicaSet LIST for a Deployment). A ready object is not fetched again.
public struct KubeWaiter: Sendable {
    /// The client the objects are read with.
    public let client: KubeClient
    /// The first pause between rounds, in seconds.
    public var initialInterval: TimeInterval = 0.5
    /// The longest pause between rounds, in seconds (the pause grows by half each round up to this).
    public var maxInterval: TimeInterval = 2

    /// Makes a waiter.
    public init(client: KubeClient) { self.client = client }

    /// Waits until every object in `objects` is ready by the `--wait` rules (Jobs to completion only with
    /// `waitForJobs`), calling `progress` after every round.
    ///
    /// - Throws: ``WaitError`` `.failed` naming the object (and its pod, container and reason) at the first
    ///   failure; `.timedOut` listing every object still waiting and why; `.request` when the server refuses.
    public func wait(
        for objects: [KubeObjectRef], timeout: TimeInterval, waitForJobs: Bool = false, progress: (WaitProgress) -> Void = { _ in }
    ) throws(WaitError) {
        try wait(for: objects, mode: .wait(waitForJobs: waitForJobs), timeout: timeout, progress: progress)
    }

    /// Waits until every object is ready under `mode` (``ReadinessMode/hook`` for Helm hooks). Objects named
    /// twice are awaited once; a `timeout` of zero or less allows one round.
    public func wait(for objects: [KubeObjectRef], mode: ReadinessMode, timeout: TimeInterval, progress: (WaitProgress) -> Void = { _ in }) throws(WaitError) {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .seconds(timeout)
        var pending = unique(objects)
        let total = pending.count
        var reasons: [KubeObjectRef: String] = [:]
        let inspector = KubePodInspector(client: client)
        var interval = initialInterval
        while true {
            var still: [KubeObjectRef] = []
            for ref in pending {
                let readiness: ObjectReadiness
                var object: JSON?
                do throws(KubeError) {
                    object = try fetch(ref)
                    readiness = object.map { KubeReadiness.readiness(of: $0, mode: mode) } ?? .inProgress("not found")
                } catch {
                    throw WaitError(
                        kind: .request, object: ref, message: "\(ref): \(error)", reason: "\(error)", waiting: waiting(pending, reasons), kubeError: error)
                }
                switch readiness {
                case .current: continue
                case .failed(let why):
                    throw WaitError(kind: .failed, object: ref, message: "\(ref) failed: \(why)", reason: why, waiting: waiting(pending, reasons))
                case .inProgress(let why):
                    reasons[ref] = why
                    still.append(ref)
                }
                // A workload still rolling out: are its pods able to start at all?
                if let object, inspects(object, mode: mode) {
                    let failure: ContainerFailure?
                    do throws(KubeError) { failure = try inspector.failure(of: object) } catch {
                        throw WaitError(
                            kind: .request, object: ref, message: "\(ref): \(error)", reason: "\(error)", waiting: waiting(pending, reasons), kubeError: error)
                    }
                    if let failure {
                        throw WaitError(
                            kind: .failed, object: ref, message: "\(ref): \(failure)", reason: failure.description, waiting: waiting(pending, reasons))
                    }
                }
            }
            pending = still
            let elapsed = clock.now - start
            progress(WaitProgress(total: total, waiting: waiting(pending, reasons), elapsed: elapsed.seconds))
            if pending.isEmpty { return }
            let now = clock.now
            if now >= deadline {
                let list = waiting(pending, reasons)
                let lines = list.map { "\n  \($0)" }.joined()
                throw WaitError(
                    kind: .timedOut, object: nil,
                    message: "timed out after \(Self.goDuration(timeout)) waiting for \(list.count) of \(total) objects to be ready:\(lines)",
                    reason: list.first?.reason ?? "", waiting: list)
            }
            // One last round at the deadline rather than a nap past it.
            let pause = min(Duration.seconds(interval), deadline - now)
            Thread.sleep(forTimeInterval: pause.seconds)
            interval = min(interval * 1.5, maxInterval)
        }
    }

    /// Waits until every object is gone (404), as Helm's `WaitForDelete` after deleting a hook.
    public func waitForDeletion(of objects: [KubeObjectRef], timeout: TimeInterval) throws(WaitError) {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(timeout)
        var pending = unique(objects)
        var interval = min(initialInterval, 0.25)
        while true {
            var still: [KubeObjectRef] = []
            for ref in pending {
                do throws(KubeError) {
                    if try fetch(ref) != nil { still.append(ref) }
                } catch {
                    throw WaitError(kind: .request, object: ref, message: "\(ref): \(error)", reason: "\(error)", kubeError: error)
                }
            }
            pending = still
            if pending.isEmpty { return }
            let now = clock.now
            if now >= deadline {
                let list = pending.map { WaitingObject(object: $0, reason: "still exists") }
                throw WaitError(
                    kind: .timedOut, object: nil,
                    message: "timed out after \(Self.goDuration(timeout)) waiting for \(list.count) objects to be deleted:" + list.map { "\n  \($0)" }.joined(),
                    reason: "still exists", waiting: list)
            }
            Thread.sleep(forTimeInterval: min(Duration.seconds(interval), deadline - now).seconds)
            interval = min(interval * 1.5, maxInterval)
        }
    }

    /// The readiness of one object now (nil: it does not exist), with the pod inspection of a workload: for
    /// `status`.
    public func readiness(of ref: KubeObjectRef, mode: ReadinessMode = .wait(waitForJobs: true)) throws(KubeError) -> ObjectReadiness? {
        guard let object = try fetch(ref) else { return nil }
        let r = KubeReadiness.readiness(of: object, mode: mode)
        if case .inProgress = r, inspects(object, mode: mode), let f = try KubePodInspector(client: client).failure(of: object) {
            return .failed(f.description)
        }
        return r
    }

    // MARK: -

    /// The object, or nil on a 404.
    func fetch(_ ref: KubeObjectRef) throws(KubeError) -> JSON? {
        let resource = try client.resource(apiVersion: ref.apiVersion, kind: ref.kind)
        do {
            return try client.get(resource, name: ref.name, namespace: resource.namespaced ? (ref.namespace.isEmpty ? nil : ref.namespace) : nil)
        } catch  where error.isNotFound {
            return nil
        }
    }

    /// Whether an in-progress object's pods are inspected: workloads whose rollout is observed (the controller
    /// has seen the latest generation), Jobs only when they are awaited.
    func inspects(_ object: JSON, mode: ReadinessMode) -> Bool {
        let kind = object["kind"]?.string ?? ""
        guard KubeReadiness.workloadKinds.contains(kind) else { return false }
        if kind == "Job", mode == .wait(waitForJobs: false) { return false }
        if let g = object[["metadata", "generation"]]?.int, let o = object[["status", "observedGeneration"]]?.int, g != o { return false }
        return true
    }

    private func unique(_ refs: [KubeObjectRef]) -> [KubeObjectRef] {
        var seen = Set<KubeObjectRef>()
        return refs.filter { seen.insert($0).inserted }
    }

    private func waiting(_ refs: [KubeObjectRef], _ reasons: [KubeObjectRef: String]) -> [WaitingObject] {
        refs.map { WaitingObject(object: $0, reason: reasons[$0] ?? "not checked yet") }
    }

    /// A duration as Go's `time.Duration` prints it (`5m0s`, `2s`, `1.5s`, `500ms`), as Helm's messages do.
    public static func goDuration(_ seconds: TimeInterval) -> String {
        if seconds <= 0 { return "0s" }
        if seconds < 1 {
            let ms = (seconds * 1000).rounded()
            return ms == ms.rounded(.down) ? "\(Int(ms))ms" : "\(ms)ms"
        }
        var s = seconds
        var out = ""
        let hours = Int(s / 3600)
        s -= Double(hours) * 3600
        let minutes = Int(s / 60)
        s -= Double(minutes) * 60
        if hours > 0 { out += "\(hours)h" }
        if hours > 0 || minutes > 0 { out += "\(minutes)m" }
        let whole = s.rounded(.down)
        if s == whole {
            out += "\(Int(whole))s"
        } else {
            var frac = String(format: "%.3f", s)
            while frac.hasSuffix("0") { frac.removeLast() }
            out += frac + "s"
        }
        return out
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var seconds: TimeInterval {
        let (s, atto) = components
        return TimeInterval(s) + TimeInterval(atto) / 1e18
    }
}
