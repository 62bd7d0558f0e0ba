// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Targets
import Tenancy

/// How one object would change.
public struct ObjectChange: Sendable, Hashable {
    /// What happens to the object.
    public enum Kind: String, Sendable, Hashable {
        /// New in the rendering.
        case added
        /// In both, different.
        case changed
        /// On the target, gone from the rendering.
        case removed
    }
    /// What happens.
    public var kind: Kind
    /// The object's file name (`deployment-web.yaml`).
    public var file: String
    /// `Kind name`.
    public var object: String
    /// The line diff: lines prefixed `+ `, `- ` or `  `.
    public var lines: [String]
}

/// `tenantctl diff TENANT [upgrade flags]`: what an upgrade would change, per object, against the target's
/// current files.
public struct Diff: Sendable {
    /// The upgrade it previews.
    public var upgrade: Upgrade

    /// Creates the verb.
    public init(upgrade: Upgrade) { self.upgrade = upgrade }

    /// The changes, sorted by file; empty when the upgrade would change nothing.
    public func run(_ context: Context) throws(ActionError) -> [ObjectChange] {
        var dry = upgrade
        dry.dryRun = true
        dry.install = true
        let manifest: String
        if context.stateExists {
            manifest = try dry.run(context).release.manifest
        } else {
            manifest = try TemplateTenant(tenant: upgrade.tenant, tier: upgrade.tier, values: upgrade.values)
                .run(context).manifest
        }
        let desired: [ManifestObject]
        let current: [ManifestObject]
        do {
            desired = try Manifest.objects(manifest)
            current = try context.target.objects(tenant: upgrade.tenant)
        } catch {
            throw ActionError(.target, error.message)
        }
        let now = Dictionary(current.map { ($0.fileName, $0) }, uniquingKeysWith: { a, _ in a })
        let next = Dictionary(desired.map { ($0.fileName, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [ObjectChange] = []
        for file in Set(now.keys).union(next.keys).sorted() {
            switch (now[file], next[file]) {
            case (nil, let new?):
                out.append(
                    ObjectChange(
                        kind: .added, file: file, object: "\(new.kind) \(new.name)",
                        lines: lines(new.text).map { "+ " + $0 }))
            case (let old?, nil):
                out.append(
                    ObjectChange(
                        kind: .removed, file: file, object: "\(old.kind) \(old.name)",
                        lines: lines(old.text).map { "- " + $0 }))
            case (let old?, let new?) where old.text != new.text:
                out.append(
                    ObjectChange(
                        kind: .changed, file: file, object: "\(new.kind) \(new.name)",
                        lines: Diff.lineDiff(lines(old.text), lines(new.text))))
            default: break
            }
        }
        return out
    }

    private func lines(_ text: String) -> [String] {
        var l = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if l.last == "" { l.removeLast() }
        return l
    }

    /// A longest-common-subsequence line diff.
    static func lineDiff(_ a: [String], _ b: [String]) -> [String] {
        let n = a.count, m = b.count
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : Swift.max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                out.append("  " + a[i]); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append("- " + a[i]); i += 1
            } else {
                out.append("+ " + b[j]); j += 1
            }
        }
        return out
    }
}
