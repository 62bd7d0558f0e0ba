// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore

/// `tenantctl template TENANT`: renders the tenant as `install` would, recording and applying nothing.
public struct TemplateTenant: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--tier`, for a tenant without a file.
    public var tier: String?
    /// `-f` / `--set`.
    public var values: ValuesOptions

    /// Creates the verb.
    public init(tenant: String, tier: String? = nil, values: ValuesOptions = ValuesOptions()) {
        self.tenant = tenant
        self.tier = tier
        self.values = values
    }

    /// The rendering of revision 1.
    public func run(_ context: Context) throws(ActionError) -> Rendering {
        let prepared = try Prepared(context, tenant: tenant, tier: tier, values: values, reuse: nil)
        return try prepared.render(
            RenderRequest(
                tenant: tenant, revision: 1, isUpgrade: false,
                chart: prepared.chart.reference, userValues: "", current: nil))
    }
}
