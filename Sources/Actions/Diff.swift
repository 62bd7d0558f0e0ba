// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Targets
import Tenancy
import YAMLKit

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
///
/// Read-only: the state is opened for reading, no lease is taken and nothing is recovered — an interrupted
/// operation is settled in memory only, as the next mutating command will settle it. The values of Secrets
/// (`data`, `stringData`) are masked as helm-diff masks them unless ``showSecrets``.
public struct Diff: Sendable {
    /// The upgrade it previews.
    public var upgrade: Upgrade
    /// `--show-secrets`: print Secrets' values instead of masks.
    public var showSecrets: Bool

    /// Creates the verb.
    public init(upgrade: Upgrade, showSecrets: Bool = false) {
        self.upgrade = upgrade
        self.showSecrets = showSecrets
    }

    /// The manifest the upgrade would render, computed from a read-only view of the state.
    private func preview(_ context: Context, _ storage: Storage) throws(ActionError) -> String {
        let prepared = try upgrade.prepared(context)
        let driver = LifecycleDriver(storage: storage, target: try context.releaseTarget(), clock: context.clock)
        let request = UpgradeRequest(
            chart: prepared.chart.reference, userValues: "", description: upgrade.description,
            install: true, dryRun: true, labels: prepared.labels)
        guard
            let render = try driver.probe(
                tenant: prepared.tenantFile.name, request: .upgradeRequested(request), assumingRecovered: true)
        else {
            throw ActionError(.failed, "diff of \"\(upgrade.tenant)\": the upgrade would render nothing")
        }
        return try prepared.render(render).manifest
    }

    /// The changes, sorted by file; empty when the upgrade would change nothing.
    public func run(_ context: Context) throws(ActionError) -> [ObjectChange] {
        let manifest: String
        var deployed = ""
        if let storage = try context.existingStorage() {
            manifest = try preview(context, storage)
            let history = try storeCall { () throws(StoreError) in try storage.history(upgrade.tenant) }
            deployed = history.last(where: { $0.status == .deployed })?.manifest ?? ""
        } else {
            manifest = try TemplateTenant(tenant: upgrade.tenant, tier: upgrade.tier, values: upgrade.values)
                .run(context).manifest
        }
        return try Diff.changes(context, release: upgrade.tenant, manifest: manifest, deployed: deployed, showSecrets: showSecrets)
    }

    /// What applying `manifest` as `release` would change on the target, which holds the objects of the
    /// `deployed` manifest (empty: none) and whatever else it holds now.
    static func changes(
        _ context: Context, release: String, manifest: String, deployed: String, showSecrets: Bool
    ) throws(ActionError) -> [ObjectChange] {
        let target = try context.releaseTarget()
        let namespace = context.namespace(release)
        let desired: [ManifestObject]
        let current: [ManifestObject]
        do {
            desired = try target.expectedObjects(tenant: release, namespace: namespace, manifest: manifest)
            // The objects of the deployed revision too: those the upgrade would remove.
            let now = try target.objects(tenant: release, namespace: namespace, manifest: manifest)
            let before = deployed.isEmpty ? [] : try target.objects(tenant: release, namespace: namespace, manifest: deployed)
            let seen = Set(now.map(\.fileName))
            current = now + before.filter { !seen.contains($0.fileName) }
        } catch {
            throw ActionError(.target, error.message)
        }
        return ObjectChange.compare(from: current, to: desired, showSecrets: showSecrets)
    }
}

