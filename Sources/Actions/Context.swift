// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Foundation
import Kube
import ReleaseStore
import Targets
import Tenancy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an action finds things: the state database, the target, the chart, the tenants folder, the time.
public struct Context: Sendable {
    /// The SQLite state file (`--state`, `TENANTCTL_STATE`, `.tenantctl/state.db`).
    public var statePath: String
    /// The directory target's root (`deploy`).
    public var deployRoot: String
    /// The chart (`charts/tenant-app`).
    public var chartPath: String
    /// The tenants folder (`tenants`).
    public var tenantsDirectory: String
    /// The time, injectable for tests.
    public var clock: @Sendable () -> Date
    /// How long to wait for another process's lease (seconds): `leaseWait`, else `TENANTCTL_LEASE_WAIT`, else 5.
    public var leaseWait: TimeInterval
    /// Test hook (``TestHooks``): seconds to stay inside the critical section once the pending record is
    /// committed (`TENANTCTL_TEST_HOLD_LEASE_SECONDS`); zero, the default, does nothing.
    public var testHoldSeconds: TimeInterval
    /// How long a tenant lease lasts unless renewed (seconds): 120, or the test hook
    /// `TENANTCTL_TEST_LEASE_TTL_SECONDS` (``TestHooks/leaseTTLVariable``). A running operation renews it every
    /// third of that.
    public var leaseTTL: TimeInterval
    /// How many revisions a tenant keeps (`--history-max`; 0 keeps all). Helm's default is 10.
    public var historyMax = 10
    /// Told of every symbolic link followed while loading a chart directory (Helm logs each one at INFO on
    /// standard error); the CLI prints them, the default ignores them.
    public var followedLink: @Sendable (FollowedLink) -> Void = { _ in }
    /// Target, store and cluster access, resolved from flags, environment and the project file
    /// (``ReleaseSettings/resolve(flags:environment:file:filePath:)``); the defaults are the embedded ones.
    public var settings = ReleaseSettings()
    /// How mutating commands apply (`--wait`, `--timeout`, `--take-ownership`, `--force-conflicts`,
    /// `--dry-run=server`); the directory target reads only the dry run.
    public var applyOptions = ApplyOptions()
    /// `--rollback-on-failure`: a failed upgrade rolls back to the deployed revision, a failed install uninstalls.
    public var rollbackOnFailure = false
    /// Told, during `--wait`, which objects are still waiting (the CLI prints it on a terminal).
    public var waitProgress: @Sendable (WaitProgress) -> Void = { _ in }
    /// `store migrate --to sqlite --to-state FILE`: the destination's state file.
    public var destinationStatePath: String?
    /// The environment the context was made from (KUBECONFIG, HOME, XDG_CACHE_HOME).
    public var environment: [String: String]
    /// The command's cluster client, made once.
    let clients = ClientCache()

    /// The default chart path.
    public static let defaultChart = "charts/tenant-app"
    /// The default state path.
    public static let defaultState = ".tenantctl/state.db"

    /// The default lease wait (seconds).
    public static let defaultLeaseWait: TimeInterval = 5

    /// Creates a context; nil paths take the defaults (`state` also looks at `TENANTCTL_STATE`, `leaseWait` at
    /// `TENANTCTL_LEASE_WAIT`).
    public init(
        statePath: String? = nil, deployRoot: String? = nil, chartPath: String? = nil,
        tenantsDirectory: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping @Sendable () -> Date = { Date() }, leaseWait: TimeInterval? = nil
    ) {
        let envState = environment["TENANTCTL_STATE"].flatMap { $0.isEmpty ? nil : $0 }
        self.statePath = statePath ?? envState ?? Context.defaultState
        self.deployRoot = deployRoot ?? "deploy"
        self.chartPath = chartPath ?? Context.defaultChart
        self.tenantsDirectory = tenantsDirectory ?? "tenants"
        self.clock = clock
        self.environment = environment
        self.leaseWait = leaseWait ?? Context.seconds(environment["TENANTCTL_LEASE_WAIT"]) ?? Context.defaultLeaseWait
        self.testHoldSeconds = Context.seconds(environment[TestHooks.holdLeaseVariable]) ?? 0
        self.leaseTTL = Context.seconds(environment[TestHooks.leaseTTLVariable]).flatMap { $0 > 0 ? $0 : nil } ?? LeasePolicy().ttl
    }

