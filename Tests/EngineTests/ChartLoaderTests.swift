// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import Chart

struct HelmIgnoreTests {
    @Test(arguments: [
        // (rules, path, isDir, ignored)
        ("*.bak", "a.bak", false, true),
        ("*.bak", "sub/dir/a.bak", false, true),
        ("*.bak", "a.txt", false, false),
        ("/a.txt", "a.txt", false, true),
        ("/a.txt", "x/a.txt", false, false),
        ("docs/*.md", "docs/x.md", false, true),
        ("docs/*.md", "y/docs/x.md", false, false),
        ("tmp/", "tmp", true, true),
        ("tmp/", "tmp", false, false),
        ("templates/.?*", "templates/.hidden", false, true),
        ("templates/.?*", "templates/x.yaml", false, false),
        ("!keep.txt", "other.txt", false, true),
        ("!keep.txt", "keep.txt", false, false),
        ("# comment\n\n  *.swp  ", "a.swp", false, true),
        ("[abc].txt", "b.txt", false, true),
        ("[^abc].txt", "b.txt", false, false),
    ])
    func rules(text: String, path: String, isDir: Bool, ignored: Bool) throws {
        let r = try HelmIgnoreRules(parsing: text)
        #expect(r.ignores(path, isDirectory: isDir) == ignored)
    }

    @Test(arguments: [
        ("**/x", "double-star (**) syntax is not supported"),
        ("[abc", "syntax error in pattern"),
    ])
    func invalidRules(text: String, message: String) {
        #expect(throws: ChartError(message)) { try HelmIgnoreRules(parsing: text) }
    }
}

struct ValuesDocumentTests {
    @Test(arguments: [
        ("a: 1\n", ["a: 1\n"]),
        ("a: 1", ["a: 1\n"]),
        ("a: 1\nb: 1\n---\nb: 2\nc: 3\n", ["a: 1\nb: 1\n", "b: 2\nc: 3\n"]),
        ("---\na: 1\n", ["---\na: 1\n"]),
        ("a: 1\r\nb: 2\r\n", ["a: 1\nb: 2\n"]),
        ("a: 1\n--- # c\nb: 2\n", ["a: 1\n", "b: 2\n"]),
        ("", []),
    ])
    func split(text: String, docs: [String]) throws {
        #expect(try ValuesLoader.splitDocuments(text) == docs)
    }

    @Test func badSeparator() {
        #expect(throws: ChartError("error reading yaml document: invalid Yaml document separator: foo")) {
            try ValuesLoader.splitDocuments("a: 1\n--- foo\n")
        }
    }

    @Test func mergeMapsIsRecursive() {
        let merged = ValuesLoader.mergeMaps(
            ["a": .dict(["x": .float(1), "y": .float(2)]), "b": .float(1)],
            ["a": .dict(["y": .float(3)]), "c": .float(3)])
        guard case .map(let a, _)? = merged["a"] else { Issue.record("a is not a map"); return }
        #expect(a["x"].flatMap { if case .float(let f) = $0 { f } else { nil } } == 1)
        #expect(a["y"].flatMap { if case .float(let f) = $0 { f } else { nil } } == 3)
        #expect(merged.keys.sorted() == ["a", "b", "c"])
    }
}

struct MetadataTests {
    @Test(arguments: [
        ("1.2.3", true), ("v1.2.3", true), ("1.2", true), ("1", true), ("1.2.3+build.7", true),
        ("1.0.0-rc.1", true), ("1.0.0+abc", true), ("01.2.3", true), ("1.2.3.4", false), ("abc", false),
        ("1.2.3-", false), ("1.0.0-01", false),
    ])
    func semverValidity(version: String, valid: Bool) {
        #expect(isValidSemver(version) == valid)
    }

    @Test(arguments: [
        (1.0, "1"), (1.1, "1.1"), (1.123456789, "1.1234568"), (1e20, "1e+20"), (0.1, "0.1"),
        (1234567.0, "1.234567e+06"), (123456.0, "123456"), (0.00001, "1e-05"), (-2.5, "-2.5"),
    ])
    func float32Formatting(value: Double, text: String) {
        #expect(formatFloat32Shortest(value) == text)
    }

    @Test(arguments: [
        ("plain", "plain"), ("tab\there", "tab here"), ("zero\u{200B}width", "zerowidth"), ("nbsp\u{00A0}x", "nbsp x"),
    ])
    func sanitizing(input: String, output: String) {
        #expect(sanitize(input) == output)
    }

