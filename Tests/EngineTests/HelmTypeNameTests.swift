// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// Go type names and serialisations templates can see (`typeOf`, `kindOf`, `typeIs`, `printf "%T"`, `%v`,
/// `%#v`, `toJson`, `toYaml` of `.Values`, `$`, `.Capabilities`, `.Files`, `.Chart`, `.Release`, `.Template`,
/// `.Subcharts`, times), recorded from Helm v4.1.4 by tools/gen-helm-typename-cases.py as conformance cases
/// (recipe `notes`) in `typename-cases.jsonl` beside this file.
struct HelmTypeNameTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("typename-cases.jsonl").path

    static let cases: [ConformanceCase] = {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(ConformanceCase.self, from: Data($0.utf8)) }
    }()

    /// Cases where tenantctl knowingly differs from Helm, and why; each must still differ.
    static let knownDifferences: [String: String] = [
        "helm-typenames/tojson-subchart-chart":
            "a chart without annotations has a nil map[string]string as .Chart.Annotations in Helm (toJson: null); "
            + "Value has no nil map, so ours is empty ({})"
    ]

    @Test func casesAreRecorded() {
        #expect(Self.cases.count >= 150, "\(Self.path) holds \(Self.cases.count) cases")
    }

    @Test(arguments: cases.indices)
    func matchesHelm(index: Int) {
        let c = Self.cases[index]
        let root = NSTemporaryDirectory() + "tenantctl-typenames-\(ProcessInfo.processInfo.processIdentifier)-\(index)"
        try? FileManager.default.removeItem(atPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = Conformance.run(c, root: root, index: index)
        if let reason = Self.knownDifferences[c.id] {
            withKnownIssue(Comment(rawValue: reason)) { #expect(result.passed, "\(c.id): \(result.reason)") }
        } else {
            #expect(result.passed, "\(c.id): \(result.reason)")
        }
    }
}
