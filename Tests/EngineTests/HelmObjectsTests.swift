// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import Chart
@testable import Engine

struct GlobTests {
    static let paths = [
        "config/app.properties", "config/log.conf", "config/nested/deep.txt", "data.txt",
        "crlf.txt", "unicode.txt", "secret/key",
    ]

    @Test(arguments: [
        ("config/*", ["config/app.properties", "config/log.conf"]),
        ("config/**", ["config/app.properties", "config/log.conf", "config/nested/deep.txt"]),
        ("**.txt", ["config/nested/deep.txt", "crlf.txt", "data.txt", "unicode.txt"]),
        ("*.txt", ["crlf.txt", "data.txt", "unicode.txt"]),
        ("config/log.conf", ["config/log.conf"]),
        ("{data,crlf}.txt", ["crlf.txt", "data.txt"]),
        ("?ata.txt", ["data.txt"]),
        ("[cd]*.txt", ["crlf.txt", "data.txt"]),
        ("[!cd]*.txt", ["unicode.txt"]),
        ("[a-d]*.txt", ["crlf.txt", "data.txt"]),
        ("secret/\\key", ["secret/key"]),
        ("nope/*", []),
    ])
    func globMatches(pattern: String, expected: [String]) throws {
        let g = try #require(FilesGlob(pattern))
        #expect(Self.paths.filter(g.matches).sorted() == expected.sorted())
    }

    @Test(arguments: ["[abc", "{a,b", "x\\", "[a-z0-9]"])
    func invalidPatternsDoNotCompile(pattern: String) {
        #expect(FilesGlob(pattern) == nil)
    }
}

struct FilesObjectTests {
    static let files = filesObject([
        ChartFile(name: "data.txt", data: Array("line1\nline2\nline3\n".utf8)),
        ChartFile(name: "config/log.conf", data: Array("level=debug".utf8)),
        ChartFile(name: "empty.txt", data: []),
        ChartFile(name: "crlf.txt", data: Array("x\r\ny\r\n".utf8)),
        ChartFile(name: "secret/key", data: Array("s3cr3t".utf8)),
    ])

    static func call(
        _ name: String, _ args: [Value], on receiver: Value = files,
        toYAML: (@Sendable (Value) -> String)? = nil
    ) throws(GoError) -> Value? {
        guard let m = HelmMethodResolver(toYAML: toYAML).method(name, on: receiver) else { return nil }
        return try m.call(args)
    }

    @Test(arguments: [
        ("data.txt", "line1\nline2\nline3\n"),
        ("nope.txt", ""),
        ("./data.txt", ""),
    ])
    func get(name: String, expected: String) throws {
        #expect(try Self.call("Get", [.string(name)])?.stringValue == expected)
    }

    @Test(arguments: [
        ("data.txt", ["line1", "line2", "line3"]),
        ("config/log.conf", ["level=debug"]),
        ("crlf.txt", ["x\r", "y\r"]),
        ("nope", []),
    ])
    func lines(name: String, expected: [String]) throws {
        guard case .slice(let items, let t)? = try Self.call("Lines", [.string(name)]) else {
            Issue.record("Lines did not return a slice")
            return
        }
        #expect(t == .stringSlice)
        #expect(items.compactMap(\.stringValue) == expected)
    }

    @Test func linesOfEmptyFilePanicsLikeHelm() {
        #expect(throws: GoError.self) { try Self.call("Lines", [.string("empty.txt")]) }
    }

    @Test func getBytesAndGlobTypes() throws {
        guard case .bytes(let b)? = try Self.call("GetBytes", [.string("secret/key")]) else {
            Issue.record("GetBytes did not return bytes")
            return
        }
        #expect(b == Array("s3cr3t".utf8))
        guard case .map(let m, let t)? = try Self.call("Glob", [.string("config/*")]) else {
            Issue.record("Glob did not return a map")
            return
        }
        #expect(t == HelmGoTypes.files)
        #expect(Array(m.keys) == ["config/log.conf"])
        #expect(HelmGoTypes.files.name == "engine.files")
    }

    @Test func asSecretsUsesBaseNamesAndBase64() throws {
        let globbed = try Self.call("Glob", [.string("secret/*")])
        let captured = try Self.call(
            "AsSecrets", [], on: try #require(globbed),
            toYAML: { v in
                guard case .map(let m, _) = v else { return "?" }
                return m.keys.sorted().map { "\($0): \(m[$0]?.stringValue ?? "")" }.joined(separator: "\n")
            })
        #expect(captured?.stringValue == "key: czNjcjN0")
    }

