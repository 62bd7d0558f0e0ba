// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// The shared store every CI runner and laptop can reach: release records in PostgreSQL, in Helm's own SQL
/// driver schema (helm/helm pkg/storage/driver/sql.go), so that `HELM_DRIVER=sql helm list` reads tenantctl's
/// releases and tenantctl reads Helm's.
///
/// - `releases_v1` holds one row per revision: `key` `sh.helm.release.v1.<tenant>.v<revision>`, `type`
///   `helm.sh/release.v1`, `body` the ``HelmRecord`` text, `name`, `namespace` (the records namespace, given
///   at init, as Helm's `-n`), `version`, `status`, `owner` `helm`, `createdAt`/`modifiedAt` (Unix seconds,
///   as Helm sets them). ``Release/labels`` go to `custom_labels_v1`, as Helm's `--labels` do.
/// - The schema is created exactly as Helm's migrations create it, with the same `gorp_migrations` rows
///   (`custom_labels`, `init`), so Helm finds nothing to migrate; our own lease table
///   (`tenantctl_leases_v1`) is not recorded there (sql-migrate refuses databases with migrations it does not
///   know).
/// - One connection per driver, used under a lock; every statement parameterised (`PQexecParams`); every change
///   in a transaction; TLS as libpq gives it (`sslmode` in the URL). Errors name the server (`host:port/db`,
///   never the password) and the row.
/// - Leases are rows of `tenantctl_leases_v1` changed in transactions that lock the row (`SELECT … FOR
///   UPDATE`); ``commit(_:fence:)`` checks the fence under that lock in the write's own transaction.
/// - ``query(_:)`` filters by tenant, status and "latest" in SQL and decodes only the rows it returns.
public final class PostgresDriver: ReleaseDriver, LeaseDriver, @unchecked Sendable {
    // @unchecked: the connection is used only under `lock`.
    private let lock = NSLock()
    private let connection: PostgresConnection

    /// The records namespace when none is given: where tenantctl keeps release records, as the Kubernetes store does.
    public static let defaultNamespace = "tenantctl-system"
    /// The lease table (ours; Helm never reads it).
    public static let leaseTable = "tenantctl_leases_v1"
    /// The promotion records' table (ours; Helm never reads it).
    public static let promotionTable = "tenantctl_promotions_v1"

    /// The records namespace: the `namespace` column of every row this driver reads and writes.
    public let namespace: String

    /// `host:port/db` of the server, as messages name it.
    public var server: String { connection.server }

    /// `postgres`.
    public var name: String { "postgres" }

    /// Connects to `url` and creates Helm's schema (and the lease table) where it is missing.
    /// - Parameters:
    ///   - url: a libpq connection URL (`postgres://user@host:5432/db?sslmode=verify-full`) or `key=value` string.
    ///   - namespace: the records namespace (Helm's `-n` for `helm list`), ``defaultNamespace`` unless given.
    /// - Throws: ``StoreError/Code/database`` naming the server when it cannot be reached, refuses the login,
    ///   or cannot create the schema; ``StoreError/Code/invalidArgument`` for an empty or over-long namespace.
    public init(url: String, namespace: String = PostgresDriver.defaultNamespace) throws(StoreError) {
        // Helm's `namespace` column is VARCHAR(64).
        guard !namespace.isEmpty, namespace.utf8.count <= 64 else {
            throw StoreError(.invalidArgument, "records namespace \(goQuote(namespace)) must be 1 to 64 characters")
        }
        self.namespace = namespace
        connection = try PostgresConnection(url: url)
        readOnly = false
        tablesPresent = true  // once migrate() returns
        try migrate()
    }

    /// Connects to `url` for reading only — what `status`, `history`, `get`, `list` and `diff` use: the session
    /// is READ ONLY (the server refuses any write), no schema is created, and a database without Helm's tables
    /// reads as an empty store (no releases, no leases) until someone creates them.
    /// - Throws: as ``init(url:namespace:)``.
    public init(readingOnly url: String, namespace: String = PostgresDriver.defaultNamespace) throws(StoreError) {
        guard !namespace.isEmpty, namespace.utf8.count <= 64 else {
            throw StoreError(.invalidArgument, "records namespace \(goQuote(namespace)) must be 1 to 64 characters")
        }
        self.namespace = namespace
        connection = try PostgresConnection(url: url, readOnly: true)
        readOnly = true
        tablesPresent = false
    }

