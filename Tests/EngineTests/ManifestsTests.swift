import GoRuntime
import Testing

// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
@testable import Actions
@testable import Engine
@testable import ReleaseUtil

/// Helm's manifest utilities: SplitManifests, SimpleHead decoding, kind order, --show-only matching.
@Suite struct ManifestsTests {
    struct SplitRow: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var docs: [String]
        var testDescription: String { name }
    }

    static let splitRows: [SplitRow] = [
        .init(name: "empty", input: "", docs: []),
        .init(name: "blank", input: " \n\t\n", docs: []),
        .init(name: "one", input: "a: 1\n", docs: ["a: 1"]),
        .init(name: "leading separator", input: "---\na: 1\n", docs: ["a: 1"]),
        .init(name: "two", input: "a: 1\n---\nb: 2\n", docs: ["a: 1", "b: 2"]),
        .init(name: "glued to the next line", input: "a: 1\n---b: 2", docs: ["a: 1", "b: 2"]),
        .init(name: "comment after marker", input: "a: 1\n--- # c\nb: 2", docs: ["a: 1", "# c\nb: 2"]),
        .init(
            name: "blank document keeps next marker", input: "kind: A\n---\n\n---\nkind: B\n",
            docs: ["kind: A", "---\nkind: B"]),
        .init(name: "spaces before newline", input: "a: 1   \n---\nb", docs: ["a: 1", "b"]),
        .init(name: "marker inside a line", input: "a: ---\nb: c---d", docs: ["a: ---\nb: c---d"]),
        .init(name: "indented marker", input: "a:\n  ---\nb", docs: ["a:\n  ---\nb"]),
        .init(name: "comment only", input: "# x\n---\nkind: A", docs: ["# x", "kind: A"]),
        .init(name: "four dashes", input: "a\n----\nb", docs: ["a", "-\nb"]),
    ]

    @Test(arguments: splitRows)
    func split(_ row: SplitRow) {
        #expect(Manifests.split(row.input) == row.docs)
    }

    struct HeadRow: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var head: ManifestHead?
        var error: String?
        var testDescription: String { name }
    }

    static let headRows: [HeadRow] = [
        .init(name: "empty", yaml: "", head: ManifestHead()),
        .init(name: "comment", yaml: "# hi", head: ManifestHead()),
        .init(
            name: "plain", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n",
            head: ManifestHead(apiVersion: "v1", kind: "Pod", metadata: .init(name: "p"))),
        .init(
            name: "numbers become strings", yaml: "kind: 5\nmetadata:\n  annotations:\n    w: 7\n    b: true\n    f: 1.5\n",
            head: ManifestHead(kind: "5", metadata: .init(annotations: ["w": "7", "b": "true", "f": "1.5"]))),
        .init(
            name: "case-insensitive keys", yaml: "Kind: Role\nMETADATA:\n  Name: r\n",
            head: ManifestHead(kind: "Role", metadata: .init(name: "r"))),
        .init(name: "null metadata", yaml: "kind: A\nmetadata: null\n", head: ManifestHead(kind: "A")),
        .init(
            name: "null annotation", yaml: "metadata:\n  annotations:\n    a: null\n",
            head: ManifestHead(metadata: .init(annotations: ["a": ""]))),
        .init(
            name: "list", yaml: "- a", error: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead"
        ),
        .init(
            name: "scalar", yaml: "x",
            error: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type util.SimpleHead"),
        .init(
            name: "kind object", yaml: "kind: {a: 1}",
            error: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go struct field SimpleHead.kind of type string"),
        .init(
            name: "metadata number", yaml: "metadata: 5",
            error:
                #"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field SimpleHead.metadata of type struct { Name string "json:\"name\""; Annotations map[string]string "json:\"annotations\"" }"#
        ),
        .init(
            name: "annotation object", yaml: "metadata:\n  annotations:\n    x: {a: 1}",
            error: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go struct field .metadata.annotations of type string"),
        .init(
            name: "first error in key order", yaml: "metadata:\n  name: {a: 1}\nkind: [1]",
            error: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field SimpleHead.kind of type string"),
        .init(name: "yaml syntax", yaml: "a: b: c", error: "error converting YAML to JSON: yaml: mapping values are not allowed in this context"),
    ]

    @Test(arguments: headRows)
    func head(_ row: HeadRow) {
        do {
            let h = try Manifests.parseHead(row.yaml)
            #expect(row.error == nil, "expected error \(row.error ?? "")")
            if let want = row.head { #expect(h == want) }
        } catch {
            #expect(error.message == row.error)
        }
    }

    /// Helm's kind_sorter: known kinds by rank (install or uninstall order), unknown kinds last alphabetically,
    /// equal kinds in their original order.
    @Test(arguments: [
        (
            Manifests.KindOrder.install,
            [
                "Namespace#4", "ConfigMap#7", "Service#2", "Service#5", "Deployment#1", "Alpha#3", "Zeta#0",
                "Zeta#6",
            ]
        ),
        (
            Manifests.KindOrder.uninstall,
            [
                "Service#2", "Service#5", "Deployment#1", "ConfigMap#7", "Namespace#4", "Alpha#3", "Zeta#0",
                "Zeta#6",
            ]
        ),
    ])
    func kindOrderIsStableWithUnknownKindsLastAlphabetically(order: Manifests.KindOrder, expected: [String]) {
        let kinds = ["Zeta", "Deployment", "Service", "Alpha", "Namespace", "Service", "Zeta", "ConfigMap"]
        let items = kinds.enumerated().map { "\($0.element)#\($0.offset)" }
        let sorted = Manifests.sortByKind(items, order: order) { String($0.split(separator: "#")[0]) }
        #expect(sorted == expected)
    }

    /// Helm's UninstallOrder: webhooks go first; it is not simply InstallOrder reversed (Service moves up).
    @Test func uninstallOrderStartsWithWebhooks() {
        #expect(Manifests.uninstallOrder.prefix(3) == ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService"])
        #expect(Set(Manifests.uninstallOrder) == Set(Manifests.installOrder))
        #expect(Manifests.uninstallOrder != Array(Manifests.installOrder.reversed()))
    }

    struct MatchRow: Sendable, CustomTestStringConvertible {
        var pattern: String
        var name: String
        var match: Bool
        var testDescription: String { pattern + " ~ " + name }
    }

    static let matchRows: [MatchRow] = [
        .init(pattern: "templates/a.yaml", name: "templates/a.yaml", match: true),
        .init(pattern: "templates/*.yaml", name: "templates/a.yaml", match: true),
        .init(pattern: "templates/*", name: "templates/tests/a.yaml", match: false),
        .init(pattern: "templates/*/*", name: "templates/tests/a.yaml", match: true),
        .init(pattern: "templates/?.yaml", name: "templates/a.yaml", match: true),
        .init(pattern: "templates/[a-c]*.yaml", name: "templates/b-x.yaml", match: true),
        .init(pattern: "templates/[^a-c]*.yaml", name: "templates/b-x.yaml", match: false),
        .init(pattern: "templates/\\*.yaml", name: "templates/*.yaml", match: true),
        .init(pattern: "templates/[", name: "templates/[", match: false),
        .init(pattern: "templates", name: "templates/a.yaml", match: false),
    ]

    @Test(arguments: matchRows)
    func showOnlyMatch(_ row: MatchRow) {
        #expect(GoPath.match(row.pattern, row.name) == row.match)
    }

    @Test func sourcePathAfterChartName() {
        #expect(sourcePath("# Source: c/templates/a.yaml\nkind: A") == "templates/a.yaml")
        #expect(sourcePath("# Source: c/charts/sub/templates/a.yaml") == "charts/sub/templates/a.yaml")
        #expect(sourcePath("kind: A") == nil)
    }

    @Test func hookWeightIsAtoi() {
        #expect(goAtoi("5") == 5)
        #expect(goAtoi("-3") == -3)
        #expect(goAtoi("+2") == 2)
        #expect(goAtoi(" 5") == nil)
        #expect(goAtoi("1.5") == nil)
        #expect(goAtoi("") == nil)
    }
}
