import Testing
import GoRuntime
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
    ]

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