    /// Whether this driver was opened with ``init(readingOnly:namespace:)``.
    public let readOnly: Bool

    /// Whether Helm's tables and ours exist (always, once a read-write driver is open). Guarded by `lock`.
    private var tablesPresent: Bool

    /// For a read-only driver: whether the tables exist now (checked again while they do not).
    private func tablesExist() throws(StoreError) -> Bool {
        if tablesPresent { return true }
        let rows = try connection.query(
            """
            SELECT to_regclass('releases_v1') IS NOT NULL AND to_regclass('custom_labels_v1') IS NOT NULL \
            AND to_regclass('\(Self.leaseTable)') IS NOT NULL
            """, doing: "checking the schema")
        tablesPresent = rows.text(0, 0) == "t"
        return tablesPresent
    }

    /// Refuses a change through a read-only driver before it reaches the server.
    private func writable() throws(StoreError) {
        if readOnly { throw StoreError(.database, "PostgreSQL at \(server): this store was opened for reading only") }
    }

    /// Runs `body` with the connection, alone. With `reading`, a read that fails because the connection was
    /// lost (the server restarted) runs once more on a new connection; writes reconnect at `BEGIN`
    /// (``PostgresConnection/transaction(_:)``) and are never repeated after that (their `COMMIT` may have
    /// happened).
    func locked<T>(reading: Bool = false, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        try connection.ensureConnected()
        do {
            return try body()
        } catch {
            guard reading, !connection.isConnected else { throw error }
            try connection.ensureConnected()
            return try body()
        }
    }

    /// The connection, for tests (use it only inside ``locked(reading:_:)``).
    var connectionForTests: PostgresConnection { connection }

    /// The server process of this driver's connection (tests end it to play a server restart).
    var backendPID: Int32 { lock.withLock { connection.backendPID } }

    // MARK: Schema

    /// Helm's migrations (sql.go `ensureDBSetup`), by id; sql-migrate applies them in id order.
    static let helmMigrations: [(id: String, statements: String)] = [
        (
            "custom_labels",
            """
            CREATE TABLE custom_labels_v1 (
                releaseKey VARCHAR(64),
                releaseNamespace VARCHAR(67),
                key VARCHAR(317),
                value VARCHAR(63)
            );
            CREATE INDEX ON custom_labels_v1 (releaseKey, releaseNamespace);
            GRANT ALL ON custom_labels_v1 TO PUBLIC;
            ALTER TABLE custom_labels_v1 ENABLE ROW LEVEL SECURITY;
            """
        ),
        (
            "init",
            """
            CREATE TABLE releases_v1 (
                key VARCHAR(90),
                type VARCHAR(64) NOT NULL,
                body TEXT NOT NULL,
                name VARCHAR(64) NOT NULL,
                namespace VARCHAR(64) NOT NULL,
                version INTEGER NOT NULL,
                status TEXT NOT NULL,
                owner TEXT NOT NULL,
                createdAt INTEGER NOT NULL,
                modifiedAt INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY(key, namespace)
            );
            CREATE INDEX ON releases_v1 (key, namespace);
            CREATE INDEX ON releases_v1 (version);
            CREATE INDEX ON releases_v1 (status);
            CREATE INDEX ON releases_v1 (owner);
            CREATE INDEX ON releases_v1 (createdAt);
            CREATE INDEX ON releases_v1 (modifiedAt);
            GRANT ALL ON releases_v1 TO PUBLIC;
            ALTER TABLE releases_v1 ENABLE ROW LEVEL SECURITY;
            """
        ),
    ]

