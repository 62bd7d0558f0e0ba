// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// Issue 16, item 9: every command that loads a chart directory prints Helm's INFO line on standard error for
/// each symbolic link it follows (`level=INFO msg="found symbolic link in path. Contents of linked file included
/// and used" path=… resolved=…`, helm v4's sympath walk), and goes on (exit 0). Through the built binary.
@Suite(.serialized) struct SymlinkWarningTests {
    typealias E2E = EndToEndTests

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        /// Commands that must succeed first.
        var setup: [[String]] = []
        /// The command; `CHART` stands for the chart directory's absolute path.
        var args: [String]
    }

    static let cases: [Case] = [
        Case(description: "eval", args: ["eval", "CHART", "templates/NOTES.txt", "--set", "tenant.id=acme,tenant.tier=basic"]),
        Case(description: "install", args: ["install", "acme", "--tier", "basic"]),
        Case(description: "upgrade", setup: [["install", "acme", "--tier", "basic"]], args: ["upgrade", "acme", "--set", "replicas=3"]),
        Case(description: "diff", setup: [["install", "acme", "--tier", "basic"]], args: ["diff", "acme"]),
        Case(description: "render", args: ["render", "acme", "--tier", "basic"]),
    ]

    @Test(arguments: cases)
    func printsHelmsLine(_ c: Case) throws {
        try #require(E2E.built, "tenantctl is not built at \(E2E.binary); run `swift build` first")
        let dir = try E2E.workspace("symlink-\(c.description)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let chart = dir.appendingPathComponent("charts/tenant-app")
        let target = dir.appendingPathComponent("outside.txt")
        try Data("linked\n".utf8).write(to: target)
        let link = chart.appendingPathComponent("linked.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        for args in c.setup { try #require(try E2E.run(args, in: dir).status == 0) }

        let r = try E2E.run(c.args.map { $0 == "CHART" ? chart.path : $0 }, in: dir)
        #expect(r.status == 0, "\(r.err)")
        let line =
            "level=INFO msg=\"found symbolic link in path. Contents of linked file included and used\" path="
            + link.path + " resolved=" + target.path + "\n"
        #expect(r.err.contains(line), "\(r.err)")
        #expect(!r.out.contains("found symbolic link"))
    }
}
