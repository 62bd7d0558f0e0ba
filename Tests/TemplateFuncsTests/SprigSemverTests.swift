// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Semver
import Testing

@testable import TemplateFuncs

let semverCompareCases: [(String, String, Bool)] = [
    (">=1.2.0", "1.2.3", true), (">=1.3.0", "1.2.3", false), ("1.2.3", "1.2.3", true), ("1.2.3", "v1.2.3", true),
    ("!=1.2.3", "1.2.4", true), (">1.2", "1.2.1", false), ("~1.2", "1.2.9", true), ("~1.2.3", "1.2.1", false),
    ("^1.2", "2.0.0", false), ("^0.2.3", "0.3.0", false), ("1.x", "1.5.0", true), ("*", "5.0.0", true),
    ("1.2 - 1.4.5", "1.4.5", true), ("<1.0 || >=2.0", "1.5.0", false), (">=1.2.0-0", "1.3.0-beta.1", true),
    (">=1.2.3-alpha", "1.2.3-beta", true), (">=1.19.0-0", "v1.31.0", true), (">=1.20.0-0", "v1.31.2-gke.1200", true),
    (">=1.20.0", "v1.31.2-gke.1200", false), (">=1.2", "1.2", true), ("=1.2.3", "1.2.3+build.5", true),
    (">=1.25-0", "v1.31.0", true), ("<1.0 || >=2.0", "2.1.0", true), (">= 1.2, < 1.3", "1.2.7", true),
    (">= 1.2 < 1.3", "1.3.0", false), ("^1.2.3", "1.9.9", true), ("^0.0.3", "0.0.4", false), ("^0.0.3", "0.0.3", true),
    ("~1", "1.9.0", true), ("~1", "2.0.0", false), ("1.2.x", "1.2.99", true), ("1.2.x", "1.3.0", false),
    ("<=1.2", "1.2.9", true), ("<=1.2", "1.3.0", false), (">1.2.x", "1.3.0", true), ("!=1.2.x", "1.2.5", false),
    (">=1.0.0", "1.0.0-rc1", false), ("1.0.0 - 2.0.0", "2.0.1", false),
    ("~> 1.2", "1.2.5", true), ("=> 1.0", "1.0.0", true),
]

@Test(arguments: semverCompareCases.indices)
func semverCompare(_ i: Int) {
    let (c, v, want) = semverCompareCases[i]
    #expect(Render.output("{{ semverCompare \"\(c)\" \"\(v)\" }}") == String(want), "\(c) vs \(v)")
}

let semverCases: [RenderCase] = [
    RenderCase(
        "{{ semverCompare \">=1.0\" \"not-a-version\" }}",
        error: "template: t:1:3: executing \"t\" at <semverCompare \">=1.0\" \"not-a-version\">: error calling semverCompare: invalid semantic version"),
    RenderCase(
        "{{ semverCompare \">>1.0\" \"1.0.0\" }}",
        error: "template: t:1:3: executing \"t\" at <semverCompare \">>1.0\" \"1.0.0\">: error calling semverCompare: improper constraint: >>1.0"),
    RenderCase(
        "{{ semverCompare \"1.0 || >>2\" \"1.0.0\" }}",
        error: "template: t:1:3: executing \"t\" at <semverCompare \"1.0 || >>2\" \"1.0.0\">: error calling semverCompare: improper constraint:  >>2"),
    RenderCase(
        "{{ $v := semver \"1.2.3-beta.1+b5\" }}{{ $v.Major }}|{{ $v.Minor }}|{{ $v.Patch }}|{{ $v.Prerelease }}|{{ $v.Metadata }}|{{ $v.Original }}",
        "1|2|3|beta.1|b5|1.2.3-beta.1+b5"),
    RenderCase(
        "{{ semverCompare \"\" \"1.0.0\" }}",
        error: "template: t:1:3: executing \"t\" at <semverCompare \"\" \"1.0.0\">: error calling semverCompare: improper constraint: "),
    RenderCase("{{ semver \"abc\" }}", error: "template: t:1:3: executing \"t\" at <semver \"abc\">: error calling semver: invalid semantic version"),
    RenderCase(
        "{{ semver \"1.2.3-01\" }}", error: "template: t:1:3: executing \"t\" at <semver \"1.2.3-01\">: error calling semver: version segment starts with 0"),
    RenderCase(
        "{{ semver \"1.2.3-a..b\" }}", error: "template: t:1:3: executing \"t\" at <semver \"1.2.3-a..b\">: error calling semver: invalid semantic version"),
    RenderCase(
        "{{ semver \"99999999999999999999\" }}",
        error:
            "template: t:1:3: executing \"t\" at <semver \"99999999999999999999\">: error calling semver: error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range"
    ),
    RenderCase("{{ (semver \"1.2.3\").LessThan (semver \"1.3.0\") }}", "true"),
    RenderCase("{{ (semver \"1.3.0-rc.1\").Compare (semver \"1.3.0\") }}", "-1"),
    RenderCase("{{ semver \"v1.2\" }}", "1.2.0"),
    RenderCase("{{ (semver \"v1.2\").Original }}", "v1.2"),
]

@Test(arguments: semverCases)
func sprigSemver(_ c: RenderCase) {
    let r = Render.check(c)
    #expect(r.got == r.want)
}

@Test(arguments: [
    ("1.0.0-alpha", "1.0.0-alpha.1", -1), ("1.0.0-alpha.1", "1.0.0-alpha.beta", -1), ("1.0.0-beta.2", "1.0.0-beta.11", -1),
    ("1.0.0-rc.1", "1.0.0", -1), ("1.0.0+a", "1.0.0+b", 0), ("2.0.0", "1.9.9", 1),
])
func semverOrdering(_ a: String, _ b: String, _ want: Int) throws {
    let x = try SemVersion.parse(a).get(), y = try SemVersion.parse(b).get()
    #expect(x.compare(y) == want)
}