    /// Creates what is missing, under a transaction-scoped advisory lock so that two first runs do not race.
    private func migrate() throws(StoreError) {
        let c = connection
        let ready = try c.query(
            """
            SELECT to_regclass('gorp_migrations') IS NOT NULL AND to_regclass('\(Self.leaseTable)') IS NOT NULL \
            AND to_regclass('\(Self.promotionTable)') IS NOT NULL
            """,
            doing: "checking the schema")
        if ready.text(0, 0) == "t" {
            let applied = try c.query(
                "SELECT count(*) FROM gorp_migrations WHERE id IN ('custom_labels', 'init')",
                doing: "reading gorp_migrations")
            if applied.int(0, 0) == Int64(Self.helmMigrations.count) { return }
        }
        try c.transaction { () throws(StoreError) in
            // 0x74656e616e74 is "tenant": one lock id for every tenantctl schema change on this database.
            try c.run("SELECT pg_advisory_xact_lock(127978046419572)", doing: "locking the schema")
            // sql-migrate's own table, as gorp creates it.
            try c.execute(
                "CREATE TABLE IF NOT EXISTS gorp_migrations (id text NOT NULL PRIMARY KEY, applied_at timestamp with time zone)")
            let rows = try c.query("SELECT id FROM gorp_migrations", doing: "reading gorp_migrations")
            let applied = Set((0..<rows.count).compactMap { rows.text($0, 0) })
            for migration in Self.helmMigrations where !applied.contains(migration.id) {
                try c.execute(migration.statements)
                try c.run(
                    "INSERT INTO gorp_migrations (id, applied_at) VALUES ($1, now())", [.text(migration.id)],
                    doing: "recording migration \(migration.id)")
            }
            try c.execute(
                """
                CREATE TABLE IF NOT EXISTS \(Self.leaseTable) (
                    namespace VARCHAR(64) NOT NULL,
                    tenant VARCHAR(64) NOT NULL,
                    holder_id TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    hostname TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    started_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    PRIMARY KEY (namespace, tenant)
                )
                """)
            // Added after the lease table: a database made by an earlier tenantctl gains it here.
            try c.execute(
                """
                CREATE TABLE IF NOT EXISTS \(Self.promotionTable) (
                    namespace VARCHAR(64) NOT NULL,
                    id TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    record TEXT NOT NULL,
                    PRIMARY KEY (namespace, id)
                )
                """)
        }
    }

    // MARK: ReleaseDriver

    public func create(_ release: Release) throws(StoreError) { try commit([.create(release)]) }

    public func update(_ release: Release) throws(StoreError) { try commit([.update(release)]) }

    public func get(_ key: ReleaseKey) throws(StoreError) -> Release {
        try locked(reading: true) { () throws(StoreError) -> Release in
            guard try tablesExist(), let r = try fetch(key, forUpdate: false) else { throw .notFound(key) }
            return r
        }
    }

    public func query(_ query: ReleaseQuery) throws(StoreError) -> [Release] {
        let result = try scan(query)
        if let first = result.unreadable.first { throw first }
        return result.releases
    }

    /// ``query(_:)`` that does not stop at an unreadable record: the records it could decode (sorted as
    /// `query` sorts them) and one error per record it could not, each naming its row — so that a history
    /// can be shown with the one corrupt revision reported.
    public func scan(_ query: ReleaseQuery) throws(StoreError) -> ReleaseScan {
        try locked(reading: true) { () throws(StoreError) -> ReleaseScan in
            guard try tablesExist() else { return ReleaseScan(releases: [], unreadable: []) }
            var parameters: [SQLValue] = [.text(namespace), .text(HelmRecord.owner)]
            var filter = "r.namespace = $1 AND r.owner = $2"
            if let tenant = query.tenant {
                parameters.append(.text(tenant))
                filter += " AND r.name = $\(parameters.count)"
            }
            // Each tenant's highest revision by one sort (DISTINCT ON), not a MAX subquery per row: Helm's
            // schema has no (namespace, name, version) index to make the latter cheap.
            let source =
                query.latestOnly
                ? "(SELECT DISTINCT ON (r.name) * FROM releases_v1 r WHERE \(filter) ORDER BY r.name, r.version DESC) r WHERE true"
                : "releases_v1 r WHERE \(filter)"
            var sql = "SELECT r.key, r.name, r.version, r.body, \(Self.labelsColumn) FROM \(source)"
            if let statuses = query.statuses {
                if statuses.isEmpty { return ReleaseScan(releases: [], unreadable: []) }
                var placeholders: [String] = []
                for status in statuses.sorted(by: { $0.rawValue < $1.rawValue }) {
                    parameters.append(.text(status.rawValue))
                    placeholders.append("$\(parameters.count)")
                }
                sql += " AND r.status IN (" + placeholders.joined(separator: ", ") + ")"
            }
            // Byte order (as SQLite's and the memory driver's), whatever the database's collation.
            sql += " ORDER BY r.name COLLATE \"C\", r.version"
            let rows = try connection.query(sql, parameters, doing: "listing release records (namespace \(namespace))")
            var out = ReleaseScan(releases: [], unreadable: [])
            for row in 0..<rows.count {
                do throws(StoreError) {
                    out.releases.append(try decode(rows, row, keyColumn: 0, bodyColumn: 3, labelsColumn: 4))
                } catch {
                    out.unreadable.append(error)
                }
            }
            return out
        }
    }

