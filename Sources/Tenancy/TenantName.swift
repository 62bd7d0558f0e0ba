// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseUtil

/// Tenant names: DNS-1123 labels within Helm's release-name limit (a tenant is a release), short enough that
/// `tenant-<name>` is still a namespace name.
public enum TenantName {
    /// The longest tenant name: Helm's release-name limit (``ReleaseName/maxLength``, 53).
    public static let maxLength = ReleaseName.maxLength

    /// The namespace the tenant's objects live in: `tenant-<name>` (the gateway's release: ``gatewayNamespace``).
    public static func namespace(_ tenant: String) -> String { tenant == gatewayRelease ? gatewayNamespace : "tenant-\(tenant)" }

    /// The gateway's release (`tenantctl gateway install`): it shares the store, the leases and the target with
    /// the tenants' releases, so no tenant may take its name.
    public static let gatewayRelease = "tenant-gateway"

    /// The namespace of the gateway's objects.
    public static let gatewayNamespace = "tenantctl-gateway"

    /// The one reserved name: `tenants/tiers.yaml` is the tiers file, not a tenant's.
    public static let reservedTiers = "tiers"

    /// Checks `name`: 1 to 53 lower-case letters, digits and `-`, starting and ending with a letter or digit.
    /// - Throws: ``TenancyError/Code/invalidName`` saying what is wrong.
    public static func validate(_ name: String) throws(TenancyError) {
        let bytes = Array(name.utf8)
        let alnum = ReleaseName.isAlphanumeric
        let why: String?
        if bytes.isEmpty {
            why = "it is empty"
        } else if bytes.count > maxLength {
            why = "it is \(bytes.count) characters long, and at most \(maxLength) leave room for the namespace tenant-<name>"
        } else if !bytes.allSatisfy({ alnum($0) || $0 == 45 }) {
            why = "only lower-case letters, digits and '-' are allowed"
        } else if !alnum(bytes[0]) || !alnum(bytes[bytes.count - 1]) {
            why = "it must start and end with a lower-case letter or digit"
        } else if name == reservedTiers {
            why = "it is reserved: tenants/tiers.yaml holds the tiers, so no tenant file can have that name; choose another name"
        } else if name == gatewayRelease {
            why = "it is reserved: it is the gateway's release (see `tenantctl gateway history`); choose another name"
        } else {
            why = nil
        }
        if let why {
            throw TenancyError(.invalidName, "invalid tenant name \"\(name)\": \(why) (a tenant name is a DNS-1123 " + "label, e.g. acme or acme-eu-1)")
        }
    }
}
