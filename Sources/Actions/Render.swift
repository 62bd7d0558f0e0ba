// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Crypto
import Engine
import Foundation
import GoRuntime
import ReleaseStore
import ReleaseUtil
import Synchronization
import Targets
import TemplateFuncs
import Tenancy

/// A chart loaded for releases: the tree, and its reference (name, version, digest) for the records.
public struct ReleaseChart: Sendable {
    /// The loaded chart.
    public var chart: LoadedChart
    /// What revisions record about it.
    public var reference: ChartReference
    /// The templates as first parsed for a render without a cluster, reused by every later render of this
    /// loaded chart whose plan has the same templates (`tenantctl promote` renders one chart for many tenants).
    let parsed = ParsedTemplatesCache()

    /// Loads the chart at `path`.
    /// - Throws: ``ActionError/Code/chart`` naming the path.
    /// A path ending in `.tgz` is a packaged chart (`tenantctl package`).
    /// Every symbolic link followed in a chart directory is reported to `followedLink`, also before a failure.
    public static func load(
        _ path: String, followedLink: (FollowedLink) -> Void = { _ in }
    ) throws(ActionError) -> ReleaseChart {
        let isArchive = path.hasSuffix(".tgz") || path.hasSuffix(".tar.gz")
        if isArchive {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ActionError(.chart, "\(path): no such chart archive")
            }
        } else if !FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("Chart.yaml")) {
            throw ActionError(.chart, "\(path): no chart here (no Chart.yaml); pass --chart PATH")
        }
        let chart: LoadedChart
        do {
            chart = isArchive ? try ChartArchive.load(file: path) : try ChartDirectory.load(directory: path, followedLink: followedLink)
        } catch {
            throw ActionError(.chart, "\(path): \(error.message)")
        }
        var hasher = SHA256()
        for file in chart.raw.sorted(by: { $0.name < $1.name }) {
            hasher.update(data: Data(file.name.utf8))
            hasher.update(data: [0])
            hasher.update(data: file.data)
            hasher.update(data: [0])
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return ReleaseChart(
            chart: chart,
            reference: ChartReference(
                name: chart.metadata.name, version: chart.metadata.version, appVersion: chart.metadata.appVersion,
                digest: "sha256:" + digest))
    }
}

/// `--version CONSTRAINT`: a chart version from a chart repository folder (`tenantctl package -d DIR`).
public enum ChartRepository {
    /// The default repository folder.
    public static let defaultDirectory = "charts/repo"

    /// The path of the newest archive of `name` in `directory`'s index.yaml that satisfies `constraint`
    /// (Helm's rules: an exact version first, then Masterminds semver constraints, newest first).
    /// - Throws: ``ActionError/Code/chart`` with Helm's `chart "NAME" matching C not found in DIR index: …`.
    public static func resolve(name: String, constraint: String, directory: String) throws(ActionError) -> String {
        do {
            return try RepoIndex.resolve(name: name, constraint: constraint, directory: directory)
        } catch {
            throw ActionError(.chart, error.message)
        }
    }
}

/// Rendering a tenant's release through the engine.
public enum TenantRenderer {
    /// Renders `chart` for `tenant` with `userValues` (chart defaults are coalesced under them) as revision
    /// `revision`: the manifest in Helm's layout, NOTES.txt apart, and the computed values as YAML.
    /// - Throws: ``ActionError/Code/render`` with the engine's message.
    ///
    /// With a `cluster`, the templates see it as `helm install` shows it to them: `.Capabilities` from the
    /// server and `lookup` over the API.
    public static func render(
        chart: ReleaseChart, tenant: String, userValues: [String: Value], revision: Int,
        isUpgrade: Bool, cluster: LiveCluster? = nil
    ) throws(ActionError) -> Rendering {
        var options = ReleaseOptions(
            releaseName: tenant, namespace: TenantName.namespace(tenant), revision: revision,
            isInstall: !isUpgrade, isUpgrade: isUpgrade)
        let files: [(name: String, output: String)]
        let computed: Value
        do throws(RenderError) {
            if let cluster { options.capabilities = try cluster.capabilities() }
            let plan = try makeRenderValues(chart: chart.chart, values: .dict(userValues), options: options)
            computed = plan.topValues["Values"] ?? .null
            let templates: ParsedTemplates
            if let cluster {
                // `lookup` is bound to the cluster at parse time: a set of its own.
                templates = try ParsedTemplates.parse(plan, functions: cluster.functions())
            } else {
                templates = try chart.parsed.templates(for: plan)
            }
            files = try templates.render()
        } catch {
            throw ActionError(.render, error.message)
        }
        var notes = ""
        var manifestFiles: [(String, String)] = []
        for (name, output) in files {
            if name == chart.chart.fullPath + "/templates/NOTES.txt" {
                notes = output
            } else if GoPath.base(name) != "NOTES.txt" {
                manifestFiles.append((name, output))
            }
        }
        return Rendering(
            manifest: joinManifests(manifestFiles), notes: notes,
            computedValues: ValuesYAML.emit(computed),
            userValues: ValuesYAML.emit(.dict(userValues)))
    }

    /// Helm's manifest layout: every non-empty document as `---\n# Source: <file>\n<doc>`, in file-name order
    /// (a file's documents in order), then stably sorted by kind in Helm's install order
    /// (``Manifests/sortByKind(_:order:kind:)``: unknown kinds last, alphabetically).
    public static func joinManifests(_ files: [(String, String)]) -> String {
        var docs: [(file: String, seq: Int, text: String)] = []
        for (name, output) in files {
            for (i, doc) in Targets.Manifest.documents(output).enumerated() { docs.append((name, i, doc)) }
        }
        docs.sort { ($0.file, $0.seq) < ($1.file, $1.seq) }
        // A document whose head cannot be read sorts as an unknown kind ("").
        let sorted = Manifests.sortByKind(docs) { (try? Manifests.parseHead($0.text).kind) ?? "" }
        return sorted.map { "---\n# Source: \($0.file)\n\($0.text)" }.joined()
    }
}

/// A loaded chart's parsed templates, shared by the renders of many releases (the first render parses; the
/// others rebind the parsed set to their own values: ``ParsedTemplates/rebinding(_:)``).
final class ParsedTemplatesCache: Sendable {
    private let parsed = Mutex<ParsedTemplates?>(nil)

    /// The templates of `plan`, parsed once per loaded chart.
    func templates(for plan: RenderPlan) throws(RenderError) -> ParsedTemplates {
        if let rebound = parsed.withLock({ $0?.rebinding(plan) }) { return rebound }
        let fresh = try ParsedTemplates.parse(plan, functions: FunctionLibrary.helm)
        parsed.withLock { if $0 == nil { $0 = fresh } }
        return fresh
    }
}
