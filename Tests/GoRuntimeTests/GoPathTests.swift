// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

/// Go's `path` functions; expectations are what Go 1.24's `path.Base`, `path.Dir`, `path.Ext` and
/// `path.Clean` return.
struct GoPathTests {
    @Test(arguments: [
        ("", "."), ("/", "/"), ("//", "/"), ("///", "/"), ("a", "a"), ("a/", "a"), ("a//", "a"),
        ("a/b", "b"), ("/a/b/", "b"), ("templates/_helpers.tpl", "_helpers.tpl"), ("é/ü.yaml", "ü.yaml"),
        (".", "."), ("./", "."), ("a/.", "."), ("a/b/..", ".."),
    ])
    func base(_ input: String, _ expected: String) {
        #expect(GoPath.base(input) == expected)
    }

    @Test(arguments: [
        ("", "."), ("/", "/"), ("a", "."), ("a/b", "a"), ("/a/b", "/a"), ("a/b/", "a/b"), ("a//b/c", "a/b"),
    ])
    func dir(_ input: String, _ expected: String) {
        #expect(GoPath.dir(input) == expected)
    }

    @Test(arguments: [("a.yaml", ".yaml"), ("a/b.c/d", ""), ("a.b.c", ".c"), ("noext", ""), (".hidden", ".hidden")])
    func ext(_ input: String, _ expected: String) {
        #expect(GoPath.ext(input) == expected)
    }
}
