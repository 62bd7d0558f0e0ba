#if canImport(Glibc)
import CMalloc
import Glibc
#endif

/// The C heap set up for a short run that allocates tens of megabytes and then exits.
///
/// glibc's defaults suit long-lived servers: the heap grows in small steps, memory is handed back to the
/// kernel, large blocks get their own `mmap` (and their own page faults, every time), and each thread gets
/// its own arena. A `tenantctl template` of a large chart touches some 40 MB, and with those defaults it
/// takes about 10,000 page faults — a sixth of its time. Here the heap is one arena grown 64 MB at a time
/// and never trimmed, blocks up to 32 MB come from it, and it asks for transparent huge pages, so the same
/// run takes about a thousand faults. Nothing is committed until touched; on systems without these
/// controls (or with huge pages switched off) every step is a no-op.
public enum ProcessHeap {
    public static func prepareForShortRun() {
        #if canImport(Glibc)
        let pad: Int32 = 64 << 20
        _ = mallopt(M_ARENA_MAX, 1)
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
        let huge: UInt = 2 << 20
        let start = (UInt(bitPattern: Int(bitPattern: before)) + huge - 1) & ~(huge - 1)
        let end = UInt(bitPattern: Int(bitPattern: after)) & ~(huge - 1)
        if end > start, let base = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(base, Int(end - start), MADV_HUGEPAGE)
        }
        #endif
    }
}
