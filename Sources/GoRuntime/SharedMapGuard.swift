// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lets work that must not change shared maps run on many threads, and tells afterwards whether it tried.
///
/// Every `GoMap` records when it was made (a process-wide count). A thread running under a guard may change
/// only maps made after the guard was set up — maps of its own making; a change to an older map (one the
/// threads share) is not made, and the guard notes it. The caller then knows the work's results are not what
/// a one-thread run would give, and redoes it one piece after another. Nothing shared is ever written, so
/// the threads never race, and nothing else is slowed: without a guard every write goes through.
public enum SharedMapGuard {
    /// The guard of one piece of parallel work, shared by its threads.
    public final class Guard: Sendable {
        /// Maps made before this count are shared.
        let sharedBelow: UInt64
        private let blocked = Atomic<Bool>(false)

        /// A guard over every map made so far.
        public init() { sharedBelow = SharedMapGuard.generation.load(ordering: .acquiring) }

        /// Whether a thread under this guard tried to change a shared map.
        public var blockedWrite: Bool { blocked.load(ordering: .acquiring) }

        func noteBlocked() { blocked.store(true, ordering: .releasing) }
    }

    private static let generation = Atomic<UInt64>(1)

    static func nextGeneration() -> UInt64 {
        generation.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// Runs `body` on this thread under `guard`.
    public static func run<T>(under guard: Guard, _ body: () throws -> T) rethrows -> T {
        #if canImport(Glibc) || canImport(Darwin)
            let key = threadKey
            let previous = pthread_getspecific(key)
            pthread_setspecific(key, Unmanaged.passUnretained(`guard`).toOpaque())
            defer { pthread_setspecific(key, previous) }
        #endif
        return try body()
    }

    /// Whether this thread may change the map: always, unless it runs under a guard and the map is shared.
    static func allowsWrite(to storage: GoMap.Storage) -> Bool {
        #if canImport(Glibc) || canImport(Darwin)
            guard let raw = pthread_getspecific(threadKey) else { return true }
            let g = Unmanaged<Guard>.fromOpaque(raw).takeUnretainedValue()
            if storage.generation < g.sharedBelow {
                g.noteBlocked()
                return false
            }
        #endif
        return true
    }

    #if canImport(Glibc) || canImport(Darwin)
        private static let threadKey: pthread_key_t = {
            var key = pthread_key_t()
            pthread_key_create(&key, nil)
            return key
        }()
    #endif
}
