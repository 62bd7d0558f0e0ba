// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import GoTemplate
import ProcessSupport
import _CryptoExtras

extension GoFunction.Effects {
    /// Makes a fresh 2048-bit RSA key on each call (Sprig's `genCA`, `genSelfSignedCert`, `genSignedCert`):
    /// a render's `RSAKeyPool` counts these call sites and makes their keys ahead.
    public static let makesRSAKey = GoFunction.Effects(rawValue: 1 << 16)
}

/// RSA-2048 keys generated ahead of the templates of one parsed template set that ask for them.
///
/// Functions with the `makesRSAKey` effect each make a fresh 2048-bit RSA key, and making one costs tens of
/// milliseconds of random-length prime search — most of a render that calls them. The pool of a parsed set
/// knows how many call sites its templates have; keys are made only when a call is reached (a chart whose
/// TLS templates are switched off makes none). The first call then starts makers on every core: one for
/// itself, the others for the call sites still ahead. It takes the first key done (prime search takes a
/// random time, so the first of two is much sooner than one) and the rest wait for the next calls. A key
/// made a moment earlier on another core is exactly as random and as fresh as one made at the call.
///
/// The pool belongs to its template set's renders (functions reach it through `RenderState.keys`): no
/// process-wide state, and keys never leave the process; a key not taken goes with the pool.
public final class RSAKeyPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [_RSA.Signing.PrivateKey] = []
    private var inFlight = 0
    /// Call sites of key-making functions not yet reached.
    private var sitesAhead: Int

    /// A pool for the renders of `set`: one key ahead for each call site of a function that makes one.
    public init(for set: TemplateSet) {
        sitesAhead = set.callSites(with: .makesRSAKey)
    }

    /// How many call sites of key-making functions the set had, less those reached.
    public var expectedCalls: Int {
        condition.lock()
        defer { condition.unlock() }
        return sitesAhead
    }

    /// A 2048-bit key: a finished one if there is one, else the first key done. Makers start on the free
    /// cores: when no key is ready, one for this call and one racing it; and one for each call site still
    /// ahead that no finished key covers.
    func take() throws -> _RSA.Signing.PrivateKey {
        condition.lock()
        sitesAhead = max(sitesAhead - 1, 0)
        let own = ready.isEmpty ? 2 : 0
        let spare = max(ready.count - 1, 0)
        let wanted = min(own + max(sitesAhead - spare, 0), Parallel.processorCount) - inFlight
        if wanted > 0 {
            inFlight += wanted
            condition.unlock()
            start(wanted)
            condition.lock()
        }
        while ready.isEmpty && inFlight > 0 { condition.wait() }
        let key = ready.popLast()
        condition.unlock()
        if let key { return key }
        // Every maker failed (no randomness?): make one here, and report its error.
        return try FreshRSAKey.make(bits: 2048)
    }

    private func start(_ count: Int) {
        for _ in 0..<count {
            Parallel.detach { [self] in
                let key = try? FreshRSAKey.make(bits: 2048)
                condition.lock()
                inFlight -= 1
                if let key { ready.append(key) }
                condition.broadcast()
                condition.unlock()
            }
        }
    }
}
