// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Tenancy

/// `tenantctl tenant list`.
public struct TenantList: Sendable {
    /// Creates the verb.
    public init() {}
    /// Every tenant file.
    public func run(_ context: Context) throws(ActionError) -> [TenantFile] {
        do { return try context.registry.list() } catch { throw ActionError(error) }
    }
}

/// `tenantctl tenant show TENANT`: the tenant's file and the user values its tier and file give.
public struct TenantShow: Sendable {
    /// The tenant.
    public var tenant: String
    /// Creates the verb.
    public init(tenant: String) { self.tenant = tenant }
    /// The file, its tier, and the merged user values (without `-f`/`--set`) as YAML.
    public func run(_ context: Context) throws(ActionError) -> (tenant: TenantFile, tier: Tier, values: String) {
        do {
            let file = try context.registry.tenant(tenant)
            let tier = try context.registry.tier(file.tier)
            let merged = ValuesLayers(tier: tier.values, tenant: file.values).merged(file: file, tierName: tier.name)
            return (file, tier, ValuesYAML.emit(.dict(merged)))
        } catch {
            throw ActionError(error)
        }
    }
}
