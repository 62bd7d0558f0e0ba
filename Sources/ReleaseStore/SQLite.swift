// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import CSQLite
import Foundation

/// A value bound to a statement parameter.
enum SQLValue {
    case text(String)
    case int(Int64)
    case null
}

/// One SQLite connection: statements, transactions, errors as ``StoreError``. Not thread-safe by itself;
/// ``SQLiteDriver`` serialises every use under its lock. No SQLite type leaves this file.
final class SQLiteConnection {
    private let db: OpaquePointer
    /// The database file, for messages.
    let path: String

    /// Opens (and with `create`, creates) the database file; `readOnly` opens it for reading only, and
    /// `immutable` (with `readOnly`) also promises SQLite that nobody changes it meanwhile — which lets a WAL
    /// database be read where its folder cannot hold the `-shm` file (a read-only `.tenantctl/`).
    init(path: String, create: Bool, readOnly: Bool = false, immutable: Bool = false) throws(StoreError) {
        self.path = path
        var handle: OpaquePointer?
        let flags: Int32
        var name = path
        if readOnly {
            flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
            name = Self.uri(path, immutable: immutable)
        } else {
            flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0)
        }
        let rc = sqlite3_open_v2(name, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let text = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            if let handle { sqlite3_close_v2(handle) }
            throw StoreError(.database, "cannot open state database \(path): \(text)")
        }
        db = handle
    }

    deinit { sqlite3_close_v2(db) }

    /// `file:` URI of `path` for a read-only open (`?mode=ro`, plus `&immutable=1`).
    private static func uri(_ path: String, immutable: Bool) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var escaped = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x7f...0xff:
                escaped += String(format: "%%%02X", byte)
            default: escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file:" + escaped + "?mode=ro" + (immutable ? "&immutable=1" : "")
    }

    /// The error for result code `rc`, with SQLite's message and what we were doing.
    func error(_ rc: Int32, _ doing: String) -> StoreError {
        let text = String(cString: sqlite3_errmsg(db))
        let code: StoreError.Code = (rc & 0xff) == SQLITE_NOTADB ? .incompatible : .database
        return StoreError(code, "state database \(path): \(doing): \(text)")
    }

    /// Runs statements that return no rows and take no parameters (schema, pragmas, BEGIN/COMMIT).
    func execute(_ sql: String) throws(StoreError) {
        let rc = sqlite3_exec(db, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, "executing \(sql.prefix(40))") }
    }

    /// Prepares `sql` and binds `parameters` (1-based, in order).
    func prepare(_ sql: String, _ parameters: [SQLValue] = []) throws(StoreError) -> Statement {
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &handle, nil)
        guard rc == SQLITE_OK, let handle else { throw error(rc, "preparing a statement") }
        let statement = Statement(handle: handle, connection: self)
        for (i, value) in parameters.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .text(let s): rc = sqlite3_bind_text(handle, index, s, Int32(s.utf8.count), csqlite_transient())
            case .int(let n): rc = sqlite3_bind_int64(handle, index, n)
            case .null: rc = sqlite3_bind_null(handle, index)
            }
            guard rc == SQLITE_OK else { throw error(rc, "binding a parameter") }
        }
        return statement
    }

    /// Runs a statement and returns the first column of its first row as text (nil without a row). The
    /// statement is finalised before returning, so it never holds a transaction open.
    func scalar(_ sql: String, _ parameters: [SQLValue] = []) throws(StoreError) -> String? {
        let statement = try prepare(sql, parameters)
        return try statement.step() ? statement.text(0) : nil
    }

    /// Runs a statement that returns no rows; returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ parameters: [SQLValue] = []) throws(StoreError) -> Int {
        let statement = try prepare(sql, parameters)
        _ = try statement.step()
        return Int(sqlite3_changes(db))
    }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`, so the write lock is taken up front and the busy
    /// timeout applies there, never at a deadlocking lock upgrade); commits when it returns, rolls back when
    /// it throws.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// A prepared statement; finalised when released.
    final class Statement {
        let handle: OpaquePointer
        let connection: SQLiteConnection

        init(handle: OpaquePointer, connection: SQLiteConnection) {
            self.handle = handle
            self.connection = connection
        }

        deinit { sqlite3_finalize(handle) }

        /// Advances to the next row; false when done. A constraint violation (the primary key) throws with
        /// code `.alreadyExists`; callers turn it into Helm's message.
        func step() throws(StoreError) -> Bool {
            let rc = sqlite3_step(handle)
            switch rc {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default:
                var e = connection.error(rc, "running a statement")
                if (rc & 0xff) == SQLITE_CONSTRAINT { e.code = .alreadyExists }
                throw e
            }
        }

        /// Column `i` (0-based) as text; NULL gives nil.
        func text(_ i: Int32) -> String? {
            guard sqlite3_column_type(handle, i) != SQLITE_NULL, let p = sqlite3_column_text(handle, i) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, i))
            return String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        }

        /// Column `i` as an integer.
        func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    }
}