    public func delete(_ key: ReleaseKey) throws(StoreError) -> Release {
        try locked { () throws(StoreError) -> Release in
            try writable()
            return try connection.transaction { () throws(StoreError) -> Release in
                guard let r = try fetch(key, forUpdate: true) else { throw .notFound(key) }
                try deleteRow(key)
                return r
            }
        }
    }

    public func commit(_ changes: [ReleaseChange], fence: LeaseFence?) throws(StoreError) {
        try locked { () throws(StoreError) in
            try writable()
            return try connection.transaction { () throws(StoreError) in
                // The lease row stays locked until this transaction ends: a takeover (an UPDATE of the row)
                // waits for the writes, or the writes see the new holder and are refused.
                if let fence {
                    let current = try fetchLease(fence.tenant, forUpdate: true)
                    if current?.holderID != fence.holderID { throw .leaseLost(fence, holder: current) }
                }
                let now = Int64(Date().timeIntervalSince1970)
                for change in changes {
                    switch change {
                    case .create(let r):
                        try validate(r)
                        let key = HelmRecord.key(r.key)
                        let body = try HelmRecord.encode(r, namespace: namespace)
                        let inserted = try connection.run(
                            """
                            INSERT INTO releases_v1 (key, type, body, name, namespace, version, status, owner, createdAt)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (key, namespace) DO NOTHING
                            """,
                            [
                                .text(key), .text(HelmRecord.type), .text(body), .text(r.tenant), .text(namespace),
                                .int(Int64(r.revision)), .text(r.status.rawValue), .text(HelmRecord.owner), .int(now),
                            ], doing: "creating \(rowName(key))")
                        if inserted == 0 { throw .alreadyExists(r.key) }
                        try writeLabels(r, key: key)
                    case .update(let r):
                        try validate(r)
                        let key = HelmRecord.key(r.key)
                        let existing = try connection.query(
                            "SELECT body FROM releases_v1 WHERE key = $1 AND namespace = $2 FOR UPDATE",
                            [.text(key), .text(namespace)], doing: "reading \(rowName(key))")
                        guard existing.count > 0 else { throw .notFound(r.key) }
                        // What Helm keeps in the record beyond our Release (hooks, chart templates) stays.
                        let body = try HelmRecord.encode(r, namespace: namespace, over: existing.text(0, 0))
                        let changed = try connection.run(
                            """
                            UPDATE releases_v1 SET body = $1, name = $2, version = $3, status = $4, owner = $5,
                            modifiedAt = $6 WHERE key = $7 AND namespace = $8
                            """,
                            [
                                .text(body), .text(r.tenant), .int(Int64(r.revision)), .text(r.status.rawValue),
                                .text(HelmRecord.owner), .int(now), .text(key), .text(namespace),
                            ], doing: "updating \(rowName(key))")
                        if changed == 0 { throw .notFound(r.key) }
                        try writeLabels(r, key: key)
                    case .delete(let k):
                        try deleteRow(k)
                    }
                }
            }
        }
    }

    /// `sh.helm.release.v1.acme.v3 in 127.0.0.1:5432/helm (namespace tenantctl-system)`, for messages.
    private func row(_ key: String) -> String { "\(key) in \(server) (namespace \(namespace))" }

    /// `sh.helm.release.v1.acme.v3 (namespace tenantctl-system)`: what a failing statement was doing (the
    /// connection's messages name the server already).
    private func rowName(_ key: String) -> String { "\(key) (namespace \(namespace))" }

