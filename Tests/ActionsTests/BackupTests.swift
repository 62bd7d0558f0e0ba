// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Testing

/// `tenantctl backup`, `decommission` and `restore` through the binary, on the directory target with the SQLite
/// file: the round trip byte for byte, `--as`, and the bad-input table (nothing changes on disk).
@Suite(.serialized) struct BackupTests {
    typealias E2E = EndToEndTests

    /// acme on premium with four revisions (install, two upgrades, a failed upgrade) and globex installed.
    static func populated(_ name: String) throws -> URL {
        let dir = try E2E.workspace(name)
        for args in [
            ["install", "acme", "--tier", "premium"], ["upgrade", "acme", "--set", "greeting=v2"],
            ["upgrade", "acme", "--set", "greeting=v3", "--description", "third"], ["install", "globex"],
        ] {
            let r = try E2E.run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
        #expect(try E2E.run(["upgrade", "acme", "--set", "breakMe=true"], in: dir).status == 1)
        return dir
    }

    /// Every record of `tenant`, exactly as the state file holds it.
    static func records(_ dir: URL, _ tenant: String) throws -> [Release] {
        let driver = try SQLiteDriver(readingOnly: dir.appendingPathComponent(".tenantctl/state.db").path)
        return try driver.query(ReleaseQuery(tenant: tenant))
    }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }

    /// Decommission then restore: the tenant file, every revision (all fields, manifests byte for byte) and the
    /// objects come back; one new revision on top re-applies the last deployed one.
    @Test func decommissionThenRestore() throws {
        guard E2E.built else { return }
        let dir = try Self.populated("backup-roundtrip")
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try Self.records(dir, "acme")
        #expect(before.map(\.status) == [.superseded, .superseded, .deployed, .failed])
        let tenantFile = try Data(contentsOf: dir.appendingPathComponent("tenants/acme.yaml"))
        let objects = E2E.deployFiles(dir, "acme")
        let globex = E2E.deployFiles(dir, "globex")

        let gone = try E2E.run(["decommission", "acme"], in: dir)
        #expect(gone.status == 0, "\(gone.err)")
        let archive = try #require(
            gone.out.split(separator: "\n").first { $0.hasPrefix("Tenant acme is decommissioned. To bring it back: tenantctl restore ") }
        ).split(separator: " ").last.map(String.init)
        let archivePath = try #require(archive)
        #expect(archivePath.hasPrefix("backups/acme-") && archivePath.hasSuffix("Z.json.gz"))
        #expect(gone.out.contains("1 tenant (acme), 4 revisions"))
        #expect(Self.mode(dir.appendingPathComponent(archivePath).path) == 0o600)
        #expect(Self.mode(dir.appendingPathComponent("backups").path) == 0o700)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("tenants/acme.yaml").path))
        #expect(E2E.deployFiles(dir, "acme").isEmpty)
        #expect(try Self.records(dir, "acme").isEmpty)
        #expect(try E2E.run(["history", "acme"], in: dir).status == 1)

        let back = try E2E.run(["restore", archivePath], in: dir)
        #expect(back.status == 0, "\(back.err)")
        #expect(back.out.contains("Restored tenant acme from \(archivePath): tenants/acme.yaml, 4 revisions of history."))
        #expect(back.out.contains("REVISION: 5") && back.out.contains("DESCRIPTION: Rollback to 3"))
        let after = try Self.records(dir, "acme")
        #expect(after.count == 5)
        // The archived history as it was, every field, except that the rollback supersedes revision 3 as every
        // rollback supersedes the deployed revision.
        var expected = before
        expected[2].status = .superseded
        #expect(Array(after.prefix(4)) == expected)
        for (a, b) in zip(after, before) { #expect(Data(a.manifest.utf8) == Data(b.manifest.utf8)) }
        #expect(after[4].status == .deployed && after[4].manifest == before[2].manifest && after[4].userValues == before[2].userValues)
        #expect(try Data(contentsOf: dir.appendingPathComponent("tenants/acme.yaml")) == tenantFile)
        #expect(E2E.deployFiles(dir, "acme") == objects)
        #expect(E2E.deployFiles(dir, "globex") == globex)
    }

