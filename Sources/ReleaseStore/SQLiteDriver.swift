// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The embedded default driver: one SQLite file (`.tenantctl/state.db`), safe to share between processes.
///
/// - Every change runs in a `BEGIN IMMEDIATE` transaction; ``commit(_:)`` puts a whole batch in one.
/// - WAL journal (readers never block the writer), `synchronous=FULL` (a committed change survives power loss),
///   and a busy timeout so a second process waits for the write lock instead of failing at once.
/// - A `schema_version` table; the schema is created or migrated on open, and a file written by a newer
///   tenantctl is refused (``StoreError/Code/incompatible``) rather than misread.
/// - Plain SQL (`TEXT`, `INTEGER`, one composite primary key, RFC 3339 text timestamps) so that a PostgreSQL
///   driver can share the schema.
public final class SQLiteDriver: ReleaseDriver, LeaseDriver, @unchecked Sendable {
    // @unchecked: the connection is used only under `lock`.
    private let lock = NSLock()
    private let connection: SQLiteConnection

    /// The schema version this build writes.
    public static let schemaVersion = 2

    /// How long a statement waits for another process's write lock before failing (milliseconds).
    public static let busyTimeoutMilliseconds = 5_000

    /// The database file.
    public var path: String { connection.path }

    /// `sqlite`.
    public var name: String { "sqlite" }

    /// Opens the database at `path`, creating it (and its parent directory) when `create` is true, and
    /// creating or migrating its schema. A folder it creates is private (0700) and so is the file (0600),
    /// whatever the umask; an existing state file is made 0600 (it holds every rendered Secret). SQLite gives
    /// its `-wal` and `-shm` files the database file's permissions.
    /// - Throws: ``StoreError/Code/database`` when the file cannot be opened or created (or is missing and
    ///   `create` is false), ``StoreError/Code/incompatible`` when it is not a database or has a newer schema.
    public init(path: String, create: Bool = true) throws(StoreError) {
        if create {
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
                do {
                    try FileManager.default.createDirectory(
                        atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                } catch {
                    throw StoreError(.database, "cannot create the directory of state database \(path): \(error.localizedDescription)")
                }
                chmod(parent, 0o700)
            }
            let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
            if fd >= 0 {
                fchmod(fd, 0o600)
                close(fd)
            }
        } else if !FileManager.default.fileExists(atPath: path) {
            throw StoreError(.database, "state database \(path) does not exist")
        } else {
            chmod(path, 0o600)
        }
        connection = try SQLiteConnection(path: path, create: create)
        readOnly = false
        try connection.execute("PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)")
        _ = try connection.scalar("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = FULL")
        try migrate()
    }

