// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A backup archive (`tenantctl backup`, `decommission`, `restore`): one gzip file holding one JSON document —
/// the format version, the tenantctl that wrote it, when, and per tenant its file's exact bytes and every
/// revision exactly as the store held it. The format is specified in `docs/backup-format.md`.
///
/// Compatibility rule: a reader refuses a ``formatVersion`` above ``currentFormatVersion`` (naming both); every
/// later tenantctl keeps reading every earlier version. Fields a version-1 reader does not know are ignored, so
/// adding an optional field does not change the version; anything an older reader would misread does.
public struct BackupArchive: Sendable, Hashable {
    /// The format this tenantctl writes, and the newest it reads.
    public static let currentFormatVersion = 1

    /// The archive's format version (``currentFormatVersion`` when written by this tenantctl).
    public var formatVersion: Int
    /// The version of the tenantctl that wrote it (`0.1.0 (commit abc)`), for messages.
    public var tenantctlVersion: String
    /// When it was written.
    public var created: Date
    /// The tenants it holds, in the order written (sorted by name).
    public var tenants: [BackupTenant]

    /// Creates an archive in the current format.
    public init(tenantctlVersion: String, created: Date, tenants: [BackupTenant]) {
        self.formatVersion = Self.currentFormatVersion
        self.tenantctlVersion = tenantctlVersion
        self.created = created
        self.tenants = tenants
    }

    /// Every revision of every tenant.
    public var revisionCount: Int { tenants.reduce(0) { $0 + $1.revisions.count } }

