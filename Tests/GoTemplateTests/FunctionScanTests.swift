// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import GoTemplate

/// Which functions with an effect a parsed set calls, wherever they appear (templates, branches, nested
/// pipelines, `define`d templates); text and field names that merely look like them do not count.
@Suite struct FunctionScanTests {
    struct Row: Sendable {
        var source: String
        var calls: Bool
        var sites: Int
    }

    /// `print` and `len` are given an effect for the test (the builtins have none).
    static let names = ["print", "len"]

    @Test(arguments: [
        Row(source: "print len set", calls: false, sites: 0),
        Row(source: "{{ .print }}{{ $x := 1 }}{{ $x }}", calls: false, sites: 0),
        Row(source: "{{ print 1 }}", calls: true, sites: 1),
        Row(source: "{{ if true }}{{ else }}{{ 1 | print }}{{ end }}", calls: true, sites: 1),
        Row(source: "{{ range (list) }}{{ end }}{{ with (len .) }}{{ len . }}{{ end }}", calls: true, sites: 2),
        Row(source: "{{ define \"x\" }}{{ (print 1).Foo }}{{ end }}{{ template \"x\" (print 2) }}", calls: true, sites: 2),
        Row(source: "{{ and (or 1 (print 2)) (print 3 (len \"a\")) }}", calls: true, sites: 3),
    ])
    func scan(_ row: Row) throws {
        var table = FunctionTable.builtins
        table.register("list", GoFunction([]) { _ in .list([]) })
        for name in Self.names {
            var fn = try #require(table[name])
            fn.effects = .changesMaps
            table.register(name, fn)
        }
        var set = TemplateSet(name: "t", functions: table)
        try set.parse(name: "t", text: row.source)
        #expect(set.calls(anyWith: .changesMaps) == row.calls)
        #expect(set.callSites(with: .changesMaps) == row.sites)
        #expect(set.callSites(with: .runsTemplateText) == 0)
    }

    /// parseAll gives the same set as parsing file by file, and reports the first failing file in order.
    @Test func parseAllMatchesSequential() throws {
        let files = (0..<40).map { i in ("f\(i)", "{{ define \"d\" }}\(i){{ end }}{{ template \"d\" }}-\(i)") }
        var one = TemplateSet(name: "t", functions: .builtins)
        for (n, t) in files { try one.parse(name: n, text: t) }
        var all = TemplateSet(name: "t", functions: .builtins)
        try all.parseAll(files.map { (name: $0.0, text: $0.1) })
        #expect(all.templateNames == one.templateNames)
        #expect(try all.execute("f3", data: .null) == one.execute("f3", data: .null))
        var broken = files.map { (name: $0.0, text: $0.1) }
        broken[7].text = "{{ if }}"
        broken[30].text = "{{ end }}"
        var bad = TemplateSet(name: "t", functions: .builtins)
        do {
            try bad.parseAll(broken)
            Issue.record("parseAll accepted broken files")
        } catch {
            #expect(error.index == 7)
        }
    }
}
