// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import Tenancy

/// A tier's request limit at the gateway (`gateway.rateLimit` in `tiers.yaml`), enforced per gateway replica:
/// with N replicas behind a load balancer a tenant gets up to N times this rate.
public struct RateLimit: Sendable, Hashable {
    /// Tokens added each second.
    public var requestsPerSecond: Int
    /// The bucket's size: the most requests let through at once.
    public var burst: Int

    /// Creates a limit.
    public init(requestsPerSecond: Int, burst: Int) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }
}

/// One tenant as the gateway sees it: its id, tier, placement, rate limit and its release's state.
public struct GatewayTenant: Sendable, Hashable {
    /// The tenant id (`acme`).
    public var id: String
    /// Its tier.
    public var tier: String
    /// `pool` or `silo` (the tier's `placement`, unless the tenant's file overrides it).
    public var placement: String
    /// Its latest release's state (`deployed`, `failed`, `hibernated`, …); nil when it has no release.
    public var state: String?
    /// The tier's limit; nil means none.
    public var rateLimit: RateLimit?

    /// Creates a tenant.
    public init(id: String, tier: String, placement: String = "pool", state: String?, rateLimit: RateLimit? = nil) {
        self.id = id
        self.tier = tier
        self.placement = placement
        self.state = state
        self.rateLimit = rateLimit
    }

    /// Whether the gateway routes to it: it has a release that is not uninstalled. Hibernated and
    /// decommissioned tenants keep their route so that the policy can answer 403 rather than 404.
    public var isRouted: Bool {
        guard let state else { return false }
        return state != "uninstalled" && state != "uninstalling"
    }
}

/// The tenant list from the registry, joined with each tenant's release state.
public enum GatewayInventory {
    /// Every registered tenant (sorted by id), with its state from `states` (tenant → latest release status;
    /// tenants missing from it have no release) and its tier's gateway limit.
    /// - Throws: ``GatewayError/Code/tenantID`` for a tenant file whose name is not a valid tenant id;
    ///   ``GatewayError/Code/setting`` for a malformed registry or rate limit.
    public static func load(registry: TenantRegistry, states: [String: String]) throws(GatewayError) -> [GatewayTenant] {
        let files: [TenantFile]
        let tiers: [String: Tier]
        let limits: [String: RateLimit]
        do {
            for name in try registry.names() {
                do {
                    try TenantName.validate(name)
                } catch {
                    throw GatewayError(
                        .tenantID, "\(registry.path(of: name)): \(error.message); such an id would not be a valid header value or cluster name")
                }
            }
            files = try registry.list()
            tiers = try registry.tiers()
            limits = try rateLimits(tiersFile: registry.tiersPath)
        } catch let error as GatewayError {
            throw error
        } catch let error as TenancyError {
            throw GatewayError(error.code == .io ? .io : .setting, error.message)
        } catch {
            throw GatewayError(.setting, "\(error)")
        }
        return files.map { file in
            let placement = file.values["placement"]?.stringValue ?? tiers[file.tier]?.values["placement"]?.stringValue ?? "pool"
            return GatewayTenant(id: file.name, tier: file.tier, placement: placement, state: states[file.name], rateLimit: limits[file.tier])
        }
    }

    /// Each tier's `gateway.rateLimit: {requestsPerSecond, burst}` from `tiers.yaml`.
    /// - Throws: ``GatewayError/Code/setting`` when a limit is not two positive integers.
    public static func rateLimits(tiersFile: String) throws(GatewayError) -> [String: RateLimit] {
        let top: [String: Value]
        do {
            top = try ValuesFile.load(path: tiersFile)
        } catch {
            throw GatewayError(.setting, error.message)
        }
        guard case .map(let tiers, _)? = top["tiers"] else { return [:] }
        var out: [String: RateLimit] = [:]
        for (name, entry) in tiers {
            guard case .map(let body, _) = entry, case .map(let gateway, _)? = body["gateway"] else { continue }
            guard let limit = gateway["rateLimit"], !limit.isNull else { continue }
            guard case .map(let l, _) = limit, let rps = whole(l["requestsPerSecond"]), let burst = whole(l["burst"]), rps > 0, burst > 0 else {
                throw GatewayError(
                    .setting, "\(tiersFile): tier \(name): gateway.rateLimit must be {requestsPerSecond: N, burst: N} with positive integers")
            }
            out[name] = RateLimit(requestsPerSecond: rps, burst: burst)
        }
        return out
    }

    /// A whole number: Helm's values loading gives `int` or (through JSON) `float64`.
    static func whole(_ v: Value?) -> Int? {
        switch v {
        case .int(let i, _)?: return i
        case .float(let f)? where f == f.rounded() && abs(f) < 1e15: return Int(f)
        default: return nil
        }
    }
}
