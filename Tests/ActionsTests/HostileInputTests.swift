// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 16, the release side: hostile inputs and faults through the built binary. Each row says what is run,
/// the exit code, what the message must say, and — where nothing should change — that every file of the
/// workspace (state, deploy/, tenants/, charts/) is byte-for-byte as before. SQLite's `-shm` file is left out
/// of that comparison (the shared-memory index every reader updates, not data), and so is an empty `-wal` file
/// (a reader opening a WAL database may create it; empty, it holds nothing).
@Suite(.serialized) struct HostileInputTests {
    typealias E2E = EndToEndTests

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        /// Commands that must succeed first.
        var setup: [[String]] = []
        /// Changes to the workspace after the setup (a file in the way, a truncated state file …).
        var arrange: @Sendable (URL) throws -> Void = { _ in }
        var args: [String]
        var status: Int32
        /// Fragments standard error must hold.
        var err: [String] = []
        /// Fragments standard output must hold.
        var out: [String] = []
        /// Fragments standard output must not hold.
        var notOut: [String] = []
        /// Whether every file must be unchanged by the command.
        var unchanged = true
        /// Further checks.
        var then: @Sendable (URL, E2E.Result) throws -> Void = { _, _ in }
    }

    static let install = ["install", "acme", "--tier", "basic"]

    /// A Secret in the fixture chart: `data.password` (base64) and `stringData.token`.
    static func addSecret(_ dir: URL) throws {
        let template = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: {{ .Release.Name }}-creds
            data:
              password: {{ .Values.password | default "hunter22" | b64enc }}
            stringData:
              token: {{ .Values.token | default "abc" | quote }}

            """
        try template.write(to: dir.appendingPathComponent("charts/tenant-app/templates/secret.yaml"), atomically: true, encoding: .utf8)
    }

    /// An upgrade killed (-9) inside its critical section: a pending revision and a lease are left behind.
    static func interruptedUpgrade(_ dir: URL) throws {
        let held = try ConcurrencyTests.start(
            ["upgrade", "acme", "--set", "replicas=4"], in: dir, env: [ConcurrencyTests.holdVariable: "30"], tag: "held")
        let pending = try ConcurrencyTests.waitForLatest("acme", status: "pending-upgrade", in: dir)
        kill(held.pid, SIGKILL)
        _ = held.finish()
        try #require(pending, "the held upgrade never committed its pending revision")
        for tag in ["held", "history"] {
            for ext in ["out", "err"] { try? FileManager.default.removeItem(at: dir.appendingPathComponent(".\(tag).\(ext)")) }
        }
    }

    static let escaped = "\\x1b]0;pwned\\x07\\x1b[31mred\\u009b2J"
    static let hostileDescription = "\u{1B}]0;pwned\u{07}\u{1B}[31mred\u{9B}2J"

    static let cases: [Case] = [
        // 1. The directory target writes only where it owns.
        Case(
            description: "--deploy-dir . holds tenants/: refused before anything is written",
            args: ["install", "tenants", "--tier", "basic", "--deploy-dir", "."], status: 1,
            err: ["the deploy folder \".\" holds the tenants folder \"tenants\"", "choose a deploy folder of its own"]),
        Case(
            description: "--deploy-dir charts holds the chart", args: install + ["--deploy-dir", "charts"], status: 1,
            err: ["the deploy folder \"charts\" holds the chart"]),
        Case(
            description: "--deploy-dir inside the chart", args: install + ["--deploy-dir", "charts/tenant-app/templates/out"],
            status: 1, err: ["lies inside the chart"]),
        Case(
            description: "--deploy-dir .tenantctl holds the state file", setup: [install],
            args: ["upgrade", "acme", "--deploy-dir", ".tenantctl"], status: 1,
            err: ["the deploy folder \".tenantctl\" holds the state file"]),
        Case(
            description: "deploy is a file: says so and what to do (was NSCocoaErrorDomain error 512)",
            arrange: { dir in try "not a folder\n".write(to: dir.appendingPathComponent("deploy"), atomically: true, encoding: .utf8) },
            args: install, status: 1, err: ["the deploy folder \"deploy\" is a file, not a folder: move the file away"],
            notOut: ["NSCocoaErrorDomain"]),
        Case(
            description: "an object file tenantctl did not write is never overwritten",
            arrange: { dir in
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("deploy/acme"), withIntermediateDirectories: true)
                try "hand: written\n".write(
                    to: dir.appendingPathComponent("deploy/acme/configmap-acme-config.yaml"), atomically: true, encoding: .utf8)
            },
            args: install, status: 1, err: ["refusing to write over", "configmap-acme-config.yaml", "tenantctl did not write it"],
            unchanged: false,
            then: { dir, _ in
                #expect(E2E.deployFiles(dir, "acme") == ["configmap-acme-config.yaml": "hand: written\n"])
            }),
        // 3. An empty state file beside deployed objects is lost history, not a new database.
        Case(
            description: "zero-byte state file: install of another tenant refused", setup: [install],
            arrange: truncateState, args: ["install", "globex"], status: 1,
            err: ["the state file .tenantctl/state.db is empty (0 bytes), but deploy holds objects of acme", "Restore the state file"]),
        Case(
            description: "zero-byte state file: upgrade refused", setup: [install], arrange: truncateState,
            args: ["upgrade", "acme"], status: 1, err: ["is empty (0 bytes)"]),
        Case(
            description: "zero-byte state file: status says so", setup: [install], arrange: truncateState,
            args: ["status", "acme"], status: 1, err: ["is empty (0 bytes)"]),
        // Values files are read as bytes, as Helm reads -f files: bytes that are not UTF-8 are refused, never U+FFFD.
        Case(
            description: "a tenant file with bytes that are not UTF-8: refused naming the file",
            arrange: { dir in
                try Data("tier: basic\nvalues:\n  greeting: \"a".utf8 + [0xFF] + Data("b\"\n".utf8)).write(
                    to: dir.appendingPathComponent("tenants/acme.yaml"))
            },
            args: ["install", "acme"], status: 1, err: ["acme.yaml", "invalid leading UTF-8 octet"]),
        Case(
            description: "a tiers.yaml with bytes that are not UTF-8: refused naming the file",
            arrange: { dir in
                var tiers = try Data(contentsOf: dir.appendingPathComponent("tenants/tiers.yaml"))
                tiers.append(contentsOf: Data("# caf".utf8) + [0xE9] + Data("\n".utf8))
                try tiers.write(to: dir.appendingPathComponent("tenants/tiers.yaml"))
            },
            args: install, status: 1, err: ["tiers.yaml", "UTF-8 octet"]),
        // Messages that leave a user stuck.
        Case(
            description: "the reserved tenant name tiers", args: ["install", "tiers", "--tier", "basic"], status: 1,
            err: ["invalid tenant name \"tiers\": it is reserved: tenants/tiers.yaml holds the tiers"]),
        Case(
            description: "install over a deployed tenant: Helm's words, then the way out", setup: [install], args: install,
            status: 1,
            err: [
                "Error: cannot reuse a name that is still in use: ", "tenantctl upgrade acme", "tenantctl rollback acme",
                "tenantctl uninstall acme",
            ]),
        Case(
            description: "--state /dev/null (was: database is locked)", args: install + ["--state", "/dev/null"], status: 1,
            err: ["the state path /dev/null is not a regular file", "pass --state with a file path"]),
        Case(
            description: "--state /dev/null for a read-only command", args: ["status", "acme", "--state", "/dev/null"],
            status: 1, err: ["is not a regular file"]),
        Case(
            description: "--state naming a folder", args: install + ["--state", "tenants"], status: 1,
            err: ["the state path tenants is a folder, not a file"]),
        // 4. Read-only commands never write, even after an interrupted upgrade (no recovery, lease kept).
        Case(
            description: "diff after an interrupted upgrade", setup: [install], arrange: interruptedUpgrade,
            args: ["diff", "acme", "--set", "replicas=5"], status: 2, out: ["changed ConfigMap acme-config"],
            then: { dir, _ in
                let lease = try ConcurrencyTests.lease("acme", in: dir)
                #expect(lease != nil, "the lease is left to the next mutating command")
            }),
        Case(
            description: "status after an interrupted upgrade", setup: [install], arrange: interruptedUpgrade,
            args: ["status", "acme"], status: 0, out: ["STATUS: pending-upgrade"]),
        Case(
            description: "history after an interrupted upgrade", setup: [install], arrange: interruptedUpgrade,
            args: ["history", "acme"], status: 0, out: ["pending-upgrade"]),
        Case(
            description: "get manifest after an interrupted upgrade", setup: [install], arrange: interruptedUpgrade,
            args: ["get", "manifest", "acme"], status: 0, out: ["kind: ConfigMap"]),
        Case(
            description: "list after an interrupted upgrade", setup: [install], arrange: interruptedUpgrade, args: ["list"],
            status: 0, out: ["acme", "pending-upgrade"]),
        Case(
            description: "status with a read-only .tenantctl/", setup: [install],
            arrange: { dir in chmod(dir.appendingPathComponent(".tenantctl").path, 0o500) },
            args: ["status", "acme"], status: 0, out: ["STATUS: deployed"],
            then: { dir, _ in chmod(dir.appendingPathComponent(".tenantctl").path, 0o700) }),
        // 7 (item 7). diff masks Secrets' values as helm-diff does.
        Case(
            description: "diff masks a Secret's changed and unchanged values", arrange: { dir in try addSecret(dir) },
            args: ["diff", "acme", "--tier", "basic", "--set", "password=swordfish"], status: 2,
            out: ["+   password: '++++++++ # (9 bytes)'", "+   token: '++++++++ # (3 bytes)'"],
            notOut: ["c3dvcmRmaXNo", "swordfish", "\"abc\""]),
        Case(
            description: "diff masks old and new values of an installed Secret", setup: [],
            arrange: { dir in
                try addSecret(dir)
                let r = try E2E.run(install, in: dir)
                try #require(r.status == 0, "install: \(r.err)")
            },
            args: ["diff", "acme", "--set", "password=swordfish"], status: 2,
            out: ["-   password: '-------- # (8 bytes)'", "+   password: '++++++++ # (9 bytes)'", "    token: 'REDACTED # (3 bytes)'"],
            notOut: ["c3dvcmRmaXNo", "aHVudGVyMjI=", "\"abc\""]),
        Case(
            description: "diff --show-secrets prints them",
            arrange: { dir in
                try addSecret(dir)
                let r = try E2E.run(install, in: dir)
                try #require(r.status == 0, "install: \(r.err)")
            },
            args: ["diff", "acme", "--set", "password=swordfish", "--show-secrets"], status: 2,
            out: ["-   password: aHVudGVyMjI=", "+   password: c3dvcmRmaXNo"]),
        // Item 10: control characters of user text are printed escaped in tables and status; JSON stays exact.
        Case(
            description: "history table escapes a hostile --description",
            setup: [install, ["upgrade", "acme", "--description", hostileDescription]], args: ["history", "acme"], status: 0,
            out: [escaped], notOut: ["\u{1B}", "\u{9B}", "\u{07}"]),
        Case(
            description: "list table escapes it", setup: [install, ["upgrade", "acme", "--description", hostileDescription]],
            args: ["list"], status: 0, out: [escaped], notOut: ["\u{1B}", "\u{9B}"]),
        Case(
            description: "status escapes it", setup: [install, ["upgrade", "acme", "--description", hostileDescription]],
            args: ["status", "acme"], status: 0, out: ["DESCRIPTION: " + escaped], notOut: ["\u{1B}", "\u{9B}"]),
        Case(
            description: "history -o json keeps it exact",
            setup: [install, ["upgrade", "acme", "--description", hostileDescription]], args: ["history", "acme", "-o", "json"],
            status: 0,
            then: { _, r in
                let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
                #expect(rows.last?["description"] as? String == hostileDescription)
            }),
    ]

    static func truncateState(_ dir: URL) throws {
        let state = dir.appendingPathComponent(".tenantctl/state.db").path
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: state + suffix) }
        try Data().write(to: URL(fileURLWithPath: state))
    }

    /// Every file but SQLite's `-shm` index and an empty `-wal`, with its bytes.
    static func files(_ dir: URL) -> [String: Data] {
        E2E.snapshot(dir).filter { !$0.key.hasSuffix("-shm") && !($0.key.hasSuffix("-wal") && $0.value.isEmpty) }
    }

    @Test(arguments: cases)
    func hostile(_ c: Case) throws {
        guard E2E.built else {
            Issue.record("tenantctl is not built at \(E2E.binary); run `swift build` first")
            return
        }
        let dir = try E2E.workspace("hostile")
        defer {
            chmod(dir.appendingPathComponent(".tenantctl").path, 0o700)
            try? FileManager.default.removeItem(at: dir)
        }
        for args in c.setup {
            let r = try E2E.run(args, in: dir)
            try #require(r.status == 0, "setup \(args): \(r.err)")
        }
        try c.arrange(dir)
        let before = Self.files(dir)
        let r = try E2E.run(c.args, in: dir)
        #expect(r.status == c.status, "exit code; stderr: \(r.err)")
        for fragment in c.err { #expect(r.err.contains(fragment), "stderr lacks \(fragment): \(r.err)") }
        for fragment in c.out { #expect(r.out.contains(fragment), "stdout lacks \(fragment): \(r.out)") }
        for fragment in c.notOut { #expect(!r.out.contains(fragment) && !r.err.contains(fragment), "output holds \(fragment)") }
        if c.unchanged {
            let after = Self.files(dir)
            #expect(after == before, "files changed: \(Set(after.keys).symmetricDifference(before.keys).sorted()) or their bytes")
        }
        try c.then(dir, r)
    }

    /// Item 1: a hand-written file in a tenant's folder survives upgrades and uninstall; the objects come
    /// and go around it.
    @Test func handWrittenFilesSurvive() throws {
        guard E2E.built else { return }
        let dir = try E2E.workspace("hostile-kustomize")
        defer { try? FileManager.default.removeItem(at: dir) }
        try #require(try E2E.run(Self.install, in: dir).status == 0)
        let hand = ["kustomization.yaml": "resources: []\n", "README.md": "hand-written\n", "extra.yaml": "kind: Note\n"]
        for (name, text) in hand {
            try text.write(to: dir.appendingPathComponent("deploy/acme/\(name)"), atomically: true, encoding: .utf8)
        }
        let upgraded = try E2E.run(["upgrade", "acme", "--set", "replicas=4"], in: dir)
        #expect(upgraded.status == 0, "upgrade: \(upgraded.err)")
        for (name, text) in hand { #expect(E2E.deployFiles(dir, "acme")[name] == text, "\(name) after upgrade") }
        let diff = try E2E.run(["diff", "acme", "--set", "replicas=4"], in: dir)
        #expect(diff.status == 0 && diff.out == "No changes.\n", "diff lists only owned objects: \(diff.out)")
        let uninstalled = try E2E.run(["uninstall", "acme"], in: dir)
        #expect(uninstalled.status == 0, "uninstall: \(uninstalled.err)")
        #expect(E2E.deployFiles(dir, "acme") == hand)
    }

    /// Item 8: the state folder and file are private, a Secret's file is 0600, and folders are never wider
    /// than 0755, whatever the umask.
    @Test(arguments: [(mode_t(0o000), mode_t(0o755), mode_t(0o644)), (0o022, 0o755, 0o644), (0o077, 0o700, 0o600)])
    func permissions(umask mask: mode_t, folders: mode_t, files: mode_t) throws {
        guard E2E.built else { return }
        let dir = try E2E.workspace("hostile-umask")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.addSecret(dir)
        let installed = try E2E.run(["install", "acme", "--tier", "basic"], in: dir, umask: mask)
        #expect(installed.status == 0, "\(installed.err)")
        func mode(_ path: String) -> mode_t {
            var info = stat()
            return stat(dir.appendingPathComponent(path).path, &info) == 0 ? info.st_mode & 0o777 : 0o7777
        }
        #expect(mode(".tenantctl") == 0o700)
        #expect(mode(".tenantctl/state.db") == 0o600)
        #expect(mode("deploy") == folders)
        #expect(mode("deploy/acme") == folders)
        #expect(mode("deploy/acme/secret-acme-creds.yaml") == 0o600)
        #expect(mode("deploy/acme/configmap-acme-config.yaml") == files)
    }
}
