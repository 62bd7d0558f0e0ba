// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import GoRuntime
import Tenancy
import Testing

/// A command's own values (`-f` files, `-` for standard input, then the `--set` family), as tenant commands
/// build them.
struct CommandValuesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String]
        var stdin: String
        var set: [String] = []
        /// `%v` of the merged values, or the error message.
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "stdin", files: ["-"], stdin: "replicas: 3\nimage: {tag: v2}\n", expected: "map[image:map[tag:v2] replicas:3]"),
        Case(name: "stdin with spaces around the dash", files: [" - "], stdin: "a: 1\n", expected: "map[a:1]"),
        Case(name: "--set over stdin", files: ["-"], stdin: "a: 1\nb: 2\n", set: ["b=3"], expected: "map[a:1 b:3]"),
        Case(name: "only the first reader gets stdin", files: ["-", "-"], stdin: "a: 1\n", expected: "map[a:1]"),
        Case(name: "stdin that is not YAML", files: ["-"], stdin: "a: [1\n", expected: "<stdin>:1: did not find expected ',' or ']'"),
    ]

    @Test(arguments: cases)
    func merged(_ c: Case) {
        do {
            let v = try ValuesFile.commandValues(
                files: c.files, setValues: SetValues(set: c.set),
                standardInput: StandardInput(Array(c.stdin.utf8)))
            #expect(GoFmt.sprint([.dict(v)]) == c.expected)
        } catch {
            #expect(error.message == c.expected)
        }
    }
}
