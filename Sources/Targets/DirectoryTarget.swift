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
/// Files that do not end in `.yaml`, and hidden files, are never touched.
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

    // MARK: Target

    @discardableResult
    public func apply(tenant: String, manifest: String) throws(TargetError) -> ApplyReport {
        try validateTenantName(tenant)
        let objects = try Manifest.objects(manifest)
        let dir = directory(tenant: tenant)
        let createdDirectory = !FileManager.default.fileExists(atPath: dir.path)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw TargetError(.io, "cannot create \(dir.path): \(error.localizedDescription)")
        }
        do throws(TargetError) {
            return try converge(dir, to: objects)
        } catch {
            if createdDirectory { try? FileManager.default.removeItem(at: dir) }
            throw error
        }
    }

    @discardableResult
    public func remove(tenant: String) throws(TargetError) -> ApplyReport {
        try validateTenantName(tenant)
        let dir = directory(tenant: tenant)
        guard FileManager.default.fileExists(atPath: dir.path) else { return ApplyReport() }
        let report = try converge(dir, to: [])
        // The folder goes too when nothing else (a README, a kustomization) lives in it.
        if (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.isEmpty == true {
            rmdir(dir.path)
        }
        return report
    }

    public func objects(tenant: String) throws(TargetError) -> [ManifestObject] {
        try validateTenantName(tenant)
        let dir = directory(tenant: tenant)
        guard FileManager.default.fileExists(atPath: dir.path) else { return [] }
        var out: [ManifestObject] = []
        for (file, text) in try readObjectFiles(dir).sorted(by: { $0.key < $1.key }) {
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

    /// Makes `dir` hold exactly `objects` (as `.yaml` files), all or nothing.
    private func converge(_ dir: URL, to objects: [ManifestObject]) throws(TargetError) -> ApplyReport {
        removeStrayTemporaries(dir)
        let before = try readObjectFiles(dir)
        var report = ApplyReport()

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
            let temp = dir.appendingPathComponent(Self.tempPrefix + object.fileName + Self.tempSuffix)
            do throws(TargetError) {
                try writeDurably(temp, object.text)
            } catch {
                unlink(temp.path)
                discardTemporaries()
                throw error
            }
            pending.append((temp, object.fileName))
        }
        let keep = Set(objects.map(\.fileName))
        report.removed = before.keys.filter { !keep.contains($0) }.sorted()

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
            let failures = restore(dir, files: touched, from: before)
            if failures.isEmpty { throw error }
            throw TargetError(.io, "\(error.message); restoring the previous files also failed: " + failures.joined(separator: "; "))
        }

        // 3. Make the renames and removals durable.
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
                    try writeDurably(temp, old)
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

    /// The `.yaml` regular files of `dir` (not hidden) and their text.
    private func readObjectFiles(_ dir: URL) throws(TargetError) -> [String: String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        } catch {
            throw TargetError(.io, "cannot list \(dir.path): \(error.localizedDescription)")
        }
        var out: [String: String] = [:]
        for name in names where name.hasSuffix(".yaml") && !name.hasPrefix(".") {
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

    /// Writes `text` to a new file at `url` (replacing a leftover) and `fsync`s it.
    private func writeDurably(_ url: URL, _ text: String) throws(TargetError) {
        unlink(url.path)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TargetError(.io, "cannot create \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
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
