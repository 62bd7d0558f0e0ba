// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// The server's version (`/version`).
public struct ServerVersion: Sendable, Equatable {
    /// `v1.20.2`.
    public var gitVersion: String
    public var major: String
    public var minor: String
}

/// One resource of a group version, from `/api/v1` or `/apis/<group>/<version>`.
public struct APIResource: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var namespaced: Bool
    public var verbs: [String]
    public var shortNames: [String]
}

/// One API group and its versions (`/apis`), the preferred first as the server lists them.
public struct APIGroup: Sendable, Equatable {
    /// `""` for the core group.
    public var name: String
    public var versions: [String]
    public var preferredVersion: String
}

/// What the server serves: version, groups and, per group version, its resources (kind → resource and scope).
/// Fetched with one request per group version (1.20 has no aggregated discovery), then kept for the client's
/// life and in a cache file for `discoveryCacheTTL` seconds, as kubectl keeps its discovery cache.
public struct Discovery: Sendable {
    public var serverVersion: ServerVersion
    public var groups: [APIGroup]
    /// Resources per group version (`v1`, `apps/v1`), subresources left out.
    public var resources: [String: [APIResource]]
    /// Every kind each group version lists, subresources' kinds included (`apps/v1`: `Deployment`, `Scale` …),
    /// in the server's order: what Helm's `.Capabilities.APIVersions` is built from.
    public var kinds: [String: [String]] = [:]
    /// True when this came from the disk cache.
    public var fromCache: Bool = false

    /// The resource serving `kind` in `apiVersion`.
    public func resource(apiVersion: String, kind: String) -> ResourceRef? {
        guard let list = resources[apiVersion], let r = list.first(where: { $0.kind == kind }) else { return nil }
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        let (g, v) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
        return ResourceRef(group: g, version: v, resource: r.name, kind: r.kind, namespaced: r.namespaced)
    }

    /// The resource for `kind` in its group's preferred version (`group` "" for the core group).
    public func preferredResource(group: String, kind: String) -> ResourceRef? {
        guard let g = groups.first(where: { $0.name == group }) else { return nil }
        return resource(apiVersion: group.isEmpty ? g.preferredVersion : "\(group)/\(g.preferredVersion)", kind: kind)
    }

    /// Every served group version (`v1`, `apps/v1`, `autoscaling/v2beta2` …).
    public var groupVersions: [String] {
        groups.flatMap { g in g.versions.map { g.name.isEmpty ? $0 : "\(g.name)/\($0)" } }
    }

    /// Helm's `.Capabilities.APIVersions`: each served group version and each `group/version/Kind` of every
    /// resource and subresource (Helm v4.1.4's `action.GetVersionSet` over `ServerGroupsAndResources`, so
    /// `apps/v1/Scale` and `v1/Eviction` are in), each once. Helm hands them over in Go's random map order;
    /// here they are sorted.
    public var apiVersions: [String] {
        var set = Set(groupVersions)
        for (gv, list) in kinds { for kind in list { set.insert("\(gv)/\(kind)") } }
        return set.sorted()
    }

    // MARK: fetching

    static func load(client: KubeClient) throws(KubeError) -> Discovery {
        let file = cacheFile(client.options.discoveryCacheDirectory, server: client.server)
        if let file, let cached = readCache(file, ttl: client.options.discoveryCacheTTL) { return cached }
        let d = try fetch(client)
        if let file { writeCache(d, file) }
        return d
    }

