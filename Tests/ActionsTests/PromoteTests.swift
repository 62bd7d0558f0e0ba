// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Testing

/// `tenantctl promote` through the built binary on the embedded default (SQLite state, deploy/ directory): 30
/// tenants in three tiers (t1…t30, tier by `i % 3`: basic, standard, premium; t1…t10 labelled region=eu),
/// installed at 1.0.0 from a chart repository holding 1.0.0, 1.1.0 and a 1.2.0 whose templates fail for premium
/// tenants only. The installed workspace is made once and copied for each test.
@Suite(.serialized) struct PromoteTests {
    static let tiers = ["basic", "standard", "premium"]
    static func tier(_ i: Int) -> String { tiers[i % 3] }

    /// The installed workspace, made on first use (nil when the binary is not built).
    static let seed: URL? = {
        guard EndToEndTests.built else { return nil }
        return try? makeSeed()
    }()

    static func makeSeed() throws -> URL {
        let dir = try EndToEndTests.workspace("promote-seed")
        let fm = FileManager.default
        try? fm.removeItem(at: dir.appendingPathComponent("tenants/globex.yaml"))
        // Three chart versions in charts/repo, as `tenantctl package` writes them; 1.2.0 fails for premium.
        for version in ["1.0.0", "1.1.0", "1.2.0"] {
            let src = dir.appendingPathComponent("charts/src/\(version)")
            try fm.createDirectory(at: src.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: EndToEndTests.fixtures.appendingPathComponent("tenant-app"), to: src)
            let chartFile = src.appendingPathComponent("Chart.yaml")
            let text = try String(contentsOf: chartFile, encoding: .utf8).replacingOccurrences(of: "version: 0.1.0", with: "version: \(version)")
            try text.write(to: chartFile, atomically: true, encoding: .utf8)
            if version == "1.2.0" {
                try #"{{ if eq .Values.tenant.tier "premium" }}{{ fail "1.2.0 does not support premium tenants" }}{{ end }}"#
                    .write(to: src.appendingPathComponent("templates/premium-guard.yaml"), atomically: true, encoding: .utf8)
            }
            let r = try EndToEndTests.run(["package", "charts/src/\(version)", "-d", "charts/repo"], in: dir)
            guard r.status == 0 else { throw SeedError(message: "package \(version): \(r.err)") }
        }
        for i in 1...30 {
            let r = try EndToEndTests.run(["install", "t\(i)", "--tier", tier(i), "--version", "1.0.0", "--repo", "charts/repo"], in: dir)
            guard r.status == 0 else { throw SeedError(message: "install t\(i): \(r.err)") }
            if i <= 10 {
                // Labels for -l and label waves: the file install wrote, with labels: added.
                let file = dir.appendingPathComponent("tenants/t\(i).yaml")
                let text = try String(contentsOf: file, encoding: .utf8)
                try text.replacingOccurrences(of: "values:", with: "labels:\n  region: eu\nvalues:").write(to: file, atomically: true, encoding: .utf8)
            }
        }
        return dir
    }

    struct SeedError: Error { var message: String }

    /// A copy of the installed workspace.
    static func workspace(_ name: String) throws -> URL? {
        guard let seed else { return nil }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-promote-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.copyItem(at: seed, to: dir)
        return dir
    }

    static func record(_ json: String) throws -> PromotionRecord {
        try PromotionRecord.jsonDecoder().decode(PromotionRecord.self, from: Data(json.utf8))
    }

    static func promote(_ args: [String], in dir: URL, environment: [String: String] = [:]) throws -> EndToEndTests.Result {
        try ClusterEndToEndTests.run(["promote", "--repo", "charts/repo"] + args, in: dir, environment: environment)
    }