    @Test func versionSetHas() throws {
        let caps = CapabilitiesObject.default
        let apis = try #require(caps.field("APIVersions"))
        #expect(apis.goType?.name == "common.VersionSet")
        for (probe, want) in [
            ("apps/v1", true), ("policy/v1beta1", true), ("autoscaling/v2", true),
            ("example.com/v1", false), ("apps/v1/Nope", false),
            ("networking.k8s.io/v1/Ingress", false),
        ] {
            #expect(try Self.call("Has", [.string(probe)], on: apis)?.isTruthy == want, "\(probe)")
        }
    }
}

struct CapabilitiesTests {
    @Test(arguments: [
        ("1.31.0", "v1.31.0", "v1.31.0", "1", "31"),
        ("v1.31.0", "v1.31.0", "v1.31.0", "1", "31"),
        ("v1.33.4-gke.1245000", "v1.33.4-gke.1245000", "v1.33.4", "1", "33"),
        ("1.30", "v1.30", "v1.30", "1", "30"),
    ])
    func parseKubeVersion(input: String, version: String, normalized: String, major: String, minor: String) throws {
        let kv = try #require(KubeVersionObject.parse(input))
        #expect(kv.version == version)
        #expect(kv.pointerStringer == normalized)
        #expect(kv.major == major)
        #expect(kv.minor == minor)
    }

    @Test(arguments: ["1", "abc", "01.2"])
    func invalidKubeVersions(input: String) {
        #expect(KubeVersionObject.parse(input) == nil)
    }

    @Test func defaults() {
        let caps = CapabilitiesObject.default
        #expect(caps.goTypeName == "*common.Capabilities")
        #expect(caps.kubeVersion.version == "v1.35.0")
        #expect(caps.apiVersions.count == 57)
        let h = caps.helmVersion
        #expect(
            h.fields.map { $0.value.stringValue ?? "" }.joined(separator: " ")
                == "v4.1.4 05fa37973dc9e42b76e1d2883494c87174b6074f clean go1.25.9 v1.35")
        #expect(h.goTypeName == "version.BuildInfo")
        #expect(caps.kubeVersion.goTypeName == "common.KubeVersion")
        #expect(caps.kubeVersion.field("normalizedVersion") == nil)
    }
}

struct RenderValuesTests {
    static func chart() -> LoadedChart {
        var sub = LoadedChart(
            metadata: ChartMetadata(apiVersion: "v2", name: "sub", version: "0.2.0"),
            values: ["greeting": .string("from-sub"), "only": .string("sub-default")],
            templates: [ChartFile(name: "templates/_h.tpl", data: Array("{{ define \"x\" }}{{ end }}".utf8))])
        sub.files = [ChartFile(name: "x.txt", data: Array("sub file".utf8))]
        return LoadedChart(
            metadata: ChartMetadata(apiVersion: "v2", name: "conf", version: "0.1.0"),
            values: [
                "sub": .dict(["greeting": .string("from-parent")]),
                "global": .dict(["g": .string("G")]),
            ],
            templates: [
                ChartFile(name: "templates/NOTES.txt", data: Array("hi".utf8)),
                ChartFile(name: "templates/_helpers.tpl", data: []),
                ChartFile(name: "templates/a/b.yaml", data: []),
            ],
            files: [ChartFile(name: "a.txt", data: [65])],
            dependencies: [sub])
    }

