// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// Go's ordering of string map keys when printing or ranging (`internal/fmtsort`): bytewise.
public enum GoSort {
    public static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
