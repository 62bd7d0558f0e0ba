// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The default target: rendered manifests as files, the layout GitOps controllers sync from.
///
/// Tenant `acme`'s objects live in `<root>/acme/`, one file per object named `<kind>-<name>.yaml`
/// (``Manifest/fileName(kind:name:)``). An apply is all or nothing:
/// 1. the manifest is parsed and every new or changed file written to a hidden temporary file in the same
///    directory and `fsync`ed — a failure here removes the temporaries, and nothing else was touched;
/// 2. the temporaries are renamed over their files (each rename atomic) and files of objects that left the
///    release are removed — a failure here puts every touched file back from the copy read in step 1;
/// 3. the directory is `fsync`ed, so the renames survive a crash.
/// A process killed between renames can leave a mix of old and new files: the next apply of any revision
/// converges the directory (it compares against what is on disk, not what it believes), and the release
/// lifecycle's recovery re-applies the deployed revision. Stray temporaries are removed by the next apply.
///
/// **Ownership is recorded, never guessed from names.** Each tenant folder holds an index, `.tenantctl-owned`
/// (one file name per line, written to a temporary, `fsync`ed and renamed), of the object files this target
/// wrote there. Only those files are read as the tenant's objects, replaced or removed; any other file (a
/// hand-written `kustomization.yaml`, a README) is never touched, and an apply that would write over one is
/// refused before anything changes. The index is widened to every file an apply may write before its first
/// rename and narrowed to the new set after the last, so that a crash in between never leaves a file we
/// wrote unrecorded. (A folder written before the index existed: a file identical to the object about to
/// be written is adopted; any other is refused like a stranger's.)
///
/// Permissions do not depend on the umask's generosity: folders are made 0755 and object files 0644 (both
/// narrowed by the umask, never widened), and the file of a `Secret` is 0600.
public struct DirectoryTarget: Target {
    /// The folder holding one folder per tenant (`deploy`).
    public let root: URL
    /// Test seam: throw after this many commit steps (renames and removals), to exercise the rollback.
    let failAfterCommitSteps: Int?

    /// A target writing under `root`.
    public init(root: URL) {
        self.init(root: root, failAfterCommitSteps: nil)
    }

    init(root: URL, failAfterCommitSteps: Int?) {
        self.root = root
        self.failAfterCommitSteps = failAfterCommitSteps
    }

    /// `directory <root>`.
    public var name: String { "directory \(root.path)" }

    /// The tenant's folder.
    public func directory(tenant: String) -> URL { root.appendingPathComponent(tenant, isDirectory: true) }

    private static let tempPrefix = ".tenantctl-"
    private static let tempSuffix = ".tmp"
    /// The ownership index in each tenant folder.
    public static let indexName = ".tenantctl-owned"

    // MARK: Target

    /// True: an apply or remove that throws leaves the folder as it was.
    public var isAtomic: Bool { true }

    /// Makes the tenant's folder hold exactly the manifest's objects. The folder is the tenant's whole state,
    /// so ``ApplyRequest/previousManifest`` is not needed (files of objects that left the release are removed
    /// whatever it says), and ``ApplyRequest/namespace`` is not used (files keep the manifest's text). Of the
    /// options only ``ApplyOptions/dryRun`` counts: the manifest and ownership are checked and the report says
    /// what would change, but nothing is written.
    @discardableResult
    public func apply(_ request: ApplyRequest) throws(TargetError) -> ApplyReport {
        let tenant = request.tenant
        try validateTenantName(tenant)
        let objects = try Manifest.objects(request.manifest)
        let dir = directory(tenant: tenant)
        let createdDirectory = !FileManager.default.fileExists(atPath: dir.path)
        if request.options.dryRun {
            if createdDirectory {
                var report = ApplyReport()
                report.created = objects.map(\.fileName)
                return report
            }
            return try converge(dir, to: objects, dryRun: true)
        }
        try makeFolder(root, what: "the deploy folder")
        try makeFolder(dir, what: "the folder of tenant \"\(tenant)\"")
        do throws(TargetError) {
            return try converge(dir, to: objects, dryRun: false)
        } catch {
            if createdDirectory { try? FileManager.default.removeItem(at: dir) }
            throw error
        }
    }

