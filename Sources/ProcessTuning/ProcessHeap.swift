// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ProcessSupport
import Synchronization

#if canImport(Glibc)
    import CMalloc
    import Glibc
#endif

/// The C heap set up for a short run that allocates tens of megabytes and then exits.
///
/// glibc's defaults suit long-lived servers: the heap grows in small steps, memory is handed back to the
/// kernel, and large blocks get their own `mmap` (and their own page faults, every time). A
/// `tenantctl template` of a large chart touches some 40 MB, and with those defaults it takes about 10,000
/// page faults — a sixth of its time. Here the main heap grows 64 MB at a time and is never trimmed, blocks
/// up to 32 MB come from the heaps, and the heaps (the main one, and each worker thread's arena as the thread
/// starts) ask for transparent huge pages, so the same run takes about a thousand faults. Nothing is
/// committed until touched; on systems without these controls (or with huge pages switched off) every step
/// is a no-op.
public enum ProcessHeap {
    private static let prepared = Atomic<Bool>(false)
    /// The main heap's start (below it: the program's data).
    private static let mainHeapStart = Atomic<UInt>(0)

    /// Tunes the heap; call once, first thing in `main`, before any thread starts.
    public static func prepareForShortRun() {
        #if canImport(Glibc)
            let pad: Int32 = 64 << 20
            _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
            _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
            _ = mallopt(M_TOP_PAD, pad)
            // Grow the heap once now, so the whole padded region exists to be advised.
            guard let before = sbrk(0) else { return }
            // (The pointer goes to an opaque call, so that the compiler cannot drop the malloc/free pair.)
            if let block = malloc(16 << 20) {
                _ = malloc_usable_size(block)
                free(block)
            }
            guard let after = sbrk(0) else { return }
            let low = UInt(bitPattern: Int(bitPattern: before))
            let start = (low + hugePage - 1) & ~(hugePage - 1)
            let end = UInt(bitPattern: Int(bitPattern: after)) & ~(hugePage - 1)
            if end > start, let base = UnsafeMutableRawPointer(bitPattern: start) {
                _ = madvise(base, Int(end - start), MADV_HUGEPAGE)
            }
            mainHeapStart.store(low, ordering: .relaxed)
            prepared.store(true, ordering: .releasing)
            Parallel.setThreadStart { adviseThreadArena() }
        #endif
    }

    /// Asks for huge pages over the calling thread's malloc arena (glibc gives each thread an arena of its own:
    /// a 64 MB-aligned reservation). `prepareForShortRun` has `Parallel` call this as each worker starts;
    /// it does nothing unless `prepareForShortRun` ran.
    static func adviseThreadArena() {
        #if canImport(Glibc)
            guard prepared.load(ordering: .acquiring), let block = malloc(64) else { return }
            defer { free(block) }
            let address = UInt(bitPattern: Int(bitPattern: block))
            // A block from the main heap (the arena of the process's first thread) is covered already.
            if let top = sbrk(0), address >= mainHeapStart.load(ordering: .relaxed),
                address < UInt(bitPattern: Int(bitPattern: top))
            {
                return
            }
            let arenaSize: UInt = 64 << 20
            if let base = UnsafeMutableRawPointer(bitPattern: address & ~(arenaSize - 1)) {
                _ = madvise(base, Int(arenaSize), MADV_HUGEPAGE)
            }
        #endif
    }

    private static let hugePage: UInt = 2 << 20
}
