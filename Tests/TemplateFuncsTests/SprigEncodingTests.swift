// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import TemplateFuncs

let encodingCases: [RenderCase] = [
    RenderCase("{{ b64enc \"héllo\" }}", "aMOpbGxv"),
    RenderCase("{{ b64dec \"aGVsbG8gd29ybGQ=\" }}", "hello world"),
    RenderCase("{{ b64dec \"!!!not base64\" }}", "illegal base64 data at input byte 0"),
    RenderCase("{{ b64dec \"aGk\" }}", "illegal base64 data at input byte 0"),
    RenderCase("{{ b64dec \"aGk=\" }}", "hi"),
    RenderCase("{{ b64dec \"aG==\" }}", "h"),
    RenderCase("{{ b64dec \"aGVs\\nbG8=\" }}", "hello"),
    RenderCase("{{ b64dec \"aGVsbG8=x\" }}", "illegal base64 data at input byte 8"),
    RenderCase("{{ b64dec \"aGVsbA=\" }}", "illegal base64 data at input byte 7"),
    RenderCase("{{ b64dec \"aGVsb=G8\" }}", "illegal base64 data at input byte 5"),
    RenderCase("{{ b64dec \"aGVsbG8gd29y!GQ=\" }}", "illegal base64 data at input byte 12"),
    RenderCase("{{ b64dec \"\" }}", ""),
    RenderCase("{{ \"a:b\\nc\" | b64enc | b64dec }}", "a:b\nc"),
    RenderCase("{{ b64enc \"\" }}|{{ b64enc \"a\" }}|{{ b64enc \"ab\" }}|{{ b64enc \"abc\" }}", "|YQ==|YWI=|YWJj"),
    RenderCase("{{ b64enc 42 }}", error: "template: t:1:10: executing \"t\" at <42>: expected string; found 42"),
    RenderCase("{{ b32enc \"hello\" }}", "NBSWY3DP"),
    RenderCase("{{ b32enc \"a\" }}|{{ b32enc \"abcdef\" }}", "ME======|MFRGGZDFMY======"),
    RenderCase("{{ b32dec \"NBSWY3DP\" }}", "hello"),
    RenderCase("{{ b32dec \"MFRGGZDFMY======\" }}", "abcdef"),
    RenderCase("{{ b32dec \"1\" }}", "illegal base32 data at input byte 0"),
    RenderCase("{{ b32dec \"ME=====\" }}", "illegal base32 data at input byte 7"),
    RenderCase("{{ b32dec \"NBSWY\" }}", "illegal base32 data at input byte 0"),
    RenderCase("{{ sha256sum \"hello\" }}", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
    RenderCase(
        "{{ sha512sum \"hello\" }}",
        "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043"),
    RenderCase("{{ sha1sum \"hello\" }}", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"),
    RenderCase("{{ adler32sum \"hello\" }}", "103547413"),
    RenderCase("{{ adler32sum \"\" }}", "1"),
    RenderCase(
        "{{ sha1sum .Values.num }}", error: "template: t:1:18: executing \"t\" at <.Values.num>: wrong type for value; expected string; got float64",
        values: ["num": .float(1)]),
    RenderCase("{{ uuidv4 | len }}", "36"),
    RenderCase("{{ randAlphaNum 0 }}|{{ randAlpha -3 }}", "|"),
    RenderCase("{{ randNumeric 5 | len }}", "5"),
    RenderCase("{{ randBytes 12 | len }}", "16"),
    RenderCase("{{ shuffle \"aaa\" }}", "aaa"),
    RenderCase("{{ shuffle \"héllo\" | len }}", "6"),
]

@Test(arguments: encodingCases)
func sprigEncoding(_ c: RenderCase) {
    let r = Render.check(c)
    #expect(r.got == r.want)
}

@Test(arguments: [
    ("randAlpha", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
    ("randAlphaNum", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
    ("randNumeric", "0123456789"),
    ("randAscii", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"),
])
func randomAlphabets(_ fn: String, _ alphabet: String) {
    let out = Render.output("{{ \(fn) 200 }}")
    #expect(out.count == 200)
    #expect(out.allSatisfy { alphabet.contains($0) })
}

@Test func uuidShape() {
    let u = Render.output("{{ uuidv4 }}")
    let parts = u.split(separator: "-").map(\.count)
    #expect(parts == [8, 4, 4, 4, 12])
    #expect(Array(u)[14] == "4")
    #expect("89ab".contains(Array(u)[19]))
    #expect(Render.output("{{ uuidv4 }}") != u)
}

@Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar", "\u{0}\u{FF}\u{80}"])
func base64RoundTrip(_ s: String) throws {
    let b = Array(s.utf8)
    #expect(try GoBase64.decode(Array(GoBase64.encode(b).utf8)).get() == b)
    #expect(try GoBase32.decode(Array(GoBase32.encode(b).utf8)).get() == b)
}
