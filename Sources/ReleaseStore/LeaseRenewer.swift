// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// Keeps a lease alive while an operation runs: renews it every third of its lifetime on a thread of its own,
/// until ``stop()``. A renewal that finds the lease gone (the process was paused past the lease and another
/// one took over) stops renewing and remembers why (``lost``); the holder's next fenced write fails anyway
/// (``ReleaseDriver/commit(_:fence:)``), so nothing depends on noticing it here first.
public final class LeaseRenewer: @unchecked Sendable {
    // @unchecked: `stopped`, `lostError` and `finished` are read and written only under `condition`.
    private let condition = NSCondition()
    private var stopped = false
    private var finished = false
    private var lostError: StoreError?
    private let storage: Storage
    private let token: LeaseToken
    private let interval: TimeInterval

    /// Starts renewing `token` through `storage` every `interval` seconds (default: a third of the lease's TTL).
    public init(storage: Storage, token: LeaseToken, interval: TimeInterval? = nil) {
        self.storage = storage
        self.token = token
        self.interval = max(0.05, interval ?? storage.leasePolicy.ttl / 3)
        Thread.detachNewThread { [self] in loop() }
    }

    /// The error of the renewal that found the lease lost, or nil.
    public var lost: StoreError? {
        condition.lock()
        defer { condition.unlock() }
        return lostError
    }

    /// Stops renewing and waits until no renewal is under way, so that the lease can then be released without
    /// a late renewal racing the release.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        condition.lock()
        var current = token
        while !stopped {
            if condition.wait(until: Date().addingTimeInterval(interval)) || stopped { continue }
            condition.unlock()
            var failure: StoreError?
            do {
                current = try storage.renewLease(current)
            } catch {
                failure = error
            }
            condition.lock()
            if let failure, failure.code == .leaseLost {
                lostError = failure
                break
            }
            // Another failure (a busy database) is retried at the next tick; the lease may still be ours.
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
