import Foundation
import GoRuntime
import _CryptoExtras

/// RSA-2048 keys generated ahead of the templates that ask for them.
///
/// `genCA`, `genSelfSignedCert` and `genSignedCert` each make a fresh 2048-bit RSA key, and making one costs
/// tens of milliseconds of random-length prime search — most of a render that calls them. A key made a moment
/// earlier on another core is exactly as random and as fresh as one made at the call, so once a chart's
/// templates are parsed the renderer asks for as many keys as they have such calls (at most one per core),
/// made in parallel while the rest of the render goes on. A call takes a finished key, waits for one in the
/// making, or makes its own when none was asked for. Keys never leave the process.
public final class RSAKeyPool: @unchecked Sendable {
    /// The process's pool.
    public static let shared = RSAKeyPool()

    /// The functions that make a 2048-bit key on each call.
    static let generatingFunctions = ["genCA", "genSelfSignedCert", "genSignedCert"]

    private let condition = NSCondition()
    private var ready: [_RSA.Signing.PrivateKey] = []
    private var inFlight = 0

    /// Counts the calls of key-making functions in template sources (a name followed by anything but an
    /// identifier character, so `genCAWithKey` does not count), and starts that many keys, at most one per
    /// core, less the keys already made or being made.
    public func prefetch(forTemplates texts: [String]) {
        var calls = 0
        for text in texts where text.contains("gen") {
            for name in Self.generatingFunctions { calls += Self.occurrences(of: name, in: text) }
        }
        prefetch(calls)
    }

    /// Starts up to `count` keys (at most one per core, counting those ready or in the making).
    public func prefetch(_ count: Int) {
        condition.lock()
        let wanted = min(count, Parallel.processorCount) - ready.count - inFlight
        if wanted > 0 { inFlight += wanted }
        condition.unlock()
        guard wanted > 0 else { return }
        for _ in 0..<wanted {
            Parallel.detach { [self] in
                let key = try? _RSA.Signing.PrivateKey(keySize: .bits2048)
                condition.lock()
                inFlight -= 1
                if let key { ready.append(key) }
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// A 2048-bit key: a prefetched one, one in the making, or a new one made here.
    func take() throws -> _RSA.Signing.PrivateKey {
        condition.lock()
        while ready.isEmpty && inFlight > 0 { condition.wait() }
        let key = ready.popLast()
        condition.unlock()
        if let key { return key }
        return try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    static func occurrences(of name: String, in text: String) -> Int {
        let hay = Array(text.utf8)
        let needle = Array(name.utf8)
        guard hay.count >= needle.count else { return 0 }
        var n = 0
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) {
                let after = i + needle.count < hay.count ? hay[i + needle.count] : 0
                let isIdent = (after >= 0x30 && after <= 0x39) || (after >= 0x41 && after <= 0x5A)
                    || (after >= 0x61 && after <= 0x7A) || after == 0x5F
                if !isIdent { n += 1 }
                i += needle.count
            } else {
                i += 1
            }
        }
        return n
    }
}
