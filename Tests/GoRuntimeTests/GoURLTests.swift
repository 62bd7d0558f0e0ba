// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

/// Go 1.25's url.Parse as `GoURL.scheme` sees it: the scheme, or Go's error. The errors were recorded from
/// Helm v4.1.4 (`helm template … --set-file a=PATH`, which prints url.Parse's error); the schemes follow
/// from the same runs (a path with no scheme, or a scheme Helm has no getter for, was opened as a file).
@Test(arguments: [
    ("f.txt", ""),
    ("./dir/f.txt", ""),
    ("/abs/f.txt", ""),
    ("http://example.com/v.yaml", "http"),
    ("HTTPS://example.com/v.yaml", "https"),
    ("oci://registry/chart", "oci"),
    ("file:f.txt", "file"),
    ("c:f.txt", "c"),
    ("f.txt?x", ""),
    ("*", ""),
    ("x%41", ""),
    ("//u@h/x", ""),
    ("//h%C3%A9/x", ""),
    ("//h:/x", ""),
    ("///x", ""),
    ("//[::1]/x", ""),
    ("", ""),
    ("%zz", "error: parse \"%zz\": invalid URL escape \"%zz\""),
    (":x", "error: parse \":x\": missing protocol scheme"),
    ("1a:b/c", "error: parse \"1a:b/c\": first path segment in URL cannot contain colon"),
    ("f.txt#%zz", "error: parse \"f.txt#%zz\": invalid URL escape \"%zz\""),
    ("%zz#x", "error: parse \"%zz\": invalid URL escape \"%zz\""),
    ("//h:abc/x", "error: parse \"//h:abc/x\": invalid port \":abc\" after host"),
    ("x\u{1}y", "error: parse \"x\\x01y\": net/url: invalid control character in URL"),
    ("//[::1/x", "error: parse \"//[::1/x\": missing ']' in host"),
    ("//h%41/x", "error: parse \"//h%41/x\": invalid URL escape \"%41\""),
    ("//h{/x", "error: parse \"//h{/x\": invalid character \"{\" in host name"),
    ("//u{@h/x", "error: parse \"//u{@h/x\": net/url: invalid userinfo"),
    ("//u%zz@h/x", "error: parse \"//u%zz@h/x\": invalid URL escape \"%zz\""),
    ("x%4", "error: parse \"x%4\": invalid URL escape \"%4\""),
    ("a%", "error: parse \"a%\": invalid URL escape \"%\""),
])
func goURLScheme(_ raw: String, _ expect: String) {
    do {
        #expect(try GoURL.scheme(raw) == expect, "\(raw)")
    } catch {
        #expect("error: " + error.message == expect, "\(raw)")
    }
}
