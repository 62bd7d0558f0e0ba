// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// The warnings Helm's values coalescing logs on standard error (`level=INFO msg="warning: …"`), through the
/// built binary (`tenantctl template r ./conf -f user.yaml`). Each row's lines were recorded from
/// `helm template` v4.1.4 on the same chart. Helm walks Go maps, so several warnings come in any order: the
/// lines are compared as a multiset. With `dependencies` declared, Helm coalesces twice (ProcessDependencies,
/// then ToRenderValues) and logs twice.
@Suite struct CoalesceWarningTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var user: String
        var declared = false
        var lines: [String]
        var testDescription: String { (declared ? "[deps] " : "") + user }
    }

    static let parentValues = "a: 1\nb:\n  c: 1\nd:\n  e:\n    f: 1\nn: null\nglobal:\n  g: {h: 1}\n  s: 1\nsub:\n  k: 1\n"
    static let subValues = "x: 1\ny: {z: 1}\nk: {m: 1}\n"

    static func info(_ m: String) -> String { "level=INFO msg=\"\(m)\"" }

    static let cases: [Case] = [
        Case(user: "a: {x: 1}", lines: [info("warning: skipped value for conf.a: Not a table.")]),
        Case(user: "b: {c: {y: 1}}", lines: [info("warning: destination for conf.b.c is a table. Ignoring non-table value (1)")]),
        Case(user: "d: {e: 5}", lines: [info("warning: cannot overwrite table with non table for conf.d.e (map[f:1])")]),
        Case(user: "d: {e: {f: {q: 1}}}", lines: [info("warning: destination for conf.d.e.f is a table. Ignoring non-table value (1)")]),
        Case(user: "n: {x: 1}", lines: []),
        Case(user: "sub: {x: {q: 1}}", lines: [info("warning: skipped value for conf.sub.x: Not a table.")]),
        Case(user: "sub: {y: 2}", lines: []),
        Case(user: "sub: {k: 3}", lines: []),
        Case(
            user: "sub: {k: {m: {n: 1}}}",
            lines: [
                info("warning: destination for conf.sub.k is a table. Ignoring non-table value (1)"),
                info("warning: destination for conf.sub.k.m is a table. Ignoring non-table value (1)"),
            ]),
        Case(user: "global: 1", lines: [info("warning: skipping globals because source global is not a table.")]),
        Case(user: "global: {g: 1}", lines: [info("warning: cannot overwrite table with non table for conf.global.g (map[h:1])")]),
        Case(user: "global: {s: {t: 1}}", lines: [info("warning: destination for conf.global.s is a table. Ignoring non-table value (1)")]),
        Case(user: "sub: {global: 1}", lines: [info("warning: skipping globals because destination global is not a table.")]),
        Case(user: "sub: {global: {g: 2}}", lines: [info("Conflict: cannot merge map onto non-map for \\\"g\\\". Skipping.")]),
        Case(
            user: "a: {x: 1}\nb: {c: {y: 1}}",
            lines: [
                info("warning: skipped value for conf.a: Not a table."),
                info("warning: destination for conf.b.c is a table. Ignoring non-table value (1)"),
            ]),
        Case(
            user: "a: {x: 1}", declared: true,
            lines: Array(repeating: info("warning: skipped value for conf.a: Not a table."), count: 2)),
        Case(
            user: "sub: {x: {q: 1}}", declared: true,
            lines: [
                info("warning: skipped value for conf.sub.x: Not a table."),
                info("warning: destination for conf.sub.x is a table. Ignoring non-table value (1)"),
                info("warning: skipped value for conf.sub.x: Not a table."),
            ]),
        Case(
            user: "sub: {global: {g: 2}}", declared: true,
            lines: [
                info("Conflict: cannot merge map onto non-map for \\\"g\\\". Skipping."),
                info("warning: cannot overwrite table with non table for conf.sub.global.g (map[h:1])"),
                info("Conflict: cannot merge map onto non-map for \\\"g\\\". Skipping."),
            ]),
    ]

    @Test(arguments: cases)
    func warnsLikeHelm(_ c: Case) throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else {
            Issue.record("tenantctl is not built at \(EvalCLITests.binary); run `swift build` first")
            return
        }
        let dir = NSTemporaryDirectory() + "tenantctl-coalesce-\(getpid())-\(abs(c.testDescription.hashValue))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files: [String: String] = [
            "conf/Chart.yaml": "apiVersion: v2\nname: conf\nversion: 0.1.0\n"
                + (c.declared ? "dependencies:\n- name: sub\n  version: 0.1.0\n" : ""),
            "conf/values.yaml": Self.parentValues,
            "conf/templates/x.yaml": "{{ toJson .Values }}\n",
            "conf/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
            "conf/charts/sub/values.yaml": Self.subValues,
            "conf/charts/sub/templates/y.yaml": "{{ toJson .Values }}\n",
            "user.yaml": c.user + "\n",
        ]
        for (path, text) in files {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        let (status, _, err) = try EvalCLITests().run(["template", "r", dir + "/conf", "-f", dir + "/user.yaml"])
        #expect(status == 0)
        let got = err.split(separator: "\n").map(String.init).sorted()
        #expect(got == c.lines.sorted(), "\(err)")
    }
}
