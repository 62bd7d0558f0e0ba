// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Targets
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Two processes on one tenant, and a process killed in the middle of an upgrade, through the built binary
/// (issue 5). A process is held inside the critical section (lease taken, pending record committed, target not
/// yet touched) by the test hook `TENANTCTL_TEST_HOLD_LEASE_SECONDS`; the second process's patience is set with
/// `TENANTCTL_LEASE_WAIT` so that the tests stay fast.
@Suite(.serialized) struct ConcurrencyTests {
    typealias E2E = EndToEndTests

    /// A process running in the background, its output going to files (no pipe to fill up).
    struct Background {
        let process: Process
        let out: URL
        let err: URL

        var pid: Int32 { process.processIdentifier }

        func finish() -> EndToEndTests.Result {
            process.waitUntilExit()
            return EndToEndTests.Result(
                status: process.terminationStatus,
                out: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                err: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        }
    }

    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["TENANTCTL_STATE"] = nil
        env["TENANTCTL_LEASE_WAIT"] = nil
        env[holdVariable] = nil
        env[leaseTTLVariable] = nil
        env.merge(extra) { $1 }
        return env
    }

    static let holdVariable = "TENANTCTL_TEST_HOLD_LEASE_SECONDS"
    static let leaseTTLVariable = "TENANTCTL_TEST_LEASE_TTL_SECONDS"

    static func start(_ args: [String], in dir: URL, env: [String: String] = [:], tag: String) throws -> Background {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: E2E.binary)
        p.arguments = args
        p.currentDirectoryURL = dir
        p.environment = environment(env)
        let out = dir.appendingPathComponent(".\(tag).out"), err = dir.appendingPathComponent(".\(tag).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        return Background(process: p, out: out, err: err)
    }

    /// Runs to the end, like ``EndToEndTests/run(_:in:)`` but with extra environment.
    static func run(_ args: [String], in dir: URL, env: [String: String] = [:], tag: String) throws -> E2E.Result {
        try start(args, in: dir, env: env, tag: tag).finish()
    }

    /// A row of `history -o json`.
    struct Row: Equatable, CustomStringConvertible {
        var revision: Int
        var status: String
        var note: String
        var description: String { "\(revision) \(status) \(note)" }
    }