    /// The custom labels of row `r` as a JSON object (`{}` without any).
    private static let labelsColumn = """
        (SELECT coalesce(json_object_agg(l.key, l.value), '{}')::text FROM custom_labels_v1 l \
        WHERE l.releaseKey = r.key AND l.releaseNamespace = r.namespace)
        """

    private func fetch(_ key: ReleaseKey, forUpdate: Bool) throws(StoreError) -> Release? {
        let k = HelmRecord.key(key)
        let rows = try connection.query(
            "SELECT r.key, r.body, \(Self.labelsColumn) FROM releases_v1 r WHERE r.key = $1 AND r.namespace = $2"
                + (forUpdate ? " FOR UPDATE OF r" : ""),
            [.text(k), .text(namespace)], doing: "reading \(rowName(k))")
        guard rows.count > 0 else { return nil }
        return try decode(rows, 0, keyColumn: 0, bodyColumn: 1, labelsColumn: 2)
    }

    /// Decodes one row; the error names the row, and the tenant and revision its key gives.
    private func decode(_ rows: PostgresRows, _ i: Int, keyColumn: Int, bodyColumn: Int, labelsColumn: Int) throws(StoreError) -> Release {
        let key = rows.text(i, keyColumn) ?? ""
        let labelsJSON = rows.text(i, labelsColumn) ?? "{}"
        do throws(StoreError) {
            guard let labels = try? JSONDecoder().decode([String: String].self, from: Data(labelsJSON.utf8)) else {
                throw StoreError(.incompatible, "release record \(row(key)) is unreadable: its custom labels are not strings")
            }
            // Helm's getReleaseCustomLabels drops system labels.
            let custom = labels.filter { !HelmRecord.reservedLabels.contains($0.key) }
            let release = try HelmRecord.decode(rows.text(i, bodyColumn) ?? "", labels: custom, record: row(key))
            guard HelmRecord.key(release.key) == key else {
                throw StoreError(
                    .incompatible,
                    "release record \(row(key)) is unreadable: its body is release \(goQuote(release.tenant)) "
                        + "revision \(release.revision)")
            }
            return release
        } catch {
            var e = error
            if let parsed = Self.parseKey(key) {
                e.tenant = e.tenant ?? parsed.tenant
                e.revision = e.revision ?? parsed.revision
            }
            throw e
        }
    }

    /// The tenant and revision of `sh.helm.release.v1.<tenant>.v<revision>`.
    static func parseKey(_ key: String) -> ReleaseKey? {
        let prefix = "sh.helm.release.v1."
        guard key.hasPrefix(prefix), let dot = key.range(of: ".v", options: .backwards),
            dot.lowerBound > key.index(key.startIndex, offsetBy: prefix.count),
            let revision = Int(key[dot.upperBound...])
        else { return nil }
        return ReleaseKey(tenant: String(key[key.index(key.startIndex, offsetBy: prefix.count)..<dot.lowerBound]), revision: revision)
    }

    private func deleteRow(_ key: ReleaseKey) throws(StoreError) {
        let k = HelmRecord.key(key)
        let deleted = try connection.run(
            "DELETE FROM releases_v1 WHERE key = $1 AND namespace = $2", [.text(k), .text(namespace)],
            doing: "deleting \(rowName(k))")
        if deleted == 0 { throw .notFound(key) }
        try connection.run(
            "DELETE FROM custom_labels_v1 WHERE releaseKey = $1 AND releaseNamespace = $2", [.text(k), .text(namespace)],
            doing: "deleting the labels of \(rowName(k))")
    }

    /// Replaces the row's custom labels (``HelmRecord/customLabels(_:)``). A key longer than
    /// `custom_labels_v1.releaseKey` (64) keeps its labels only in the record's `tenantctl` object (Helm itself
    /// cannot label such a release).
    private func writeLabels(_ r: Release, key: String) throws(StoreError) {
        try connection.run(
            "DELETE FROM custom_labels_v1 WHERE releaseKey = $1 AND releaseNamespace = $2", [.text(key), .text(namespace)],
            doing: "replacing the labels of \(rowName(key))")
        guard key.utf8.count <= 64 else { return }
        for (k, v) in HelmRecord.customLabels(r).sorted(by: { $0.key < $1.key }) {
            try connection.run(
                "INSERT INTO custom_labels_v1 (releaseKey, releaseNamespace, key, value) VALUES ($1, $2, $3, $4)",
                [.text(key), .text(namespace), .text(k), .text(v)], doing: "labelling \(rowName(key))")
        }
    }

