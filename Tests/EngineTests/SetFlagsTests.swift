// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import Chart
import Foundation
import GoRuntime
import Testing
import YAMLKit

@testable import Engine

/// One recorded `helm template rel ./vals FLAGS` run (see tools/gen-setflag-cases.py).
struct SetFlagCase: Sendable, CustomTestStringConvertible {
    var flags: [String]
    /// Files beside the chart (values files, --set-file inputs), relative to where Helm ran.
    var files: [String: String] = [:]
    /// Whether the chart has its values.yaml (`setFlagChartDefaults`).
    var defaults = false
    var stdin = ""
    var stdout: String
    var stderr: String
    var exitCode: Int32
    /// The typed dump of .Values Helm printed; nil when it failed.
    var values: String?

    var testDescription: String { flags.map { GoStrconv.quote($0) }.joined(separator: " ") }

    /// Writes the chart and the files into a fresh folder.
    func materialise(in dir: String) throws {
        try? FileManager.default.removeItem(atPath: dir)
        var all = setFlagChart.merging(files) { a, _ in a }
        if defaults { all["vals/values.yaml"] = setFlagChartDefaults }
        for (rel, text) in all {
            let url = URL(fileURLWithPath: dir + "/" + rel)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// The flags as `SetValues`, and the `-f` files, in order.
    var parsedFlags: (files: [String], sets: SetValues) {
        var files: [String] = []
        var sets = SetValues()
        var i = 0
        while i + 1 < flags.count {
            let value = flags[i + 1]
            switch flags[i] {
            case "-f": files.append(value)
            case "--set": sets.set.append(value)
            case "--set-string": sets.string.append(value)
            case "--set-json": sets.json.append(value)
            case "--set-file": sets.file.append(value)
            case "--set-literal": sets.literal.append(value)
            default: Issue.record("unexpected flag \(flags[i])")
            }
            i += 2
        }
        return (files, sets)
    }
}

/// The template's typed dump of a value: maps in Go's key order, `%T(%v)` for everything else.
func typedDump(_ v: Value) -> String {
    switch v {
    case .map(let m, _):
        let d = m.dictionary
        return "{" + d.keys.sorted(by: GoSort.less).map { "\($0): \(typedDump(d[$0] ?? .null)); " }.joined() + "}"
    case .slice(let items, _):
        return "[" + items.map { typedDump($0) + "; " }.joined() + "]"
    case .null:
        return "<nil>(<nil>)"
    default:
        return "\(v.goType?.name ?? "?")(\(v.goDescription))"
    }
}

/// Helm's --set-json, --set, --set-string, --set-file and --set-literal against Helm v4.1.4's recorded output.
@Suite struct SetFlagsTests {
    static func directory(_ c: SetFlagCase, _ kind: String) -> String {
        let index = setFlagCases.firstIndex { $0.flags == c.flags && $0.stdin == c.stdin && $0.defaults == c.defaults } ?? -1
        return NSTemporaryDirectory() + "tenantctl-setflags-\(ProcessInfo.processInfo.processIdentifier)-\(kind)-\(index)"
    }

    /// `helm template` end to end, in-process: stdout, stderr and exit status byte for byte.
    @Test(arguments: setFlagCases)
    func templateMatchesHelm(_ c: SetFlagCase) throws {
        let dir = Self.directory(c, "template")
        try c.materialise(in: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let render = CorpusRender(
            chart: "vals", variant: "setflags", arguments: ["rel", "./vals"] + c.flags,
            directory: dir)
        var options = try Corpus.options(render)
        options.standardInput = Array(c.stdin.utf8)
        let got = HelmTemplate.run(options)
        #expect(got.stdout == c.stdout, "stdout: \(Corpus.firstDifference(got: got.stdout, want: c.stdout))")
        #expect(got.stderr == c.stderr)
        #expect(got.exitCode == c.exitCode)
    }

    /// The values themselves, through `HelmRenderer.mergeValues` (the `-f` files, then `SetValues.apply`):
    /// the same typed tree Helm's template printed, or Helm's error. Cases with chart defaults are left to
    /// the end-to-end test (coalescing changes the tree).
    @Test(arguments: setFlagCases.filter { !$0.defaults })
    func valuesMatchHelm(_ c: SetFlagCase) throws {
        let dir = Self.directory(c, "values")
        try c.materialise(in: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (files, sets) = c.parsedFlags
        do {
            let values = try HelmRenderer.mergeValues(
                valueFiles: files, setValues: sets, relativeTo: dir,
                standardInput: StandardInput(Array(c.stdin.utf8)))
            #expect(typedDump(.dict(values)) == c.values)
        } catch {
            #expect("Error: " + error.message + "\n" == c.stderr)
            #expect(c.values == nil)
        }
    }

    @Test func everyFlagIsRecorded() {
        for flag in ["--set-json", "--set", "--set-string", "--set-file", "--set-literal", "-f"] {
            let ok = setFlagCases.filter { $0.flags.contains(flag) && $0.exitCode == 0 }.count
            let failed = setFlagCases.filter { $0.flags.contains(flag) && $0.exitCode != 0 }.count
            #expect(ok >= 3 && failed >= 1, "\(flag): \(ok) passing and \(failed) failing cases")
        }
    }
}

/// The parsers and readers below `SetValues`, on what the recorded cases cannot show.
@Suite struct SetFlagsUnitTests {
    /// `--set-file`'s reader gets each value after `\` escapes (list items too) and its error comes out as is.
    @Test func fileReaderSeesUnescapedPaths() throws {
        var dest: [String: Value] = [:]
        let box = Seen()
        try StrVals.parseFile("a=x\\,y,b={p,q},c[1]=r", into: &dest) { path in
            box.paths.append(path)
            return "<" + path + ">"
        }
        #expect(box.paths == ["x,y", "p", "q", "r"])
        #expect(typedDump(.dict(dest)) == "{a: string(<x,y>); b: [string(<p>); string(<q>); ]; c: [<nil>(<nil>); string(<r>); ]; }")
        #expect(throws: StrVals.ParseError.self) {
            var d: [String: Value] = [:]
            try StrVals.parseFile("a=ok,b=bad", into: &d) { path throws(StrVals.ParseError) in
                if path == "bad" { throw StrVals.ParseError(message: "boom: \(path)") }
                return path
            }
        }
        do {
            var d: [String: Value] = [:]
            try StrVals.parseFile("a=bad", into: &d) { path throws(StrVals.ParseError) in
                throw StrVals.ParseError(message: "boom: \(path)")
            }
            Issue.record("no error")
        } catch {
            #expect(error.message == "boom: bad")
        }
    }

    final class Seen { var paths: [String] = [] }

    /// `--set-json` decodes one value at a time from the rest of the line; the JSON error is kept for
    /// callers that show it (Helm does not).
    @Test(arguments: [
        ("a=1,b=\"x,y\",c=[1,{\"d\":null}]", "{a: float64(1); b: string(x,y); c: [float64(1); {d: <nil>(<nil>); }; ]; }"),
        ("a=\"é\",b=2", "{a: string(é); b: float64(2); }"),
        ("a= \u{A0}\u{2003}true ,b=", "{a: bool(true); b: <nil>(<nil>); }"),
        ("a=tru", "error: unexpected EOF"),
        ("a=tru,b=1", "error: invalid character ',' in literal true (expecting 'e')"),
        ("a=[1,2", "error: unexpected EOF"),
        ("a={\"b\":}", "error: invalid character '}' looking for beginning of value"),
        ("a=1e999", "error: json: cannot unmarshal number 1e999 into Go value of type float64"),
    ])
    func jsonValues(_ line: String, _ expect: String) {
        var dest: [String: Value] = [:]
        do {
            try StrVals.parseJSON(line, into: &dest)
            #expect(typedDump(.dict(dest)) == expect)
        } catch {
            #expect("error: " + error.message == expect)
        }
    }

    @Test func decodePrefixStopsAfterTheValue() throws {
        let cases: [(String, Int)] = [("1,b=2", 1), ("  [1, 2] ,x", 8), ("{\"a\":\"é\"}x", 10), ("true", 4), ("0123", 1)]
        for (text, consumed) in cases {
            let r = try GoJSON.decodePrefix(Array(text.utf8))
            #expect(r.consumed == consumed, "\(text)")
        }
    }

    @Test func errorMessagesAreHelms() {
        let json = SetValuesError(flag: .json, argument: "a=tru", reason: "invalid character")
        #expect(json.message == "failed parsing --set-json data a=tru")
        let object = SetValuesError(flag: .json, argument: "{\"a\":}", reason: "x", jsonObject: true)
        #expect(object.message == "failed parsing --set-json data JSON: {\"a\":}")
        let file = SetValuesError(flag: .file, argument: "a=x", reason: "open x: no such file or directory")
        #expect(file.message == "failed parsing --set-file data: open x: no such file or directory")
    }

    /// `-` reads standard input once; remote URLs are refused, not fetched.
    @Test func valuesSource() throws {
        let stdin = StandardInput(Array("text".utf8))
        #expect(try ValuesSource.read(" -\n", standardInput: stdin) == Array("text".utf8))
        #expect(try ValuesSource.read("-", standardInput: stdin) == [])
        for url in ["http://example.com/v.yaml", "HTTPS://example.com/v.yaml", "oci://registry/v"] {
            do {
                _ = try ValuesSource.read(url, standardInput: StandardInput([]))
                Issue.record("\(url) was read")
            } catch {
                #expect(error.message.hasPrefix("cannot read \(url): tenantctl reads local files only"))
            }
        }
    }
}
