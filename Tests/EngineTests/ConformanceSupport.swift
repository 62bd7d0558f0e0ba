// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Engine
import Foundation
import GoRuntime

/// One line of `Tests/Corpus/conformance/cases.jsonl`.
struct ConformanceCase: Decodable, Sendable {
    struct Expect: Decodable, Sendable {
        var output: String?
        var error: Bool?
        var message: String?
    }

    var id: String
    var category: String
    var template: String
    var helpers: [String: String]
    var values_yaml: String
    /// `values.yaml` as base64, for bytes that are not UTF-8 (`conformance-extra` only; `values_yaml` is then empty).
    var values_yaml_base64: String?
    var files: [String: String]
    /// Files of the chart as base64, for bytes that are not UTF-8 (`conformance-extra` only).
    var files_base64: [String: String]?
    var chart_yaml: String
    var expect: Expect
    var deterministic: Bool?
    var output_regex: String?
    var recipe: String?
}

/// The outcome of running one case.
struct CaseResult: Sendable {
    var id: String
    var category: String
    var passed: Bool
    /// One line saying what differed (empty when passed).
    var reason: String
}

enum Conformance {
    /// The project's own copy of the recorded expectations: `Tests/Corpus/` (or `$TENANTCTL_CORPUS`), holding
    /// `conformance/` and `charts-corpus/` as recorded from real Helm v4.1.4 (see README.md, "Tests").
    static var corpusDirectory: String {
        if let env = ProcessInfo.processInfo.environment["TENANTCTL_CORPUS"], !env.isEmpty { return env }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus").path
    }

