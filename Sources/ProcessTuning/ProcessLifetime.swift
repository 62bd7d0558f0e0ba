// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Synchronization

/// Objects left allocated until the process exits.
///
/// A command that prints its result and exits has no use for taking apart the chart, parse trees and values
/// it built — tens of thousands of objects, over a millisecond of `free` — just before the kernel reclaims the
/// whole address space anyway (Go's `helm` never frees them either). Only a one-shot command line run should
/// ask for this: anything kept here is never freed.
public enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    /// Keeps `object` (and all it references) alive until the process exits.
    public static func keep(_ object: some Sendable) {
        kept.withLock { $0.append(object) }
    }
}
