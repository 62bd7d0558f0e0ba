// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// `tenantctl drift` on the directory target, through the built binary: each hand-made change to deploy/acme/
/// is reported with its kind and exit status 2; an untouched folder is exit 0.
@Suite(.serialized) struct DriftTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Shell-free edits of the tenant folder: (file, new content or nil to delete).
        var edit: @Sendable (URL) throws -> Void
        var status: Int32
        var firstLine: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "untouched", edit: { _ in }, status: 0, firstLine: "No drift."),
        Case(
            name: "a file edited",
            edit: { dir in
                let f = dir.appendingPathComponent("configmap-acme-config.yaml")
                try (String(contentsOf: f, encoding: .utf8).replacingOccurrences(of: "greeting: \"hello\"", with: "greeting: \"hacked\""))
                    .write(to: f, atomically: true, encoding: .utf8)
            }, status: 2, firstLine: "changed ConfigMap acme-config (acme/configmap-acme-config.yaml, revision 1)"),
        Case(
            name: "a file deleted",
            edit: { dir in try FileManager.default.removeItem(at: dir.appendingPathComponent("resourcequota-acme-quota.yaml")) },
            status: 2, firstLine: "removed ResourceQuota acme-quota (acme/resourcequota-acme-quota.yaml, revision 1)"),
    ]

    @Test(arguments: cases)
    func drift(_ c: Case) throws {
        guard EndToEndTests.built else { return }
        let dir = try EndToEndTests.workspace("drift-\(c.name.replacingOccurrences(of: " ", with: "-"))")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try EndToEndTests.run(["install", "acme", "--tier", "basic"], in: dir).status == 0)
        try c.edit(dir.appendingPathComponent("deploy/acme"))
        let r = try EndToEndTests.run(["drift", "acme"], in: dir)
        #expect(r.status == c.status, "\(r.err)")
        #expect(r.out.split(separator: "\n").first.map(String.init) == c.firstLine)
        let json = try EndToEndTests.run(["drift", "--all", "-o", "json"], in: dir)
        #expect(json.status == c.status)
        #expect(json.out.contains("\"drifted\" : \(c.status == 2)"))
    }

    @Test func usage() throws {
        guard EndToEndTests.built else { return }
        let dir = try EndToEndTests.workspace("drift-usage")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try EndToEndTests.run(["drift"], in: dir)
        #expect(r.status == 64)
        let none = try EndToEndTests.run(["drift", "acme"], in: dir)
        #expect(none.status == 1 && none.err.contains("has no deployed releases"), "\(none.err)")
    }
}