    // MARK: Promotion records

    /// Whether our promotion table exists (always, once a read-write driver is open). Guarded by `lock`.
    private var promotionTablePresent = false

    /// For a read-only driver: whether the promotion table exists now (a database an earlier tenantctl made has
    /// none until a read-write open creates it).
    private func promotionTableExists() throws(StoreError) -> Bool {
        if !readOnly || promotionTablePresent { return true }
        let rows = try connection.query(
            "SELECT to_regclass('\(Self.promotionTable)') IS NOT NULL", doing: "checking the schema")
        promotionTablePresent = rows.text(0, 0) == "t"
        return promotionTablePresent
    }

    public func savePromotion(_ promotion: StoredPromotion) throws(StoreError) {
        try locked { () throws(StoreError) in
            try writable()
            try connection.transaction { () throws(StoreError) in
                _ = try connection.run(
                    """
                    INSERT INTO \(Self.promotionTable) (namespace, id, started_at, record) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (namespace, id) DO UPDATE SET started_at = excluded.started_at, record = excluded.record
                    """,
                    [.text(namespace), .text(promotion.id), .text(Timestamp.format(promotion.startedAt)), .text(promotion.json)],
                    doing: "saving promotion record \(goQuote(promotion.id)) (namespace \(namespace))")
            }
        }
    }

    public func promotions() throws(StoreError) -> [StoredPromotion] {
        try locked(reading: true) { () throws(StoreError) -> [StoredPromotion] in
            guard try promotionTableExists() else { return [] }
            let rows = try connection.query(
                """
                SELECT id, started_at, record FROM \(Self.promotionTable) WHERE namespace = $1
                ORDER BY started_at COLLATE "C" DESC, id COLLATE "C" DESC
                """, [.text(namespace)], doing: "listing promotion records (namespace \(namespace))")
            var out: [StoredPromotion] = []
            for i in 0..<rows.count { out.append(try promotionRow(rows, i)) }
            return out
        }
    }

    public func promotion(id: String) throws(StoreError) -> StoredPromotion? {
        try locked(reading: true) { () throws(StoreError) -> StoredPromotion? in
            guard try promotionTableExists() else { return nil }
            let rows = try connection.query(
                "SELECT id, started_at, record FROM \(Self.promotionTable) WHERE namespace = $1 AND id = $2",
                [.text(namespace), .text(id)], doing: "reading promotion record \(goQuote(id)) (namespace \(namespace))")
            return rows.count > 0 ? try promotionRow(rows, 0) : nil
        }
    }

    private func promotionRow(_ rows: PostgresRows, _ i: Int) throws(StoreError) -> StoredPromotion {
        let id = rows.text(i, 0) ?? ""
        guard let started = Timestamp.parse(rows.text(i, 1) ?? "") else {
            throw StoreError(
                .incompatible,
                "promotion record \(goQuote(id)) in \(server) (namespace \(namespace)) has an unreadable started_at")
        }
        return StoredPromotion(id: id, startedAt: started, json: rows.text(i, 2) ?? "")
    }

    // MARK: LeaseDriver

    public func acquireLease(_ lease: Lease, canTakeOver: (Lease) -> Bool) throws(StoreError) -> Lease? {
        try locked { () throws(StoreError) -> Lease? in
            try writable()
            return try connection.transaction { () throws(StoreError) -> Lease? in
                // Insert when free (a concurrent inserter waits on the key, then inserts nothing); otherwise
                // lock the row that stands there and decide. The row can vanish between the two (its holder
                // released it): then try again.
                for _ in 0..<5 {
                    let inserted = try connection.run(
                        """
                        INSERT INTO \(Self.leaseTable) (namespace, tenant, holder_id, operation, hostname, pid, started_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (namespace, tenant) DO NOTHING
                        """, leaseParameters(lease), doing: "taking the lease of \(goQuote(lease.tenant))")
                    if inserted > 0 { return nil }
                    guard let current = try fetchLease(lease.tenant, forUpdate: true) else { continue }
                    if !canTakeOver(current) { return current }
                    try connection.run(
                        """
                        UPDATE \(Self.leaseTable) SET holder_id = $3, operation = $4, hostname = $5, pid = $6,
                        started_at = $7, expires_at = $8 WHERE namespace = $1 AND tenant = $2
                        """, leaseParameters(lease), doing: "taking over the lease of \(goQuote(lease.tenant))")
                    return nil
                }
                throw StoreError(
                    .database,
                    "PostgreSQL at \(server): the lease of \(goQuote(lease.tenant)) kept changing while taking it",
                    tenant: lease.tenant)
            }
        }
    }