extension ObjectChange {
    /// The changes that take the objects `from` (by file name) to the objects `to`: added, removed, and
    /// changed with a line diff; Secrets' values masked unless `showSecrets`. Sorted by file.
    public static func compare(from old: [ManifestObject], to new: [ManifestObject], showSecrets: Bool) -> [ObjectChange] {
        let now = Dictionary(old.map { ($0.fileName, $0) }, uniquingKeysWith: { a, _ in a })
        let next = Dictionary(new.map { ($0.fileName, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [ObjectChange] = []
        for file in Set(now.keys).union(next.keys).sorted() {
            var pair = (now[file], next[file])
            if !showSecrets, pair.0?.kind == "Secret" || pair.1?.kind == "Secret" {
                pair = SecretMask.mask(old: pair.0, new: pair.1)
            }
            switch pair {
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
                        lines: lineDiff(lines(old.text), lines(new.text))))
            default: break
            }
        }
        return out
    }

    static func lines(_ text: String) -> [String] {
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

/// helm-diff's masking of Secrets' values (its `redactSecrets`): each value of `data` (base64-decoded) and
/// `stringData` becomes `'REDACTED # (N bytes)'` when the old and new values are the same, and otherwise
/// `'-------- # (N bytes)'` on the old side and `'++++++++ # (N bytes)'` on the new one — a change shows,
/// its content does not. (helm-diff also folds `stringData` into `data` on re-encoding; we keep the sections
/// as written and mask in place.)
enum SecretMask {
    /// `old` and `new` with their Secret values masked.
    static func mask(old: ManifestObject?, new: ManifestObject?) -> (ManifestObject?, ManifestObject?) {
        let before = old.map(values) ?? [:]
        let after = new.map(values) ?? [:]
        var o = old, n = new
        if let old, old.kind == "Secret" {
            o?.text = rewrite(old.text) { key in
                guard let v = before[key] else { return "'--------'" }
                return after[key] == v ? "'REDACTED # (\(v.count) bytes)'" : "'-------- # (\(v.count) bytes)'"
            }
        }
        if let new, new.kind == "Secret" {
            n?.text = rewrite(new.text) { key in
                guard let v = after[key] else { return "'++++++++'" }
                return before[key] == v ? "'REDACTED # (\(v.count) bytes)'" : "'++++++++ # (\(v.count) bytes)'"
            }
        }
        return (o, n)
    }

    /// The Secret's values by key, as bytes: `data` decoded from base64, `stringData` over it (as the API
    /// server merges them).
    static func values(_ object: ManifestObject) -> [String: [UInt8]] {
        guard case .map(let map, _)? = try? YAML.load(object.text) else { return [:] }
        var out: [String: [UInt8]] = [:]
        if case .map(let data, _)? = map["data"] {
            for (key, value) in data.dictionary {
                let text = value.stringValue ?? ""
                out[key] = Data(base64Encoded: text, options: .ignoreUnknownCharacters).map { Array($0) } ?? Array(text.utf8)
            }
        }
        if case .map(let data, _)? = map["stringData"] {
            for (key, value) in data.dictionary { out[key] = Array((value.stringValue ?? "").utf8) }
        }
        return out
    }

    /// `text` with every value under the top-level `data:` and `stringData:` replaced by `mask(key)` (its
    /// continuation lines — a block scalar, a folded value — dropped).
    static func rewrite(_ text: String, mask: (String) -> String) -> String {
        var out: [Substring] = []
        var inSection = false
        var childIndent: Int?
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if content.isEmpty || content.hasPrefix("#") {
                if !skipping { out.append(line) }
                continue
            }
            if indent == 0 {
                skipping = false
                childIndent = nil
                let head = content.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
                inSection = (head == "data" || head == "stringData") && content.hasSuffix(":")
                out.append(line)
                continue
            }
            guard inSection else {
                out.append(line)
                continue
            }
            if childIndent == nil { childIndent = indent }
            if indent > childIndent ?? indent, skipping { continue }
            if indent == childIndent, let colon = content.firstIndex(of: ":") {
                var key = String(content[..<colon]).trimmingCharacters(in: .whitespaces)
                if key.count >= 2, let f = key.first, f == "\"" || f == "'", key.last == f { key = String(key.dropFirst().dropLast()) }
                out.append(Substring(String(repeating: " ", count: indent) + "\(content[..<colon]): " + mask(key)))
                skipping = true
                continue
            }
            if !skipping { out.append(line) }
        }
        return out.joined(separator: "\n")
    }
}