    /// Removes every object file this target wrote in the tenant's folder (whatever ``RemoveRequest/manifest``
    /// lists: the folder is the record), then the folder when nothing else is left in it. With
    /// ``ApplyOptions/dryRun`` the report says what would be removed and nothing is.
    @discardableResult
    public func remove(_ request: RemoveRequest) throws(TargetError) -> ApplyReport {
        let tenant = request.tenant
        try validateTenantName(tenant)
        let dir = directory(tenant: tenant)
        guard FileManager.default.fileExists(atPath: dir.path) else { return ApplyReport() }
        let report = try converge(dir, to: [], dryRun: request.options.dryRun)
        if request.options.dryRun { return report }
        unlink(dir.appendingPathComponent(Self.indexName).path)
        // The folder goes too when nothing else (a README, a kustomization) lives in it.
        if (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.isEmpty == true {
            rmdir(dir.path)
        }
        return report
    }

    /// The object files this target wrote in the tenant's folder, sorted by file name (`namespace` and
    /// `manifest` are not needed: the folder holds the tenant's whole state).
    public func objects(tenant: String, namespace: String, manifest: String) throws(TargetError) -> [ManifestObject] {
        try objects(tenant: tenant)
    }

    /// The object files this target wrote in the tenant's folder, sorted by file name; empty when none.
    public func objects(tenant: String) throws(TargetError) -> [ManifestObject] {
        try validateTenantName(tenant)
        let dir = directory(tenant: tenant)
        guard FileManager.default.fileExists(atPath: dir.path) else { return [] }
        var out: [ManifestObject] = []
        for (file, text) in try readObjectFiles(dir, owned: try readIndex(dir)).sorted(by: { $0.key < $1.key }) {
            // Files we wrote parse back; anything else is reported with its file name only.
            if let object = try? Manifest.objects(text).first {
                out.append(
                    ManifestObject(
                        kind: object.kind, name: object.name, namespace: object.namespace,
                        fileName: file, text: text))
            } else {
                out.append(ManifestObject(kind: "", name: "", fileName: file, text: text))
            }
        }
        return out
    }

    // MARK: Converging

    /// Makes `dir` hold exactly `objects` (as `.yaml` files), all or nothing; with `dryRun`, only says what
    /// that would change (after the ownership check) and writes nothing.
    private func converge(_ dir: URL, to objects: [ManifestObject], dryRun: Bool) throws(TargetError) -> ApplyReport {
        if !dryRun { removeStrayTemporaries(dir) }
        let recorded = try readIndex(dir)
        var owned = recorded
        var before = try readObjectFiles(dir, owned: owned)
        var report = ApplyReport()

        // 0. Ownership: never write over a file this target did not write (one identical to the object is
        //    adopted: writing it would change nothing).
        var strangers: [String] = []
        for object in objects where !owned.contains(object.fileName) {
            let path = dir.appendingPathComponent(object.fileName).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path),
                String(decoding: data, as: UTF8.self) == object.text
            {
                owned.insert(object.fileName)
                before[object.fileName] = object.text
                continue
            }
            strangers.append(path)
        }
        if !strangers.isEmpty {
            let list = strangers.joined(separator: ", ")
            throw TargetError(
                .notOwned,
                "refusing to write over \(list): tenantctl did not write \(strangers.count == 1 ? "it" : "them") "
                    + "(\(dir.path)/\(Self.indexName) does not list \(strangers.count == 1 ? "it" : "them")); "
                    + "move \(strangers.count == 1 ? "the file" : "the files") away, or rename the object in the chart, "
                    + "and run the command again")
        }

        // 1. Prepare: write every new or changed file beside its destination.
        var pending: [(temp: URL, file: String)] = []
        func discardTemporaries() { for p in pending { unlink(p.temp.path) } }
        for object in objects {
            if let old = before[object.fileName] {
                if old == object.text {
                    report.unchanged.append(object.fileName)
                    continue
                }
                report.updated.append(object.fileName)
            } else {
                report.created.append(object.fileName)
            }
            if dryRun { continue }
            let temp = dir.appendingPathComponent(Self.tempPrefix + object.fileName + Self.tempSuffix)
            do throws(TargetError) {
                try writeDurably(temp, object.text, mode: object.kind == "Secret" ? 0o600 : 0o644)
            } catch {
                unlink(temp.path)
                discardTemporaries()
                throw error
            }
            pending.append((temp, object.fileName))
        }
        let keep = Set(objects.map(\.fileName))
        report.removed = before.keys.filter { !keep.contains($0) }.sorted()
        if dryRun { return report }
        let widened = owned.union(keep)
        if widened != recorded {
            do throws(TargetError) {
                try writeIndex(dir, widened)
            } catch {
                discardTemporaries()
                throw error
            }
        }

        // 2. Commit: renames, then removals; on failure, put back every file touched so far.
        var touched: [String] = []
        var steps = 0
        func step() throws(TargetError) {
            steps += 1
            if let limit = failAfterCommitSteps, steps > limit {
                throw TargetError(.io, "injected failure after \(limit) commit steps")
            }
        }
        do throws(TargetError) {
            for p in pending {
                try step()
                let destination = dir.appendingPathComponent(p.file)
                if rename(p.temp.path, destination.path) != 0 {
                    let reason = String(cString: strerror(errno))
                    throw TargetError(.io, "cannot write \(destination.path): \(reason)")
                }
                touched.append(p.file)
            }
            pending = []
            for file in report.removed {
                try step()
                let path = dir.appendingPathComponent(file).path
                if unlink(path) != 0 {
                    throw TargetError(.io, "cannot remove \(path): \(String(cString: strerror(errno)))")
                }
                touched.append(file)
            }
        } catch {
            discardTemporaries()
            var failures = restore(dir, files: touched, from: before)
            if widened != recorded {
                do throws(TargetError) { try writeIndex(dir, recorded) } catch { failures.append(error.message) }
            }
            if failures.isEmpty { throw error }
            throw TargetError(.io, "\(error.message); restoring the previous files also failed: " + failures.joined(separator: "; "))
        }

        // 3. Record exactly what the folder now holds of ours, and make the renames and removals durable.
        let owning = Set(before.keys).subtracting(report.removed).union(keep)
        if owning != recorded {
            if owning.isEmpty {
                unlink(dir.appendingPathComponent(Self.indexName).path)
            } else {
                try writeIndex(dir, owning)
            }
        }
        syncDirectory(dir)
        return report
    }

