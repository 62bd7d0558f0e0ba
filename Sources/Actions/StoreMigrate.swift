// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore

/// What `store migrate` did.
public struct MigrationReport: Sendable, Hashable {
    /// Tenants whose records were looked at.
    public var tenants: Int = 0
    /// Revisions written to the destination.
    public var copied: Int = 0
    /// Revisions the destination held already, identical.
    public var alreadyThere: Int = 0
    /// Promotion records written to the destination.
    public var promotionsCopied: Int = 0
    /// Promotion records the destination held already, identical.
    public var promotionsAlreadyThere: Int = 0
}

/// `tenantctl store migrate --to kubernetes|postgres|sqlite`: copies every revision of every tenant from the
/// store the settings name to another, checks the copy, and says what it copied.
///
/// Each tenant is copied under its lease in the destination, in one commit (all its revisions or none). A
/// revision the destination already holds is compared instead of copied: identical, it counts as already there
/// (so running the command twice copies nothing twice); different, the command stops naming it and changes
/// nothing for that tenant. Promotion records (``PromotionRecord``) are copied after the tenants, by id, the same
/// way: identical ones are already there, a differing one stops the command naming it. The source is only read.
public struct StoreMigrate: Sendable {
    /// The destination's settings (its `store`, `storeURL`, `recordsNamespace`, cluster access).
    public var destination: ReleaseSettings

    /// Creates the verb.
    public init(destination: ReleaseSettings) { self.destination = destination }

    /// Runs it; `progress` hears of each tenant done.
    public func run(_ context: Context, progress: (String, Int) -> Void = { _, _ in }) throws(ActionError) -> MigrationReport {
        guard
            destination.store != context.settings.store || destination.storeURL != context.settings.storeURL
                || destination.recordsNamespace != context.settings.recordsNamespace
                || (destination.store == .sqlite && context.destinationStatePath.map { $0 != context.statePath } == true)
        else {
            throw ActionError(.invalidInput, "the destination is the store the records are in already (\(context.storeDescription))")
        }
        var report = MigrationReport()
        guard let source = try context.existingStorage() else { return report }
        var target = context
        target.settings = destination
        if let path = context.destinationStatePath { target.statePath = path }
        let into = try target.storage(create: true)
        let all = try storeCall { () throws(StoreError) in try source.driver.query(ReleaseQuery()) }
        let byTenant = Dictionary(grouping: all, by: \.tenant)
        for tenant in byTenant.keys.sorted() {
            let revisions = (byTenant[tenant] ?? []).sorted { $0.revision < $1.revision }
            report.tenants += 1
            let copied = try into.leased(tenant, "store migrate") { (token) throws(ActionError) -> (Int, Int) in
                let existing = try storeCall { () throws(StoreError) in try into.driver.query(ReleaseQuery(tenant: tenant)) }
                let held = Dictionary(existing.map { ($0.revision, $0) }, uniquingKeysWith: { a, _ in a })
                var changes: [ReleaseChange] = []
                var same = 0
                for release in revisions {
                    if let there = held[release.revision] {
                        guard Self.sameRecord(there, release) else {
                            throw ActionError(
                                .failed,
                                "revision \(release.revision) of \(goQuoted(tenant)) differs in \(target.storeDescription) "
                                    + "(\(there.status), \(there.chart.nameAndVersion)) from \(context.storeDescription) "
                                    + "(\(release.status), \(release.chart.nameAndVersion)): nothing of \(goQuoted(tenant)) was copied; "
                                    + "remove one of them, then run the command again")
                        }
                        same += 1
                    } else {
                        changes.append(.create(release))
                    }
                }
                if !changes.isEmpty {
                    try storeCall { () throws(StoreError) in try into.driver.commit(changes, fence: token.fence) }
                }
                // Check the copy: every revision reads back as written.
                for case .create(let release) in changes {
                    let back = try storeCall { () throws(StoreError) in try into.driver.get(release.key) }
                    guard Self.sameRecord(back, release) else {
                        throw ActionError(
                            .failed, "revision \(release.revision) of \(goQuoted(tenant)) reads back differently from \(target.storeDescription)")
                    }
                }
                return (changes.count, same)
            }
            report.copied += copied.0
            report.alreadyThere += copied.1
            progress(tenant, copied.0)
        }
        let promotions = try storeCall { () throws(StoreError) in try source.promotions() }
        for promotion in promotions.reversed() {
            if let there = try storeCall({ () throws(StoreError) in try into.promotion(promotion.id) }) {
                guard there == promotion else {
                    throw ActionError(
                        .failed,
                        "promotion record \(goQuoted(promotion.id)) differs in \(target.storeDescription) from "
                            + "\(context.storeDescription): it was not copied; remove one of them, then run the command again")
                }
                report.promotionsAlreadyThere += 1
                continue
            }
            try storeCall { () throws(StoreError) in try into.savePromotion(promotion) }
            guard try storeCall({ () throws(StoreError) in try into.promotion(promotion.id) }) == promotion else {
                throw ActionError(
                    .failed, "promotion record \(goQuoted(promotion.id)) reads back differently from \(target.storeDescription)")
            }
            report.promotionsCopied += 1
        }
        return report
    }

    /// Whether two records of one revision say the same: what every command shows and uses (times to the second,
    /// as Helm's formats keep them).
    static func sameRecord(_ a: Release, _ b: Release) -> Bool {
        a.key == b.key && a.status == b.status && a.chart.name == b.chart.name && a.chart.version == b.chart.version
            && a.manifest == b.manifest && a.notes == b.notes && a.description == b.description
            && Int(a.lastDeployed.timeIntervalSince1970) == Int(b.lastDeployed.timeIntervalSince1970)
            && a.userValues.trimmingCharacters(in: .whitespacesAndNewlines) == b.userValues.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
