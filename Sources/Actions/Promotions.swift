// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import ReleaseStore

/// `tenantctl promotions`: every promotion record (promotions and rollbacks of them), newest first.
public struct Promotions: Sendable {
    /// Creates the verb.
    public init() {}

    /// Runs it; empty when the store holds none (or does not exist yet). Read-only.
    public func run(_ context: Context) throws(ActionError) -> [PromotionRecord] {
        guard let storage = try context.existingStorage() else { return [] }
        return try storeCall { () throws(StoreError) in try storage.promotions() }
    }
}

extension PromotionRecord {
    /// How many outcomes are in `state`.
    public func count(_ state: Outcome.State) -> Int { outcomes.lazy.filter { $0.state == state }.count }
}

/// The message for a promotion id the store does not hold: names the id (as Go's `%q` quotes it, so that a
/// hostile id cannot carry terminal escapes), the store, and how to list them.
func unknownPromotion(_ id: String, _ context: Context) -> ActionError {
    ActionError(
        .notFound,
        "no promotion \(GoStrconv.quote(id)) in \(context.storeDescription); `tenantctl promotions` lists the recorded ones")
}
