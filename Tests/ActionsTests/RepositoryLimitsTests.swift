// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// Helm's archive size limits on charts taken from a repository folder (`--version`): a hostile archive in
/// `charts/repo` is refused from its tar headers at once (Helm's `unable to load chart archive`), exit 1, and
/// nothing on disk changes.
@Suite struct RepositoryLimitsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var command: String
        var files: String
        var testDescription: String { "\(command) \(files)" }
    }

    static let cases: [Case] = [
        Case(command: "install", files: "[[\"big/huge.bin\", 2147483648]]"),
        Case(command: "upgrade", files: "[[\"big/huge.bin\", 2147483648]]"),
        Case(command: "install", files: "[[\"big/big.yaml\", 5242881]]"),
        Case(command: "upgrade", files: "[" + (0..<21).map { "[\"big/f\($0)\", 5242880]" }.joined(separator: ",") + "]"),
    ]

    static let index = """
        apiVersion: v1
        entries:
          tenant-app:
          - apiVersion: v2
            name: tenant-app
            version: 9.9.9
            urls:
            - tenant-app-9.9.9.tgz
        generated: "2026-01-01T00:00:00Z"

        """

    @Test(arguments: cases)
    func refusedAtOnce(_ c: Case) throws {
        guard EndToEndTests.built else { return }
        let dir = try EndToEndTests.workspace("limits-\(abs(c.testDescription.hashValue))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let repo = dir.appendingPathComponent("charts/repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try Data(Self.index.utf8).write(to: repo.appendingPathComponent("index.yaml"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", EndToEndTests.repo.appendingPathComponent("tools/hostile-archive.py").path,
            repo.appendingPathComponent("tenant-app-9.9.9.tgz").path, c.files,
        ]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        if c.command == "upgrade" {
            #expect(try EndToEndTests.run(["install", "acme", "--tier", "basic"], in: dir).status == 0)
        }
        let before = EndToEndTests.snapshot(dir)
        let args = c.command == "install" ? ["install", "acme", "--tier", "basic"] : ["upgrade", "acme"]
        let started = Date()
        let r = try EndToEndTests.run(args + ["--version", "9.9.9"], in: dir)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(r.status == 1)
        #expect(r.err == "Error: charts/repo/tenant-app-9.9.9.tgz: unable to load chart archive\n")
        #expect(EndToEndTests.snapshot(dir) == before)
    }
}
