// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import YAMLKit

/// `YAML.load(_:keepingTopLevel:)` must fail exactly as `YAML.load` does, and keep exactly the kept keys.
@Suite struct HeadLoadTests {
    static let documents: [String] = [
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"1\"\n",
        "kind: X\nspec:\n  a: .nan\n",
        "spec:\n  a: [1, .inf]\nkind: X\n",
        "kind: X\nspec:\n  ? [a, b]\n  : 1\n",
        "kind: X\nspec:\n  ? {a: 1}\n  : 1\nmetadata: {name: m}\n",
        "metadata:\n  ? [x]\n  : 1\nspec: {a: .nan}\n",
        "Kind: Y\nKIND: Z\nmetadata: {name: q}\nother: {deep: {deeper: [1, 2, {x: y}]}}\n",
        "- a\n- b\n",
        "plain",
        "",
        "kind: [unclosed\n",
        "a: &x {b: 1}\nmetadata: *x\n",
        "1: one\ntrue: yes\n1.5: x\nkind: K\n",
        // Skimmed collections: anchors, aliases and merges anywhere need the whole tree.
        "kind: K\nspec: {a: &y 1}\nmetadata: {name: *y}\n",
        "spec:\n  base: &b {x: 1}\n  more:\n    <<: *b\n    y: 2\nkind: K\n",
        "spec:\n  - &s [1, 2]\n  - *s\nmetadata: {name: m}\n",
        "spec: {<<: [1]}\nkind: K\n",
        // Keys JSON conversion rejects, inside a skimmed collection and at the top.
        "kind: K\nspec:\n  ~: x\n",
        "kind: K\nspec:\n  18446744073709551615: x\n",
        "kind: K\nspec:\n  - {null: 1}\n",
        "~: x\nkind: K\n",
        // Tagged scalars that fail to decode, before and after a failure in a kept key.
        "spec: {a: !!int abc}\nmetadata: {name: !!int xyz}\n",
        "metadata: {name: !!float nope}\nspec: {a: !!int abc}\n",
        "kind: K\nspec: {a: !!binary \"%%%\"}\n",
        "kind: K\nspec: {a: !!binary aGVsbG8=, b: !!str 1, c: !!null '', d: !!bool true}\n",
        // Non-finite floats, plain and tagged, deep in a skimmed collection.
        "kind: K\nspec: {a: {b: [x, {c: -.inf}]}}\n",
        "kind: K\nspec: [!!float .nan]\n",
        // Quoted and block scalars, duplicate and oddly spelled head keys, syntax errors after a skim.
        "kind: K\nspec:\n  text: |\n    line: 1\n    - x\n  q: \"a: b\"\n  'k': 'v'\nmetadata: {name: a}\nmetadata: {name: b}\n",
        "KIND: K\nspec: {a: [1, 2, 3]}\nMetaData: {labels: {a: b}}\n",
        "kind: K\nspec: {a: [1, 2}\n",
        "spec:\n  a: 1\n b: 2\nkind: K\n",
        "kind: K\nspec: {a: 1}\n---\nkind: L\n",
    ]

    /// The skim builds nothing under other keys for ordinary manifests, and hands the rest to the full decode.
    @Test(arguments: [
        ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"1\"\n  y: [1, {z: 2}]\n", true),
        ("kind: K\nspec:\n  text: |\n    a\n  n: 1.5\n  'q': \"r\"\n", true),
        ("kind: K\nspec: {a: &y 1}\n", false),
        ("kind: K\nspec: {a: .inf}\n", false),
        ("kind: K\nspec: {a: !!int abc}\n", false),
        ("kind: K\nspec: {~: 1}\n", false),
    ])
    func skimsOrdinaryDocuments(_ doc: String, skimmed: Bool) throws {
        let keep: (String) -> Bool = { ["apiversion", "kind", "metadata"].contains($0.lowercased()) }
        switch try GoYAMLDecoder.skim(doc, keepingTopLevel: keep) {
        case .value(let v):
            #expect(skimmed)
            // The skimmed collections are placeholders, never built.
            if case .map(let m)? = v, let i = m.keys.firstIndex(where: { if case .string("spec") = $0 { true } else { false } }) {
                if case .null = m.values[i] {} else { Issue.record("spec was built: \(m.values[i])") }
            }
        case .needsFullDecode:
            #expect(!skimmed)
        }
    }

    @Test(arguments: documents)
    func sameAsFullLoad(_ doc: String) {
        let keep: (String) -> Bool = { ["apiversion", "kind", "metadata"].contains($0.lowercased()) }
        let full = Result { () throws(YAMLError) in try YAML.load(doc) }
        let head = Result { () throws(YAMLError) in try YAML.load(doc, keepingTopLevel: keep) }
        switch (full, head) {
        case (.failure(let a), .failure(let b)):
            #expect(a.description == b.description)
        case (.success(let a), .success(let b)):
            if case .map(let fm, _) = a, case .map(let hm, _) = b {
                let expected = fm.dictionary.filter { keep($0.key) }
                #expect(Set(hm.dictionary.keys) == Set(expected.keys))
                for (k, v) in expected { #expect(hm[k].map { GoRuntime.GoFmt.sprint([$0]) } == GoRuntime.GoFmt.sprint([v])) }
            } else {
                #expect(GoRuntime.GoFmt.sprint([a]) == GoRuntime.GoFmt.sprint([b]))
            }
        default:
            Issue.record("one load failed and the other did not: \(full) / \(head)")
        }
    }
}