    /// Puts `files` back as `before` had them (rewritten, or removed when they did not exist); returns failures.
    private func restore(_ dir: URL, files: [String], from before: [String: String]) -> [String] {
        var failures: [String] = []
        for file in files {
            let destination = dir.appendingPathComponent(file)
            if let old = before[file] {
                let temp = dir.appendingPathComponent(Self.tempPrefix + file + Self.tempSuffix)
                do throws(TargetError) {
                    try writeDurably(temp, old, mode: Self.mode(of: destination))
                    if rename(temp.path, destination.path) != 0 {
                        failures.append("\(destination.path): \(String(cString: strerror(errno)))")
                        unlink(temp.path)
                    }
                } catch {
                    unlink(temp.path)
                    failures.append(error.message)
                }
            } else if unlink(destination.path) != 0, errno != ENOENT {
                failures.append("\(destination.path): \(String(cString: strerror(errno)))")
            }
        }
        syncDirectory(dir)
        return failures
    }

    /// The permissions the file at `url` has now (0644 when it has none to read).
    private static func mode(of url: URL) -> mode_t {
        var info = stat()
        return stat(url.path, &info) == 0 ? info.st_mode & 0o777 : 0o644
    }

    /// The file names the ownership index of `dir` lists; empty without an index.
    private func readIndex(_ dir: URL) throws(TargetError) -> Set<String> {
        let path = dir.appendingPathComponent(Self.indexName).path
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TargetError(.io, "cannot read \(path), the list of the files tenantctl wrote there")
        }
        var out: Set<String> = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let name = String(line)
            // Only plain object file names: never a path out of the folder.
            if name.hasPrefix("#") || name.isEmpty || name.hasPrefix(".") || name.contains("/") { continue }
            out.insert(name)
        }
        return out
    }

    /// Replaces the ownership index of `dir` atomically (temporary, `fsync`, rename, folder `fsync`).
    private func writeIndex(_ dir: URL, _ names: Set<String>) throws(TargetError) {
        let text =
            "# The files of this folder that tenantctl wrote and may replace or remove; it leaves every other file alone.\n"
            + names.sorted().map { $0 + "\n" }.joined()
        let path = dir.appendingPathComponent(Self.indexName)
        let temp = dir.appendingPathComponent(Self.tempPrefix + "owned" + Self.tempSuffix)
        do throws(TargetError) {
            try writeDurably(temp, text, mode: 0o644)
        } catch {
            unlink(temp.path)
            throw error
        }
        if rename(temp.path, path.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp.path)
            throw TargetError(.io, "cannot write \(path.path): \(reason)")
        }
        syncDirectory(dir)
    }

    /// Makes `url` a folder (and its missing parents), 0755 narrowed by the umask — never wider, whatever the
    /// umask; an existing file in its place is refused with a message saying what to do.
    private func makeFolder(_ url: URL, what: String) throws(TargetError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw TargetError(
                .io,
                "\(what) \(url.path) is a file, not a folder: move the file away, or choose another deploy folder "
                    + "with --deploy-dir")
        }
        let parent = url.deletingLastPathComponent()
        if parent.path != url.path, !parent.path.isEmpty { try makeFolder(parent, what: "the folder") }
        if mkdir(url.path, 0o755) != 0, errno != EEXIST {
            throw TargetError(.io, "cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// The owned regular files of `dir` (those the index lists) and their text.
    private func readObjectFiles(_ dir: URL, owned: Set<String>) throws(TargetError) -> [String: String] {
        var out: [String: String] = [:]
        for name in owned {
            let path = dir.appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TargetError(.io, "cannot read \(path)")
            }
            out[name] = String(decoding: data, as: UTF8.self)
        }
        return out
    }

    private func removeStrayTemporaries(_ dir: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        for name in names where name.hasPrefix(Self.tempPrefix) && name.hasSuffix(Self.tempSuffix) {
            unlink(dir.appendingPathComponent(name).path)
        }
    }

    /// Writes `text` to a new file at `url` (replacing a leftover) with permissions `mode` (0600 is set exactly;
    /// others are narrowed by the umask) and `fsync`s it.
    private func writeDurably(_ url: URL, _ text: String, mode: mode_t) throws(TargetError) {
        unlink(url.path)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw TargetError(.io, "cannot create \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        if mode & 0o077 == 0 { fchmod(fd, mode) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw TargetError(.io, "cannot write \(url.path): \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
        guard fsync(fd) == 0 else {
            throw TargetError(.io, "cannot flush \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    private func syncDirectory(_ dir: URL) {
        let fd = open(dir.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