    static func fetch(_ client: KubeClient) throws(KubeError) -> Discovery {
        let version = try client.getJSON("/version", verb: "discover")
        let sv = ServerVersion(gitVersion: version["gitVersion"]?.string ?? "", major: version["major"]?.string ?? "", minor: version["minor"]?.string ?? "")
        let core = try client.getJSON("/api", verb: "discover")
        var groups: [APIGroup] = []
        let coreVersions = core["versions"]?.array?.compactMap { $0.string } ?? ["v1"]
        groups.append(APIGroup(name: "", versions: coreVersions, preferredVersion: coreVersions.first ?? "v1"))
        let apis = try client.getJSON("/apis", verb: "discover")
        for g in apis["groups"]?.array ?? [] {
            guard let name = g["name"]?.string else { continue }
            let versions = g["versions"]?.array?.compactMap { $0["version"]?.string } ?? []
            groups.append(APIGroup(name: name, versions: versions, preferredVersion: g[["preferredVersion", "version"]]?.string ?? versions.first ?? ""))
        }
        // One request per group version, sent side by side over the client's connection pool.
        let paths = groups.flatMap { g in g.versions.map { v in (g.name.isEmpty ? v : "\(g.name)/\(v)", g.name.isEmpty ? "/api/\(v)" : "/apis/\(g.name)/\(v)") }
        }
        let results = ResultSlots<Result<([APIResource], [String]), KubeError>>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            do throws(KubeError) {
                let list = try client.getJSON(paths[i].1, verb: "discover")
                results.set(i, .success((parseResources(list), parseKinds(list))))
            } catch {
                results.set(i, .failure(error))
            }
        }
        var resources: [String: [APIResource]] = [:]
        var kinds: [String: [String]] = [:]
        for (i, (gv, _)) in paths.enumerated() {
            switch results.get(i) {
            case .success(let (list, kindList))?:
                resources[gv] = list
                kinds[gv] = kindList
            // A group version whose API service is down (503) is left out, as kubectl does with a warning; so
            // is one that went away after `/apis` listed it (404: its CustomResourceDefinition was just deleted).
            case .failure(let e)? where e.status == 503 || e.status == 404: continue
            case .failure(let e)?: throw e
            case nil: continue
            }
        }
        var d = Discovery(serverVersion: sv, groups: groups, resources: resources)
        d.kinds = kinds
        return d
    }

    /// The kind of every resource and subresource of a group version's resource list, in the server's order.
    static func parseKinds(_ list: JSON) -> [String] {
        (list["resources"]?.array ?? []).compactMap { $0["kind"]?.string }
    }

    static func parseResources(_ list: JSON) -> [APIResource] {
        (list["resources"]?.array ?? []).compactMap { r in
            guard let name = r["name"]?.string, !name.contains("/"), let kind = r["kind"]?.string else { return nil }
            return APIResource(
                name: name, kind: kind, namespaced: r["namespaced"]?.bool ?? false, verbs: r["verbs"]?.array?.compactMap { $0.string } ?? [],
                shortNames: r["shortNames"]?.array?.compactMap { $0.string } ?? [])
        }
    }

    // MARK: the disk cache

    /// `<dir>/<host_port>/discovery.json`, the host and port made safe as kubectl's `computeDiscoverCacheDir`
    /// does (every character outside `[A-Za-z0-9._]` becomes `_`).
    static func cacheFile(_ dir: String?, server: String) -> String? {
        guard let dir, let url = URL(string: server), let host = url.host else { return nil }
        let hostPort = url.port.map { "\(host):\($0)" } ?? host
        let safe = String(hostPort.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") ? $0 : "_" })
        return "\(dir)/\(safe)/discovery.json"
    }

    private static func readCache(_ file: String, ttl: Double) -> Discovery? {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: file), let m = attrs[.modificationDate] as? Date,
            Date().timeIntervalSince(m) < ttl, let data = FileManager.default.contents(atPath: file), let j = try? JSON.parse([UInt8](data))
        else { return nil }
        // A cache written before `kinds` was kept is stale.
        guard let sv = j["serverVersion"], let gs = j["groups"]?.array, let rs = j["resources"]?.members, let ks = j["kinds"]?.members
        else { return nil }
        var d = Discovery(
            serverVersion: ServerVersion(gitVersion: sv["gitVersion"]?.string ?? "", major: sv["major"]?.string ?? "", minor: sv["minor"]?.string ?? ""),
            groups: gs.map {
                APIGroup(
                    name: $0["name"]?.string ?? "", versions: $0["versions"]?.array?.compactMap { $0.string } ?? [],
                    preferredVersion: $0["preferredVersion"]?.string ?? "")
            }, resources: [:], fromCache: true)
        for (gv, list) in rs { d.resources[gv] = parseResources(.object([("resources", list)])) }
        for (gv, list) in ks { d.kinds[gv] = list.array?.compactMap { $0.string } ?? [] }
        return d
    }

    private static func writeCache(_ d: Discovery, _ file: String) {
        let strings: ([String]) -> JSON = { .array($0.map { .string($0) }) }
        let j = JSON.object([
            (
                "serverVersion",
                .object([
                    ("gitVersion", .string(d.serverVersion.gitVersion)), ("major", .string(d.serverVersion.major)), ("minor", .string(d.serverVersion.minor)),
                ])
            ),
            (
                "groups",
                .array(
                    d.groups.map {
                        .object([("name", .string($0.name)), ("versions", strings($0.versions)), ("preferredVersion", .string($0.preferredVersion))])
                    })
            ),
            (
                "resources",
                .object(
                    d.resources.keys.sorted().map { gv in
                        (
                            gv,
                            .array(
                                d.resources[gv, default: []].map {
                                    .object([
                                        ("name", .string($0.name)), ("kind", .string($0.kind)), ("namespaced", .bool($0.namespaced)),
                                        ("verbs", strings($0.verbs)),
                                        ("shortNames", strings($0.shortNames)),
                                    ])
                                })
                        )
                    })
            ),
            ("kinds", .object(d.kinds.keys.sorted().map { gv in (gv, strings(d.kinds[gv, default: []])) })),
        ])
        let fm = FileManager.default
        let dir = (file as NSString).deletingLastPathComponent
        // 0700 directories and 0600 files, as kubectl's cache: discovery can reveal what a user may see.
        do {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let tmp = file + ".tmp.\(getpid())"
            guard fm.createFile(atPath: tmp, contents: Data(j.text.utf8), attributes: [.posixPermissions: 0o600]) else { return }
            if rename(tmp, file) != 0 { try? fm.removeItem(atPath: tmp) }
        } catch {
            // The cache is an optimisation: a directory we cannot write costs requests, not correctness.
        }
    }
}

/// Results written by concurrent workers, one slot each.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { lock.withLock { slots[i] = v } }
    func get(_ i: Int) -> T? { lock.withLock { slots[i] } }
}