    /// The tenant's deployed revision and chart version (`history -o json`).
    static func deployed(_ tenant: String, in dir: URL) throws -> (revision: Int, chart: String)? {
        let out = try EndToEndTests.run(["history", tenant, "-o", "json"], in: dir).out
        let rows = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] ?? []
        guard let row = rows.last(where: { $0["status"] as? String == "deployed" }) else { return nil }
        return (row["revision"] as? Int ?? 0, row["chart"] as? String ?? "")
    }

    /// The promotion record the store keeps under `id`.
    static func stored(_ id: String, in dir: URL) throws -> PromotionRecord? {
        let storage = Storage(driver: try SQLiteDriver(readingOnly: dir.appendingPathComponent(".tenantctl/state.db").path))
        return try storage.promotion(id)
    }

    static func outcomes(_ r: PromotionRecord) -> [String: PromotionRecord.Outcome] {
        Dictionary(uniqueKeysWithValues: r.outcomes.map { ($0.tenant, $0) })
    }

    /// 1.0.0 → 1.1.0 in two waves: every tenant promoted, the JSON report on stdout and in --report, exit 0.
    @Test func twoWavesPromoteEveryTenant() throws {
        guard let dir = try Self.workspace("twowaves") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.promote(
            ["--version", "1.1.0", "--wave", "canary=t1,t2,t4", "--wave", "rest", "-o", "json", "--report", "report.json"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let record = try Self.record(r.out)
        #expect(record.status == .succeeded)
        #expect(record.chart == "tenant-app" && record.toVersion == "1.1.0" && record.kind == .promotion)
        #expect(record.id.hasPrefix("p-") && record.finishedAt != nil && !record.startedBy.isEmpty)
        #expect(record.waves.map(\.name) == ["canary", "rest"])
        #expect(record.waves[0].tenants == ["t1", "t2", "t4"] && record.waves[1].tenants.count == 27)
        #expect(record.outcomes.count == 30 && record.outcomes.allSatisfy { $0.state == .promoted })
        #expect(record.outcomes.allSatisfy { $0.fromRevision == 1 && $0.toRevision == 2 && $0.fromVersion == "1.0.0" && $0.toVersion == "1.1.0" })
        #expect(record.warnings.isEmpty)
        let report = try String(contentsOf: dir.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(try Self.record(report) == record)
        // The store keeps the same record.
        #expect(try Self.stored(record.id, in: dir) == record)
        // The people's lines went to standard error with -o json.
        #expect(r.err.contains("wave 1/2 canary: 3 done, 0 failed") && r.err.contains("t4: promoted 1.0.0 -> 1.1.0"))
        for i in [1, 15, 30] {
            let d = try Self.deployed("t\(i)", in: dir)
            #expect(d?.revision == 2 && d?.chart == "tenant-app-1.1.0")
        }
        // Again: every tenant is at 1.1.0 already, so every one is skipped.
        let again = try Self.promote(["--version", "1.1.0", "-o", "json"], in: dir)
        #expect(again.status == 0, "\(again.err)")
        #expect(try Self.record(again.out).outcomes.allSatisfy { $0.state == .skipped })
        // `promotion show` reads the record back; `rollback --promotion` of the first run puts every tenant back
        // to its 1.0.0 revision, as a new revision.
        let shown = try EndToEndTests.run(["promotion", "show", record.id, "-o", "json"], in: dir)
        #expect(shown.status == 0, "\(shown.err)")
        #expect(try Self.record(shown.out) == record)
        let back = try EndToEndTests.run(["rollback", "--promotion", record.id, "-o", "json"], in: dir)
        #expect(back.status == 0, "\(back.err)")
        for i in [1, 15, 30] {
            let d = try Self.deployed("t\(i)", in: dir)
            #expect(d?.revision == 3 && d?.chart == "tenant-app-1.0.0")
        }
    }

    /// 1.2.0 fails for premium tenants: the canary wave (t2 is premium) halts the promotion, exit 3, its tenants
    /// rolled back with --rollback-on-failure, the later waves untouched.
    @Test func premiumFailureHaltsAndRollsBackTheCanaryWave() throws {
        guard let dir = try Self.workspace("halt") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try EndToEndTests.run(["history", "t3", "-o", "json"], in: dir).out
        // One worker, so that the order is fixed: t1 promoted, t2 fails, t4 is never started.
        let r = try Self.promote(
            [
                "--version", "1.2.0", "--wave", "canary=t1,t2,t4", "--wave", "basic=tier=basic", "--wave", "rest",
                "--rollback-on-failure", "--max-parallel", "1", "-o", "json",
            ], in: dir)
        #expect(r.status == 3, "\(r.err)")
        let record = try Self.record(r.out)
        #expect(record.status == .halted)
        #expect(try Self.stored(record.id, in: dir)?.status == .halted)
        let o = Self.outcomes(record)
        #expect(o["t1"]?.state == .rolledBack && o["t1"]?.toRevision == 2 && o["t1"]?.rollbackRevision == 3)
        #expect(o["t2"]?.state == .rolledBack && o["t2"]?.toRevision == 2 && o["t2"]?.rollbackRevision == 3)
        #expect(o["t2"]?.message?.contains("1.2.0 does not support premium tenants") == true, "\(String(describing: o["t2"]?.message))")
        #expect(o["t4"]?.state == .pending)
        #expect(record.outcomes.filter { $0.wave != "canary" }.allSatisfy { $0.state == .pending })
        #expect(r.err.contains("Halted at wave canary"))
        // The canary tenants are back at 1.0.0 as new revisions; a later wave's tenant was never touched.
        #expect(try Self.deployed("t1", in: dir)?.chart == "tenant-app-1.0.0")
        #expect(try Self.deployed("t2", in: dir)?.revision == 3)
        #expect(try EndToEndTests.run(["history", "t3", "-o", "json"], in: dir).out == before)
    }

    /// Without --rollback-on-failure, a halted wave stays as it is; --max-failures lets a wave absorb failures
    /// (exit 4, finished with failures): 1.2.0 on every tenant fails the 10 premium ones.
    @Test(arguments: [(0, Int32(3), PromotionRecord.Status.halted), (10, Int32(4), PromotionRecord.Status.finishedWithFailures)])
    func maxFailures(limit: Int, exit: Int32, status: PromotionRecord.Status) throws {
        guard let dir = try Self.workspace("maxfail\(limit)") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.promote(["--version", "1.2.0", "--max-failures", String(limit), "--max-parallel", "1", "-o", "json"], in: dir)
        #expect(r.status == exit, "\(r.err)")
        let record = try Self.record(r.out)
        #expect(record.status == status)
        let failed = record.outcomes.filter { $0.state == .failed }
        if limit == 0 {
            // The first premium tenant in name order (t11) fails and nothing starts after it.
            #expect(failed.map(\.tenant) == ["t11"])
            #expect(record.outcomes.contains { $0.state == .pending })
        } else {
            #expect(failed.count == 10 && failed.allSatisfy { Self.tier(Int($0.tenant.dropFirst()) ?? 0) == "premium" })
            #expect(record.outcomes.filter { $0.state == .promoted }.count == 20)
            #expect(failed.allSatisfy { $0.toRevision == 2 && $0.message?.contains("premium-guard.yaml") == true })
        }
    }

    /// Selection and waves: -l, --tier, --tenant, label waves, hibernated tenants, tenants without a release.
    @Test(arguments: [
        (["-l", "region=eu"], ["promoted": 10]),
        (["--tier", "premium"], ["promoted": 10]),
        (["--tenant", "t1,t2"], ["promoted": 2]),
        (["-l", "region=eu", "--tier", "basic"], ["promoted": 3]),
        (["--wave", "first=t11,t12", "--wave", "eu=region=eu"], ["promoted": 12]),
    ])
    func selection(args: [String], counts: [String: Int]) throws {
        guard let dir = try Self.workspace("select") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.promote(["--version", "1.1.0", "-o", "json"] + args, in: dir)
        #expect(r.status == 0, "\(r.err)")
        let record = try Self.record(r.out)
        var got: [String: Int] = [:]
        for o in record.outcomes { got[o.state.rawValue, default: 0] += 1 }
        #expect(got == counts)
    }

    /// A hibernated tenant is left alone unless --include-hibernated; a tenant file without a release is
    /// reported as not installed.
    @Test func hibernatedAndNotInstalled() throws {
        guard let dir = try Self.workspace("hibernated") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("tenants/t5.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "values:", with: "hibernated: true\nvalues:").write(to: file, atomically: true, encoding: .utf8)
        try "tier: basic\nvalues: {}\n".write(to: dir.appendingPathComponent("tenants/newco.yaml"), atomically: true, encoding: .utf8)
        let r = try Self.promote(["--version", "1.1.0", "-o", "json", "--tenant", "t4,t5,newco"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let o = Self.outcomes(try Self.record(r.out))
        #expect(o["t4"]?.state == .promoted && o["t5"]?.state == .hibernated && o["newco"]?.state == .notInstalled)
        #expect(try Self.deployed("t5", in: dir)?.revision == 1)
        let woken = try Self.promote(["--version", "1.1.0", "-o", "json", "--tenant", "t5", "--include-hibernated"], in: dir)
        #expect(Self.outcomes(try Self.record(woken.out))["t5"]?.state == .promoted)
    }

    /// Bad input: exit 1 and nothing changed, or a warning in the record and on standard error.
    @Test(arguments: [
        (["--version", "9.9.9"], Int32(1), "9.9.9"),
        (["--version", "1.1.0", "--wave", "a=t1,t2", "--wave", "b=tier=premium"], Int32(1), "tenant \"t2\" is in two waves, a and b"),
        (["--version", "1.1.0", "--wave", "rest", "--wave", "b=t1"], Int32(1), "only the last wave may take the rest"),
        (["--version", "1.1.0", "--wave", "a=t1", "--wave", "a=t2"], Int32(1), "two waves are named \"a\""),
        (["--version", "1.1.0", "--tenant", "nobody"], Int32(1), "\"nobody\" has no tenant file"),
        (["--version", "1.1.0", "--wave", "x="], Int32(1), "empty selector"),
        (["--version", "1.1.0", "-l", "region"], Int32(1), "expected key=value"),
        (["--version", "1.1.0", "--wave", "gold=tier=gold", "--wave", "rest"], Int32(0), "Warning: wave gold: selector \"tier=gold\" matches no tenant"),
        (["--version", "1.1.0", "--wave", "a=t1,zz", "--wave", "rest"], Int32(0), "Warning: wave a: tenant \"zz\" is not among the selected tenants"),
        (["--version", "1.1.0", "--wave", "a=t1"], Int32(0), "Warning: 29 selected tenants are in no wave and left alone"),
    ])
    func badInput(args: [String], exit: Int32, message: String) throws {
        guard let dir = try Self.workspace("bad") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = EndToEndTests.snapshot(dir)
        let r = try Self.promote(args + ["--report", "r.json"], in: dir)
        #expect(r.status == exit, "\(r.err)")
        #expect(r.err.contains(message), "\(r.err)")
        if exit == 1 {
            #expect(EndToEndTests.snapshot(dir) == before)
        } else {
            let record = try Self.record(try String(contentsOf: dir.appendingPathComponent("r.json"), encoding: .utf8))
            let warning = message.replacingOccurrences(of: "Warning: ", with: "")
            #expect(record.warnings.contains { $0.hasPrefix(warning) }, "\(record.warnings)")
        }
    }

    /// --dry-run prints the plan and changes nothing.
    @Test func dryRunChangesNothing() throws {
        guard let dir = try Self.workspace("dryrun") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = EndToEndTests.snapshot(dir)
        let r = try Self.promote(["--version", "1.1.0", "--wave", "canary=t1,t2", "--wave", "rest", "--dry-run"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("wave 1 canary (t1,t2): 2 tenants\n  t1: 1.0.0 -> 1.1.0\n  t2: 1.0.0 -> 1.1.0\n"), "\(r.out)")
        #expect(r.out.contains("30 tenants would be upgraded."))
        #expect(EndToEndTests.snapshot(dir) == before)
    }

    /// A tenant file that does not load fails that tenant only; the report says why.
    @Test func brokenTenantFileFailsOnlyThatTenant() throws {
        guard let dir = try Self.workspace("broken") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        try "tier: [basic\n".write(to: dir.appendingPathComponent("tenants/t7.yaml"), atomically: true, encoding: .utf8)
        let r = try Self.promote(["--version", "1.1.0", "--max-failures", "1", "-o", "json"], in: dir)
        #expect(r.status == 4, "\(r.err)")
        let record = try Self.record(r.out)
        #expect(record.status == .finishedWithFailures)
        let o = Self.outcomes(record)
        #expect(o["t7"]?.state == .failed)
        #expect(o["t7"]?.message?.contains("the tenant file does not load") == true && o["t7"]?.message?.contains("t7.yaml") == true)
        #expect(record.outcomes.filter { $0.state == .promoted }.count == 29)
    }

    /// A tenant another process holds is reported as a failure of its wave after the lease wait, never waited on
    /// forever; the other tenants are promoted.
    @Test func lockedTenantFailsItsWaveQuickly() throws {
        guard let dir = try Self.workspace("locked") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        // An upgrade of t3 holds t3's lease for 4 s.
        let holder = try ClusterEndToEndTests.start(
            ["upgrade", "t3", "--set", "greeting=held"], in: dir, environment: ["TENANTCTL_TEST_HOLD_LEASE_SECONDS": "4"])
        defer { _ = ClusterEndToEndTests.finish(holder) }
        var held = false
        for _ in 0..<50 where !held {
            Thread.sleep(forTimeInterval: 0.1)
            held = try EndToEndTests.run(["history", "t3"], in: dir).out.contains("pending-upgrade")
        }
        #expect(held)
        let started = Date()
        let r = try Self.promote(
            ["--version", "1.1.0", "--tenant", "t1,t3,t6", "--max-failures", "1", "-o", "json"], in: dir,
            environment: ["TENANTCTL_LEASE_WAIT": "0.5"])
        #expect(Date().timeIntervalSince(started) < 3.5)
        #expect(r.status == 4, "\(r.err)")
        let o = Self.outcomes(try Self.record(r.out))
        #expect(o["t3"]?.state == .failed && o["t3"]?.message?.contains("another operation on tenant \"t3\" is in progress") == true)
        #expect(o["t1"]?.state == .promoted && o["t6"]?.state == .promoted)
    }

    /// SIGTERM in the middle: the tenant in flight finishes, no new one starts, the record says interrupted,
    /// exit 130, and no lease is left behind (a second promotion with no lease wait finishes the job).
    @Test func sigtermInterrupts() throws {
        guard let dir = try Self.workspace("sigterm") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let started = try ClusterEndToEndTests.start(
            ["promote", "--repo", "charts/repo", "--version", "1.1.0", "--max-parallel", "1", "--report", "r.json"], in: dir,
            environment: ["TENANTCTL_TEST_HOLD_LEASE_SECONDS": "0.3"])
        // Once the first tenant (t1, in name order) is promoted, and while later ones are still to come.
        var first = false
        for _ in 0..<100 where !first {
            Thread.sleep(forTimeInterval: 0.1)
            first = try EndToEndTests.run(["history", "t1"], in: dir).out.contains("Promoted to 1.1.0")
        }
        #expect(first)
        started.0.terminate()
        let r = ClusterEndToEndTests.finish(started)
        #expect(r.status == 130, "\(r.err)")
        let record = try Self.record(try String(contentsOf: dir.appendingPathComponent("r.json"), encoding: .utf8))
        #expect(record.status == .interrupted)
        #expect(try Self.stored(record.id, in: dir) == record)
        let promoted = record.outcomes.filter { $0.state == .promoted }.count
        #expect(promoted >= 1 && promoted < 30)
        #expect(record.outcomes.allSatisfy { $0.state == .promoted || $0.state == .pending })
        #expect(r.out.contains("Interrupted: the tenants in flight finished"))
        #expect(r.out.contains("interrupted: no new tenant starts; waiting for the"), "\(r.out)")
        let again = try Self.promote(["--version", "1.1.0", "-o", "json"], in: dir, environment: ["TENANTCTL_LEASE_WAIT": "0"])
        #expect(again.status == 0, "\(again.err)")
        let second = try Self.record(again.out)
        #expect(second.outcomes.filter { $0.state == .skipped }.count == promoted)
        #expect(second.outcomes.filter { $0.state == .promoted }.count == 30 - promoted)
    }

    /// The project file's `promote.waves` when no --wave is given.
    @Test func wavesFromTheProjectFile() throws {
        guard let dir = try Self.workspace("projectfile") else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        try "promote:\n  waves:\n    - {name: canary, selector: \"t1,t2\"}\n    - {name: premium, selector: tier=premium}\n    - {name: rest}\n"
            .write(to: dir.appendingPathComponent("tenantctl.yaml"), atomically: true, encoding: .utf8)
        let r = try Self.promote(["--version", "1.1.0", "-o", "json"], in: dir)
        #expect(r.status == 1, "t2 is premium: in two waves")
        try "promote:\n  waves:\n    - {name: canary, selector: \"t1,t4\"}\n    - {name: premium, selector: tier=premium}\n    - {name: rest}\n"
            .write(to: dir.appendingPathComponent("tenantctl.yaml"), atomically: true, encoding: .utf8)
        let ok = try Self.promote(["--version", "1.1.0", "-o", "json"], in: dir)
        #expect(ok.status == 0, "\(ok.err)")
        let record = try Self.record(ok.out)
        #expect(record.waves.map(\.name) == ["canary", "premium", "rest"])
        #expect(record.waves.map(\.tenants.count) == [2, 10, 18])
    }
}
