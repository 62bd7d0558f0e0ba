// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
extension String {
    /// Go's `strings.TrimSpace`: trims Unicode white space (`unicode.IsSpace`, the White_Space property)
    /// at both ends.
    public func goTrimSpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(scalars[first...last])
    }
}