    /// A non-negative, finite number of seconds, or nil (unset, empty, unparsable).
    static func seconds(_ text: String?) -> TimeInterval? {
        guard let text, let value = TimeInterval(text.trimmingCharacters(in: .whitespaces)), value.isFinite,
            value >= 0
        else { return nil }
        return value
    }

    /// The tenants folder.
    public var registry: TenantRegistry { TenantRegistry(directory: tenantsDirectory) }

    /// The directory target.
    public var target: DirectoryTarget { DirectoryTarget(root: URL(fileURLWithPath: deployRoot)) }

    /// The target the settings choose (``ReleaseSettings/target``): the directory, or the cluster.
    public func releaseTarget() throws(ActionError) -> any Target {
        switch settings.target {
        case .directory: return target
        case .kubernetes: return try clusterTarget()
        }
    }

    /// The tenant's namespace (`tenant-acme`): where its namespaced objects go.
    public func namespace(_ tenant: String) -> String { TenantName.namespace(tenant) }

    /// Whether the store may hold records: the SQLite state file exists; a shared store (PostgreSQL) always
    /// may — its history says whether the tenant has any.
    public var stateExists: Bool {
        settings.store == .sqlite ? FileManager.default.fileExists(atPath: statePath) : true
    }

    /// Where the records are, for messages: the state file, or the shared store.
    public var storeDescription: String {
        switch settings.store {
        case .sqlite: return statePath
        case .postgres: return "the PostgreSQL store"
        case .kubernetes: return "the Kubernetes store in namespace \(settings.recordsNamespace)"
        }
    }

    /// Opens the store for a mutating command (read-only commands use ``existingStorage()``), after checking
    /// that the state path can be a state database and that an empty file does not stand for lost history.
    public func storage(create: Bool) throws(ActionError) -> Storage {
        if let shared = try sharedStorage() { return shared }
        try checkStateFile()
        do {
            let driver = try SQLiteDriver(path: statePath, create: create)
            return Storage(
                driver: driver, historyMax: historyMax, leasePolicy: LeasePolicy(ttl: leaseTTL, wait: leaseWait), clock: clock)
        } catch {
            throw ActionError(.store, error.message + Context.hint(for: error))
        }
    }

    /// For read-only commands (`status`, `history`, `get`, `list`, `diff`): the store opened for reading only
    /// — no recovery, no lease, no schema change, and it works where `.tenantctl/` is read-only — or nil when
    /// there is no state file yet (nothing was ever installed).
    ///
    /// `forWriting` (rollback, uninstall: mutating commands with nothing to do without a state file) opens it
    /// as ``storage(create:)`` does instead.
    public func existingStorage(forWriting: Bool = false) throws(ActionError) -> Storage? {
        if let shared = try sharedStorage(readingOnly: !forWriting) { return shared }
        guard stateExists else { return nil }
        if forWriting { return try storage(create: false) }
        try checkStateFile()
        do {
            let driver = try SQLiteDriver(readingOnly: statePath)
            return Storage(driver: driver, historyMax: historyMax, leasePolicy: LeasePolicy(ttl: leaseTTL, wait: leaseWait), clock: clock)
        } catch {
            throw ActionError(.store, error.message + Context.hint(for: error))
        }
    }

    /// The Kubernetes target over ``kubeClient()``.
    func clusterTarget() throws(ActionError) -> any Target {
        KubernetesTarget(client: try kubeClient(), recordsNamespace: settings.recordsNamespace)
    }