    /// `--as`: the archived revisions are history under the new name (never applied, never rolled back to), the
    /// last deployed one re-rendered for it; the original tenant is untouched.
    @Test func restoreUnderAnotherName() throws {
        guard E2E.built else { return }
        let dir = try Self.populated("backup-as")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try E2E.run(["backup", "acme", "--archive", "acme.json.gz"], in: dir).status == 0)
        let acme = E2E.snapshot(dir.appendingPathComponent("deploy/acme"))
        let acmeRecords = try Self.records(dir, "acme")

        let r = try E2E.run(["restore", "acme.json.gz", "--as", "acme2"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Restored tenant acme2 (archived as acme)"))
        let records = try Self.records(dir, "acme2")
        #expect(records.map(\.revision) == [1, 2, 3, 4, 5])
        #expect(records.prefix(4).allSatisfy { $0.labels[Release.renderedForLabel] == "acme" && $0.status != .deployed })
        #expect(zip(records.prefix(4), acmeRecords).allSatisfy { $0.manifest == $1.manifest })
        #expect(records[4].status == .deployed && records[4].labels[Release.renderedForLabel] == nil)
        #expect(records[4].manifest.contains("namespace: tenant-acme2") && !records[4].manifest.contains("namespace: tenant-acme\n"))
        #expect(records[4].manifest.contains("greeting: \"v3\""))
        let files = E2E.deployFiles(dir, "acme2")
        #expect(files.keys.contains("namespace-tenant-acme2.yaml"))
        #expect(E2E.snapshot(dir.appendingPathComponent("deploy/acme")) == acme)
        #expect(try Self.records(dir, "acme") == acmeRecords)
        let file = try String(contentsOf: dir.appendingPathComponent("tenants/acme2.yaml"), encoding: .utf8)
        #expect(file.hasPrefix("# Tenant acme2:") && file.contains("tier: premium"))

        let rollback = try E2E.run(["rollback", "acme2", "3"], in: dir)
        #expect(rollback.status == 1)
        #expect(rollback.err.contains("was rendered for tenant \"acme\""), "\(rollback.err)")
        // Uninstalling acme2 removes its own objects only.
        #expect(try E2E.run(["uninstall", "acme2"], in: dir).status == 0)
        #expect(E2E.snapshot(dir.appendingPathComponent("deploy/acme")) == acme)
    }

    /// `backup --all -o json`: every tenant, the summary as JSON; the archive reads back with every revision.
    @Test func backupAllJSON() throws {
        guard E2E.built else { return }
        let dir = try Self.populated("backup-all")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try E2E.run(["backup", "--all", "--archive", "all.json.gz", "-o", "json"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(summary["tenants"] as? [String] == ["acme", "globex"])
        #expect(summary["revisions"] as? Int == 5)
        #expect(summary["formatVersion"] as? Int == 1)
        let size = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("all.json.gz").path)[.size] as? Int
        #expect(summary["bytes"] as? Int == size)
        let archive = try BackupArchive.read(dir.appendingPathComponent("all.json.gz").path)
        #expect(archive.tenants.first?.revisions == (try Self.records(dir, "acme")))
    }

    /// The bad-input table: each refused with exit 1 and a message naming what is wrong; nothing changes on disk.
    enum Bad: String, CaseIterable, CustomStringConvertible {
        case truncatedArchive, corruptedArchive, futureFormatVersion, restoreOverExistingTenant, restoreOverExistingRecords
        case decommissionBackupsFolderIsAFile, decommissionArchiveFolderUnwritable, backupUnknownTenant, backupOverExistingArchive
        var description: String { rawValue }
    }

    @Test(arguments: Bad.allCases)
    func badInput(_ bad: Bad) throws {
        guard E2E.built else { return }
        let dir = try Self.populated("backup-bad-\(bad)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try E2E.run(["backup", "acme", "--archive", "acme.json.gz"], in: dir).status == 0)
        let good = try Data(contentsOf: dir.appendingPathComponent("acme.json.gz"))
        func put(_ name: String, _ bytes: Data) throws { try bytes.write(to: dir.appendingPathComponent(name)) }
        var args: [String]
        var message: [String]
        switch bad {
        case .truncatedArchive:
            try put("t.json.gz", good.prefix(good.count * 2 / 3))
            #expect(try E2E.run(["decommission", "acme", "--archive", "keep.json.gz"], in: dir).status == 0)
            args = ["restore", "t.json.gz"]
            message = ["backup archive t.json.gz is unreadable: gzip: unexpected EOF", "truncated or corrupted"]
        case .corruptedArchive:
            var bytes = good
            bytes[bytes.count / 2] ^= 0x20
            try put("c.json.gz", bytes)
            #expect(try E2E.run(["decommission", "acme", "--archive", "keep.json.gz"], in: dir).status == 0)
            args = ["restore", "c.json.gz"]
            message = ["backup archive c.json.gz is unreadable: gzip: ", "truncated or corrupted"]
        case .futureFormatVersion:
            var future = try BackupArchive.read(dir.appendingPathComponent("acme.json.gz").path)
            future.formatVersion = 2
            future.tenantctlVersion = "9.9.9 (commit future)"
            try future.save(to: dir.appendingPathComponent("f.json.gz").path)
            #expect(try E2E.run(["decommission", "acme", "--archive", "keep.json.gz"], in: dir).status == 0)
            args = ["restore", "f.json.gz"]
            message = [
                "backup archive f.json.gz is in backup format version 2 (written by tenantctl 9.9.9 (commit future))",
                "reads format version 1 and older only",
            ]
        case .restoreOverExistingTenant:
            args = ["restore", "acme.json.gz"]
            message = ["tenant \"acme\" exists already (tenants/acme.yaml; 4 revisions in .tenantctl/state.db)", "--as NEW"]
        case .restoreOverExistingRecords:
            // Only records left (the file removed by hand): still refused.
            try FileManager.default.removeItem(at: dir.appendingPathComponent("tenants/acme.yaml"))
            args = ["restore", "acme.json.gz"]
            message = ["tenant \"acme\" exists already (4 revisions in .tenantctl/state.db)"]
        case .decommissionBackupsFolderIsAFile:
            try put("backups", Data("not a folder\n".utf8))
            args = ["decommission", "acme"]
            message = ["the backups folder backups is a file, not a folder; nothing was removed"]
        case .decommissionArchiveFolderUnwritable:
            // /proc takes no new files, even from root (a 0500 folder would not stop root, who runs these tests here).
            args = ["decommission", "acme", "--archive", "/proc/acme.json.gz"]
            message = ["cannot write backup archive /proc/acme.json.gz", "nothing was removed (acme is as it was)"]
        case .backupUnknownTenant:
            args = ["backup", "nobody", "--archive", "n.json.gz"]
            message = ["unknown tenant \"nobody\": no tenants/nobody.yaml and no revisions in .tenantctl/state.db; nothing was written"]
        case .backupOverExistingArchive:
            args = ["backup", "globex", "--archive", "acme.json.gz"]
            message = ["backup archive acme.json.gz exists already"]
        }
        let before = E2E.snapshot(dir)
        let r = try E2E.run(args, in: dir)
        #expect(r.status == 1, "\(bad): \(r.out)")
        for m in message { #expect(r.err.contains(m), "\(bad): \(r.err)") }
        #expect(E2E.snapshot(dir) == before, "\(bad): something changed on disk")
        #expect(try Data(contentsOf: dir.appendingPathComponent("acme.json.gz")) == good)
    }

    /// Archives are 0600 and the backups folder 0700 even under umask 000.
    @Test func privateUnderUmask000() throws {
        guard E2E.built else { return }
        let dir = try Self.populated("backup-umask")
        defer { try? FileManager.default.removeItem(at: dir) }
        let backup = try E2E.run(["backup", "--all", "--archive", "all.json.gz"], in: dir, umask: 0)
        #expect(backup.status == 0, "\(backup.err)")
        #expect(Self.mode(dir.appendingPathComponent("all.json.gz").path) == 0o600)
        let gone = try E2E.run(["decommission", "globex"], in: dir, umask: 0)
        #expect(gone.status == 0, "\(gone.err)")
        #expect(Self.mode(dir.appendingPathComponent("backups").path) == 0o700)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("backups").path)
        #expect(names.count == 1 && names.allSatisfy { $0.hasPrefix("globex-") && $0.hasSuffix(".json.gz") })
        for name in names { #expect(Self.mode(dir.appendingPathComponent("backups/" + name).path) == 0o600) }
    }
}

/// Decommission then restore on the Kubernetes target with the Kubernetes store (Secrets), against the real API
/// server scripts/test-servers.sh starts: the objects and the namespace go, the records go, and both come back.
@Suite(.enabled(if: ClusterUnderTest.dir != nil, ClusterUnderTest.reason), .serialized)
struct BackupClusterTests {
    typealias C = ClusterEndToEndTests

    @Test func decommissionThenRestoreOnTheCluster() throws {
        guard EndToEndTests.built else {
            Issue.record("tenantctl is not built at \(EndToEndTests.binary)")
            return
        }
        let t = C.tenant("bk")
        let ns = "tenant-\(t)"
        let dir = try C.workspace(t, store: "kubernetes")
        defer { try? FileManager.default.removeItem(at: dir) }
        @discardableResult
        func ok(_ args: String...) throws -> EndToEndTests.Result {
            let r = try C.run(args, in: dir)
            #expect(r.status == 0, "tenantctl \(args.joined(separator: " ")): \(r.status) \(r.err)")
            return r
        }
        try ok("install", t, "--tier", "premium")
        try ok("upgrade", t, "--set", "greeting=v2")
        let manifests = try [1, 2].map { try ok("get", "manifest", t, "--revision", String($0)).out }
        let values = try [1, 2].map { try ok("get", "values", t, "--revision", String($0)).out }
        let history = try ok("history", t, "-o", "json").out
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [[String: Any]])

        let gone = try ok("decommission", t, "--archive", "\(t).json.gz")
        #expect(gone.out.contains("2 revisions"), "\(gone.out)")
        #expect(try C.get(C.configMaps, "\(t)-config", ns) == nil)
        #expect(try C.client().poll(C.namespaces, name: ns, interval: 0.5, timeout: 60) { $0 == nil } == nil)
        #expect(try C.run(["history", t], in: dir).status == 1)

        let back = try ok("restore", "\(t).json.gz")
        #expect(back.out.contains("REVISION: 3") && back.out.contains("Rollback to 2"), "\(back.out)")
        #expect(try C.get(C.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "v2")
        for (i, manifest) in manifests.enumerated() {
            #expect(try ok("get", "manifest", t, "--revision", String(i + 1)).out == manifest)
            #expect(try ok("get", "values", t, "--revision", String(i + 1)).out == values[i])
        }
        let after = try #require(try JSONSerialization.jsonObject(with: Data(try ok("history", t, "-o", "json").out.utf8)) as? [[String: Any]])
        #expect(after.count == 3)
        #expect(after.prefix(2).map { $0["description"] as? String } == rows.map { $0["description"] as? String })
        #expect(after.prefix(2).map { $0["updated"] as? String } == rows.map { $0["updated"] as? String })
        #expect(after.map { $0["status"] as? String } == ["superseded", "superseded", "deployed"])

        // --as beside the live tenant: the copy gets its own namespace; neither its restore nor its uninstall
        // prunes or removes the original's objects (the archived revisions are history only).
        let copy = t + "c"
        let asCopy = try ok("restore", "\(t).json.gz", "--as", copy)
        #expect(asCopy.out.contains("NAMESPACE: tenant-\(copy)"), "\(asCopy.out)")
        #expect(try C.get(C.configMaps, "\(copy)-config", "tenant-\(copy)")?[["data", "greeting"]]?.string == "v2")
        #expect(try C.get(C.configMaps, "\(t)-config", ns) != nil)
        try ok("uninstall", copy)
        #expect(try C.get(C.configMaps, "\(t)-config", ns)?[["data", "greeting"]]?.string == "v2")
        #expect(try C.get(C.namespaces, ns) != nil)
        try ok("uninstall", t)
    }
}
