// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// The gateway as a release on the directory target, through the built binary: install, history, the
/// out-of-date note after a tenant install, diff, upgrade, rollback; and the bad input around it.
@Suite(.serialized) struct ReleaseTests {
    /// A workspace with the repository's charts (tenant-app, tenant-gateway), the example tiers and acme's file,
    /// and a project file holding the gateway's settings (the fixture JWKS).
    static func workspace(_ name: String, tenants: [String] = ["tiers", "acme"]) throws -> URL {
        let dir = try Support.scratch("release-\(name)")
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("charts"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        for chart in ["tenant-app", "tenant-gateway"] {
            try fm.copyItem(at: Support.repo.appendingPathComponent("charts/\(chart)"), to: dir.appendingPathComponent("charts/\(chart)"))
        }
        for t in tenants {
            try fm.copyItem(at: Support.repo.appendingPathComponent("tenants/\(t).yaml"), to: dir.appendingPathComponent("tenants/\(t).yaml"))
        }
        try """
        gateway:
          issuer: https://id.example.com
          audiences: [tenantctl]
          jwksFile: \(Support.jwks)

        """.write(to: dir.appendingPathComponent("tenantctl.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    static func tenantctl(_ args: [String], in dir: URL) throws -> Support.Result {
        try Support.run(Support.binary, args, in: dir)
    }

    /// The files of deploy/tenant-gateway/.
    static func deployed(_ dir: URL) throws -> [String: String] {
        let folder = dir.appendingPathComponent("deploy/tenant-gateway")
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    static let note = "note: the gateway routes an older tenant list (run tenantctl gateway upgrade)"

    @Test func lifecycle() throws {
        guard Support.built else {
            Issue.record("tenantctl is not built at \(Support.binary); run `swift build` first")
            return
        }
        let dir = try Self.workspace("lifecycle")
        defer { try? FileManager.default.removeItem(at: dir) }
        @discardableResult
        func ok(_ args: String...) throws -> Support.Result {
            let r = try Self.tenantctl(args, in: dir)
            #expect(r.status == 0, "tenantctl \(args.joined(separator: " ")): \(r.status) \(r.err)")
            return r
        }

        // No gateway yet: a tenant install says nothing about it.
        #expect(!(try ok("install", "acme").err.contains("gateway")))

        // Install: revision 1 routes acme; its objects in deploy/tenant-gateway/, its namespace tenantctl-gateway.
        let installed = try ok("gateway", "install")
        #expect(installed.out.contains("REVISION: 1") && installed.out.contains("STATUS: deployed"), "\(installed.out)")
        #expect(installed.out.contains("NAMESPACE: tenantctl-gateway") && installed.out.contains("ROUTES: acme\n"), "\(installed.out)")
        let v1 = try Self.deployed(dir)
        #expect(
            v1.keys.sorted() == [
                ".tenantctl-owned", "configmap-tenant-gateway.yaml", "deployment-tenant-gateway.yaml", "namespace-tenantctl-gateway.yaml",
                "networkpolicy-tenant-gateway.yaml", "service-tenant-gateway.yaml",
            ])
        let config1 = v1["configmap-tenant-gateway.yaml"] ?? ""
        #expect(config1.contains("acme-tenant-app.tenant-acme.svc.cluster.local") && !config1.contains("globex"))
        let history1 = try ok("gateway", "history").out.split(separator: "\n")
        #expect(history1.count == 2 && history1[1].hasPrefix("1 ") && history1[1].contains("deployed"), "\(history1)")
        #expect(try ok("gateway", "status").out.contains("TENANTS: in step (revision 1"))
        #expect(try ok("gateway", "diff").out == "No changes.\n")

        // A tenant install changes the tenant list: the note, and status says so.
        try FileManager.default.copyItem(
            at: Support.repo.appendingPathComponent("tenants/globex.yaml"), to: dir.appendingPathComponent("tenants/globex.yaml"))
        #expect(try ok("install", "globex").err.contains(Self.note))
        #expect(try ok("gateway", "status").out.contains("TENANTS: out of date (revision 1"))

        // Diff shows the new route before the upgrade (exit 2), and changes nothing.
        let before = EndToEndSnapshot.take(dir)
        let diff = try Self.tenantctl(["gateway", "diff"], in: dir)
        #expect(diff.status == 2, "\(diff.err)")
        #expect(diff.out.contains("changed ConfigMap tenant-gateway (tenant-gateway/configmap-tenant-gateway.yaml)"), "\(diff.out)")
        #expect(diff.out.contains("+                           address: globex-tenant-app.tenant-globex.svc.cluster.local"), "\(diff.out)")
        #expect(EndToEndSnapshot.take(dir) == before)

        // A dry run records nothing.
        let dry = try ok("gateway", "upgrade", "--dry-run")
        #expect(dry.out.contains("(dry run)") && dry.out.contains("REVISION: 2") && dry.out.contains("globex-tenant-app"))
        #expect(try Self.deployed(dir) == v1)
        #expect(try ok("gateway", "history").out.split(separator: "\n").count == 2)

        // Upgrade: revision 2 routes globex too, and the gateway is in step.
        let upgraded = try ok("gateway", "upgrade")
        #expect(upgraded.out.contains("REVISION: 2") && upgraded.out.contains("ROUTES: acme, globex\n"), "\(upgraded.out)")
        #expect((try Self.deployed(dir))["configmap-tenant-gateway.yaml"]?.contains("globex-tenant-app.tenant-globex.svc.cluster.local") == true)
        #expect(try ok("gateway", "status").out.contains("TENANTS: in step (revision 2"))
        #expect(try ok("gateway", "diff").out == "No changes.\n")
        // A tenant command that leaves the list as it is says nothing.
        #expect(!(try ok("upgrade", "acme").err.contains("note:")))

        // Rollback to 1: revision 3, the objects of revision 1 again, and out of date once more.
        let rolled = try ok("gateway", "rollback", "1")
        #expect(rolled.out.contains("REVISION: 3") && rolled.out.contains("DESCRIPTION: Rollback to 1"), "\(rolled.out)")
        #expect(rolled.err.contains(Self.note))
        #expect(try Self.deployed(dir) == v1)
        let history3 = try ok("gateway", "history", "-o", "json").out
        #expect(history3.contains("\"revision\" : 3") && history3.contains("\"superseded\""), "\(history3)")
        #expect(try ok("gateway", "status").out.contains("TENANTS: out of date (revision 3"))

        // The gateway is listed beside the tenants, and a tenant uninstall notes the change.
        #expect(try ok("list").out.contains("tenant-gateway"))
        #expect(try ok("gateway", "upgrade").out.contains("REVISION: 4"))
        #expect(try ok("uninstall", "globex").err.contains(Self.note))

        // Uninstall removes its objects; then there is nothing to upgrade.
        try ok("gateway", "uninstall")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("deploy/tenant-gateway").path))
        #expect(!(try ok("install", "globex").err.contains("note:")))
        let after = try Self.tenantctl(["gateway", "upgrade"], in: dir)
        #expect(after.status == 1 && after.err.contains("the gateway has no release"), "\(after.err)")
    }

    struct BadCase: CustomStringConvertible, Sendable {
        var name: String
        /// Commands run first, each expected to succeed.
        var setup: [[String]]
        var args: [String]
        var message: String
        var description: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(
            name: "upgrade without a release", setup: [], args: ["gateway", "upgrade"],
            message: "the gateway has no release: run `tenantctl gateway install` first"),
        BadCase(name: "rollback without a release", setup: [], args: ["gateway", "rollback"], message: "the gateway has no release"),
        BadCase(name: "history without a release", setup: [], args: ["gateway", "history"], message: "the gateway has no release"),
        BadCase(name: "status without a release", setup: [], args: ["gateway", "status"], message: "the gateway has no release"),
        BadCase(name: "uninstall without a release", setup: [], args: ["gateway", "uninstall"], message: "the gateway has no release"),
        BadCase(
            name: "install twice", setup: [["gateway", "install"]], args: ["gateway", "install"],
            message: "the gateway is already installed (revision 1, deployed): run `tenantctl gateway upgrade`"),
        BadCase(
            name: "a revision that does not exist", setup: [["gateway", "install"]], args: ["gateway", "rollback", "7"],
            message: "release has no 7 version"),
        BadCase(
            name: "a tenant named like the gateway", setup: [], args: ["install", "tenant-gateway", "--tier", "basic"],
            message: "it is reserved: it is the gateway's release"),
        BadCase(
            name: "tenant commands on the gateway's release", setup: [["gateway", "install"]], args: ["history", "tenant-gateway"],
            message: "it is reserved: it is the gateway's release"),
        BadCase(name: "no issuer", setup: [], args: ["gateway", "install", "--config", "none.yaml"], message: "no token issuer"),
        BadCase(name: "a bad chart value", setup: [], args: ["gateway", "install", "--set", "envoyConfig="], message: "envoyConfig is required"),
        BadCase(name: "no gateway chart", setup: [], args: ["gateway", "install", "--chart", "charts/nothing"], message: "no chart here"),
    ]

    /// Each refused with its message and exit 1; a refused first install leaves no state behind.
    @Test(arguments: badCases)
    func badInput(_ c: BadCase) throws {
        guard Support.built else {
            Issue.record("tenantctl is not built at \(Support.binary); run `swift build` first")
            return
        }
        let dir = try Self.workspace("bad-\(c.name.replacingOccurrences(of: " ", with: "-"))")
        defer { try? FileManager.default.removeItem(at: dir) }
        if c.args.contains("none.yaml") { try "{}\n".write(to: dir.appendingPathComponent("none.yaml"), atomically: true, encoding: .utf8) }
        for args in c.setup {
            let r = try Self.tenantctl(args, in: dir)
            #expect(r.status == 0, "setup \(args): \(r.err)")
        }
        let before = EndToEndSnapshot.take(dir)
        let r = try Self.tenantctl(c.args, in: dir)
        #expect(r.status == 1, "\(r.out)\(r.err)")
        #expect(r.err.contains(c.message), "\(r.err)")
        #expect(EndToEndSnapshot.take(dir) == before, "a refused command changed files")
    }
}

/// Every file under a folder with its bytes ("nothing changed on disk"); SQLite's `-wal` and `-shm` files, which
/// a reader may create or remove, left out.
enum EndToEndSnapshot {
    static func take(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return out }
        while let rel = e.nextObject() as? String {
            let path = dir.appendingPathComponent(rel).path
            var isDir: ObjCBool = false
            if rel.hasSuffix("-wal") || rel.hasSuffix("-shm") { continue }
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                out[rel] = isDir.boolValue ? Data() : (FileManager.default.contents(atPath: path) ?? Data())
            }
        }
        return out
    }
}
