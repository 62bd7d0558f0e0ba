// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import Engine
import Foundation

/// One render of `Tests/Corpus/charts-corpus`: a chart, a values variant, and the `helm template` arguments that
/// produced `expected/<variant>.*` (from the chart's `command.txt`).
struct CorpusRender: Sendable {
    var chart: String
    var variant: String
    /// The arguments after `helm template`, up to the output redirection.
    var arguments: [String]
    /// `Tests/Corpus/charts-corpus/<chart>`, where Helm ran.
    var directory: String

    var id: String { chart + "/" + variant }
}

/// The outcome of one render.
struct CorpusResult: Sendable {
    var render: CorpusRender
    var passed: Bool
    /// One line saying what differed (empty when passed).
    var reason: String
}

enum Corpus {
    static var root: String { Conformance.corpusDirectory + "/charts-corpus" }

    static var knownFailuresPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("corpus-known-failures.txt").path
    }

    /// Every render listed in the charts' `command.txt` files, charts in name order.
    static func loadRenders() throws -> [CorpusRender] {
        let charts = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        var out: [CorpusRender] = []
        for chart in charts {
            let dir = root + "/" + chart
            guard let text = try? String(contentsOfFile: dir + "/command.txt", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                guard words.count > 2, words[0] == "helm", words[1] == "template" else { continue }
                var args: [String] = []
                var variant: String?
                var i = 2
                while i < words.count {
                    if words[i] == ">", i + 1 < words.count {
                        let target = words[i + 1]
                        if target.hasPrefix("expected/"), target.hasSuffix(".yaml") {
                            variant = String(target.dropFirst("expected/".count).dropLast(".yaml".count))
                        }
                        i += 2
                        continue
                    }
                    args.append(words[i])
                    i += 1
                }
                guard let variant else { continue }
                out.append(CorpusRender(chart: chart, variant: variant, arguments: args, directory: dir))
            }
        }
        return out
    }

    /// The flags of `command.txt` as `TemplateOptions` (every flag `helm template` takes that tenantctl
    /// supports). Unknown flags fail the render with a clear reason.
    static func options(_ r: CorpusRender) throws(CorpusHarnessError) -> TemplateOptions {
        var positional: [String] = []
        var o = TemplateOptions(arguments: [])
        o.baseDirectory = r.directory
        var i = 0
        let a = r.arguments
        func value(_ flag: String) throws(CorpusHarnessError) -> String {
            i += 1
            guard i < a.count else { throw CorpusHarnessError(message: "flag \(flag) needs a value") }
            return a[i]
        }
        while i < a.count {
            var word = a[i]
            var inline: String?
            if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
                inline = String(word[word.index(after: eq)...])
                word = String(word[..<eq])
            }
            func v() throws(CorpusHarnessError) -> String {
                if let inline { return inline }
                return try value(word)
            }
            switch word {
            case "-n", "--namespace": o.namespace = try v()
            case "--kube-version": o.kubeVersion = try v()
            case "-f", "--values": o.valueFiles.append(try v())
            case "--set": o.setValues.append(try v())
            case "--set-string": o.setStringValues.append(try v())
            case "--set-json": o.setJSONValues.append(try v())
            case "--set-file": o.setFileValues.append(try v())
            case "--set-literal": o.setLiteralValues.append(try v())
            case "-a", "--api-versions": o.apiVersions.append(try v())
            case "-s", "--show-only": o.showOnly.append(try v())
            case "--output-dir": o.outputDir = try v()
            case "--is-upgrade": o.isUpgrade = true
            case "--include-crds": o.includeCRDs = true
            case "--skip-crds": break
            case "--skip-tests": o.skipTests = true
            case "--no-hooks": o.noHooks = true
            default:
                if word.hasPrefix("-") { throw CorpusHarnessError(message: "unsupported flag \(word) in command.txt") }
                positional.append(word)
            }
            i += 1
        }
        o.arguments = positional
        return o
    }

    /// `variant → document indexes` from `nondeterministic.txt` (tab-separated; `#` comments).
    static func nondeterministic(chartDirectory: String) -> [String: Set<Int>] {
        guard let text = try? String(contentsOfFile: chartDirectory + "/nondeterministic.txt", encoding: .utf8) else {
            return [:]
        }
        var out: [String: Set<Int>] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 2, let index = Int(cols[1]) else { continue }
            out[String(cols[0]), default: []].insert(index)
        }
        return out
    }

    /// Renders one variant in-process through `HelmTemplate.run` and compares with Helm's recorded output.
    static func run(_ r: CorpusRender) -> CorpusResult {
        func result(_ reason: String) -> CorpusResult {
            CorpusResult(render: r, passed: reason.isEmpty, reason: reason)
        }
        let expected = r.directory + "/expected/" + r.variant
        guard let wantOut = try? String(contentsOfFile: expected + ".yaml", encoding: .utf8),
            let exitText = try? String(contentsOfFile: expected + ".exit", encoding: .utf8),
            let wantExit = Int32(exitText.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            return result("harness: expected/\(r.variant).yaml or .exit is missing")
        }
        let options: TemplateOptions
        do {
            options = try Corpus.options(r)
        } catch {
            return result("harness: " + error.message)
        }
        let got = HelmTemplate.run(options)

        if got.exitCode != wantExit {
            if got.exitCode != 0 {
                return result("exit \(got.exitCode), want \(wantExit): " + oneLine(got.stderr))
            }
            return result("exit 0, want \(wantExit) (stderr should be: \(oneLine(wantStderr(expected))))")
        }
        if wantExit != 0 {
            let want = wantStderr(expected)
            if got.stderr != want {
                return result("stderr differs: " + firstDifference(got: got.stderr, want: want))
            }
        }
        let skip = nondeterministic(chartDirectory: r.directory)[r.variant] ?? []
        return result(compareOutput(got: got.stdout, want: wantOut, skip: skip))
    }

    static func wantStderr(_ expected: String) -> String {
        (try? String(contentsOfFile: expected + ".stderr", encoding: .utf8)) ?? ""
    }

    /// "" when equal (documents in `skip` ignored), else where the first difference is.
    static func compareOutput(got: String, want: String, skip: Set<Int>) -> String {
        if got == want { return "" }
        if skip.isEmpty { return "stdout differs: " + firstDifference(got: got, want: want) }
        let g = documents(got)
        let w = documents(want)
        if g.count != w.count {
            return "stdout has \(g.count) documents, want \(w.count); " + firstDifference(got: got, want: want)
        }
        for i in 0..<w.count where !skip.contains(i) && g[i].lines != w[i].lines {
            let line =
                zip(g[i].lines, w[i].lines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(g[i].lines.count, w[i].lines.count)
            let gl = line < g[i].lines.count ? g[i].lines[line] : "<end of document>"
            let wl = line < w[i].lines.count ? w[i].lines[line] : "<end of document>"
            return "stdout differs at line \(w[i].firstLine + line) (document \(i)): got \(quote(gl)) want \(quote(wl))"
        }
        // Only the trailing bytes can differ now (e.g. a final newline).
        return got.hasSuffix("\n") == want.hasSuffix("\n") ? "" : "stdout differs in its final newline"
    }

    /// Documents separated by lines that are exactly `---`, each with the 1-based line number of its first line.
    static func documents(_ text: String) -> [(firstLine: Int, lines: [Substring])] {
        var docs: [(Int, [Substring])] = []
        var current: [Substring] = []
        var start = 1
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line == "---" {
                docs.append((start, current))
                current = []
                start = n + 2
            } else {
                current.append(line)
            }
        }
        docs.append((start, current))
        // Output starts with a `---` line: the empty text before it is not a document (nondeterministic.txt
        // counts grafana's second object, after serviceaccount.yaml, as document 1).
        if text.hasPrefix("---\n"), let first = docs.first, first.1.isEmpty { docs.removeFirst() }
        return docs
    }

    /// `line N: got "…" want "…"` for the first line that differs.
    static func firstDifference(got: String, want: String) -> String {
        let g = got.split(separator: "\n", omittingEmptySubsequences: false)
        let w = want.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(g.count, w.count) {
            let gl = i < g.count ? String(g[i]) : nil
            let wl = i < w.count ? String(w[i]) : nil
            if gl != wl {
                return "line \(i + 1): got \(gl.map(quote) ?? "<end of output>") want \(wl.map(quote) ?? "<end of output>")"
            }
        }
        return "bytes differ (line endings?)"
    }

    static func quote(_ s: some StringProtocol) -> String {
        var t = String(s)
        if t.count > 100 { t = String(t.prefix(100)) + "…" }
        return "`" + t + "`"
    }

    static func oneLine(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "\n\nUse --debug flag to render out invalid YAML", with: "")
        t = t.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: "⏎")
        if t.count > 200 { t = String(t.prefix(200)) + "…" }
        return t
    }

    /// Every render, once per test process.
    static let results: Result<[CorpusResult], CorpusHarnessError> = {
        do {
            return .success(try loadRenders().map(run))
        } catch {
            return .failure(CorpusHarnessError(message: "\(error)"))
        }
    }()

    /// `chart/variant  # reason` lines; blank lines and `#` lines are skipped.
    static func loadKnownFailures() -> [String: String] {
        guard let text = try? String(contentsOfFile: knownFailuresPath, encoding: .utf8) else { return [:] }
        var out: [String: String] = [:]
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "#", maxSplits: 1)
            out[parts[0].trimmingCharacters(in: .whitespaces)] =
                parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        return out
    }

    static func writeKnownFailures(_ results: [CorpusResult]) throws {
        var text = "# Corpus renders expected to fail (chart/variant  # first difference).\n"
        text += "# Regenerate: UPDATE_KNOWN_FAILURES=1 swiftlock swift test --filter CorpusTests\n"
        for r in results where !r.passed {
            text += r.render.id + "  # " + r.reason.replacingOccurrences(of: "#", with: "＃") + "\n"
        }
        try text.write(toFile: knownFailuresPath, atomically: true, encoding: .utf8)
    }

    /// One line per chart: `chart  passed/total  failing variants`.
    static func table(_ results: [CorpusResult]) -> String {
        var order: [String] = []
        var byChart: [String: [CorpusResult]] = [:]
        for r in results {
            if byChart[r.render.chart] == nil { order.append(r.render.chart) }
            byChart[r.render.chart, default: []].append(r)
        }
        var lines = ["chart                     pass  failing"]
        for chart in order {
            let rs = byChart[chart] ?? []
            let failing = rs.filter { !$0.passed }.map(\.render.variant).joined(separator: ", ")
            lines.append(
                chart.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + "\(rs.filter(\.passed).count)/\(rs.count)".padding(toLength: 6, withPad: " ", startingAt: 0)
                    + failing)
        }
        let passed = results.filter(\.passed).count
        lines.append("overall".padding(toLength: 26, withPad: " ", startingAt: 0) + "\(passed)/\(results.count)")
        return lines.joined(separator: "\n")
    }
}

struct CorpusHarnessError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
