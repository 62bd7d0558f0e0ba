// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore

/// `tenantctl promotion show ID`: one promotion record, its plan and every tenant's outcome.
public struct PromotionShow: Sendable {
    /// The record's id.
    public var id: String

    /// Creates the verb.
    public init(id: String) { self.id = id }

    /// Runs it. Read-only.
    /// - Throws: ``ActionError/Code/notFound`` naming the id and how to list the recorded ones.
    public func run(_ context: Context) throws(ActionError) -> PromotionRecord {
        guard let storage = try context.existingStorage(),
            let record = try storeCall({ () throws(StoreError) in try storage.promotion(id) })
        else { throw unknownPromotion(id, context) }
        return record
    }
}
