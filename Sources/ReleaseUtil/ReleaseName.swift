// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0

/// Helm's release-name rule (`chartutil.ValidateReleaseName`): a DNS-1123 subdomain of at most 53 bytes.
/// One home for `helm template`'s name check, tenant names (a tenant is a release) and the targets that file
/// objects under a tenant.
public enum ReleaseName {
    /// Helm's `maxReleaseNameLen`: 53, so that `<name>-<suffix>` objects still fit a 63-byte DNS-1123 label.
    public static let maxLength = 53

    /// The regular expression Helm prints in its complaint (`validName`).
    public static let pattern = #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#

    /// `chartutil.ValidateReleaseName`: nil when `name` is valid, otherwise Helm's complaint
    /// (`no name provided`, or the pattern and the length limit).
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "no name provided" }
        if name.utf8.count > maxLength || !isDNSSubdomain(name) {
            return "invalid release name, must match regex \(pattern) and the length must not be longer than 53"
        }
        return nil
    }

    /// Whether the byte is a lower-case ASCII letter or digit (`[a-z0-9]`).
    public static func isAlphanumeric(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, the whole string: one DNS-1123 label's characters (no length limit).
    public static func isDNSLabel<S: StringProtocol>(_ label: S) -> Bool {
        let bytes = Array(label.utf8)
        guard let f = bytes.first, let l = bytes.last else { return false }
        return isAlphanumeric(f) && isAlphanumeric(l) && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`, the whole string.
    public static func isDNSSubdomain(_ name: String) -> Bool {
        name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel($0) }
    }
}