    /// The command's one client for the cluster the settings name (made on first use, then shared: one
    /// connection pool and one discovery for the whole command). Discovery is cached on disk for ten minutes
    /// under `$XDG_CACHE_HOME/tenantctl/discovery` (else `~/.cache/tenantctl/discovery`), as kubectl caches it.
    public func kubeClient() throws(ActionError) -> KubeClient {
        try clients.client(settings) { () throws(ActionError) in
            var options = KubeClientOptions()
            options.qps = settings.qps
            options.burst = settings.burst
            options.discoveryCacheDirectory = Context.discoveryCache(environment)
            do throws(KubeError) {
                return try KubeClient(kubeconfig: settings.kubeconfig, context: settings.kubeContext, environment: environment, options: options)
            } catch {
                throw ActionError(.invalidInput, error.description)
            }
        }
    }

    /// The client made so far, if any (for the request count `TENANTCTL_KUBE_STATS` prints).
    public var madeKubeClient: KubeClient? { clients.made }

    static func discoveryCache(_ environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/tenantctl/discovery" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.cache/tenantctl/discovery"
    }

    /// The shared store the settings choose (PostgreSQL, or Secrets in the cluster's records namespace),
    /// opened; nil for the SQLite file.
    ///
    /// PostgreSQL: the URL from `--store-url`, `TENANTCTL_POSTGRES_URL` or `postgres.url:`; Helm's schema is
    /// created when missing (Helm's own `HELM_DRIVER=sql` would create the same).
    func sharedStorage(readingOnly: Bool = false) throws(ActionError) -> Storage? {
        switch settings.store {
        case .sqlite: return nil
        case .kubernetes:
            let client = try kubeClient()
            do throws(StoreError) {
                let driver = try KubernetesDriver(client: client, namespace: settings.recordsNamespace)
                return Storage(driver: driver, historyMax: historyMax, leasePolicy: LeasePolicy(ttl: leaseTTL, wait: leaseWait), clock: clock)
            } catch {
                throw ActionError(.store, error.message)
            }
        case .postgres:
            guard let url = settings.storeURL else {
                throw ActionError(
                    .invalidInput,
                    "--store postgres needs the database's URL: pass --store-url, set TENANTCTL_POSTGRES_URL, or add "
                        + "`postgres: {url: postgres://user@host:5432/db}` to tenantctl.yaml")
            }
            do {
                let driver =
                    readingOnly
                    ? try PostgresDriver(readingOnly: url, namespace: settings.recordsNamespace)
                    : try PostgresDriver(url: url, namespace: settings.recordsNamespace)
                return Storage(driver: driver, historyMax: historyMax, leasePolicy: LeasePolicy(ttl: leaseTTL, wait: leaseWait), clock: clock)
            } catch {
                throw ActionError(.store, error.message)
            }
        }
    }

    /// What to do about a store error that leaves the user stuck.
    static func hint(for error: StoreError) -> String {
        if error.message.contains("database is locked") {
            return " (another process holds the state database's write lock past \(SQLiteDriver.busyTimeoutMilliseconds / 1000)s, "
                + "or the file system cannot lock files: keep the state on a local disk and try again)"
        }
        if error.code == .incompatible {
            return " (restore the state file from a backup, or move it away to start a new history)"
        }
        return ""
    }