    @Test func templateNamesAndOrder() throws {
        let plan = try makeRenderValues(
            chart: Self.chart(), values: .null,
            options: ReleaseOptions(releaseName: "r", namespace: "ns1"))
        #expect(
            plan.templates.map(\.name) == [
                "conf/charts/sub/templates/_h.tpl",
                "conf/templates/a/b.yaml",
                "conf/templates/_helpers.tpl",
                "conf/templates/NOTES.txt",
            ])
        #expect(
            plan.templates.map(\.basePath) == [
                "conf/charts/sub/templates", "conf/templates", "conf/templates", "conf/templates",
            ])
        #expect(plan.templates.map(\.isRendered) == [false, true, false, true])
    }

    @Test func dotPerChart() throws {
        let plan = try makeRenderValues(
            chart: Self.chart(), values: .null,
            options: ReleaseOptions(releaseName: "r", namespace: "ns1"))
        let notes = try #require(plan.templates.last)
        guard case .map(let dot, _) = notes.dot else { Issue.record("dot is not a map"); return }
        #expect(Set(dot.keys) == ["Chart", "Files", "Release", "Capabilities", "Values", "Subcharts", "Template"])
        guard case .map(let release, _)? = dot["Release"] else { Issue.record("no Release"); return }
        #expect(release.keys.sorted() == ["IsInstall", "IsUpgrade", "Name", "Namespace", "Revision", "Service"])
        #expect(release["Revision"]?.goType?.name == "int")
        guard case .map(let values, let vt)? = dot["Values"] else { Issue.record("no Values"); return }
        #expect(vt.name == "common.Values")
        #expect(
            values["sub"].flatMap { v -> String? in
                if case .map(let m, _) = v { return m["greeting"]?.stringValue }
                return nil
            } == "from-parent")
        guard case .map(let subs, _)? = dot["Subcharts"], case .map(let sub, _)? = subs["sub"],
            case .map(let subValues, let svt)? = sub["Values"], case .map(let subChart, _)? = sub["Chart"]
        else {
            Issue.record("no Subcharts.sub")
            return
        }
        #expect(svt.name == "common.Values")
        #expect(subValues["greeting"]?.stringValue == "from-parent")
        #expect(subValues["only"]?.stringValue == "sub-default")
        guard case .map(let g, _)? = subValues["global"] else { Issue.record("no global in sub"); return }
        #expect(g["g"]?.stringValue == "G")
        #expect(subChart["IsRoot"]?.isTruthy == false)
        guard case .map(let chartMap, _)? = dot["Chart"] else { Issue.record("no Chart"); return }
        #expect(
            chartMap.keys.sorted() == [
                "APIVersion", "Annotations", "AppVersion", "Condition", "Dependencies",
                "Deprecated", "Description", "Home", "Icon", "IsRoot", "Keywords",
                "KubeVersion", "Maintainers", "Name", "Sources", "Tags", "Type",
                "Version",
            ])
        #expect(chartMap["Annotations"]?.goType?.name == "map[string]string")
        #expect(chartMap["Keywords"]?.goType?.name == "[]interface {}")
        guard case .map(let files, _)? = dot["Files"] else { Issue.record("no Files"); return }
        #expect(Array(files.keys) == ["a.txt"])
        guard case .map(let tpl, let tt)? = dot["Template"] else { Issue.record("no Template"); return }
        #expect(tt.name == "common.Values")
        #expect(tpl["Name"]?.stringValue == "conf/templates/NOTES.txt")
        #expect(tpl["BasePath"]?.stringValue == "conf/templates")
    }

    @Test func libraryChartsAreNotInstallable() {
        var c = Self.chart()
        c.metadata.type = "library"
        #expect(throws: RenderError("library charts are not installable")) {
            try makeRenderValues(chart: c, values: .null, options: ReleaseOptions())
        }
    }

    @Test func missingDeclaredDependency() {
        var c = Self.chart()
        c.metadata.dependencies = [ChartDependency(name: "nope", version: "1.0.0", repository: "x")]
        #expect(
            throws: RenderError(
                "an error occurred while checking for chart dependencies. You may need to "
                    + "run `helm dependency build` to fetch missing dependencies: found in "
                    + "Chart.yaml, but missing in charts/ directory: nope")
        ) {
            try makeRenderValues(chart: c, values: .null, options: ReleaseOptions())
        }
    }

    @Test func conditionDisablesSubchart() throws {
        var c = Self.chart()
        var dep = ChartDependency(name: "sub", version: "0.2.0", repository: "x")
        dep.condition = "sub.enabled"
        c.metadata.dependencies = [dep]
        let plan = try makeRenderValues(
            chart: c, values: .dict(["sub": .dict(["enabled": .bool(false)])]),
            options: ReleaseOptions())
        #expect(plan.chart.dependencies.isEmpty)
        #expect(!plan.templates.contains { $0.name.hasPrefix("conf/charts/") })
    }

    @Test func aliasRenamesSubchart() throws {
        var c = Self.chart()
        var dep = ChartDependency(name: "sub", version: "^0.2.0", repository: "x")
        dep.alias = "other"
        c.metadata.dependencies = [dep]
        let plan = try makeRenderValues(chart: c, values: .null, options: ReleaseOptions())
        #expect(plan.chart.dependencies.map(\.name) == ["other"])
        #expect(plan.templates.first?.name == "conf/charts/other/templates/_h.tpl")
    }
}
