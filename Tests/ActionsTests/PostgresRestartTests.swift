// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// A PostgreSQL server of the test's own (../shared/postgres), stopped in the middle of an upgrade and started
/// again on the same port and data: the interrupted upgrade leaves a pending record and a lease behind; the next
/// upgrade waits out the dead holder's lease, marks the pending revision failed and goes on.
@Suite(.serialized) struct PostgresRestartTests {
    static let scripts = EndToEndTests.repo.deletingLastPathComponent().appendingPathComponent("shared/postgres")
    static var available: Bool { FileManager.default.fileExists(atPath: scripts.appendingPathComponent("start-postgres.sh").path) }

    @discardableResult
    static func script(_ name: String, _ args: [String]) throws -> String {
        // The output goes through a file, not a pipe: the server the script starts would keep a pipe open.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-pg-script-\(getpid()).out")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        // Every inherited descriptor above 2 is closed first: the server would hold them, and Foundation's Process
        // would not see the script end (as scripts/kube-apiserver.sh does for the API server).
        p.arguments =
            [
                "-c",
                "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done; exec bash \"$0\" \"$@\" >\"$OUT\" 2>/dev/null </dev/null",
                scripts.appendingPathComponent(name).path,
            ] + args
        p.environment = ProcessInfo.processInfo.environment.merging(["OUT": out.path]) { _, b in b }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test(.enabled(if: PostgresRestartTests.available, "../shared/postgres is not beside the clone: no PostgreSQL server to stop and start"))
    func serverRestartedMidUpgrade() throws {
        guard EndToEndTests.built else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-pg-restart-\(getpid())")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let pg = scratch.appendingPathComponent("pg").path
        let url = try Self.script("start-postgres.sh", [pg]) + "?sslmode=disable"
        defer {
            _ = try? Self.script("stop-postgres.sh", [pg])
            try? FileManager.default.removeItem(at: scratch)
        }
        let port = try String(contentsOfFile: pg + "/port", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let dir = try EndToEndTests.workspace("pg-restart")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ["--store", "postgres", "--store-url", url]
        let ttl = ["TENANTCTL_TEST_LEASE_TTL_SECONDS": "3"]
        #expect(try ClusterEndToEndTests.run(["install", "acme", "--tier", "basic"] + store, in: dir, environment: ttl).status == 0)

        // The upgrade holds its lease after writing its pending record; the server goes away meanwhile.
        var held = ttl
        held["TENANTCTL_TEST_HOLD_LEASE_SECONDS"] = "3"
        let upgrade = try ClusterEndToEndTests.start(["upgrade", "acme", "--set", "greeting=lost"] + store, in: dir, environment: held)
        Thread.sleep(forTimeInterval: 1.5)
        try Self.script("stop-postgres.sh", [pg])
        let lost = ClusterEndToEndTests.finish(upgrade)
        let message = lost.err
        #expect(lost.status == 1, "\(message)")
        #expect(message.contains("127.0.0.1:\(port)"), "the error names the server: \(message)")

        // Back on the same port and data: the next upgrade recovers and goes on.
        _ = try Self.script("start-postgres.sh", [pg, port])
        let next = try ClusterEndToEndTests.run(["upgrade", "acme", "--set", "greeting=v3"] + store, in: dir, environment: ttl)
        #expect(next.status == 0, "\(next.err)")
        let history = try ClusterEndToEndTests.run(["history", "acme"] + store, in: dir).out
        let statuses = history.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }
        #expect(statuses == ["superseded", "failed", "deployed"], "\(history)")
        #expect(history.contains("interrupted"), "\(history)")
        let file = try String(contentsOf: dir.appendingPathComponent("deploy/acme/configmap-acme-config.yaml"), encoding: .utf8)
        #expect(file.contains("greeting: \"v3\""))
    }
}
