// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import GoTemplate
import ProcessSupport
import _CryptoExtras

/// RSA-2048 keys generated ahead of the templates that ask for them.
///
/// `genCA`, `genSelfSignedCert` and `genSignedCert` each make a fresh 2048-bit RSA key, and making one costs
/// milliseconds of random-length prime search — most of a render that calls them. Once a chart's templates
/// are parsed, the pool knows how many call sites they have; keys are made only when a call is reached (a
/// chart whose TLS templates are switched off makes none). The first call then starts makers on every core:
/// one for itself, the others for the call sites still ahead. It takes the first key done (prime search
/// takes a random time, so the first of two is much sooner than one) and the rest wait for the next calls.
/// A key made a moment earlier on another core is exactly as random and as fresh as one made at the call.
/// Keys never leave the process.
public final class RSAKeyPool: @unchecked Sendable {
    /// The process's pool.
    public static let shared = RSAKeyPool()

    /// The functions that make a 2048-bit key on each call.
    static let generatingFunctions: Set<String> = ["genCA", "genSelfSignedCert", "genSignedCert"]

    private let condition = NSCondition()
    private var ready: [_RSA.Signing.PrivateKey] = []
    private var inFlight = 0
    /// Call sites of key-making functions not yet reached (of the last template set announced).
    private var sitesAhead = 0

    /// Records how many calls of key-making functions a parsed template set has (each call site once); the
    /// first call reached starts keys for those still ahead.
    public func expect(for set: TemplateSet) {
        let sites = set.callSites(of: Self.generatingFunctions)
        condition.lock()
        sitesAhead = sites
        condition.unlock()
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
        guard count > 0 else { return }
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
