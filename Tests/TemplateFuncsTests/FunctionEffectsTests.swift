// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate
import Testing

@testable import TemplateFuncs

/// Every function of Helm's table that does something besides computing its result, with what it does (the
/// `effects` on its own entry). A function registered with an effect must be listed here, and the reverse.
let functionEffects: [(name: String, effects: GoFunction.Effects)] = [
    ("set", .changesMaps), ("unset", .changesMaps), ("merge", .changesMaps), ("mustMerge", .changesMaps),
    ("mergeOverwrite", .changesMaps), ("mustMergeOverwrite", .changesMaps),
    ("tpl", .runsTemplateText),
    ("genCA", .makesRSAKey), ("genSelfSignedCert", .makesRSAKey), ("genSignedCert", .makesRSAKey),
]

@Test(arguments: functionEffects)
func effectsOnTheFunctionsEntry(_ c: (name: String, effects: GoFunction.Effects)) {
    #expect(FunctionLibrary.helm[c.name]?.effects == c.effects)
}

@Test func noOtherFunctionHasEffects() {
    let table = FunctionLibrary.helm
    let withEffects = table.names.filter { table[$0].map { !$0.effects.isEmpty } ?? false }
    #expect(withEffects == functionEffects.map(\.name).sorted())
}

/// Sprig's map functions change the map they are given (Go maps are references); copies and readers do not.
@Test(arguments: [
    ("{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $d }}", "map[a:1 b:2]"),
    ("{{ $d := dict \"a\" 1 }}{{ $_ := unset $d \"a\" }}{{ $d }}", "map[]"),
    ("{{ $d := dict \"a\" 1 }}{{ $_ := merge $d (dict \"a\" 2 \"b\" 3) }}{{ $d }}", "map[a:1 b:3]"),
    ("{{ $d := dict \"a\" 1 }}{{ $_ := mustMerge $d (dict \"c\" 3) }}{{ $d }}", "map[a:1 c:3]"),
    ("{{ $d := dict \"a\" 1 }}{{ $_ := mergeOverwrite $d (dict \"a\" 2) }}{{ $d }}", "map[a:2]"),
    ("{{ $d := dict \"a\" 1 }}{{ $_ := mustMergeOverwrite $d (dict \"a\" 2) }}{{ $d }}", "map[a:2]"),
    ("{{ $d := dict \"a\" 1 }}{{ $c := deepCopy $d }}{{ $_ := set $c \"b\" 2 }}{{ $d }}", "map[a:1]"),
    ("{{ $d := dict \"a\" 1 }}{{ $_ := omit $d \"a\" }}{{ $_ := pick $d }}{{ $d }}", "map[a:1]"),
    ("{{ $d := dict \"a\" 1 }}{{ $_ := tpl \"{{ $_ := set . \\\"t\\\" 1 }}\" $d }}{{ $d }}", "map[a:1 t:1]"),
])
func mapChangingFunctions(_ template: String, _ want: String) {
    #expect(Render.output(template) == want)
}

/// What a parsed set tells its renderers: how many key-making call sites its `RSAKeyPool` makes keys ahead
/// for (each call site once, wherever it sits: branches, defined templates, arguments), and whether a render
/// may change the maps it is given (Engine then renders on a copy).
@Test(arguments: [
    ("{{ genCA \"x\" 1 }}", 1, false),
    ("{{ if .Values.tls }}{{ $ca := genCA \"x\" 1 }}{{ genSignedCert \"y\" nil nil 1 $ca }}{{ end }}", 2, false),
    ("{{ define \"c\" }}{{ genSelfSignedCert \"x\" nil nil 1 }}{{ end }}{{ include \"c\" . }}{{ include \"c\" . }}", 1, false),
    ("{{ (genCA \"a\" 1).Cert | b64enc }}{{ range .Values.l }}{{ genCA \"b\" 1 }}{{ end }}", 2, false),
    ("{{ genCAWithKey \"x\" 1 (genPrivateKey \"rsa\") }}", 0, false),
    ("{{ $_ := set .Values \"a\" 1 }}", 0, true),
    ("{{ merge (dict) .Values }}", 0, true),
    ("{{ tpl \"x\" . }}", 0, true),
    ("{{ deepCopy .Values }}{{ dict \"a\" 1 }}", 0, false),
    ("{{ if $x := unset (dict) \"a\" }}{{ genCA \"x\" 1 }}{{ end }}", 1, true),
])
func whatASetCalls(_ text: String, _ keySites: Int, _ changesMaps: Bool) throws {
    var set = TemplateSet(name: "gotpl", functions: FunctionLibrary.helm)
    try set.parse(name: "t", text: text)
    #expect(set.callSites(with: .makesRSAKey) == keySites)
    #expect(RSAKeyPool(for: set).expectedCalls == keySites)
    #expect(set.calls(anyWith: [.changesMaps, .runsTemplateText]) == changesMaps)
}
