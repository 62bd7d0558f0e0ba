// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import Foundation
import Testing

@testable import Engine

/// One recorded `helm template rel ./pipe FLAGS` run (see tools/gen-template-cases.py).
struct TemplatePipelineCase: Sendable, CustomTestStringConvertible {
    var name: String
    var release: String
    var files: [String: String]
    var flags: [String]
    var stdout: String
    var stderr: String
    var exitCode: Int32

    var testDescription: String { name }
}

/// The manifest pipeline end to end against Helm's recorded output: splitting, heads, hooks, install order,
/// NOTES.txt, --show-only, --skip-tests, --no-hooks, --include-crds, and Helm's errors.
@Suite struct TemplatePipelineTests {
    @Test(arguments: templatePipelineCases)
    func matchesHelm(_ c: TemplatePipelineCase) throws {
        let dir = NSTemporaryDirectory() + "tenantctl-pipeline-\(ProcessInfo.processInfo.processIdentifier)-\(c.name)"
        try? FileManager.default.removeItem(atPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (rel, text) in c.files {
            let url = URL(fileURLWithPath: dir + "/pipe/" + rel)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let render = CorpusRender(
            chart: "pipe", variant: c.name, arguments: [c.release, "./pipe"] + c.flags,
            directory: dir)
        let got = HelmTemplate.run(try Corpus.options(render))
        #expect(got.stdout == c.stdout, "stdout: \(Corpus.firstDifference(got: got.stdout, want: c.stdout))")
        #expect(got.stderr == c.stderr)
        #expect(got.exitCode == c.exitCode)
    }
}
