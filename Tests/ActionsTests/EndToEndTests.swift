// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// The main job through the built binary (`.build/debug/tenantctl`), in a temporary folder holding the fixture
/// chart as `charts/tenant-app` and the fixture tenants as `tenants/`, so every command runs on its defaults.
@Suite(.serialized) struct EndToEndTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = repo.appendingPathComponent(".build/debug/tenantctl").path
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fresh folder: charts/tenant-app, tenants/ (tiers + globex); no state, no deploy/.
    static func workspace(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-e2e-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("charts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("tenant-app"),
            to: dir.appendingPathComponent("charts/tenant-app"))
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("tenants"),
            to: dir.appendingPathComponent("tenants"))
        return dir
    }

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs the binary in `dir`; with `umask`, under that umask (through the shell, so that the test process's
    /// own umask stays).
    @discardableResult
    static func run(_ args: [String], in dir: URL, umask mask: mode_t? = nil) throws -> Result {
        let p = Process()
        if let mask {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "umask \(String(mask, radix: 8)) && exec \"$0\" \"$@\"", binary] + args
        } else {
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = args
        }
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["TENANTCTL_STATE"] = nil
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
            err: String(decoding: e, as: UTF8.self))
    }

    /// Every file under `dir` (state, deploy/, tenants/) with its bytes: "nothing changed on disk".
    static func snapshot(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return out }
        while let rel = e.nextObject() as? String {
            let path = dir.appendingPathComponent(rel).path
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                out[rel] = isDir.boolValue ? Data() : (FileManager.default.contents(atPath: path) ?? Data())
            }
        }
        return out
    }

    static func deployFiles(_ dir: URL, _ tenant: String) -> [String: String] {
        snapshot(dir.appendingPathComponent("deploy/\(tenant)")).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    static var built: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// `--history-max N` keeps the newest N revisions, pruning older ones as changes are recorded.
    @Test(arguments: [(2, [4, 5]), (3, [3, 4, 5]), (0, [1, 2, 3, 4, 5])])
    func historyMaxPrunes(max: Int, kept: [Int]) throws {
        guard Self.built else { return }
        let dir = try Self.workspace("historymax\(max)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(["install", "acme", "--tier", "basic"], in: dir).status == 0)
        for i in 1...4 {
            let r = try Self.run(["upgrade", "acme", "--set", "greeting=v\(i)", "--history-max", String(max)], in: dir)
            #expect(r.status == 0, "\(r.err)")
        }
        let history = try Self.run(["history", "acme"], in: dir).out
        let revisions = history.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: " ").first ?? "") }
        #expect(revisions == kept)
    }

    @Test func mainJob() throws {
        guard Self.built else {
            Issue.record("tenantctl is not built at \(Self.binary); run `swift build` first")
            return
        }
        let dir = try Self.workspace("main")
        defer { try? FileManager.default.removeItem(at: dir) }
        func ok(_ args: String...) throws -> String {
            let r = try Self.run(args, in: dir)
            #expect(r.status == 0, "tenantctl \(args.joined(separator: " ")): \(r.status) \(r.err)")
            return r.out
        }

        // 1. Install acme on premium: registered, revision 1, quota 8 CPU / 16Gi on disk.
        let installed = try ok("install", "acme", "--tier", "premium")
        #expect(installed.contains("Registered tenant acme (tier premium)"))
        #expect(installed.contains("REVISION: 1") && installed.contains("STATUS: deployed"))
        #expect(installed.contains("Tenant acme (premium) runs in namespace tenant-acme."))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("tenants/acme.yaml").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".tenantctl/state.db").path))
        let v1 = Self.deployFiles(dir, "acme")
        #expect(
            v1.keys.sorted() == [
                ".tenantctl-owned", "configmap-acme-config.yaml", "namespace-tenant-acme.yaml",
                "resourcequota-acme-quota.yaml",
            ])
        let quota = v1["resourcequota-acme-quota.yaml"] ?? ""
        #expect(quota.contains("limits.cpu: \"8\"") && quota.contains("limits.memory: \"16Gi\""))
        #expect(quota.contains("tenant-id: \"acme\"") && quota.contains("tier: \"premium\""))
        let manifest1 = try ok("get", "manifest", "acme")
        #expect(manifest1.hasPrefix("---\n# Source: tenant-app/templates/namespace.yaml\n"))

        // 2. Upgrade with --set: revision 2 deployed, 1 superseded, the file changed.
        _ = try ok("upgrade", "acme", "--set", "greeting=bonjour")
        let v2 = Self.deployFiles(dir, "acme")
        #expect(v2["configmap-acme-config.yaml"]?.contains("greeting: \"bonjour\"") == true)
        #expect(try ok("get", "values", "acme").contains("greeting: bonjour"))

        // 3. An upgrade failing in the template: revision 3 failed, files unchanged, 2 still deployed.
        let broken = try Self.run(["upgrade", "acme", "--set", "breakMe=true"], in: dir)
        #expect(broken.status == 1)
        #expect(
            broken.err.hasPrefix("Error: execution error at (tenant-app/templates/resourcequota.yaml:1:28): breakMe is set"),
            "\(broken.err)")
        #expect(broken.err.contains("revision 3 recorded as failed"))
        #expect(Self.deployFiles(dir, "acme") == v2)
        let afterFail = try ok("history", "acme", "-o", "json")
        let rows = try JSONSerialization.jsonObject(with: Data(afterFail.utf8)) as? [[String: Any]] ?? []
        #expect(rows.map { $0["status"] as? String } == ["superseded", "deployed", "failed"])

        // 4. Roll back to 1: revision 4 carrying revision 1's manifest; the files are revision 1's again.
        let rolled = try ok("rollback", "acme", "1")
        #expect(rolled.contains("REVISION: 4") && rolled.contains("DESCRIPTION: Rollback to 1"))
        #expect(try ok("get", "manifest", "acme", "--revision", "4") == manifest1)
        #expect(Self.deployFiles(dir, "acme") == v1)

        // 5. History as people read it.
        let history = try ok("history", "acme")
        let lines = history.split(separator: "\n")
        #expect(lines.count == 5 && lines[0].hasPrefix("REVISION"))
        #expect(lines[4].contains("deployed") && lines[4].contains("Rollback to 1"))
        #expect(lines[2].contains("superseded") && lines[3].contains("failed"))
        #expect(try ok("status", "acme").contains("STATUS: deployed"))
        #expect(try ok("list").contains("acme"))
        #expect(try ok("list", "--tier", "standard").split(separator: "\n").count == 1)

        // 6. Diff: nothing to change, then one changed object (exit 2), nothing written.
        #expect(try Self.run(["diff", "acme"], in: dir).status == 0)
        let before = Self.snapshot(dir)
        let diff = try Self.run(["diff", "acme", "--set", "greeting=hej"], in: dir)
        #expect(diff.status == 2, "\(diff.err)")
        #expect(diff.out.contains("changed ConfigMap acme-config (acme/configmap-acme-config.yaml)"))
        #expect(diff.out.contains("- " + "  greeting: \"hello\"") && diff.out.contains("+ " + "  greeting: \"hej\""))
        #expect(Self.snapshot(dir) == before)

        // 7. Uninstall keeping history, then for good.
        #expect(try ok("uninstall", "acme", "--keep-history").contains("uninstalled"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("deploy/acme").path))
        #expect(try ok("status", "acme").contains("STATUS: uninstalled"))
        _ = try ok("uninstall", "acme")
        let gone = try Self.run(["history", "acme"], in: dir)
        #expect(gone.status == 1 && gone.err == "Error: release: not found\n")
        // The tenant file stays: installing again needs no --tier.
        #expect(try ok("install", "acme").contains("REVISION: 1"))
    }

    /// Helm's --set family on the tenant commands (`render`, which install, upgrade and diff share): each flag
    /// reaches the values, applied in Helm's order over the -f files whatever the command-line order.
    @Test(arguments: [
        (["--set-file", "greeting=g.txt"], "greeting: \"from a file\\n\""),
        (["--set-literal", "greeting=a,b=c\\d"], "greeting: \"a,b=c\\\\d\""),
        (["--set-json", "greeting=\"j\",replicas=3"], "replicas: \"3\""),
        (["--set-json", "{\"greeting\":\"obj\"}"], "greeting: \"obj\""),
        (["--set-literal", "greeting=lit", "--set", "greeting=set", "--set-json", "greeting=\"json\"", "-f", "v.yaml"], "greeting: \"lit\""),
        (["--set-string", "greeting=str", "--set-file", "greeting=g.txt", "--set", "greeting=set"], "greeting: \"from a file\\n\""),
        (["--set", "greeting=set", "--set-json", "greeting=\"json\"", "-f", "v.yaml"], "greeting: \"set\""),
        (["--set-json", "greeting=\"json\"", "-f", "v.yaml"], "greeting: \"json\""),
        (["-f", "v.yaml"], "greeting: \"file\""),
    ])
    func setFamily(flags: [String], expect: String) throws {
        guard Self.built else { return }
        let dir = try Self.workspace("setfamily-\(abs(flags.joined().hashValue))")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "from a file\n".write(to: dir.appendingPathComponent("g.txt"), atomically: true, encoding: .utf8)
        try "greeting: file\n".write(to: dir.appendingPathComponent("v.yaml"), atomically: true, encoding: .utf8)
        let r = try Self.run(["render", "acme", "--tier", "basic"] + flags, in: dir)
        #expect(r.status == 0, "\(flags): \(r.err)")
        #expect(r.out.contains(expect), "\(flags): \(r.out)")
    }

    /// Bad input: a clear message, exit 1, and not one byte changed on disk (state, deploy/, tenants/).
    @Test(arguments: [
        (["install", "acme", "--tier", "gold"], "Error: unknown tier \"gold\" (tenants/tiers.yaml defines: basic, premium, standard)\n"),
        (["install", "Acme_1", "--tier", "basic"], "Error: invalid tenant name \"Acme_1\": only lower-case letters, digits and '-' are allowed"),
        (["install", String(repeating: "a", count: 54), "--tier", "basic"], "characters long, and at most 53"),
        (["install", "newco"], "Error: tenant \"newco\" is not registered (no tenants/newco.yaml); pass --tier"),
        (["install", "globex", "--tier", "premium"], "Error: tenant \"globex\" is on tier \"standard\" (tenants/globex.yaml)"),
        (["install", "acme", "--tier", "basic", "-f", "bad.yaml"], "Error: bad.yaml:2: "),
        (["install", "broken", "--tier", "basic"], "Error: tenants/broken.yaml:3: "),
        (
            ["install", "acme", "--tier", "basic", "--set", "breakMe=true"],
            "Error: execution error at (tenant-app/templates/resourcequota.yaml:1:28): breakMe is set"
        ),
        (["install", "acme", "--tier", "basic", "--set", "a[x]=1"], "Error: failed parsing --set data"),
        (["install", "acme", "--tier", "basic", "--set-json", "a=tru"], "Error: failed parsing --set-json data \"a=tru\": unexpected EOF\n"),
        (
            ["install", "acme", "--tier", "basic", "--set-json", "{\"a\":}"],
            "Error: failed parsing --set-json data \"{\\\"a\\\":}\": invalid character '}' looking for beginning of value\n"
        ),
        (
            ["install", "acme", "--tier", "basic", "--set-file", "a=nofile"],
            "Error: failed parsing --set-file data \"a=nofile\": open nofile: no such file or directory\n"
        ),
        (["install", "acme", "--tier", "basic", "--set-literal", "a"], "Error: failed parsing --set-literal data \"a\": key \"a\" has no value\n"),
        (["install", "acme", "--tier", "basic", "--set-json", "replicas=\"x\""], "Error: values don't meet the specifications of the schema(s)"),
        (["install", "acme", "--tier", "basic", "--set", "replicas=-1"], "Error: values don't meet the specifications of the schema(s)"),
        (["install", "acme", "--tier", "basic", "--version", "9.9.9"], "Error: no chart repository index at charts/repo/index.yaml"),
        (["upgrade", "zed"], "Error: tenant \"zed\" is not registered"),
        (["rollback", "nobody", "1"], "Error: release: not found\n"),
        (["history", "nobody"], "Error: release: not found\n"),
        (["status", "BAD"], "Error: invalid tenant name \"BAD\""),
    ])
    func badInput(args: [String], message: String) throws {
        guard Self.built else { return }
        for seeded in [false, true] {
            let dir = try Self.workspace("bad-\(abs(args.joined().hashValue))-\(seeded)")
            defer { try? FileManager.default.removeItem(at: dir) }
            try "greeting: hi\n  oops: [\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
            try "tier: basic\nvalues:\n  a: b: c\n".write(
                to: dir.appendingPathComponent("tenants/broken.yaml"),
                atomically: true, encoding: .utf8)
            // Seeded: globex installed already, so a state file and deploy/ exist and must stay byte-identical.
            if seeded { try Self.run(["install", "globex"], in: dir) }
            // (A read-only command may leave SQLite's reader files — `-shm`, an empty `-wal` — beside the state.)
            let before = HostileInputTests.files(dir)
            let r = try Self.run(args, in: dir)
            #expect(r.status == 1, "\(args): status \(r.status), stderr \(r.err)")
            #expect(r.err.hasPrefix(message) || r.err.contains(message), "\(args): stderr \(r.err)")
            #expect(r.out.isEmpty)
            #expect(HostileInputTests.files(dir) == before, "\(args) (seeded: \(seeded)) changed files on disk")
        }
    }
}
