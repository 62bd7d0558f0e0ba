// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Independent work spread over the machine's cores, on threads with large stacks.
///
/// Go's runtime grows goroutine stacks on demand, so Go code recurses as deep as its input nests; our parsers
/// and executor recurse too, so every thread here gets the same large stack as a render (reserved, not
/// committed: untouched pages cost nothing). Results come back in input order, whatever order the threads
/// finished in, so a caller that then reports "the first error" reports the same one as a sequential loop.
public enum Parallel {
    /// Stack size of every worker thread (virtual reservation).
    public static let stackSize = 4 << 30

    /// What every worker thread runs first, before its work: nothing unless a process set it up (the command
    /// line's heap tuning advises each thread's malloc arena). Libraries never set it.
    private static let threadStart = Mutex<(@Sendable () -> Void)?>(nil)

    /// Sets what every worker thread started from now on runs first (process set-up; call before any work).
    public static func setThreadStart(_ body: (@Sendable () -> Void)?) {
        threadStart.withLock { $0 = body }
    }

    /// The number of online processors (at least 1).
    public static let processorCount: Int = {
        #if canImport(Glibc) || canImport(Darwin)
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 1
        #endif
    }()

    /// `body(0) … body(count - 1)` on up to `workers` threads; the results in index order.
    ///
    /// Items are handed out one at a time from a shared counter, so a few large items do not leave a thread
    /// idle. With one worker, or fewer than two items, everything runs on one large-stack thread.
    public static func map<T: Sendable>(
        _ count: Int, workers: Int = Parallel.processorCount,
        _ body: @escaping @Sendable (Int) -> T
    ) -> [T] {
        guard count > 0 else { return [] }
        let job = MapJob<T>(count: count, body: body)
        let threads = max(1, min(workers, count))
        var started: [pthread_t] = []
        for _ in 0..<threads {
            if let t = spawn({ job.work() }) { started.append(t) }
        }
        // A thread that could not be created leaves its share to the others (or to this thread).
        if started.isEmpty { job.work() }
        for t in started { pthread_join(t, nil) }
        return job.collect()
    }

    /// Runs `body` on a new thread with a large stack and waits for it (inline when no thread can be made).
    public static func onLargeStack(_ body: @escaping @Sendable () -> Void) {
        guard let t = spawn(body) else {
            body()
            return
        }
        pthread_join(t, nil)
    }

    /// Runs `body` on a new thread that nobody waits for (inline when no thread can be made).
    public static func detach(_ body: @escaping @Sendable () -> Void) {
        guard let t = spawn(body) else {
            body()
            return
        }
        pthread_detach(t)
    }

    private static func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        #if canImport(Glibc)
            let start = threadStart.withLock { $0 }
            let box = Unmanaged.passRetained(
                ThreadBody {
                    start?()
                    body()
                })
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            pthread_attr_setstacksize(&attr, stackSize)
            var thread = pthread_t()
            let rc = pthread_create(
                &thread, &attr,
                { raw in
                    let box = Unmanaged<ThreadBody>.fromOpaque(raw!)
                    box.takeUnretainedValue().body()
                    box.release()
                    return nil
                }, box.toOpaque())
            pthread_attr_destroy(&attr)
            if rc != 0 {
                box.release()
                return nil
            }
            return thread
        #else
            return nil
        #endif
    }
}

/// Carries a closure across the thread boundary.
private final class ThreadBody: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

/// The shared state of one `Parallel.map`: a counter handing out indices, and one result slot per index.
/// Each slot is written by exactly one thread and read only after every thread was joined (`pthread_join`
/// orders the accesses), which is why the unchecked sendability is sound.
private final class MapJob<T: Sendable>: @unchecked Sendable {
    let count: Int
    let body: @Sendable (Int) -> T
    let next = Atomic<Int>(0)
    let slots: UnsafeMutablePointer<T?>

    init(count: Int, body: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.body = body
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func work() {
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < count else { return }
            slots[i] = body(i)
        }
    }

    func collect() -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            // Every index below `count` was claimed and stored before its thread ended; computing a missing
            // one here keeps the result whole even if that ever stopped being true.
            out.append(slots[i] ?? body(i))
        }
        return out
    }
}
