// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// `tenantctl eval` through the built binary, on a sample of conformance cases: it must print the case's
/// expected output byte for byte, or Helm's error on standard error with exit status 1.
@Suite struct EvalCLITests {
    static var binary: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/tenantctl").path
    }

    /// Every 7th deterministic `notes` case of the template-language and values categories that is not a
    /// known failure.
    static func sample() throws -> [ConformanceCase] {
        let known = Conformance.loadKnownFailures()
        let eligible = try Conformance.loadCases().filter {
            ($0.category.hasPrefix("tpl-") || $0.category == "values") && $0.deterministic != false
                && ($0.recipe ?? "notes") == "notes" && known[$0.id] == nil
        }
        return stride(from: 0, to: eligible.count, by: 7).map { eligible[$0] }
    }

    @Test func evalMatchesHelmOnSampledCases() throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else {
            Issue.record("tenantctl is not built at \(EvalCLITests.binary); run `swift build` first")
            return
        }
        let cases = try EvalCLITests.sample()
        #expect(cases.count > 30)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-eval-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (i, c) in cases.enumerated() {
            let dir = root + "/\(i)"
            let chart = try Conformance.materialise(c, in: dir)
            let (status, out, err) = try run(["eval", chart, "templates/NOTES.txt", "--release-name", "r", "--namespace", "ns1"])
            if let output = c.expect.output {
                #expect(status == 0 && out == output, "\(c.id): got status \(status) stdout \(out.debugDescription) stderr \(err)")
            } else if let message = c.expect.message {
                let helmPrefix = "Error: INSTALLATION FAILED: "
                let expected = "Error: " + (message.hasPrefix(helmPrefix) ? String(message.dropFirst(helmPrefix.count)) : message) + "\n"
                #expect(status == 1 && err == expected, "\(c.id): got status \(status) stderr \(err.debugDescription)")
            }
        }
    }

    @Test func helpTeaches() throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else { return }
        let (status, out, _) = try run(["eval", "--help"])
        #expect(status == 0)
        #expect(out.contains("Examples:"))
        #expect(out.contains("--set <key=value>"))
    }

    func run(_ args: [String]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: EvalCLITests.binary)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
