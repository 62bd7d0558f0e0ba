// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import Foundation
import Testing

/// Renders every chart and values variant of `Tests/Corpus/charts-corpus` through `HelmTemplate.run` (what
/// `tenantctl template` calls) and compares with the recorded `helm template` output byte for byte, skipping
/// only the documents listed in `nondeterministic.txt`, plus the exit code and, for failures, stderr.
///
/// `corpus-known-failures.txt` lists the renders allowed to fail; the suite fails when an unlisted render
/// fails or a listed one passes. Regenerate it with
/// `UPDATE_KNOWN_FAILURES=1 swiftlock swift test --filter CorpusTests`.
@Suite struct CorpusTests {
    @Test func rendersMatchKnownFailures() throws {
        let results = try Corpus.results.get()
        #expect(!results.isEmpty, "no renders found under \(Corpus.root)")
        print(Corpus.table(results))
        for r in results where !r.passed {
            print("  \(r.render.id): \(r.reason)")
        }
        if ProcessInfo.processInfo.environment["UPDATE_KNOWN_FAILURES"] == "1" {
            try Corpus.writeKnownFailures(results)
            print("corpus-known-failures.txt rewritten: \(results.filter { !$0.passed }.count) failing renders")
            return
        }
        let known = Corpus.loadKnownFailures()
        for r in results where !r.passed && known[r.render.id] == nil {
            Issue.record("unexpected failure \(r.render.id): \(r.reason)")
        }
        for r in results where r.passed && known[r.render.id] != nil {
            Issue.record("\(r.render.id) passes now: remove it from corpus-known-failures.txt")
        }
        let ids = Set(results.map(\.render.id))
        for id in known.keys where !ids.contains(id) {
            Issue.record("\(id) is listed in corpus-known-failures.txt but is not a corpus render")
        }
    }
}
