// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import GoRuntime
import Testing

@testable import Engine

/// Charts whose templates change no map render their files on every core; those that may (`set`, `merge`,
/// `tpl` …) render one file after another. Both must give Helm's results: the files in Helm's order, and on
/// failure the error of the first failing file in that order.
struct RenderOrderTests {
    /// Renders a chart `c` made of `templates` (file name → text) and returns (name, output) or the error.
    static func render(_ templates: [String: String]) throws -> Result<[(name: String, output: String)], RenderError> {
        var files = [
            ChartFile(name: "Chart.yaml", data: Array("apiVersion: v2\nname: c\nversion: 0.1.0\n".utf8)),
            ChartFile(name: "values.yaml", data: Array("count: 3\nlist: [a, b, c]\n".utf8)),
        ]
        for (name, text) in templates { files.append(ChartFile(name: "templates/" + name, data: Array(text.utf8))) }
        let chart = try ChartDirectory.loadFiles(files)
        let plan = try makeRenderValues(chart: chart, values: .dict([:]), options: ReleaseOptions())
        let parsed = try ParsedTemplates.parse(plan)
        return Result { () throws(RenderError) in try parsed.render() }
    }

    /// Twenty files, each using a shared helper and the values; `mutate` adds a `set` on a local dict to one
    /// of them, which sends the chart down the one-after-another path.
    static func files(mutate: Bool) -> [String: String] {
        var t = ["_helpers.tpl": #"{{ define "c.name" }}{{ .Chart.Name }}-{{ .Values.count }}{{ end }}"#]
        for i in 0..<20 {
            t["f\(i).yaml"] = "i: \(i)\nname: {{ include \"c.name\" . }}\n{{- range .Values.list }}\n- {{ . }}\n{{- end }}\n"
        }
        if mutate { t["f7.yaml"] = #"{{ $d := dict }}{{ $_ := set $d "k" "v" }}k: {{ $d.k }}"# }
        return t
    }

    @Test func filesInHelmsOrderOnBothPaths() throws {
        for mutate in [false, true] {
            let out = try Self.render(Self.files(mutate: mutate)).get()
            // Helm's order: deepest paths first, then reverse alphabetical.
            let names = out.map(\.name)
            #expect(names == names.sorted(by: >), "mutate: \(mutate)")
            #expect(names.count == 20)
            for (name, text) in out where name != "c/templates/f7.yaml" || !mutate {
                let i = name.dropFirst("c/templates/f".count).dropLast(".yaml".count)
                #expect(text == "i: \(i)\nname: c-3\n- a\n- b\n- c\n", "\(name), mutate: \(mutate)")
            }
            if mutate {
                #expect(out.first { $0.name == "c/templates/f7.yaml" }?.output == "k: v")
            }
        }
    }

    /// A file that changes a shared map (here the values, directly or through a merge into a map reached from
    /// them) is seen by the files Helm renders after it: such a chart renders one file after another.
    @Test(arguments: [
        #"{{ $_ := set .Values "shared" "from-b" }}"#,
        #"{{ $d := dict "inner" .Values.nested }}{{ $_ := merge $d (dict "inner" (dict "shared" "from-b")) }}"#,
        #"{{ $_ := unset .Values "shared" }}{{ $_ := set .Values "shared" "from-b" }}"#,
    ])
    func sharedChangesSeenInHelmsOrder(_ change: String) throws {
        var t = Self.files(mutate: false)
        // Reverse alphabetical: z.yaml renders first, then y.yaml.
        t["z.yaml"] = change + "z"
        t["y.yaml"] = "y={{ .Values.shared }}{{ .Values.nested.shared }}"
        var files = [
            ChartFile(name: "Chart.yaml", data: Array("apiVersion: v2\nname: c\nversion: 0.1.0\n".utf8)),
            ChartFile(name: "values.yaml", data: Array("count: 3\nlist: [a]\nshared: orig\nnested: {}\n".utf8)),
        ]
        for (name, text) in t { files.append(ChartFile(name: "templates/" + name, data: Array(text.utf8))) }
        let chart = try ChartDirectory.loadFiles(files)
        let plan = try makeRenderValues(chart: chart, values: .dict([:]), options: ReleaseOptions())
        let out = try ParsedTemplates.parse(plan).render()
        let y = out.first { $0.name == "c/templates/y.yaml" }?.output
        if change.contains("merge") {
            #expect(y == "y=origfrom-b")
        } else {
            #expect(y == "y=from-b")
        }
        #expect(out.first { $0.name == "c/templates/z.yaml" }?.output == "z")
    }

    @Test(arguments: [false, true])
    func firstFailureInHelmsOrder(mutate: Bool) throws {
        var t = Self.files(mutate: mutate)
        // Reverse alphabetical order runs f5 before f3 before f12: f5's error is the one Helm reports.
        t["f12.yaml"] = #"{{ fail "twelve" }}"#
        t["f3.yaml"] = #"{{ fail "three" }}"#
        t["f5.yaml"] = #"{{ fail "five" }}"#
        switch try Self.render(t) {
        case .success: Issue.record("expected a failure")
        case .failure(let e):
            #expect(e.message.contains("c/templates/f5.yaml"), "\(e.message)")
            #expect(e.message.contains("five"))
        }
    }
}
