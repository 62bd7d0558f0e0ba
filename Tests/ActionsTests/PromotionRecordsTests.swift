// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Testing

/// `promotions`, `promotion show`, `rollback --promotion` and the fleet view of `list` through the binary, on
/// the embedded default. The promotion records are written straight through `Storage.savePromotion`, as
/// `tenantctl promote` writes them.
@Suite(.serialized) struct PromotionRecordsTests {
    static func ok(_ args: [String], in dir: URL) throws -> String {
        let r = try EndToEndTests.run(args, in: dir)
        #expect(r.status == 0, "\(args): \(r.err)")
        return r.out
    }

    /// Sets the chart's version in charts/tenant-app/Chart.yaml.
    static func setChartVersion(_ version: String, in dir: URL) throws {
        let path = dir.appendingPathComponent("charts/tenant-app/Chart.yaml")
        let text = try String(contentsOf: path, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("version:") ? "version: \(version)" : String($0) }
            .joined(separator: "\n")
        try text.write(to: path, atomically: true, encoding: .utf8)
    }

    static func storage(_ dir: URL) throws -> Storage {
        Storage(driver: try SQLiteDriver(path: dir.appendingPathComponent(".tenantctl/state.db").path))
    }

    /// acme, globex and initech at chart 0.1.0 (revision 1), then 0.2.0 (revision 2); promotion `p-1` records
    /// that move (initech's as failed with its revision written), hooli as not installed; then globex is
    /// upgraded once more (revision 3), after the promotion.
    static func promoted(_ name: String) throws -> (URL, PromotionRecord) {
        let dir = try EndToEndTests.workspace(name)
        _ = try ok(["install", "acme", "--tier", "basic"], in: dir)
        _ = try ok(["install", "globex"], in: dir)
        _ = try ok(["install", "initech", "--tier", "premium"], in: dir)
        try setChartVersion("0.2.0", in: dir)
        for t in ["acme", "globex", "initech"] { _ = try ok(["upgrade", t], in: dir) }
        let started = Date(timeIntervalSince1970: 1_767_225_600)
        typealias O = PromotionRecord.Outcome
        let record = PromotionRecord(
            id: "p-1", startedBy: "ci@runner-1", startedAt: started, finishedAt: started.addingTimeInterval(30),
            status: .finishedWithFailures, chart: "tenant-app", toVersion: "0.2.0",
            waves: [
                PromotionRecord.Wave(name: "canary", selector: "acme", tenants: ["acme"]),
                PromotionRecord.Wave(name: "rest", selector: "", tenants: ["globex", "hooli", "initech"]),
            ],
            outcomes: [
                O(tenant: "acme", wave: "canary", state: .promoted, fromRevision: 1, fromVersion: "0.1.0", toRevision: 2, toVersion: "0.2.0"),
                O(tenant: "globex", wave: "rest", state: .promoted, fromRevision: 1, fromVersion: "0.1.0", toRevision: 2, toVersion: "0.2.0"),
                O(tenant: "hooli", wave: "rest", state: .notInstalled, message: "no release"),
                O(
                    tenant: "initech", wave: "rest", state: .failed, fromRevision: 1, fromVersion: "0.1.0", toRevision: 2,
                    toVersion: "0.2.0", message: "timed out waiting for the condition"),
            ], warnings: ["wave \"premium\" matched no tenant"])
        try storage(dir).savePromotion(record)
        _ = try ok(["upgrade", "globex", "--set", "greeting=changed-since"], in: dir)
        return (dir, record)
    }

