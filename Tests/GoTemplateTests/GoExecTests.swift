// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import ProcessSupport
import Testing

@testable import GoTemplate

/// One row recorded from Go's text/template by tools/gen-go-exec-cases/gen.py: the templates parsed into one
/// set in order (name, text), the one executed, the data as dot, and what Go did — the output, the execution
/// error or the parse error, in Go's exact words.
struct GoExecCase: CustomTestStringConvertible, Sendable {
    var name: String
    var templates: [[String]]
    var exec: String
    var data: Value
    var output: String? = nil
    var error: String? = nil
    var parseError: String? = nil
    var testDescription: String { name }
}

/// The generator's struct `T` (tools/gen-go-exec-cases/main.go): fields X, N and a nil `*T` P, and methods of
/// each shape text/template calls, doing what the Go methods do.
struct GoExecT: GoObject {
    var x: String
    var n: Int

    var goTypeName: String { "main.T" }
    var fields: [(name: String, value: Value)] {
        [("X", .string(x)), ("N", .goInt(n)), ("P", .object(GoExecNilT()))]
    }

    func method(_ name: String) -> GoMethod? {
        @Sendable func int(_ v: Value) -> Int { if case .int(let i, _) = v { return i } else { return 0 } }
        switch name {
        case "Method0": return GoMethod(params: []) { _ in .string("M0") }
        case "Method1": return GoMethod(params: [.int]) { a in .goInt(int(a[0])) }
        case "Method2": return GoMethod(params: [.int, .string]) { a in .string("\(int(a[0]))-\(a[1].stringValue ?? "")") }
        case "Variadic": return GoMethod(params: [], variadic: .int) { a in .goInt(a.reduce(0) { $0 + int($1) }) }
        case "Err": return GoMethod(params: [], returnsError: true) { _ throws(GoError) in throw GoError("my error") }
        case "Ok": return GoMethod(params: [], returnsError: true) { _ in .string("ok") }
        case "Str": return GoMethod(params: [.string]) { a in .string("<" + (a[0].stringValue ?? "") + ">") }
        case "Float":
            return GoMethod(params: [.float64]) { a in
                if case .float(let f) = a[0] { return .float(f * 2) }
                return .float(0)
            }
        default: return nil
        }
    }
}

/// A nil `*main.T`.
struct GoExecNilT: GoObject {
    var goTypeName: String { "*main.T" }
    var kind: ObjectKind { .pointer }
    var isNilPointer: Bool { true }
    var fields: [(name: String, value: Value)] { [] }
}

/// What a row did: the same three outcomes the generator records.
enum GoExecOutcome: Equatable, CustomStringConvertible {
    case output(String)
    case error(String)
    case parseError(String)

    var description: String {
        switch self {
        case .output(let s): "output \(s.debugDescription)"
        case .error(let s): "error \(s.debugDescription)"
        case .parseError(let s): "parse error \(s.debugDescription)"
        }
    }
}

/// Rows where GoTemplate knowingly differs from the Go that recorded them, and why. Each must still differ:
/// the test fails when a listed row starts to pass, so the list cannot go stale.
let goExecKnownDifferences: [String: String] = [
    "imaginary": "GoTemplate has no complex numbers: Go's text/template prints 1i as (0+1i); we refuse it at parse time",
    "complex": "GoTemplate has no complex numbers: Go's text/template evaluates 1+2i; we refuse it at parse time",
]

/// Runs the row on a large stack, as renders run (Go's goroutine stacks grow: `template depth` recurses
/// 100,000 templates deep before Go stops it).
func outcome(of c: GoExecCase) -> GoExecOutcome {
    let box = OutcomeBox()
    Parallel.onLargeStack { box.value = directOutcome(of: c) }
    return box.value ?? .error("not run")
}

private final class OutcomeBox: @unchecked Sendable {
    var value: GoExecOutcome?
}

private func directOutcome(of c: GoExecCase) -> GoExecOutcome {
    var set = TemplateSet(name: c.templates.first?[0] ?? "")
    for t in c.templates {
        do {
            try set.parse(name: t[0], text: t[1])
        } catch {
            return .parseError(error.description)
        }
    }
    do {
        return .output(try set.execute(c.exec, data: c.data))
    } catch {
        return .error(error.message)
    }
}

@Test(arguments: goExecCases)
func goExec(_ c: GoExecCase) {
    let want: GoExecOutcome =
        if let p = c.parseError { .parseError(p) } else if let e = c.error { .error(e) } else { .output(c.output ?? "") }
    let got = outcome(of: c)
    if let reason = goExecKnownDifferences[c.name] {
        withKnownIssue(Comment(rawValue: reason)) { #expect(got == want) }
    } else {
        #expect(got == want)
    }
}

@Test func goExecKnownDifferencesNameRows() {
    let names = Set(goExecCases.map(\.name))
    for name in goExecKnownDifferences.keys { #expect(names.contains(name), "no row named \(name)") }
}