    /// Refuses a state path that cannot be a state database (a device such as /dev/null, a folder), and an
    /// empty or unreadable state file beside a deploy folder that holds tenants' objects: that file is history
    /// lost (truncated, or replaced), and treating it as a new, empty database would overwrite their objects.
    func checkStateFile() throws(ActionError) {
        var info = stat()
        guard stat(statePath, &info) == 0 else { return }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            throw ActionError(
                .store, "the state path \(statePath) is a folder, not a file: pass --state with a file path (e.g. \(Context.defaultState))")
        }
        if kind != S_IFREG {
            throw ActionError(
                .store,
                "the state path \(statePath) is not a regular file (a device or pipe), so it cannot hold a database: "
                    + "pass --state with a file path (e.g. \(Context.defaultState)); it is created when missing")
        }
        let tenants = deployedTenantFolders()
        guard !tenants.isEmpty else { return }
        let shown = tenants.prefix(5).joined(separator: ", ") + (tenants.count > 5 ? ", …" : "")
        if info.st_size == 0 {
            throw ActionError(
                .store,
                "the state file \(statePath) is empty (0 bytes), but \(deployRoot) holds objects of \(shown): their release "
                    + "history is lost, and tenantctl will not start a new one over them. Restore the state file from a "
                    + "backup, or move \(deployRoot) (or the state file) away to start afresh")
        }
        if access(statePath, R_OK) != 0 {
            throw ActionError(
                .store,
                "the state file \(statePath) cannot be read (\(String(cString: strerror(errno)))), and \(deployRoot) holds "
                    + "objects of \(shown): fix the file's permissions (it should be yours, mode 0600) and try again")
        }
    }

    /// The tenant folders under the deploy root that hold an ownership index (objects tenantctl wrote).
    func deployedTenantFolders() -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: deployRoot) else { return [] }
        return names.filter { name in
            FileManager.default.fileExists(atPath: deployRoot + "/" + name + "/" + DirectoryTarget.indexName)
        }.sorted()
    }

    /// Refuses a deploy folder that overlaps the tenants folder, the chart or the state folder: the target
    /// writes one folder per tenant there, and mixing its objects with those files invites their loss.
    func checkPlaces() throws(ActionError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: deployRoot, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ActionError(
                .invalidInput,
                "the deploy folder \(goQuoted(deployRoot)) is a file, not a folder: move the file away, or choose another "
                    + "deploy folder with --deploy-dir")
        }
        let deploy = Context.canonical(deployRoot)
        // The state file may sit in the working folder beside deploy/; only a deploy folder holding it overlaps.
        let places = [("the tenants folder", tenantsDirectory, true), ("the chart", chartPath, true), ("the state file", statePath, false)]
        for (what, path, bothWays) in places {
            let other = Context.canonical(path)
            let inside = other == deploy || other.hasPrefix(deploy == "/" ? "/" : deploy + "/")
            let holds = bothWays && deploy.hasPrefix(other == "/" ? "/" : other + "/")
            guard inside || holds else { continue }
            let relation = other == deploy ? "is" : inside ? "holds" : "lies inside"
            throw ActionError(
                .invalidInput,
                "the deploy folder \(goQuoted(deployRoot)) \(relation) \(what) \(goQuoted(path)): tenantctl writes one folder "
                    + "per tenant there and must not mix its objects with other files; choose a deploy folder of its own "
                    + "with --deploy-dir (default deploy)")
        }
    }

    /// `path` made absolute, `.`/`..` resolved and symbolic links of its existing part followed.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var url = URL(fileURLWithPath: absolute).standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            missing.insert(url.lastPathComponent, at: 0)
            url = url.deletingLastPathComponent()
        }
        var resolved = url.resolvingSymlinksInPath().path
        for part in missing { resolved = (resolved as NSString).appendingPathComponent(part) }
        return resolved
    }
}

/// `"text"` with quotes and backslashes escaped, for paths in messages.
func goQuoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// An action's failure: a code to match on and a message to print after `Error: `.
public struct ActionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// Bad input: tenant name, tier, values file, `--set`, flags.
        case invalidInput
        /// The chart cannot be loaded.
        case chart
        /// The chart failed to render (template error).
        case render
        /// The lifecycle refused the request (name in use, no deployed release, revision not found …).
        case refused
        /// The tenant, or the revision asked for, does not exist.
        case notFound
        /// The state database failed, or another process holds the tenant's lease.
        case store
        /// The target failed.
        case target
        /// The operation ran and failed (a failed revision may have been recorded).
        case failed
    }

    /// What went wrong.
    public var code: Code
    /// The message.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    init(_ error: TenancyError) { self.init(.invalidInput, error.message) }
}

/// One KubeClient per command, made on first use (a Context is copied freely; its copies share the cache).
final class ClientCache: @unchecked Sendable {
    private let lock = NSLock()
    private var client: KubeClient?
    private var settings: ReleaseSettings?

    var made: KubeClient? { lock.withLock { client } }

    func client(_ settings: ReleaseSettings, make: () throws(ActionError) -> KubeClient) throws(ActionError) -> KubeClient {
        lock.lock()
        defer { lock.unlock() }
        if let client, self.settings == settings { return client }
        let made = try make()
        client = made
        self.settings = settings
        return made
    }
}
