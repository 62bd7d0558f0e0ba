// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0

/// Go's `log/slog` text handler, as Helm configures it for standard error (`level=INFO msg="…" key=value`).
public enum SlogText {
    /// slog's TextHandler quoting: values that are empty or hold spaces, `=`, `"` or non-printing characters
    /// are Go-quoted.
    public static func quote(_ s: String) -> String {
        let needs =
            s.isEmpty
            || s.unicodeScalars.contains { c in
                c == " " || c == "=" || c == "\"" || c.value < 0x20 || c.value == 0x7F
                    || !GoStrconv.isPrint(Int(c.value))
            }
        return needs ? GoStrconv.quote(s) : s
    }

    /// An INFO line with only a message: `level=INFO msg="…"`.
    public static func info(_ message: String) -> String { "level=INFO msg=" + quote(message) }
}