    /// `history TENANT -o json` as rows.
    static func history(_ tenant: String, in dir: URL) throws -> [Row] {
        let r = try run(["history", tenant, "-o", "json"], in: dir, tag: "history")
        guard r.status == 0 else { return [] }
        let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] ?? []
        return rows.map {
            Row(
                revision: $0["revision"] as? Int ?? 0, status: $0["status"] as? String ?? "",
                note: $0["description"] as? String ?? "")
        }
    }

    /// Polls until the tenant's latest revision is in `status` (the held process has committed its pending
    /// record); false after `timeout` seconds.
    static func waitForLatest(_ tenant: String, status: String, in dir: URL, timeout: TimeInterval = 20) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try history(tenant, in: dir).last?.status == status { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// What `deploy/TENANT` must hold: the manifest of the (one) `deployed` revision in the history
    /// (`get manifest --revision`, since plain `get` shows the latest, maybe failed), applied by the directory
    /// target to a scratch root.
    static func expectedDeploy(_ tenant: String, in dir: URL) throws -> [String: String] {
        let deployed = try history(tenant, in: dir).filter { $0.status == "deployed" }
        #expect(deployed.count == 1, "one deployed revision: \(deployed)")
        let revision = try #require(deployed.last).revision
        let manifest = try E2E.run(["get", "manifest", tenant, "--revision", "\(revision)"], in: dir)
        #expect(manifest.status == 0, "get manifest: \(manifest.err)")
        let scratch = dir.appendingPathComponent(".expected")
        try? FileManager.default.removeItem(at: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = try DirectoryTarget(root: scratch).apply(ApplyRequest(tenant: tenant, namespace: "tenant-\(tenant)", manifest: manifest.out))
        return E2E.snapshot(scratch.appendingPathComponent(tenant)).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// `sqlite3 STATE 'PRAGMA integrity_check'` (the CLI), or nil when sqlite3 is not installed.
    static func integrityCheck(_ dir: URL) throws -> String? {
        let candidates = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"]
        guard let sqlite3 = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: sqlite3)
        p.arguments = [dir.appendingPathComponent(".tenantctl/state.db").path, "PRAGMA integrity_check"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The lease row of `tenant` as stored (read through the store's own driver).
    static func lease(_ tenant: String, in dir: URL) throws -> Lease? {
        try SQLiteDriver(path: dir.appendingPathComponent(".tenantctl/state.db").path, create: false)
            .currentLease(tenant: tenant)
    }

    /// One upgrade holds the lease; a second one waits briefly, then fails naming the holder (pid and host,
    /// operation, start time) without writing anything; the first completes; exactly one new revision.
    @Test func secondProcessFailsNamingTheHolder() throws {
        guard E2E.built else {
            Issue.record("tenantctl is not built at \(E2E.binary); run `swift build` first")
            return
        }
        let dir = try E2E.workspace("concur-held")
        defer { try? FileManager.default.removeItem(at: dir) }
        let installed = try E2E.run(["install", "acme", "--tier", "premium"], in: dir)
        try #require(installed.status == 0, "install: \(installed.err)")

        let first = try Self.start(
            ["upgrade", "acme", "--set", "greeting=first"], in: dir,
            env: [Self.holdVariable: "3"], tag: "first")
        try #require(
            try Self.waitForLatest("acme", status: "pending-upgrade", in: dir),
            "the held upgrade never recorded its pending revision")

        let began = Date()
        let second = try Self.run(
            ["upgrade", "acme", "--set", "greeting=second"], in: dir,
            env: ["TENANTCTL_LEASE_WAIT": "0.5"], tag: "second")
        let waited = Date().timeIntervalSince(began)
        #expect(second.status == 1, "second upgrade: \(second.status) \(second.err)")
        #expect(second.out.isEmpty)
        let host = ProcessInfo.processInfo.hostName
        #expect(
            second.err.hasPrefix("Error: another operation on tenant \"acme\" is in progress: " + "upgrade (pid \(first.pid) on \(host)) since "),
            "\(second.err)")
        #expect(
            second.err.range(
                of: #"since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ holds its lease"#,
                options: .regularExpression) != nil, "\(second.err)")
        #expect(second.err.contains("gave up after waiting 0.5s"), "\(second.err)")
        // It waited its patience (no upper bound on a loaded machine: that it gave up while the first still
        // holds the lease, checked next, is what shows it did not wait for the holder).
        #expect(waited >= 0.5, "second upgrade took \(waited)s")
        // Still held by the first: it did not disturb the pending revision.
        #expect(try Self.lease("acme", in: dir)?.pid == first.pid)
        #expect(try Self.history("acme", in: dir).map(\.status) == ["deployed", "pending-upgrade"])

        let done = first.finish()
        #expect(done.status == 0, "first upgrade: \(done.status) \(done.err)")
        #expect(done.out.contains("REVISION: 2") && done.out.contains("STATUS: deployed"), "\(done.out)")
        let rows = try Self.history("acme", in: dir)
        #expect(rows.map(\.revision) == [1, 2], "exactly one new revision")
        #expect(rows.map(\.status) == ["superseded", "deployed"])
        let deployed = E2E.deployFiles(dir, "acme")
        #expect(deployed["configmap-acme-config.yaml"]?.contains("greeting: \"first\"") == true)
        #expect(deployed == (try Self.expectedDeploy("acme", in: dir)))
        #expect(try Self.lease("acme", in: dir) == nil, "the lease is given back")
        if let check = try Self.integrityCheck(dir) { #expect(check == "ok") }
    }

    /// A second process whose patience outlasts the holder waits for it and then proceeds on top of its revision.
    @Test func secondProcessWaitsThenProceeds() throws {
        guard E2E.built else { return }
        let dir = try E2E.workspace("concur-wait")
        defer { try? FileManager.default.removeItem(at: dir) }
        let installed = try E2E.run(["install", "acme", "--tier", "premium"], in: dir)
        try #require(installed.status == 0, "install: \(installed.err)")

        let first = try Self.start(
            ["upgrade", "acme", "--set", "greeting=first"], in: dir,
            env: [Self.holdVariable: "1.5"], tag: "first")
        try #require(try Self.waitForLatest("acme", status: "pending-upgrade", in: dir))
        let second = try Self.run(
            ["upgrade", "acme", "--set", "greeting=second"], in: dir,
            env: ["TENANTCTL_LEASE_WAIT": "20"], tag: "second")
        #expect(second.status == 0, "second upgrade: \(second.err)")
        #expect(second.out.contains("REVISION: 3"), "\(second.out)")
        #expect(first.finish().status == 0)
        #expect(try Self.history("acme", in: dir).map(\.status) == ["superseded", "superseded", "deployed"])
        #expect(E2E.deployFiles(dir, "acme")["configmap-acme-config.yaml"]?.contains("greeting: \"second\"") == true)
        #expect(E2E.deployFiles(dir, "acme") == (try Self.expectedDeploy("acme", in: dir)))
    }

    /// `kill -9` in the middle of an upgrade leaves a lease whose holder is gone and a pending revision: the
    /// next command takes the lease at once (no waiting for the TTL, no human), marks the interrupted revision
    /// failed, restores the deployed objects and goes on; the state file stays consistent.
    @Test func killedUpgradeNeedsNoHuman() throws {
        guard E2E.built else { return }
        let dir = try E2E.workspace("concur-kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let installed = try E2E.run(["install", "acme", "--tier", "premium"], in: dir)
        try #require(installed.status == 0, "install: \(installed.err)")
        let v1 = E2E.deployFiles(dir, "acme")

        let doomed = try Self.start(
            ["upgrade", "acme", "--set", "greeting=doomed"], in: dir,
            env: [Self.holdVariable: "60"], tag: "doomed")
        let pending = try Self.waitForLatest("acme", status: "pending-upgrade", in: dir)
        #expect(kill(doomed.pid, SIGKILL) == 0)
        // Reap it (as a shell would): until then a zombie still answers kill(pid, 0).
        doomed.process.waitUntilExit()
        try #require(pending, "the held upgrade never recorded its pending revision")
        #expect(doomed.process.terminationReason == Process.TerminationReason.uncaughtSignal)
        #expect(doomed.process.terminationStatus == SIGKILL)

        // What the kill left: a lease held by a dead pid that would not expire for minutes, a pending revision.
        let stale = try #require(try Self.lease("acme", in: dir))
        #expect(stale.pid == doomed.pid && stale.operation == "upgrade")
        #expect(stale.expiresAt > Date().addingTimeInterval(60))
        #expect(try Self.history("acme", in: dir).map(\.status) == ["deployed", "pending-upgrade"])
        #expect(E2E.deployFiles(dir, "acme") == v1, "killed before touching the target")
        if let check = try Self.integrityCheck(dir) { #expect(check == "ok") }

        // Read-only commands are not blocked by it.
        let status = try Self.run(["status", "acme"], in: dir, tag: "status")
        #expect(status.status == 0, "status: \(status.err)")

        // The next upgrade recovers and proceeds: its patience is 2 s and the stale lease has 120 s left, so
        // succeeding at all means it took the dead holder's lease over instead of waiting for it to expire.
        let next = try Self.run(
            ["upgrade", "acme", "--set", "greeting=after"], in: dir,
            env: ["TENANTCTL_LEASE_WAIT": "2"], tag: "next")
        #expect(next.status == 0, "upgrade after kill: \(next.status) \(next.err)")
        #expect(next.out.contains("REVISION: 3") && next.out.contains("STATUS: deployed"), "\(next.out)")
        let rows = try Self.history("acme", in: dir)
        #expect(rows.map(\.status) == ["superseded", "failed", "deployed"])
        #expect(rows.count == 3 && rows[1].note.contains("interrupted"), "\(rows)")
        let deployed = E2E.deployFiles(dir, "acme")
        #expect(deployed["configmap-acme-config.yaml"]?.contains("greeting: \"after\"") == true)
        #expect(deployed == (try Self.expectedDeploy("acme", in: dir)))
        #expect(try Self.lease("acme", in: dir) == nil)
        if let check = try Self.integrityCheck(dir) { #expect(check == "ok") }
    }

    /// Killed in the middle, then an upgrade that fails to render: the recovery it ran first stays, so the
    /// previous revision is still `deployed`, the interrupted one `failed`, and deploy/ is revision 1's again.
    @Test func killedUpgradeRecoversToDeployed() throws {
        guard E2E.built else { return }
        let dir = try E2E.workspace("concur-recover")
        defer { try? FileManager.default.removeItem(at: dir) }
        let installed = try E2E.run(["install", "acme", "--tier", "premium"], in: dir)
        try #require(installed.status == 0, "install: \(installed.err)")
        let v1 = E2E.deployFiles(dir, "acme")

        let doomed = try Self.start(
            ["upgrade", "acme", "--set", "greeting=doomed"], in: dir,
            env: [Self.holdVariable: "60"], tag: "doomed")
        let pending = try Self.waitForLatest("acme", status: "pending-upgrade", in: dir)
        #expect(kill(doomed.pid, SIGKILL) == 0)
        doomed.process.waitUntilExit()
        try #require(pending)
        // Someone tampered with deploy/ meanwhile (or a partial apply): recovery puts revision 1's objects back.
        try "garbage\n".write(
            to: dir.appendingPathComponent("deploy/acme/configmap-acme-config.yaml"),
            atomically: true, encoding: .utf8)

        // An upgrade that fails to render after recovering: recovery is recorded, nothing new is deployed.
        let broken = try Self.run(
            ["upgrade", "acme", "--set", "breakMe=true"], in: dir,
            env: ["TENANTCTL_LEASE_WAIT": "2"], tag: "broken")
        #expect(broken.status == 1, "\(broken.err)")
        #expect(broken.err.contains("breakMe is set"), "\(broken.err)")
        let rows = try Self.history("acme", in: dir)
        #expect(rows.map(\.status) == ["deployed", "failed", "failed"], "\(rows)")
        #expect(rows.count == 3 && rows[1].note.contains("interrupted"), "\(rows)")
        #expect(E2E.deployFiles(dir, "acme") == v1)
        #expect(E2E.deployFiles(dir, "acme") == (try Self.expectedDeploy("acme", in: dir)))
        #expect(try Self.lease("acme", in: dir) == nil)
        if let check = try Self.integrityCheck(dir) { #expect(check == "ok") }
    }

    /// Issue 16, item 2: a holder paused (SIGSTOP) past its lease. A second upgrade takes the lease over, settles
    /// the paused one's pending revision and completes; the first, continued (SIGCONT), finds at its next step
    /// that it lost the lease and stops without changing anything: exactly one revision `deployed`, `deploy/`
    /// holding it, and the first exits 1 saying it lost its lease. Leases last 1 s here
    /// (`TENANTCTL_TEST_LEASE_TTL_SECONDS`), renewed every third of that while a process runs.
    @Test(arguments: ["upgrade", "uninstall"])
    func pausedHolderLosesItsLease(second verb: String) throws {
        guard E2E.built else { return }
        let dir = try E2E.workspace("concur-paused-\(verb)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let installed = try E2E.run(["install", "acme", "--tier", "premium"], in: dir)
        try #require(installed.status == 0, "install: \(installed.err)")
        let ttl = [Self.leaseTTLVariable: "1"]

        let paused = try Self.start(
            ["upgrade", "acme", "--set", "greeting=paused"], in: dir,
            env: ttl.merging([Self.holdVariable: "3"]) { $1 }, tag: "paused")
        let pending = try Self.waitForLatest("acme", status: "pending-upgrade", in: dir)
        #expect(kill(paused.pid, SIGSTOP) == 0)
        defer { kill(paused.pid, SIGCONT) }
        try #require(pending, "the paused upgrade never recorded its pending revision")
        // Past the lease: the renewer is stopped with the process.
        Thread.sleep(forTimeInterval: 1.6)

        let args = verb == "upgrade" ? ["upgrade", "acme", "--set", "greeting=second"] : ["uninstall", "acme", "--keep-history"]
        let second = try Self.run(args, in: dir, env: ttl.merging(["TENANTCTL_LEASE_WAIT": "10"]) { $1 }, tag: "second")
        #expect(second.status == 0, "second \(verb): \(second.err)")
        let settled = try Self.history("acme", in: dir)
        // Objects and tenant files (the state is compared through its history: the paused process's exit may
        // checkpoint SQLite's WAL, which rewrites the file's bytes, not its records).
        let afterSecond = E2E.snapshot(dir).filter { $0.key.hasPrefix("deploy") || $0.key.hasPrefix("tenants") }

        #expect(kill(paused.pid, SIGCONT) == 0)
        let first = paused.finish()
        #expect(first.status == 1, "the paused upgrade: \(first.status) \(first.err)")
        #expect(first.err.contains("lost its lease on tenant \"acme\""), "\(first.err)")
        #expect(first.err.contains("Nothing more was changed by this process"), "\(first.err)")
        #expect(!first.err.contains("release: already exists"), "\(first.err)")

        let rows = try Self.history("acme", in: dir)
        #expect(rows == settled, "the paused process changed the history: \(rows)")
        let afterFirst = E2E.snapshot(dir).filter { $0.key.hasPrefix("deploy") || $0.key.hasPrefix("tenants") }
        #expect(afterFirst == afterSecond, "the paused process changed files")
        if verb == "upgrade" {
            #expect(rows[1].status == "failed" && rows[1].note.contains("interrupted"), "\(rows)")
            #expect(rows.map(\.status) == ["superseded", "failed", "deployed"], "\(rows)")
            let deployed = E2E.deployFiles(dir, "acme")
            #expect(deployed["configmap-acme-config.yaml"]?.contains("greeting: \"second\"") == true)
            #expect(deployed == (try Self.expectedDeploy("acme", in: dir)))
        } else {
            #expect(!rows.contains { $0.status == "deployed" }, "\(rows)")
            #expect(E2E.deployFiles(dir, "acme").isEmpty)
        }
        #expect(try Self.lease("acme", in: dir) == nil)
        if let check = try Self.integrityCheck(dir) { #expect(check == "ok") }
    }
}
