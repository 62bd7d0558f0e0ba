// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
import Tenancy

/// Hibernation: a tenant asleep keeps its namespace, quota, configuration and data, with its workload scaled to
/// zero. The tenant file says `hibernated: true`; tenantctl passes `tenant.hibernated: true` to the chart (the app
/// chart renders `replicas: 0` and no HorizontalPodAutoscaler); each revision rendered so carries the label
/// `hibernated: "true"`, which `list`, `status` and the gateway read.
public enum Hibernation {
    /// The release label of a revision rendered while the tenant slept (`"true"`; `"false"` once woken, since
    /// labels merge over the last revision's).
    public static let label = "hibernated"

    /// Whether `release` was rendered while its tenant slept.
    public static func isHibernated(_ release: Release) -> Bool { release.labels[label] == "true" }
}

/// `tenantctl hibernate TENANT`: sets `hibernated: true` in the tenant file and rolls it out as a new revision
/// (described `hibernated`); the file is written only once the release succeeded.
public struct Hibernate: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--dry-run`.
    public var dryRun: Bool

    /// Creates the verb.
    public init(tenant: String, dryRun: Bool = false) {
        self.tenant = tenant
        self.dryRun = dryRun
    }

    /// Runs it.
    /// - Throws: ``ActionError/Code/refused`` when the tenant already sleeps (nothing changes).
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        let file: TenantFile
        do { file = try context.registry.tenant(tenant) } catch { throw ActionError(error) }
        guard !file.hibernated else {
            throw ActionError(
                .refused, "tenant \(goQuoted(tenant)) is already hibernated (\(file.path)); nothing changed (wake it with `tenantctl wake \(tenant)`)")
        }
        var changed = file
        changed.hibernated = true
        return try rollOut(context, try Prepared(context, changed: changed), description: "hibernated", dryRun: dryRun)
    }
}

/// `tenantctl wake TENANT`: removes `hibernated` from the tenant file and rolls it out as a new revision (described
/// `woken`) that renders what the tenant had before it slept (nothing else having changed in between).
public struct Wake: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--dry-run`.
    public var dryRun: Bool

    /// Creates the verb.
    public init(tenant: String, dryRun: Bool = false) {
        self.tenant = tenant
        self.dryRun = dryRun
    }

    /// Runs it.
    /// - Throws: ``ActionError/Code/refused`` when the tenant is awake (nothing changes).
    public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
        let file: TenantFile
        do { file = try context.registry.tenant(tenant) } catch { throw ActionError(error) }
        guard file.hibernated else {
            throw ActionError(.refused, "tenant \(goQuoted(tenant)) is not hibernated (\(file.path)); nothing to wake, nothing changed")
        }
        var changed = file
        changed.hibernated = false
        return try rollOut(
            context, try Prepared(context, changed: changed), description: "woken", dryRun: dryRun, labels: [Hibernation.label: "false"])
    }
}