    /// Opens the database at `path` for reading only: no schema change, no journal change, no lock taken for
    /// writing — what `status`, `history`, `get`, `list` and `diff` use. Where the folder is read-only (no
    /// `-shm` file can be made), it falls back to SQLite's immutable open.
    /// - Throws: as ``init(path:create:)``; ``StoreError/Code/incompatible`` also when the file holds no
    ///   tenantctl schema.
    public init(readingOnly path: String) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.database, "state database \(path) does not exist")
        }
        var opened: SQLiteConnection
        var version: Int
        do throws(StoreError) {
            opened = try SQLiteConnection(path: path, create: false, readOnly: true)
            try opened.execute("PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)")
            version = try Self.schemaVersion(of: opened)
        } catch {
            guard error.code == .database else { throw error }
            opened = try SQLiteConnection(path: path, create: false, readOnly: true, immutable: true)
            version = try Self.schemaVersion(of: opened)
        }
        if version > Self.schemaVersion {
            throw StoreError(
                .incompatible,
                "state database \(path) has schema version \(version), "
                    + "newer than this tenantctl understands (\(Self.schemaVersion)); upgrade tenantctl")
        }
        connection = opened
        readOnly = true
    }

    /// Whether this driver was opened with ``init(readingOnly:)``.
    public let readOnly: Bool

    private static func schemaVersion(of connection: SQLiteConnection) throws(StoreError) -> Int {
        let exists = try connection.scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
        guard exists != nil else {
            throw StoreError(.incompatible, "state database \(connection.path) holds no tenantctl state (no schema_version table)")
        }
        return Int(try connection.scalar("SELECT MAX(version) FROM schema_version") ?? "0") ?? 0
    }

    /// Creates or upgrades the schema, in one transaction.
    private func migrate() throws(StoreError) {
        let connection = self.connection
        try connection.transaction { () throws(StoreError) in
            try connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            let current = Int(try connection.scalar("SELECT MAX(version) FROM schema_version") ?? "0") ?? 0
            if current > Self.schemaVersion {
                throw StoreError(
                    .incompatible,
                    "state database \(connection.path) has schema version \(current), "
                        + "newer than this tenantctl understands (\(Self.schemaVersion)); upgrade tenantctl")
            }
            guard current < Self.schemaVersion else { return }
            for version in (current + 1)...Self.schemaVersion {
                for statement in Self.migrations[version - 1] { try connection.execute(statement) }
                try connection.run("INSERT INTO schema_version (version) VALUES (?)", [.int(Int64(version))])
            }
        }
    }

    /// `migrations[n - 1]` takes the schema from version n - 1 to n.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE releases (
                tenant TEXT NOT NULL,
                revision INTEGER NOT NULL,
                status TEXT NOT NULL,
                chart_name TEXT NOT NULL,
                chart_version TEXT NOT NULL,
                chart_app_version TEXT NOT NULL,
                chart_digest TEXT NOT NULL,
                user_values TEXT NOT NULL,
                computed_values TEXT NOT NULL,
                manifest TEXT NOT NULL,
                notes TEXT NOT NULL,
                first_deployed TEXT NOT NULL,
                last_deployed TEXT NOT NULL,
                deleted TEXT,
                description TEXT NOT NULL,
                labels TEXT NOT NULL,
                PRIMARY KEY (tenant, revision)
            )
            """,
            "CREATE INDEX releases_status ON releases (status)",
            """
            CREATE TABLE leases (
                tenant TEXT NOT NULL PRIMARY KEY,
                holder_id TEXT NOT NULL,
                operation TEXT NOT NULL,
                hostname TEXT NOT NULL,
                pid INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )
            """,
        ],
        // 2: promotion records (`tenantctl promote`, `rollback --promotion`), the record's JSON by id.
        [
            """
            CREATE TABLE promotions (
                id TEXT NOT NULL PRIMARY KEY,
                started_at TEXT NOT NULL,
                record TEXT NOT NULL
            )
            """,
            "CREATE INDEX promotions_started_at ON promotions (started_at)",
        ],
    ]

    private static let columns = """
        tenant, revision, status, chart_name, chart_version, chart_app_version, chart_digest, user_values, \
        computed_values, manifest, notes, first_deployed, last_deployed, deleted, description, labels
        """

    private func locked<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: ReleaseDriver

    public func create(_ release: Release) throws(StoreError) { try commit([.create(release)]) }

    public func update(_ release: Release) throws(StoreError) { try commit([.update(release)]) }

    public func get(_ key: ReleaseKey) throws(StoreError) -> Release {
        try locked { () throws(StoreError) -> Release in
            guard let r = try fetch(key) else { throw .notFound(key) }
            return r
        }
    }

    public func query(_ query: ReleaseQuery) throws(StoreError) -> [Release] {
        try locked { () throws(StoreError) -> [Release] in
            var sql = "SELECT \(Self.columns) FROM releases r WHERE 1 = 1"
            var parameters: [SQLValue] = []
            if let tenant = query.tenant {
                sql += " AND tenant = ?"
                parameters.append(.text(tenant))
            }
            if query.latestOnly {
                sql += " AND revision = (SELECT MAX(l.revision) FROM releases l WHERE l.tenant = r.tenant)"
            }
            if let statuses = query.statuses {
                if statuses.isEmpty { return [] }
                sql += " AND status IN (" + statuses.map { _ in "?" }.joined(separator: ", ") + ")"
                parameters += statuses.sorted { $0.rawValue < $1.rawValue }.map { .text($0.rawValue) }
            }
            sql += " ORDER BY tenant, revision"
            let statement = try connection.prepare(sql, parameters)
            var out: [Release] = []
            while try statement.step() { out.append(try Self.decode(statement)) }
            return out
        }
    }

    public func delete(_ key: ReleaseKey) throws(StoreError) -> Release {
        try locked { () throws(StoreError) -> Release in
            try connection.transaction { () throws(StoreError) -> Release in
                guard let r = try fetch(key) else { throw .notFound(key) }
                try connection.run("DELETE FROM releases WHERE tenant = ? AND revision = ?", Self.keyParameters(key))
                return r
            }
        }
    }

    public func commit(_ changes: [ReleaseChange], fence: LeaseFence?) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                // The fence is checked inside the write transaction (BEGIN IMMEDIATE holds the write lock), so
                // no takeover can come between the check and the writes.
                if let fence {
                    let current = try fetchLease(fence.tenant)
                    if current?.holderID != fence.holderID { throw .leaseLost(fence, holder: current) }
                }
                for change in changes {
                    switch change {
                    case .create(let r):
                        try validate(r)
                        do throws(StoreError) {
                            try connection.run(
                                "INSERT INTO releases (\(Self.columns)) VALUES (" + Array(repeating: "?", count: 16).joined(separator: ", ") + ")",
                                Self.encode(r))
                        } catch {
                            throw error.code == .alreadyExists ? .alreadyExists(r.key) : error
                        }
                    case .update(let r):
                        let sql = """
                            UPDATE releases SET status = ?, chart_name = ?, chart_version = ?, chart_app_version = ?, \
                            chart_digest = ?, user_values = ?, computed_values = ?, manifest = ?, notes = ?, \
                            first_deployed = ?, last_deployed = ?, deleted = ?, description = ?, labels = ? \
                            WHERE tenant = ? AND revision = ?
                            """
                        let values = Self.encode(r)
                        let changed = try connection.run(sql, Array(values[2...]) + Array(values[0..<2]))
                        if changed == 0 { throw .notFound(r.key) }
                    case .delete(let k):
                        let changed = try connection.run(
                            "DELETE FROM releases WHERE tenant = ? AND revision = ?",
                            Self.keyParameters(k))
                        if changed == 0 { throw .notFound(k) }
                    }
                }
            }
        }
    }

    private func fetch(_ key: ReleaseKey) throws(StoreError) -> Release? {
        let statement = try connection.prepare(
            "SELECT \(Self.columns) FROM releases WHERE tenant = ? AND revision = ?", Self.keyParameters(key))
        return try statement.step() ? try Self.decode(statement) : nil
    }

    private static func keyParameters(_ key: ReleaseKey) -> [SQLValue] {
        [.text(key.tenant), .int(Int64(key.revision))]
    }

    /// The 16 column values of `columns`, in order.
    private static func encode(_ r: Release) -> [SQLValue] {
        [
            .text(r.tenant), .int(Int64(r.revision)), .text(r.status.rawValue),
            .text(r.chart.name), .text(r.chart.version), .text(r.chart.appVersion), .text(r.chart.digest),
            .text(r.userValues), .text(r.computedValues), .text(r.manifest), .text(r.notes),
            .text(Timestamp.format(r.firstDeployed)), .text(Timestamp.format(r.lastDeployed)),
            r.deleted.map { .text(Timestamp.format($0)) } ?? .null,
            .text(r.description), .text(encodeLabels(r.labels)),
        ]
    }

    private static func decode(_ s: SQLiteConnection.Statement) throws(StoreError) -> Release {
        let tenant = s.text(0) ?? ""
        let revision = Int(s.int(1))
        func bad(_ what: String) -> StoreError {
            StoreError(
                .incompatible, "state database: record \(tenant).v\(revision) has an unreadable \(what)",
                tenant: tenant, revision: revision)
        }
        guard let status = ReleaseStatus(rawValue: s.text(2) ?? "") else { throw bad("status \(goQuote(s.text(2) ?? ""))") }
        guard let first = Timestamp.parse(s.text(11) ?? "") else { throw bad("first_deployed") }
        guard let last = Timestamp.parse(s.text(12) ?? "") else { throw bad("last_deployed") }
        var deleted: Date?
        if let text = s.text(13) {
            guard let d = Timestamp.parse(text) else { throw bad("deleted") }
            deleted = d
        }
        guard let labels = decodeLabels(s.text(15) ?? "{}") else { throw bad("labels") }
        return Release(
            tenant: tenant, revision: revision, status: status,
            chart: ChartReference(
                name: s.text(3) ?? "", version: s.text(4) ?? "", appVersion: s.text(5) ?? "",
                digest: s.text(6) ?? ""),
            userValues: s.text(7) ?? "", computedValues: s.text(8) ?? "", manifest: s.text(9) ?? "",
            notes: s.text(10) ?? "", firstDeployed: first, lastDeployed: last, deleted: deleted,
            description: s.text(14) ?? "", labels: labels)
    }

    /// Labels as a JSON object with sorted keys (deterministic text, readable in the `sqlite3` shell).
    private static func encodeLabels(_ labels: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(labels) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func decodeLabels(_ text: String) -> [String: String]? {
        try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    // MARK: Promotion records

    /// Whether the `promotions` table exists: always once a read-write driver has migrated; a file of schema 1
    /// opened read-only has none (it reads as no promotions).
    private func hasPromotionsTable() throws(StoreError) -> Bool {
        if !readOnly { return true }
        return try connection.scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'promotions'") != nil
    }

    public func savePromotion(_ promotion: StoredPromotion) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                _ = try connection.run(
                    """
                    INSERT INTO promotions (id, started_at, record) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, record = excluded.record
                    """,
                    [.text(promotion.id), .text(Timestamp.format(promotion.startedAt)), .text(promotion.json)])
            }
        }
    }

    public func promotions() throws(StoreError) -> [StoredPromotion] {
        try locked { () throws(StoreError) -> [StoredPromotion] in
            guard try hasPromotionsTable() else { return [] }
            let s = try connection.prepare("SELECT id, started_at, record FROM promotions ORDER BY started_at DESC, id DESC")
            var out: [StoredPromotion] = []
            while try s.step() { out.append(try Self.decodePromotion(s)) }
            return out
        }
    }

    public func promotion(id: String) throws(StoreError) -> StoredPromotion? {
        try locked { () throws(StoreError) -> StoredPromotion? in
            guard try hasPromotionsTable() else { return nil }
            let s = try connection.prepare("SELECT id, started_at, record FROM promotions WHERE id = ?", [.text(id)])
            return try s.step() ? try Self.decodePromotion(s) : nil
        }
    }

    private static func decodePromotion(_ s: SQLiteConnection.Statement) throws(StoreError) -> StoredPromotion {
        let id = s.text(0) ?? ""
        guard let started = Timestamp.parse(s.text(1) ?? "") else {
            throw StoreError(.incompatible, "state database: promotion record \(goQuote(id)) has an unreadable started_at")
        }
        return StoredPromotion(id: id, startedAt: started, json: s.text(2) ?? "")
    }

    // MARK: LeaseDriver

    public func acquireLease(_ lease: Lease, canTakeOver: (Lease) -> Bool) throws(StoreError) -> Lease? {
        try locked { () throws(StoreError) -> Lease? in
            try connection.transaction { () throws(StoreError) -> Lease? in
                if let current = try fetchLease(lease.tenant), !canTakeOver(current) { return current }
                try connection.run(
                    """
                    INSERT INTO leases (tenant, holder_id, operation, hostname, pid, started_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant) DO UPDATE SET holder_id = excluded.holder_id, operation = excluded.operation,
                    hostname = excluded.hostname, pid = excluded.pid, started_at = excluded.started_at,
                    expires_at = excluded.expires_at
                    """,
                    [
                        .text(lease.tenant), .text(lease.holderID), .text(lease.operation), .text(lease.hostname),
                        .int(Int64(lease.pid)), .text(Timestamp.format(lease.startedAt)),
                        .text(Timestamp.format(lease.expiresAt)),
                    ])
                return nil
            }
        }
    }

    public func currentLease(tenant: String) throws(StoreError) -> Lease? {
        try locked { () throws(StoreError) -> Lease? in try fetchLease(tenant) }
    }

    public func renewLease(_ lease: Lease) throws(StoreError) -> Lease? {
        try locked { () throws(StoreError) -> Lease? in
            try connection.transaction { () throws(StoreError) -> Lease? in
                let changed = try connection.run(
                    "UPDATE leases SET expires_at = ? WHERE tenant = ? AND holder_id = ?",
                    [.text(Timestamp.format(lease.expiresAt)), .text(lease.tenant), .text(lease.holderID)])
                return changed > 0 ? nil : (try fetchLease(lease.tenant) ?? lease)
            }
        }
    }

    @discardableResult
    public func releaseLease(tenant: String, holderID: String) throws(StoreError) -> Bool {
        try locked { () throws(StoreError) -> Bool in
            try connection.transaction { () throws(StoreError) -> Bool in
                try connection.run(
                    "DELETE FROM leases WHERE tenant = ? AND holder_id = ?",
                    [.text(tenant), .text(holderID)]) > 0
            }
        }
    }

    private func fetchLease(_ tenant: String) throws(StoreError) -> Lease? {
        let s = try connection.prepare(
            """
            SELECT tenant, holder_id, operation, hostname, pid, started_at, expires_at FROM leases WHERE tenant = ?
            """, [.text(tenant)])
        guard try s.step() else { return nil }
        guard let started = Timestamp.parse(s.text(5) ?? ""), let expires = Timestamp.parse(s.text(6) ?? "") else {
            throw StoreError(
                .incompatible, "state database: the lease of \(goQuote(tenant)) has an unreadable time",
                tenant: tenant)
        }
        return Lease(
            tenant: s.text(0) ?? tenant, holderID: s.text(1) ?? "", operation: s.text(2) ?? "",
            hostname: s.text(3) ?? "", pid: Int32(truncatingIfNeeded: s.int(4)),
            startedAt: started, expiresAt: expires)
    }
}
