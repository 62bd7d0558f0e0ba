// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Tenancy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `decommission` did.
public struct DecommissionReport: Sendable, Hashable {
    /// The backup written first.
    public var backup: BackupReport
    /// Whether the tenant had a release that was uninstalled (its objects and records removed).
    public var uninstalled: Bool
    /// The tenant file removed, if the tenant had one.
    public var removedFile: String?
}

/// `tenantctl decommission TENANT [--archive FILE]`: backs the tenant up, then uninstalls it and removes its file.
///
/// 1. The backup (``Backup``) is written first — by default to `backups/<tenant>-<UTC time>.json.gz` beside the
///    tenants folder, the folder created private (0700). When it cannot be written, nothing is removed.
/// 2. The tenant is uninstalled with the existing ``Uninstall`` verb, without `--keep-history`: its objects go and
///    its records are deleted (as `helm uninstall` deletes them) — the archive holds the history, and a restore
///    then finds no records in its way.
/// 3. The tenant file is removed.
///
/// Between the backup and the uninstall another command could change the tenant (the uninstall takes the lease
/// itself): the history is read again before uninstalling, and a change stops the command with the archive kept.
public struct Decommission: Sendable {
    /// The tenant.
    public var tenant: String
    /// `--archive`: where to write the backup; nil for the default in `backups/`.
    public var archive: String?
    /// The tenantctl version recorded in the archive.
    public var tenantctlVersion: String

    /// Creates the verb.
    public init(tenant: String, archive: String? = nil, tenantctlVersion: String) {
        self.tenant = tenant
        self.archive = archive
        self.tenantctlVersion = tenantctlVersion
    }

    /// The backups folder: `backups` beside the tenants folder.
    public static func backupsFolder(_ context: Context) -> String {
        let parent = (context.tenantsDirectory as NSString).deletingLastPathComponent
        return parent.isEmpty ? "backups" : (parent as NSString).appendingPathComponent("backups")
    }

    /// The default archive path: `backups/<tenant>-<yyyymmddThhmmssZ>.json.gz`.
    public static func defaultArchive(_ context: Context, tenant: String) -> String {
        let stamp = Timestamp.format(context.clock(), fractional: false).filter { $0 != "-" && $0 != ":" }
        return (backupsFolder(context) as NSString).appendingPathComponent("\(tenant)-\(stamp).json.gz")
    }

    /// Runs it.
    public func run(_ context: Context) throws(ActionError) -> DecommissionReport {
        do { try TenantName.validate(tenant) } catch { throw ActionError(error) }
        let made = try Backup.archive(context, tenants: [tenant], tenantctlVersion: tenantctlVersion)
        let path: String
        if let archive {
            path = archive
        } else {
            try Self.makePrivateFolder(Self.backupsFolder(context))
            path = Self.defaultArchive(context, tenant: tenant)
        }
        let report: BackupReport
        do {
            report = try Backup.save(made, to: path)
        } catch {
            throw ActionError(error.code, error.message + "; the backup failed, so nothing was removed (\(tenant) is as it was)")
        }
        let archived = made.tenants.first?.revisions ?? []
        // The uninstall takes the lease itself: check that what it removes is what the archive holds.
        let now = try context.existingStorage().map { (s) throws(ActionError) in try storeCall { () throws(StoreError) in try s.history(tenant) } } ?? []
        guard now.map(\.key) == archived.map(\.key), now.map(\.status) == archived.map(\.status) else {
            throw ActionError(
                .failed,
                "the history of \(goQuoted(tenant)) changed while it was being backed up (another command ran): nothing was removed; "
                    + "the partial backup is at \(path); run the command again")
        }
        var uninstalled = false
        if !archived.isEmpty {
            do {
                _ = try Uninstall(tenant: tenant).run(context)
            } catch {
                throw ActionError(
                    error.code, "\(error.message) (the backup is at \(path); the tenant file \(context.registry.path(of: tenant)) was kept)")
            }
            uninstalled = true
        }
        var removed: String?
        let file = context.registry.path(of: tenant)
        if made.tenants.first?.tenantFile != nil {
            guard unlink(file) == 0 || errno == ENOENT else {
                throw ActionError(
                    .failed,
                    "\(file): cannot remove the tenant file (\(String(cString: strerror(errno))))"
                        + (uninstalled ? "; the tenant was uninstalled" : "") + "; the backup is at \(path)")
            }
            removed = file
        }
        return DecommissionReport(backup: report, uninstalled: uninstalled, removedFile: removed)
    }

    /// Creates `folder` with mode 0700 when missing (an existing folder keeps its mode).
    static func makePrivateFolder(_ folder: String) throws(ActionError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ActionError(.failed, "the backups folder \(folder) is a file, not a folder; nothing was removed")
            }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty {
            do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                throw ActionError(.failed, "cannot create the backups folder \(folder): \(error.localizedDescription); nothing was removed")
            }
        }
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
            throw ActionError(.failed, "cannot create the backups folder \(folder): \(String(cString: strerror(errno))); nothing was removed")
        }
        // mkdir's mode passes through the umask: make it exactly 0700.
        _ = chmod(folder, 0o700)
    }
}
