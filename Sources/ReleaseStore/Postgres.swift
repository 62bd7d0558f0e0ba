// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import CPQ
import Foundation

/// One PostgreSQL connection through libpq: parameterised statements, transactions, errors as ``StoreError``
/// naming the server (`host:port/db`, never the password). Not thread-safe by itself; ``PostgresDriver``
/// serialises every use under its lock. No libpq type leaves this file.
final class PostgresConnection {
    private let conn: OpaquePointer
    /// `host:port/db`, for messages.
    let server: String
    /// The password in the URL (if any), scrubbed from every message libpq gives back.
    private let secret: String?

    /// How long a connection attempt waits for the server (seconds) unless the URL sets `connect_timeout`.
    static let defaultConnectTimeout = 10

    /// Connects to `url` (a `postgres://` URL or a `key=value` connection string, as libpq takes them; TLS per
    /// its `sslmode`).
    /// - Throws: ``StoreError/Code/database`` naming the server when the URL is malformed or the server cannot
    ///   be reached or refuses us.
    init(url: String, readOnly: Bool = false) throws(StoreError) {
        self.readOnly = readOnly
        secret = Self.password(in: url)
        let described = Self.describe(url)
        // Keywords before `dbname` are defaults the expanded URL overrides (libpq processes them in order).
        let keywords = ["connect_timeout", "fallback_application_name", "dbname"]
        let values = [String(Self.defaultConnectTimeout), "tenantctl", url]
        let handle = withCStrings(keywords) { k in
            withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let handle else {
            throw StoreError(.database, "cannot connect to PostgreSQL at \(described.server): out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let text = Self.scrub(String(cString: PQerrorMessage(handle)), secret)
            PQfinish(handle)
            let what = described.valid ? "cannot connect to PostgreSQL at \(described.server)" : "invalid PostgreSQL URL"
            throw StoreError(.database, "\(what): \(Self.oneLine(text))")
        }
        conn = handle
        let host = String(cString: PQhost(handle))
        let port = String(cString: PQport(handle))
        let db = String(cString: PQdb(handle))
        server = "\(host.hasPrefix("/") ? "[\(host)]" : host):\(port)/\(db)"
        // libpq prints the server's notices (`relation … already exists, skipping`) on stderr by default; a
        // library keeps quiet.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try sessionSetUp()
    }

    /// Whether every transaction of the session is read-only (the server refuses any write).
    let readOnly: Bool

    /// What every new session needs: READ ONLY for a read-only connection.
    private func sessionSetUp() throws(StoreError) {
        if readOnly { try execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") }
    }

    deinit { PQfinish(conn) }

    /// Whether the connection is usable; when it is not (the server restarted), it is re-established once.
    func ensureConnected() throws(StoreError) {
        guard PQstatus(conn) != CONNECTION_OK else { return }
        PQreset(conn)
        guard PQstatus(conn) == CONNECTION_OK else {
            throw StoreError(
                .database,
                "lost the connection to PostgreSQL at \(server): "
                    + Self.oneLine(Self.scrub(String(cString: PQerrorMessage(conn)), secret)))
        }
        try sessionSetUp()
    }

    /// Runs one or more statements without parameters (schema set-up, BEGIN/COMMIT).
    func execute(_ sql: String) throws(StoreError) {
        let result = PQexec(conn, sql)
        defer { PQclear(result) }
        try check(result, doing: "running \(Self.oneLine(String(sql.prefix(60))))")
    }

    /// Runs one parameterised statement (`$1`, `$2` …; values sent apart from the text, never spliced in) and
    /// returns its rows.
    func query(_ sql: String, _ parameters: [SQLValue] = [], doing: @autoclosure () -> String) throws(StoreError) -> PostgresRows {
        let texts: [String?] = parameters.map {
            switch $0 {
            case .text(let s): return s
            case .int(let n): return String(n)
            case .null: return nil
            }
        }
        let result = withOptionalCStrings(texts) { values in
            PQexecParams(conn, sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        do throws(StoreError) {
            try check(result, doing: doing())
        } catch {
            PQclear(result)
            throw error
        }
        return PostgresRows(result!)
    }

    /// Runs a statement and returns how many rows it changed (or returned).
    @discardableResult
    func run(_ sql: String, _ parameters: [SQLValue] = [], doing: @autoclosure () -> String) throws(StoreError) -> Int {
        let rows = try query(sql, parameters, doing: doing())
        return rows.affected
    }

    /// Whether the connection is up, as far as libpq knows (it learns of a lost server at the next statement).
    var isConnected: Bool { PQstatus(conn) == CONNECTION_OK }

    /// The server process serving this connection (`pg_backend_pid()`).
    var backendPID: Int32 { PQbackendPID(conn) }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws. When `BEGIN` finds the
    /// connection lost (the server restarted since the last call), it reconnects once and begins again:
    /// nothing was sent yet, so nothing can happen twice.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            try execute("BEGIN")
        } catch {
            guard !isConnected else { throw error }
            try ensureConnected()
            try execute("BEGIN")
        }
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if PQstatus(conn) == CONNECTION_OK { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Throws when `result` is not a success, with the server's message and SQLSTATE.
    private func check(_ result: OpaquePointer?, doing: @autoclosure () -> String) throws(StoreError) {
        let status = result.map { PQresultStatus($0) } ?? PGRES_FATAL_ERROR
        guard status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK else { return }
        // The server's primary message (and detail) without libpq's `ERROR:  ` framing; libpq's own message
        // when the server sent none (a lost connection).
        func field(_ code: Character) -> String? {
            result.flatMap { r in PQresultErrorField(r, Int32(code.asciiValue ?? 0)).map { String(cString: $0) } }
        }
        var text = field("M") ?? ""
        if let detail = field("D") { text += " (\(detail))" }
        if text.isEmpty { text = String(cString: PQerrorMessage(conn)) }
        let state = field("C") ?? ""
        var error = StoreError(.database, "PostgreSQL at \(server): \(doing()): \(Self.oneLine(Self.scrub(text, secret)))")
        if state == "23505" { error.code = .alreadyExists }
        throw error
    }

    // MARK: URL descriptions

    /// `host:port/db` of a URL or connection string as libpq reads it (its defaults where unset), and whether
    /// libpq could parse it at all.
    static func describe(_ url: String) -> (server: String, valid: Bool) {
        var errorText: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorText) else {
            if let errorText { PQfreemem(errorText) }
            return ("(unparsable URL)", false)
        }
        defer { PQconninfoFree(options) }
        var found: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { found[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        let env = ProcessInfo.processInfo.environment
        let host = found["host"] ?? found["hostaddr"] ?? env["PGHOST"] ?? "localhost"
        let port = found["port"] ?? env["PGPORT"] ?? "5432"
        let db = found["dbname"] ?? env["PGDATABASE"] ?? found["user"] ?? env["PGUSER"] ?? NSUserName()
        return ("\(host):\(port)/\(db)", true)
    }

    /// The password a `postgres://user:password@host` URL or a `password=…` connection string carries.
    static func password(in url: String) -> String? {
        var errorText: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorText) else {
            if let errorText { PQfreemem(errorText) }
            return nil
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val {
                let s = String(cString: value)
                return s.isEmpty ? nil : s
            }
            option += 1
        }
        return nil
    }

    /// `text` with every occurrence of `secret` masked, and any `scheme://user:password@` in it too (libpq
    /// quotes a URL it cannot parse, and then we know no password to look for).
    static func scrub(_ text: String, _ secret: String?) -> String {
        var out = text
        if let secret, !secret.isEmpty { out = out.replacingOccurrences(of: secret, with: "xxxxx") }
        return out.replacingOccurrences(of: #"(://[^:/@\s]*:)[^@\s]*@"#, with: "$1xxxxx@", options: .regularExpression)
    }

    /// libpq's multi-line messages (`…failed: Connection refused\n\tIs the server running…`) on one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// The rows of one statement's result; freed when released.
final class PostgresRows {
    private let result: OpaquePointer

    init(_ result: OpaquePointer) { self.result = result }
    deinit { PQclear(result) }

    /// The number of rows returned.
    var count: Int { Int(PQntuples(result)) }

    /// The number of rows the statement changed (`UPDATE 3`), or returned for a `SELECT`.
    var affected: Int { Int(String(cString: PQcmdTuples(result))) ?? count }

    /// Row `row`, column `column` (0-based) as text; NULL gives nil.
    func text(_ row: Int, _ column: Int) -> String? {
        guard PQgetisnull(result, Int32(row), Int32(column)) == 0 else { return nil }
        let p = PQgetvalue(result, Int32(row), Int32(column))
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        guard let p else { return nil }
        return p.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Row `row`, column `column` as an integer (0 for NULL or text that is not one).
    func int(_ row: Int, _ column: Int) -> Int64 { text(row, column).flatMap { Int64($0) } ?? 0 }
}

/// Calls `body` with a NULL-terminated C array of `strings`, valid only during the call.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    withOptionalCStrings(strings.map { Optional($0) } + [nil]) { body($0) }
}

/// Calls `body` with a C array of `strings` (nil entries stay NULL), valid only during the call.
private func withOptionalCStrings<T>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { for c in copies { free(c) } }
    let pointers = copies.map { $0.map { UnsafePointer($0) } }
    return pointers.withUnsafeBufferPointer { buffer in
        // An empty array's base address may be nil; libpq accepts a dangling pointer with a zero count.
        guard let base = buffer.baseAddress else {
            var none: UnsafePointer<CChar>? = nil
            return withUnsafePointer(to: &none) { body($0) }
        }
        return body(base)
    }
}