    /// The archive's bytes: the JSON document (keys sorted), gzipped.
    public func encoded() throws(StoreError) -> [UInt8] {
        let document = DocumentV1(
            formatVersion: formatVersion, tenantctlVersion: tenantctlVersion, created: Timestamp.format(created),
            tenants: tenants.map(TenantV1.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json: Data
        do { json = try encoder.encode(document) } catch {
            throw StoreError(.invalidArgument, "backup archive: cannot encode the document: \(error)")
        }
        return try Gzip.compress(Array(json), what: "backup archive")
    }

    /// Reads an archive's bytes; `file` names it in every message.
    /// - Throws: ``StoreError/Code/incompatible`` for a file that is not gzip, is truncated or corrupted (gzip's
    ///   CRC and length checks), holds JSON that is not an archive, or is of a newer format version.
    public static func decode(_ bytes: [UInt8], file: String) throws(StoreError) -> BackupArchive {
        let what = "backup archive \(file)"
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else {
            throw StoreError(
                .incompatible,
                "\(what) is not a tenantctl backup archive: " + (bytes.isEmpty ? "the file is empty" : "it does not start with gzip's magic bytes"))
        }
        let json: Data
        do { json = Data(try Gzip.decompress(bytes, what: what)) } catch {
            throw StoreError(.incompatible, error.message + " (the file is truncated or corrupted; use another copy of the backup)")
        }
        let decoder = JSONDecoder()
        let header: Header
        do { header = try decoder.decode(Header.self, from: json) } catch {
            throw StoreError(.incompatible, "\(what) is unreadable: its JSON document: \(describe(error))")
        }
        guard header.formatVersion >= 1 else {
            throw StoreError(.incompatible, "\(what) is unreadable: formatVersion \(header.formatVersion) is not a valid version (1 is the first)")
        }
        guard header.formatVersion <= currentFormatVersion else {
            let writer = header.tenantctlVersion.map { " (written by tenantctl \($0))" } ?? ""
            throw StoreError(
                .incompatible,
                "\(what) is in backup format version \(header.formatVersion)\(writer), but this tenantctl reads format "
                    + "version \(currentFormatVersion) and older only: restore it with a tenantctl at least as new as the one that wrote it")
        }
        // Version 1 is the only version so far; a later reader dispatches on header.formatVersion here.
        let document: DocumentV1
        do { document = try decoder.decode(DocumentV1.self, from: json) } catch {
            throw StoreError(.incompatible, "\(what) is unreadable: its JSON document: \(describe(error))")
        }
        guard let created = Timestamp.parse(document.created) else {
            throw StoreError(.incompatible, "\(what) is unreadable: `created` is not an RFC 3339 UTC time: \(goQuote(document.created))")
        }
        var tenants: [BackupTenant] = []
        for entry in document.tenants {
            tenants.append(try entry.tenant(what))
        }
        var archive = BackupArchive(tenantctlVersion: document.tenantctlVersion, created: created, tenants: tenants)
        archive.formatVersion = header.formatVersion
        return archive
    }

    /// Reads the archive at `path`.
    public static func read(_ path: String) throws(StoreError) -> BackupArchive {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "no such file"
            throw StoreError(.notFound, "backup archive \(path): \(reason)")
        }
        return try decode(Array(data), file: path)
    }

    /// Writes the archive to `path`: private (mode 0600 whatever the umask, since it can hold Secrets), atomic
    /// (a temporary file in the same folder, flushed, then renamed into place), and never over an existing file.
    /// Returns the bytes written.
    /// - Throws: ``StoreError/Code/alreadyExists`` when `path` exists; ``StoreError/Code/database`` naming the
    ///   path and the system's reason when the folder cannot be written.
    @discardableResult
    public func save(to path: String) throws(StoreError) -> Int {
        let bytes = try encoded()
        if FileManager.default.fileExists(atPath: path) {
            throw StoreError(.alreadyExists, "backup archive \(path) exists already: choose another name (a backup never overwrites an archive)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        func failed(_ step: String, _ code: Int32) -> StoreError {
            StoreError(.database, "cannot write backup archive \(path): \(step): \(String(cString: strerror(code)))")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw failed("creating \(temporary)", errno) }
        var done = false
        defer {
            if !done { unlink(temporary) }
        }
        // The umask can only take bits away from 0600; fchmod makes the mode exact whatever it is.
        guard fchmod(fd, 0o600) == 0 else {
            let code = errno
            close(fd)
            throw failed("setting mode 0600", code)
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw failed("writing", code)
            }
            offset += n
        }
        guard fsync(fd) == 0 else {
            let code = errno
            close(fd)
            throw failed("flushing", code)
        }
        close(fd)
        // link(2) refuses an existing name (rename would replace it): the check above, without its race. File
        // systems without hard links get rename(2), after the check above.
        if link(temporary, path) == 0 {
            unlink(temporary)
        } else {
            let code = errno
            if code == EEXIST {
                throw StoreError(.alreadyExists, "backup archive \(path) exists already: choose another name (a backup never overwrites an archive)")
            }
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP, rename(temporary, path) == 0 else {
                throw failed("naming it", code == EPERM || code == ENOTSUP || code == EOPNOTSUPP ? errno : code)
            }
        }
        done = true
        return bytes.count
    }

    /// A decoding error in a few words: the path of keys and what was wrong.
    private static func describe(_ error: any Error) -> String {
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .dataCorrupted(let c)?:
            let underlying = (c.underlyingError as NSError?).map { " (\($0.localizedDescription))" } ?? ""
            return "not valid JSON\(at(c.codingPath)): \(c.debugDescription)\(underlying)"
        case .keyNotFound(let key, let c)?: return "missing field \(goQuote(key.stringValue))\(at(c.codingPath))"
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?: return "wrong type\(at(c.codingPath)): \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}

/// One tenant in a ``BackupArchive``.
public struct BackupTenant: Sendable, Hashable {
    /// The tenant's name.
    public var name: String
    /// Its file (`tenants/<name>.yaml`) byte for byte; nil when it had no file.
    public var tenantFile: Data?
    /// Every revision the store held, oldest first, exactly as stored.
    public var revisions: [Release]

    /// Creates an entry.
    public init(name: String, tenantFile: Data?, revisions: [Release]) {
        self.name = name
        self.tenantFile = tenantFile
        self.revisions = revisions
    }
}

/// What every version has: enough to decide how to read the rest.
private struct Header: Decodable {
    var formatVersion: Int
    var tenantctlVersion: String?
}

/// Format version 1, as written (docs/backup-format.md).
private struct DocumentV1: Codable {
    var formatVersion: Int
    var tenantctlVersion: String
    var created: String
    var tenants: [TenantV1]
}

private struct TenantV1: Codable {
    var name: String
    /// base64 of the file's bytes.
    var tenantFile: String?
    var revisions: [RevisionV1]

    init(_ t: BackupTenant) {
        name = t.name
        tenantFile = t.tenantFile?.base64EncodedString()
        revisions = t.revisions.map(RevisionV1.init)
    }

    func tenant(_ what: String) throws(StoreError) -> BackupTenant {
        var file: Data?
        if let tenantFile {
            guard let bytes = Data(base64Encoded: tenantFile) else {
                throw StoreError(.incompatible, "\(what) is unreadable: tenant \(goQuote(name)): `tenantFile` is not base64")
            }
            file = bytes
        }
        var out: [Release] = []
        for r in revisions {
            let release = try r.release(what)
            guard release.tenant == name else {
                throw StoreError(
                    .incompatible, "\(what) is unreadable: tenant \(goQuote(name)) holds a revision of \(goQuote(release.tenant))")
            }
            guard release.revision >= 1, !out.contains(where: { $0.revision == release.revision }) else {
                throw StoreError(
                    .incompatible, "\(what) is unreadable: tenant \(goQuote(name)): revision \(release.revision) is invalid or repeated")
            }
            out.append(release)
        }
        return BackupTenant(name: name, tenantFile: file, revisions: out.sorted { $0.revision < $1.revision })
    }
}

private struct ChartV1: Codable {
    var name: String
    var version: String
    var appVersion: String
    var digest: String
}

private struct RevisionV1: Codable {
    var tenant: String
    var revision: Int
    var status: String
    var chart: ChartV1
    var userValues: String
    var computedValues: String
    var manifest: String
    var notes: String
    var firstDeployed: String
    var lastDeployed: String
    var deleted: String?
    var description: String
    var labels: [String: String]

    init(_ r: Release) {
        tenant = r.tenant
        revision = r.revision
        status = r.status.rawValue
        chart = ChartV1(name: r.chart.name, version: r.chart.version, appVersion: r.chart.appVersion, digest: r.chart.digest)
        userValues = r.userValues
        computedValues = r.computedValues
        manifest = r.manifest
        notes = r.notes
        firstDeployed = Timestamp.format(r.firstDeployed)
        lastDeployed = Timestamp.format(r.lastDeployed)
        deleted = r.deleted.map { Timestamp.format($0) }
        description = r.description
        labels = r.labels
    }

    func release(_ what: String) throws(StoreError) -> Release {
        func bad(_ problem: String) -> StoreError {
            StoreError(.incompatible, "\(what) is unreadable: revision \(revision) of \(goQuote(tenant)): \(problem)")
        }
        guard let status = ReleaseStatus(rawValue: status) else { throw bad("unknown status \(goQuote(self.status))") }
        func time(_ field: String, _ text: String) throws(StoreError) -> Date {
            guard let date = Timestamp.parse(text) else { throw bad("`\(field)` is not an RFC 3339 UTC time: \(goQuote(text))") }
            return date
        }
        var deletedAt: Date?
        if let deleted { deletedAt = try time("deleted", deleted) }
        return Release(
            tenant: tenant, revision: revision, status: status,
            chart: ChartReference(name: chart.name, version: chart.version, appVersion: chart.appVersion, digest: chart.digest),
            userValues: userValues, computedValues: computedValues, manifest: manifest, notes: notes,
            firstDeployed: try time("firstDeployed", firstDeployed), lastDeployed: try time("lastDeployed", lastDeployed),
            deleted: deletedAt, description: description, labels: labels)
    }
}
