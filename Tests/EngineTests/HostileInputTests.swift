// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// Hostile templates through the built binary (`tenantctl eval`), where Helm itself dies (a Go stack overflow
/// or killed for memory: no Helm answer to record) and tenantctl must fail at once with a clear error — exit
/// status 1 and the error line. The cases where Helm answers are conformance cases
/// (`Tests/Corpus/conformance-extra`).
@Suite struct HostileInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var template: String
        var values: String
        /// A piece of the error on stderr.
        var message: String
        var description: String { name }
    }

    static let selfMap = "{{ $m := dict }}{{ $_ := set $m \"s\" $m }}"
    static let cases: [Case] = [
        Case(
            name: "printf %v of a map holding itself", template: selfMap + "{{ printf \"%v\" $m }}", values: "",
            message: "error calling printf: cannot print a value that contains itself (a map[string]interface {} holds a reference to itself"),
        Case(
            name: "toString of a map holding itself", template: selfMap + "{{ toString $m }}", values: "",
            message: "error calling toString: cannot print a value that contains itself"),
        Case(
            name: "print of a map holding itself", template: selfMap + "{{ print $m 1 }}", values: "",
            message: "error calling print: cannot print a value that contains itself"),
        Case(
            name: "an action printing a map holding itself", template: selfMap + "{{ $m }}", values: "",
            message: "at <{{$m}}>:\n    cannot print a value that contains itself"),
        Case(
            name: "two self references (no exponential walk)",
            template: selfMap + "{{ $_ := set $m \"t\" $m }}{{ printf \"%v\" $m }}", values: "",
            message: "cannot print a value that contains itself"),
        Case(
            name: "toToml of a map holding itself", template: selfMap + "{{ toToml $m }}", values: "",
            message: "error calling toToml: toml: cannot encode a value that contains itself"),
        Case(
            name: "mergeOverwrite into a map holding it, twice",
            template: "{{ $_ := mergeOverwrite .Values.a .Values }}{{ $_ := mergeOverwrite .Values.a .Values }}",
            values: "a: {b: 1}\n",
            message: "error calling mergeOverwrite: mergeOverwrite: the maps nest deeper than 10000 levels"),
    ]

    @Test(arguments: cases)
    func failsWithClearError(_ c: Case) throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else {
            Issue.record("tenantctl is not built at \(EvalCLITests.binary); run `swift build` first")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-hostile-\(getpid())-\(abs(c.name.hashValue))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let chart = dir.appendingPathComponent("conf")
        try FileManager.default.createDirectory(at: chart.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("apiVersion: v2\nname: conf\nversion: 0.1.0\n".utf8).write(to: chart.appendingPathComponent("Chart.yaml"))
        try Data(c.values.utf8).write(to: chart.appendingPathComponent("values.yaml"))
        try Data(c.template.utf8).write(to: chart.appendingPathComponent("templates/NOTES.txt"))
        let started = Date()
        let (status, out, err) = try EvalCLITests().run(["eval", chart.path, "templates/NOTES.txt"])
        #expect(status == 1)
        #expect(out.isEmpty)
        #expect(err.hasPrefix("Error: "), "\(err.prefix(300))")
        #expect(err.contains("conf/templates/NOTES.txt:1:"), "\(err.prefix(300))")
        #expect(err.contains(c.message), "\(err.prefix(300))")
        #expect(Date().timeIntervalSince(started) < 20)
    }
}