    static var knownFailuresPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("known-failures.txt").path
    }

    /// The shared recorded cases (`conformance/`), then the project's own (`conformance-extra/`, recorded from the
    /// same Helm by `tools/conformance-extra/record.py`; see its README).
    static func loadCases() throws -> [ConformanceCase] {
        let decoder = JSONDecoder()
        var cases: [ConformanceCase] = []
        let ownCorpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus").path
        for path in [corpusDirectory + "/conformance", ownCorpus + "/conformance-extra"] {
            let text = try String(contentsOfFile: path + "/cases.jsonl", encoding: .utf8)
            cases += try text.split(separator: "\n").map { line in
                try decoder.decode(ConformanceCase.self, from: Data(line.utf8))
            }
        }
        return cases
    }

    /// Writes the case's chart as the README describes: `conf/Chart.yaml`, `values.yaml`, helpers under
    /// `templates/`, `files`, and the case template as `templates/NOTES.txt` (recipe `notes`) or
    /// `templates/_case.tpl` + `templates/out.yaml` (recipe `include-json`).
    static func materialise(_ c: ConformanceCase, in dir: String) throws -> String {
        let chart = dir + "/conf"
        func write(_ rel: String, _ text: String) throws {
            let url = URL(fileURLWithPath: chart + "/" + rel)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("Chart.yaml", c.chart_yaml)
        try write("values.yaml", c.values_yaml)
        if let raw = c.values_yaml_base64, let bytes = Data(base64Encoded: raw) {
            try bytes.write(to: URL(fileURLWithPath: chart + "/values.yaml"))
        }
        for (name, text) in c.helpers { try write("templates/" + name, text) }
        for (name, text) in c.files { try write(name, text) }
        for (name, raw) in c.files_base64 ?? [:] {
            guard let bytes = Data(base64Encoded: raw) else { continue }
            try bytes.write(to: URL(fileURLWithPath: chart + "/" + name))
        }
        if c.recipe == "include-json" {
            try write("templates/_case.tpl", "{{ define \"case\" }}" + c.template + "{{ end }}")
            try write(
                "templates/out.yaml",
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: out
                data:
                  out: {{ include "case" . | toJson }}

                """)
        } else {
            try write("templates/NOTES.txt", c.template)
        }
        return chart
    }

    /// Runs one case: load, render through `HelmRenderer.renderFile`, compare.
    ///
    /// Recipe `include-json` renders `templates/out.yaml` with `--kube-version 1.31.0` and JSON-decodes the
    /// value after `out: ` (the `toJson` of the `include`), which is exactly the string `include` returned.
    static func run(_ c: ConformanceCase, root: String, index: Int) -> CaseResult {
        let includeJSON = c.recipe == "include-json"
        let errorPrefix = includeJSON ? "Error: " : "Error: INSTALLATION FAILED: "
        var output: String?
        var errorText: String?
        do {
            let dir = try materialise(c, in: root + "/\(index)")
            let chart = try ChartDirectory.load(directory: dir)
            let options = ReleaseOptions(
                releaseName: "r", namespace: "ns1",
                kubeVersion: includeJSON ? "1.31.0" : "v1.35.0")
            let file = includeJSON ? "conf/templates/out.yaml" : "conf/templates/NOTES.txt"
            let rendered = try HelmRenderer.renderFile(chart: chart, valueFiles: [], file: file, options: options)
            if includeJSON {
                guard let v = extractIncludeJSON(rendered) else {
                    return CaseResult(
                        id: c.id, category: c.category, passed: false,
                        reason: "could not find data.out in: " + oneLine(rendered))
                }
                output = v
            } else {
                output = rendered
            }
        } catch let e as ChartError {
            errorText = errorPrefix + e.message
        } catch let e as RenderError {
            errorText = errorPrefix + e.message
        } catch {
            errorText = "harness: \(error)"
        }
        return compare(c, output: output, errorText: errorText)
    }

    static func extractIncludeJSON(_ rendered: String) -> String? {
        for line in rendered.split(separator: "\n", omittingEmptySubsequences: false) {
            let prefix = "  out: "
            guard line.hasPrefix(prefix) else { continue }
            let json = String(line.dropFirst(prefix.count))
            guard let any = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
                let s = any as? String
            else { return nil }
            return s
        }
        return nil
    }

    static func compare(_ c: ConformanceCase, output: String?, errorText: String?) -> CaseResult {
        func fail(_ reason: String) -> CaseResult {
            CaseResult(id: c.id, category: c.category, passed: false, reason: reason)
        }
        let ok = CaseResult(id: c.id, category: c.category, passed: true, reason: "")
        if c.expect.error == true {
            let want = c.expect.message ?? ""
            guard let errorText else { return fail("expected error, got output " + oneLine(output ?? "")) }
            return errorText == want ? ok : fail("error differs: got " + oneLine(errorText))
        }
        guard let output else { return fail("unexpected error: " + oneLine(errorText ?? "")) }
        if c.deterministic == false, let pattern = c.output_regex {
            guard let re = try? NSRegularExpression(pattern: pattern) else { return fail("bad output_regex") }
            let ns = output as NSString
            let m = re.firstMatch(in: output, options: [.anchored], range: NSRange(location: 0, length: ns.length))
            return m?.range.length == ns.length ? ok : fail("output does not match regex: " + oneLine(output))
        }
        let want = c.expect.output ?? ""
        return output == want ? ok : fail("output differs: got " + oneLine(output) + " want " + oneLine(want))
    }

    static func oneLine(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "\n", with: "\\n")
        if t.count > 120 { t = String(t.prefix(120)) + "…" }
        return t
    }

    /// Runs every case once (materialised under one temporary root, removed afterwards).
    static let results: Result<[CaseResult], ConformanceSetupError> = {
        do {
            let cases = try loadCases()
            let root = NSTemporaryDirectory() + "tenantctl-conformance-\(ProcessInfo.processInfo.processIdentifier)"
            try? FileManager.default.removeItem(atPath: root)
            defer { try? FileManager.default.removeItem(atPath: root) }
            return .success(cases.enumerated().map { run($1, root: root, index: $0) })
        } catch {
            return .failure(ConformanceSetupError(message: "\(error)"))
        }
    }()

    /// `case-id  # reason` lines; blank lines and lines starting with `#` are skipped.
    static func loadKnownFailures() -> [String: String] {
        guard let text = try? String(contentsOfFile: knownFailuresPath, encoding: .utf8) else { return [:] }
        var out: [String: String] = [:]
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "#", maxSplits: 1)
            let id = parts[0].trimmingCharacters(in: .whitespaces)
            out[id] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        return out
    }

    static func writeKnownFailures(_ results: [CaseResult]) throws {
        var text = "# Conformance cases expected to fail (case-id  # first line of the mismatch).\n"
        text += "# Regenerate: UPDATE_KNOWN_FAILURES=1 swiftlock swift test --filter ConformanceTests\n"
        for r in results where !r.passed {
            text += r.id + "  # " + r.reason.replacingOccurrences(of: "#", with: "＃") + "\n"
        }
        try text.write(toFile: knownFailuresPath, atomically: true, encoding: .utf8)
    }

    /// `category passed/total pct` lines plus the overall line.
    static func table(_ results: [CaseResult]) -> String {
        var byCategory: [String: (Int, Int)] = [:]
        for r in results {
            var e = byCategory[r.category] ?? (0, 0)
            e.1 += 1
            if r.passed { e.0 += 1 }
            byCategory[r.category] = e
        }
        func pct(_ p: Int, _ t: Int) -> String { String(format: "%5.1f%%", t == 0 ? 0 : Double(p) * 100 / Double(t)) }
        var lines: [String] = []
        for (cat, e) in byCategory.sorted(by: { $0.key < $1.key }) {
            lines.append(
                cat.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%4d/%-4d ", e.0, e.1) + pct(e.0, e.1))
        }
        let passed = results.filter(\.passed).count
        lines.append(
            "overall".padding(toLength: 24, withPad: " ", startingAt: 0)
                + String(format: "%4d/%-4d ", passed, results.count) + pct(passed, results.count))
        return lines.joined(separator: "\n")
    }

    /// Pass rate of the categories the gate covers (`tpl-*`, `values`).
    static func gatedRate(_ results: [CaseResult]) -> (passed: Int, total: Int) {
        let gated = results.filter { $0.category.hasPrefix("tpl-") || $0.category == "values" }
        return (gated.filter(\.passed).count, gated.count)
    }
}

struct ConformanceSetupError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