    @Test func promotionsAndShow() throws {
        guard EndToEndTests.built else { return }
        let (dir, record) = try Self.promoted("promotion-show")
        defer { try? FileManager.default.removeItem(at: dir) }

        let table = try Self.ok(["promotions"], in: dir).split(separator: "\n")
        #expect(table.count == 2, "\(table)")
        #expect(table[0].hasPrefix("ID ") && table[0].contains("ROLLED BACK"))
        #expect(table[1].hasPrefix("p-1 ") && table[1].contains("finished-with-failures") && table[1].contains("tenant-app -> 0.2.0"))
        #expect(table[1].contains("ci@runner-1"))

        let rows = try JSONSerialization.jsonObject(with: Data(try Self.ok(["promotions", "-o", "json"], in: dir).utf8)) as? [[String: Any]]
        #expect(rows?.count == 1)
        #expect(rows?.first?["id"] as? String == "p-1")
        #expect(rows?.first?["promoted"] as? Int == 2)
        #expect(rows?.first?["failed"] as? Int == 1)
        #expect(rows?.first?["skipped"] as? Int == 1)
        #expect(try Self.ok(["promotions", "-o", "yaml"], in: dir).contains("id: p-1"))

        let show = try Self.ok(["promotion", "show", "p-1"], in: dir)
        for text in [
            "PROMOTION: p-1", "STATUS: finished-with-failures", "CHART: tenant-app -> 0.2.0", "canary (acme): acme",
            "rest (the rest): globex, hooli, initech", "WARNING: wave \"premium\" matched no tenant", "timed out waiting",
        ] {
            #expect(show.contains(text), "\(text) in \(show)")
        }
        let json = try Self.ok(["promotion", "show", "p-1", "-o", "json"], in: dir)
        #expect(try PromotionRecord(json: json, record: "output") == record)

        for args in [["promotion", "show", "p-nope"], ["promotion", "show", "no/such"]] {
            let unknown = try EndToEndTests.run(args, in: dir)
            #expect(unknown.status == 1)
            #expect(unknown.err.contains("no promotion \"\(args[2])\"") && unknown.err.contains("tenantctl promotions"), "\(unknown.err)")
        }
        // A hostile id is quoted as Go's %q quotes it: no terminal escape reaches the terminal.
        let hostile = try EndToEndTests.run(["promotion", "show", "p-\u{1B}[2J"], in: dir)
        #expect(hostile.status == 1 && hostile.err.contains("no promotion \"p-\\x1b[2J\"") && !hostile.err.contains("\u{1B}"), "\(hostile.err)")
        // A workspace without any state: nothing listed, an unknown id.
        let empty = try EndToEndTests.workspace("promotion-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = try JSONSerialization.jsonObject(with: Data(try Self.ok(["promotions", "-o", "json"], in: empty).utf8)) as? [Any]
        #expect(none?.isEmpty == true)
        #expect(try EndToEndTests.run(["promotion", "show", "p-1"], in: empty).status == 1)
    }

    @Test func rollbackOfAPromotion() throws {
        guard EndToEndTests.built else { return }
        let (dir, _) = try Self.promoted("promotion-rollback")
        defer { try? FileManager.default.removeItem(at: dir) }

        // Bad input: unknown id (1), a tenant and --promotion, neither (64).
        let unknown = try EndToEndTests.run(["rollback", "--promotion", "p-nope"], in: dir)
        #expect(unknown.status == 1 && unknown.err.contains("no promotion \"p-nope\""), "\(unknown.err)")
        #expect(try EndToEndTests.run(["rollback", "acme", "--promotion", "p-1"], in: dir).status == 64)
        #expect(try EndToEndTests.run(["rollback"], in: dir).status == 64)
        #expect(try EndToEndTests.run(["rollback", "acme", "--force"], in: dir).status == 64)

        var manifest1: [String: String] = [:]
        for t in ["acme", "globex", "initech"] { manifest1[t] = try Self.ok(["get", "manifest", t, "--revision", "1"], in: dir) }

        // Every tenant the promotion changed goes back to revision 1 as a new revision; globex, upgraded since,
        // is skipped with the reason.
        let first = try EndToEndTests.run(["rollback", "--promotion", "p-1", "-o", "json", "--max-parallel", "2"], in: dir)
        #expect(first.status == 0, "\(first.err)")
        let report = try PromotionRecord(json: first.out, record: "output")
        #expect(report.kind == .rollback && report.rollsBack == "p-1" && report.status == .succeeded)
        #expect(report.id.hasPrefix("r-"))
        let byTenant = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.tenant, $0) })
        #expect(Set(byTenant.keys) == ["acme", "globex", "initech"])
        #expect(byTenant["acme"]?.state == .rolledBack && byTenant["acme"]?.rollbackRevision == 3)
        #expect(byTenant["initech"]?.state == .rolledBack && byTenant["initech"]?.rollbackRevision == 3)
        #expect(byTenant["globex"]?.state == .skipped)
        #expect(byTenant["globex"]?.message?.contains("changed since the promotion: its latest revision is 3") == true)
        for t in ["acme", "initech"] {
            #expect(try Self.ok(["get", "manifest", t, "--revision", "3"], in: dir) == manifest1[t])
            #expect(try Self.ok(["status", t], in: dir).contains("STATUS: deployed"))
            #expect(try Self.ok(["history", t], in: dir).contains("tenant-app-0.1.0"))
        }
        #expect(first.err.contains("acme: rolled-back") && first.err.contains("globex: skipped"), "\(first.err)")

        // The promotion's record knows; again with --force: acme and initech are skipped as rolled back
        // already, globex goes back too.
        let promotion = try #require(try Self.storage(dir).promotion("p-1"))
        #expect(promotion.outcomes.filter { $0.state == .rolledBack }.map(\.tenant) == ["acme", "initech"])
        let forced = try EndToEndTests.run(["rollback", "--promotion", "p-1", "--force", "-o", "json"], in: dir)
        #expect(forced.status == 0, "\(forced.err)")
        let again = Dictionary(uniqueKeysWithValues: try PromotionRecord(json: forced.out, record: "output").outcomes.map { ($0.tenant, $0) })
        #expect(again["acme"]?.state == .skipped && again["acme"]?.message == "already rolled back as revision 3")
        #expect(again["globex"]?.state == .rolledBack && again["globex"]?.rollbackRevision == 4)
        #expect(try Self.ok(["get", "manifest", "globex", "--revision", "4"], in: dir) == manifest1["globex"])

        // Both runs are records of their own, newest first; a rollback cannot itself be rolled back.
        let listed = try Self.storage(dir).promotions()
        #expect(listed.map(\.kind) == [.rollback, .rollback, .promotion])
        #expect(try Self.ok(["promotions"], in: dir).contains("tenant-app rollback of p-1"))
        let ofRollback = try EndToEndTests.run(["rollback", "--promotion", report.id], in: dir)
        #expect(ofRollback.status == 1 && ofRollback.err.contains("is itself a rollback"), "\(ofRollback.err)")
        // Its table form, for people.
        let shown = try Self.ok(["promotion", "show", report.id], in: dir)
        #expect(shown.contains("ROLLS BACK: p-1") && shown.contains("KIND: rollback"), "\(shown)")
    }

    @Test func aFailedTenantRollbackExitsFour() throws {
        guard EndToEndTests.built else { return }
        let (dir, _) = try Self.promoted("promotion-rollback-fail")
        defer { try? FileManager.default.removeItem(at: dir) }
        // A promotion naming a revision the tenant never had: that tenant fails, the others go back.
        var record = try #require(try Self.storage(dir).promotion("p-1"))
        record.id = "p-2"
        record.outcomes[0].fromRevision = 9
        try Self.storage(dir).savePromotion(record)
        let r = try EndToEndTests.run(["rollback", "--promotion", "p-2", "-o", "json"], in: dir)
        #expect(r.status == 4, "\(r.err)")
        let report = try PromotionRecord(json: r.out, record: "output")
        #expect(report.status == .finishedWithFailures)
        #expect(report.outcomes.first { $0.tenant == "acme" }?.message?.contains("revision 9 of \"acme\" is no longer in its history") == true)
        #expect(report.outcomes.first { $0.tenant == "initech" }?.state == .rolledBack)
    }

    @Test func listShowsVersionsHibernationAndTheOutdated() throws {
        guard EndToEndTests.built else { return }
        let dir = try EndToEndTests.workspace("list-outdated")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.ok(["install", "acme", "--tier", "basic"], in: dir)
        _ = try Self.ok(["install", "globex"], in: dir)

        // No repository: no LATEST column, no latestVersion in JSON; --outdated needs one.
        #expect(!(try Self.ok(["list"], in: dir).contains("LATEST")))
        let plain = try JSONSerialization.jsonObject(with: Data(try Self.ok(["list", "-o", "json"], in: dir).utf8)) as? [[String: Any]]
        #expect(plain?.count == 2)
        #expect(plain?.allSatisfy { $0["hibernated"] as? Bool == false && $0["latestVersion"] == nil && $0["outdated"] == nil } == true)
        let noRepo = try EndToEndTests.run(["list", "--outdated"], in: dir)
        #expect(noRepo.status == 1 && noRepo.err.contains("--repo DIR"), "\(noRepo.err)")
        let missing = try EndToEndTests.run(["list", "--repo", "nowhere"], in: dir)
        #expect(missing.status == 1 && missing.err.contains("no chart repository index at nowhere/index.yaml"), "\(missing.err)")

        // 0.1.0 and 0.2.0 in the default repository; globex moves to 0.2.0.
        _ = try Self.ok(["package", "charts/tenant-app", "-d", "charts/repo"], in: dir)
        try Self.setChartVersion("0.2.0", in: dir)
        _ = try Self.ok(["package", "charts/tenant-app", "-d", "charts/repo"], in: dir)
        _ = try Self.ok(["upgrade", "globex", "--version", "0.2.0"], in: dir)
        // globex is asleep.
        let globexFile = dir.appendingPathComponent("tenants/globex.yaml")
        try (try String(contentsOf: globexFile, encoding: .utf8) + "hibernated: true\n").write(to: globexFile, atomically: true, encoding: .utf8)

        let table = try Self.ok(["list"], in: dir).split(separator: "\n")
        #expect(table[0].contains("LATEST"))
        #expect(table[1].hasPrefix("acme ") && table[1].contains("tenant-app-0.1.0") && table[1].contains("0.2.0 (outdated)"), "\(table)")
        #expect(table[2].hasPrefix("globex ") && table[2].contains("deployed (hibernated)") && !table[2].contains("outdated"), "\(table)")

        let rows = try JSONSerialization.jsonObject(with: Data(try Self.ok(["list", "-o", "json"], in: dir).utf8)) as? [[String: Any]]
        #expect(rows?.map { $0["tenant"] as? String } == ["acme", "globex"])
        #expect(rows?[0]["outdated"] as? Bool == true && rows?[0]["latestVersion"] as? String == "0.2.0")
        #expect(rows?[1]["outdated"] as? Bool == false && rows?[1]["hibernated"] as? Bool == true)
        #expect(rows?[0]["hibernated"] as? Bool == false)

        // --outdated: only acme, exit 0; once acme is up to date, an empty list, exit 0.
        let outdated = try Self.ok(["list", "--outdated", "-o", "json"], in: dir)
        let outdatedRows = try JSONSerialization.jsonObject(with: Data(outdated.utf8)) as? [[String: Any]]
        #expect(outdatedRows?.map { $0["tenant"] as? String } == ["acme"])
        #expect(try Self.ok(["list", "--outdated", "--repo", "charts/repo"], in: dir).contains("acme"))
        _ = try Self.ok(["upgrade", "acme", "--version", "0.2.0"], in: dir)
        #expect(try Self.ok(["list", "--outdated"], in: dir).split(separator: "\n").count == 1)
    }
}
