import Foundation
import GoRuntime
import GoTemplate
import _CryptoExtras

/// RSA-2048 keys generated ahead of the templates that ask for them.
///
/// `genCA`, `genSelfSignedCert` and `genSignedCert` each make a fresh 2048-bit RSA key, and making one costs
/// tens of milliseconds of random-length prime search — most of a render that calls them. A key made a moment
/// earlier on another core is exactly as random and as fresh as one made at the call, so once a chart's
/// templates are parsed the renderer starts keys for their call sites on the cores the render does not use,
/// while the render goes on. A call takes a finished key, or starts one more maker and takes the first key
/// done (prime search takes a random time, so the first of two is much sooner than one). Keys never leave
/// the process.
public final class RSAKeyPool: @unchecked Sendable {
    /// The process's pool.
    public static let shared = RSAKeyPool()

    /// The functions that make a 2048-bit key on each call.
    static let generatingFunctions: Set<String> = ["genCA", "genSelfSignedCert", "genSignedCert"]

    private let condition = NSCondition()
    private var ready: [_RSA.Signing.PrivateKey] = []
    private var inFlight = 0

    /// Starts keys for the calls of key-making functions in a parsed template set (each call site counts
    /// once), on all cores but one, less the keys already made or being made.
    public func prefetch(for set: TemplateSet) {
        prefetch(set.callSites(of: Self.generatingFunctions))
    }

    /// Starts up to `count` keys in the background, on all cores but one (the render keeps its own),
    /// counting those ready or in the making.
    public func prefetch(_ count: Int) {
        condition.lock()
        let wanted = min(count, Parallel.processorCount - 1) - ready.count - inFlight
        if wanted > 0 { inFlight += wanted }
        condition.unlock()
        start(wanted)
    }

    /// A 2048-bit key: a finished one if there is one; otherwise one more maker starts (up to one per core)
    /// and the first key done, this one's or one already in the making, is taken.
    func take() throws -> _RSA.Signing.PrivateKey {
        condition.lock()
        if ready.isEmpty {
            if inFlight < Parallel.processorCount {
                inFlight += 1
                condition.unlock()
                start(1)
                condition.lock()
            }
            while ready.isEmpty && inFlight > 0 { condition.wait() }
        }
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
