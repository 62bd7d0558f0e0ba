// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Tenancy

/// What `backup` (and the backup `decommission` writes first) wrote.
public struct BackupReport: Sendable, Hashable {
    /// The archive's path.
    public var archive: String
    /// The tenants in it, sorted.
    public var tenants: [String]
    /// Their revisions, all together.
    public var revisions: Int
    /// The archive's size in bytes.
    public var bytes: Int
    /// The archive's format version.
    public var formatVersion: Int
}

/// `tenantctl backup TENANT|--all --archive FILE`: writes one archive (``BackupArchive``, docs/backup-format.md)
/// holding each tenant's file, byte for byte, and every revision the store holds, exactly as stored.
///
/// It only reads: the store is opened read-only (``Context/existingStorage(forWriting:)``), no lease is taken,
/// nothing but the archive is written. The archive is private (0600) and written atomically; an existing file
/// is never overwritten.
public struct Backup: Sendable {
    /// The tenants to back up; empty means every tenant (every tenant file and every tenant with records, the
    /// gateway's release excepted).
    public var tenants: [String]
    /// Where to write the archive.
    public var archive: String
    /// The tenantctl version recorded in the archive (`0.1.0 (commit abc)`).
    public var tenantctlVersion: String

    /// Creates the verb.
    public init(tenants: [String], archive: String, tenantctlVersion: String) {
        self.tenants = tenants
        self.archive = archive
        self.tenantctlVersion = tenantctlVersion
    }

    /// Runs it.
    /// - Throws: ``ActionError/Code/notFound`` for a tenant with neither a file nor records;
    ///   ``ActionError/Code/failed`` naming the path when the archive cannot be written.
    public func run(_ context: Context) throws(ActionError) -> BackupReport {
        let made = try Self.archive(context, tenants: tenants, tenantctlVersion: tenantctlVersion)
        return try Self.save(made, to: archive)
    }

    /// The archive of `tenants` (empty: all) as the tenants folder and the store hold them now.
    static func archive(_ context: Context, tenants wanted: [String], tenantctlVersion: String) throws(ActionError) -> BackupArchive {
        let storage = try context.existingStorage()
        var names = wanted
        if names.isEmpty {
            var all = Set<String>()
            if FileManager.default.fileExists(atPath: context.tenantsDirectory) {
                do { all.formUnion(try context.registry.names()) } catch { throw ActionError(error) }
            }
            if let storage {
                let latest = try storeCall { () throws(StoreError) in try storage.latest() }
                all.formUnion(latest.map(\.tenant).filter { $0 != TenantName.gatewayRelease })
            }
            guard !all.isEmpty else {
                throw ActionError(
                    .notFound, "nothing to back up: \(context.tenantsDirectory) holds no tenant file and \(context.storeDescription) no records")
            }
            names = all.sorted()
        }
        var entries: [BackupTenant] = []
        for name in Array(Set(names)).sorted() {
            do { try TenantName.validate(name) } catch { throw ActionError(error) }
            let path = context.registry.path(of: name)
            var file: Data?
            if FileManager.default.fileExists(atPath: path) {
                guard let bytes = FileManager.default.contents(atPath: path) else {
                    throw ActionError(.failed, "\(path): cannot read the tenant file; nothing was written")
                }
                file = bytes
            }
            let revisions = try storage.map { (s) throws(ActionError) in try storeCall { () throws(StoreError) in try s.history(name) } } ?? []
            if file == nil, revisions.isEmpty {
                throw ActionError(
                    .notFound,
                    "unknown tenant \(goQuoted(name)): no \(path) and no revisions in \(context.storeDescription); nothing was written")
            }
            entries.append(BackupTenant(name: name, tenantFile: file, revisions: revisions))
        }
        return BackupArchive(tenantctlVersion: tenantctlVersion, created: context.clock(), tenants: entries)
    }

    /// Writes `archive` to `path` (0600, atomic, never over an existing file) and reports it.
    static func save(_ archive: BackupArchive, to path: String) throws(ActionError) -> BackupReport {
        let bytes: Int
        do { bytes = try archive.save(to: path) } catch {
            throw ActionError(error.code == .alreadyExists ? .invalidInput : .failed, error.message)
        }
        return BackupReport(
            archive: path, tenants: archive.tenants.map(\.name), revisions: archive.revisionCount, bytes: bytes,
            formatVersion: archive.formatVersion)
    }
}