    public func currentLease(tenant: String) throws(StoreError) -> Lease? {
        try locked(reading: true) { () throws(StoreError) -> Lease? in
            guard try tablesExist() else { return nil }
            return try fetchLease(tenant, forUpdate: false)
        }
    }

    public func renewLease(_ lease: Lease) throws(StoreError) -> Lease? {
        try locked { () throws(StoreError) -> Lease? in
            try writable()
            return try connection.transaction { () throws(StoreError) -> Lease? in
                let changed = try connection.run(
                    "UPDATE \(Self.leaseTable) SET expires_at = $1 WHERE namespace = $2 AND tenant = $3 AND holder_id = $4",
                    [.text(Timestamp.format(lease.expiresAt)), .text(namespace), .text(lease.tenant), .text(lease.holderID)],
                    doing: "renewing the lease of \(goQuote(lease.tenant))")
                return changed > 0 ? nil : (try fetchLease(lease.tenant, forUpdate: false) ?? lease)
            }
        }
    }

    @discardableResult
    public func releaseLease(tenant: String, holderID: String) throws(StoreError) -> Bool {
        try locked { () throws(StoreError) -> Bool in
            try writable()
            return try connection.transaction { () throws(StoreError) -> Bool in
                try connection.run(
                    "DELETE FROM \(Self.leaseTable) WHERE namespace = $1 AND tenant = $2 AND holder_id = $3",
                    [.text(namespace), .text(tenant), .text(holderID)],
                    doing: "releasing the lease of \(goQuote(tenant))") > 0
            }
        }
    }

    private func leaseParameters(_ lease: Lease) -> [SQLValue] {
        [
            .text(namespace), .text(lease.tenant), .text(lease.holderID), .text(lease.operation),
            .text(lease.hostname), .int(Int64(lease.pid)), .text(Timestamp.format(lease.startedAt)),
            .text(Timestamp.format(lease.expiresAt)),
        ]
    }

    private func fetchLease(_ tenant: String, forUpdate: Bool) throws(StoreError) -> Lease? {
        let rows = try connection.query(
            """
            SELECT tenant, holder_id, operation, hostname, pid, started_at, expires_at FROM \(Self.leaseTable)
            WHERE namespace = $1 AND tenant = $2
            """ + (forUpdate ? " FOR UPDATE" : ""),
            [.text(namespace), .text(tenant)], doing: "reading the lease of \(goQuote(tenant))")
        guard rows.count > 0 else { return nil }
        guard let started = Timestamp.parse(rows.text(0, 5) ?? ""), let expires = Timestamp.parse(rows.text(0, 6) ?? "") else {
            throw StoreError(
                .incompatible,
                "the lease of \(goQuote(tenant)) in \(server) (namespace \(namespace)) has an unreadable time",
                tenant: tenant)
        }
        return Lease(
            tenant: rows.text(0, 0) ?? tenant, holderID: rows.text(0, 1) ?? "", operation: rows.text(0, 2) ?? "",
            hostname: rows.text(0, 3) ?? "", pid: Int32(truncatingIfNeeded: rows.int(0, 4)),
            startedAt: started, expiresAt: expires)
    }
}

/// What ``PostgresDriver/scan(_:)`` read: the records it could decode and one error per record it could not.
public struct ReleaseScan: Sendable {
    /// The readable records, sorted by tenant, then revision.
    public var releases: [Release]
    /// One ``StoreError/Code/incompatible`` per unreadable record, naming it (with its tenant and revision).
    public var unreadable: [StoreError]
}