    @Test(arguments: [
        (ChartMetadata(apiVersion: "v2", name: "", version: "1.0.0"), "validation: chart.metadata.name is required"),
        (ChartMetadata(apiVersion: "v2", name: "..", version: "1.0.0"), "validation: chart.metadata.name \"..\" is not allowed"),
        (ChartMetadata(apiVersion: "v2", name: "a/b", version: "1.0.0"), "validation: chart.metadata.name \"a/b\" is invalid"),
        (ChartMetadata(apiVersion: "v2", name: "a", version: ""), "validation: chart.metadata.version is required"),
        (ChartMetadata(apiVersion: "v2", name: "a", version: "x"), "validation: chart.metadata.version \"x\" is invalid"),
    ])
    func validation(md: ChartMetadata, message: String) {
        var m = md
        #expect(throws: ChartError(message)) { try m.validate() }
    }

    @Test func decodingFromYAMLTree() {
        var d = StructDecoder()
        var md = ChartMetadata()
        d.decodeMetadata(
            [
                "apiVersion": .string("v2"), "name": .string("conf"), "version": .float(1.0),
                "appVersion": .float(1.1), "home": .int(31, .int), "keywords": .list([.int(1, .int), .bool(true)]),
                "annotations": .dict(["a": .int(1, .int)]), "Description": .string("case-insensitive"),
            ], into: &md)
        #expect(d.firstError == nil)
        #expect(md.version == "1")
        #expect(md.appVersion == "1.1")
        #expect(md.home == "31")
        #expect(md.keywords == ["1", "true"])
        #expect(md.annotations == ["a": "1"])
        #expect(md.description == "case-insensitive")
    }

    @Test func decodingErrors() {
        var d = StructDecoder()
        var md = ChartMetadata()
        d.decodeMetadata(
            ["annotations": .dict(["a": .list([.int(1, .int)])]), "deprecated": .string("yes")],
            into: &md)
        #expect(d.firstError == "json: cannot unmarshal array into Go struct field Metadata.annotations of type string")
    }
}

struct CoalesceTests {
    @Test func nullInUserValuesDeletesDefault() throws {
        let chart = LoadedChart(
            metadata: ChartMetadata(apiVersion: "v2", name: "c", version: "1.0.0"),
            values: ["a": .float(1), "b": .float(2), "m": .dict(["x": .float(1), "y": .float(2)])])
        let out = try ValuesCoalescer.coalesceValues(chart: chart, values: ["a": .null, "m": .dict(["x": .null])])
        #expect(out["a"] == nil)
        #expect(out["b"] != nil)
        guard case .map(let m, _)? = out["m"] else { Issue.record("m is not a map"); return }
        #expect(m.keys.sorted() == ["y"])
    }

    @Test func chartNullsAreKept() throws {
        let chart = LoadedChart(
            metadata: ChartMetadata(apiVersion: "v2", name: "c", version: "1.0.0"),
            values: ["n": .null])
        let out = try ValuesCoalescer.coalesceValues(chart: chart, values: [:])
        #expect(out.keys.contains("n"))
    }

    @Test func typeMismatchOnSubchart() {
        let sub = LoadedChart(metadata: ChartMetadata(apiVersion: "v2", name: "sub", version: "1.0.0"))
        let chart = LoadedChart(
            metadata: ChartMetadata(apiVersion: "v2", name: "c", version: "1.0.0"),
            values: ["sub": .string("x")], dependencies: [sub])
        #expect(throws: ChartError("type mismatch on sub: %!t(string=x)")) {
            try ValuesCoalescer.coalesceValues(chart: chart, values: [:])
        }
    }

    @Test(arguments: [
        ("1.2.3", "", false), ("1.2.3", "1.2.3", true), ("1.2.3", "^1.0.0", true), ("2.0.0", "^1.0.0", false),
        ("1.2.3", "~1.2.0", true), ("1.3.0", "~1.2.0", false), ("1.2.3", ">=1.0.0 <2.0.0", true),
        ("1.2.3", "1.2.x", true), ("1.3.0", "1.2.x", false), ("0.2.5", "^0.2.0", true), ("0.3.0", "^0.2.0", false),
        ("1.0.0", "<1.0.0 || >=1.0.0", true),
    ])
    func versionConstraints(version: String, constraint: String, ok: Bool) {
        #expect(versionSatisfies(version, constraint: constraint) == ok)
    }
}
