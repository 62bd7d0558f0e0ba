// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Foundation
import ReleaseStore
import Semver

/// `tenantctl list [--tier T] [--status S] [--repo DIR] [--outdated]`: each tenant's latest revision, with
/// whether the tenant is hibernated and — when a chart repository is known — whether its chart version is
/// behind the newest one there (the fleet view CI filters on).
public struct List: Sendable {
    /// `--tier`.
    public var tier: String?
    /// `--status`.
    public var status: ReleaseStatus?
    /// `--repo`: the chart repository folder to compare against; nil looks at the default one
    /// (``ChartRepository/defaultDirectory``) and compares only when its index exists.
    public var repository: String?
    /// `--outdated`: only tenants whose chart version is behind the repository's newest.
    public var outdatedOnly: Bool

    /// Creates the verb.
    public init(tier: String? = nil, status: ReleaseStatus? = nil, repository: String? = nil, outdatedOnly: Bool = false) {
        self.tier = tier
        self.status = status
        self.repository = repository
        self.outdatedOnly = outdatedOnly
    }

    /// One tenant as `list` shows it.
    public struct Entry: Sendable {
        /// Its latest revision.
        public var release: Release
        /// `hibernated: true` in its tenant file (false when the file is missing or unreadable).
        public var hibernated: Bool
        /// The newest version of its chart in the repository; nil without a repository, or when the
        /// repository does not hold the chart.
        public var latestVersion: String?
        /// Whether its chart version is older than ``latestVersion`` (semver order); nil when unknown.
        public var outdated: Bool?
    }

    /// Each tenant's latest revision passing `--tier` and `--status`, sorted by tenant; empty when nothing was
    /// ever installed. Read-only. (The releases alone: ``fleet(_:)`` adds what `list` shows.)
    public func run(_ context: Context) throws(ActionError) -> [Release] {
        guard let storage = try context.existingStorage() else { return [] }
        let statuses: Set<ReleaseStatus>? = status.map { [$0] }
        let all = try storeCall { () throws(StoreError) in try storage.latest(statuses: statuses) }
        return all.filter { tier == nil || $0.labels["tier"] == tier }
    }

    /// What `list` shows: ``run(_:)``'s releases with hibernation and, with a repository, the newest chart
    /// version; only the outdated ones with `--outdated`. Read-only.
    /// - Throws: ``ActionError/Code/chart`` when `--repo`'s index (or, with `--outdated`, any index) cannot be
    ///   read; ``ActionError/Code/invalidInput`` for `--outdated` without a repository.
    public func fleet(_ context: Context) throws(ActionError) -> [Entry] {
        let index = try repositoryIndex()
        if outdatedOnly, index == nil {
            throw ActionError(
                .invalidInput,
                "list --outdated compares with a chart repository: no \(RepoIndex.fileName) in "
                    + "\(ChartRepository.defaultDirectory); pass --repo DIR (a folder `tenantctl package -d` writes)")
        }
        let registry = context.registry
        var out: [Entry] = []
        for release in try run(context) {
            let hibernated = registry.exists(release.tenant) ? ((try? registry.tenant(release.tenant))?.hibernated ?? false) : false
            var entry = Entry(release: release, hibernated: hibernated)
            if let index {
                entry.latestVersion = Self.newest(release.chart.name, in: index)
                entry.outdated = entry.latestVersion.map { Semver.lessThan(release.chart.version, $0) }
            }
            if outdatedOnly, entry.outdated != true { continue }
            out.append(entry)
        }
        return out
    }

    /// Whether `run` compares chart versions with a repository (`--repo`, or the default folder's index exists).
    public var comparesVersions: Bool {
        repository != nil
            || FileManager.default.fileExists(
                atPath: (ChartRepository.defaultDirectory as NSString).appendingPathComponent(RepoIndex.fileName))
    }

    /// The repository's index: `--repo`'s (which must exist), else the default folder's when it has one.
    func repositoryIndex() throws(ActionError) -> RepoIndex? {
        let directory = repository ?? ChartRepository.defaultDirectory
        let path = (directory as NSString).appendingPathComponent(RepoIndex.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            if repository == nil { return nil }
            throw ActionError(.chart, "no chart repository index at \(path); run `tenantctl package CHART -d \(directory)` first")
        }
        do {
            return try RepoIndex.load(directory: directory)
        } catch {
            throw ActionError(.chart, error.message)
        }
    }

    /// The newest stable version of `chart` in `index` (Helm's `IndexFile.Get` with no constraint), or nil.
    static func newest(_ chart: String, in index: RepoIndex) -> String? {
        try? index.get(name: chart, constraint: "").version
    }
}
