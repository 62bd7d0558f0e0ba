// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Synchronization

/// A token bucket (client-go's `flowcontrol.NewTokenBucketRateLimiter`): up to `burst` requests at once, then
/// `qps` per second. Thread-safe; ``acquire()`` sleeps the calling thread until a token is free.
final class RateLimiter: Sendable {
    private struct State {
        var tokens: Double
        var last: Double
    }
    let qps: Double
    let burst: Double
    private let state: Mutex<State>

    init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = Double(max(1, burst))
        state = Mutex(State(tokens: Double(max(1, burst)), last: Self.now()))
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Takes a token, waiting as long as needed; returns the seconds waited. A qps ≤ 0 means no limit.
    @discardableResult
    func acquire() -> Double {
        guard qps > 0 else { return 0 }
        let wait = state.withLock { s -> Double in
            let t = Self.now()
            s.tokens = min(burst, s.tokens + (t - s.last) * qps)
            s.last = t
            s.tokens -= 1  // reserve now; a negative balance is the queue ahead of us
            return s.tokens >= 0 ? 0 : -s.tokens / qps
        }
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        return wait
    }
}
