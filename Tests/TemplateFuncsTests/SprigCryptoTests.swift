// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import Testing

@testable import TemplateFuncs

// Outputs recorded from real Helm v4.1.4.
let deterministicCryptoCases: [RenderCase] = [
    RenderCase("{{ derivePassword 1 \"long\" \"password\" \"user\" \"example.com\" }}", "ZedaFaxcZaso9*"),
    RenderCase("{{ derivePassword 3 \"maximum\" \"pw\" \"alice\" \"site.org\" }}", "P6_$ZPrLqp)A!tIlo%PZ"),
    RenderCase("{{ derivePassword 1 \"pin\" \"pw\" \"alice\" \"site.org\" }}", "5680"),
    RenderCase("{{ derivePassword 1 \"nope\" \"a\" \"b\" \"c\" }}", "cannot find password template nope"),
    RenderCase("{{ decryptAES \"secretkey\" \"d3WcZsOixUGuXcOKzHBJhVRh2kf2adCeNYilzfZwjkw=\" }}", "plaintext"),
    RenderCase("{{ decryptAES \"secretkey\" \"N70Kn9uXtSqV8/h5Wnqkl9QF2QVmh3oJZ62UyzDA2HI=\" }}", "plaintext"),
    RenderCase("{{ decryptAES \"k\" \"\" }}|{{ encryptAES \"k\" \"\" }}", "|"),
    RenderCase(
        "{{ decryptAES \"k\" \"QQ==\" }}",
        error:
            "template: t:1:3: executing \"t\" at <decryptAES \"k\" \"QQ==\">: error calling decryptAES: runtime error: slice bounds out of range [:16] with capacity 3"
    ),
    RenderCase(
        "{{ decryptAES \"k\" \"QUFBQUFBQUFBQUFBQUFBQUFB\" }}",
        error:
            "template: t:1:3: executing \"t\" at <decryptAES \"k\" \"QUFBQUFBQUFBQUFBQUFBQUFB\">: error calling decryptAES: crypto/cipher: input not full blocks"
    ),
    RenderCase(
        "{{ decryptAES \"k\" \"QUFBQUFBQUFBQUFBQUFBQQ==\" }}",
        error:
            "template: t:1:3: executing \"t\" at <decryptAES \"k\" \"QUFBQUFBQUFBQUFBQUFBQQ==\">: error calling decryptAES: runtime error: index out of range [-1]"
    ),
    RenderCase(
        "{{ decryptAES \"k\" \"!!\" }}",
        error: "template: t:1:3: executing \"t\" at <decryptAES \"k\" \"!!\">: error calling decryptAES: illegal base64 data at input byte 0"),
    RenderCase("{{ bcrypt (repeat 73 \"a\") }}", "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"),
    RenderCase("{{ htpasswd \"a:b\" \"x\" }}", "invalid username: a:b"),
    RenderCase("{{ genPrivateKey \"foo\" }}", "Unknown type foo"),
    RenderCase(
        "{{ genSelfSignedCert \"x\" (list 5) nil 3 }}",
        error:
            "template: t:1:3: executing \"t\" at <genSelfSignedCert \"x\" (list 5) nil 3>: error calling genSelfSignedCert: error parsing ip: 5 is not a string"
    ),
    RenderCase(
        "{{ genSelfSignedCert \"x\" (list \"1.2.3.04\") nil 3 }}",
        error:
            "template: t:1:3: executing \"t\" at <genSelfSignedCert \"x\" (list \"1.2.3.04\") nil 3>: error calling genSelfSignedCert: error parsing ip: 1.2.3.04"
    ),
    RenderCase(
        "{{ genSelfSignedCert \"x\" nil (list 5) 3 }}",
        error:
            "template: t:1:3: executing \"t\" at <genSelfSignedCert \"x\" nil (list 5) 3>: error calling genSelfSignedCert: error processing alternate dns name: 5 is not a string"
    ),
    RenderCase(
        "{{ genCAWithKey \"x\" 3 \"junk\" }}",
        error: "template: t:1:3: executing \"t\" at <genCAWithKey \"x\" 3 \"junk\">: error calling genCAWithKey: parsing private key: no PEM data in input"),
    RenderCase(
        "{{ buildCustomCert \"!!\" \"x\" }}",
        error: "template: t:1:3: executing \"t\" at <buildCustomCert \"!!\" \"x\">: error calling buildCustomCert: unable to decode base64 certificate"),
    RenderCase(
        "{{ buildCustomCert \"eA==\" \"!!\" }}",
        error: "template: t:1:3: executing \"t\" at <buildCustomCert \"eA==\" \"!!\">: error calling buildCustomCert: unable to decode base64 private key"),
    RenderCase(
        "{{ buildCustomCert \"eA==\" \"eA==\" }}",
        error: "template: t:1:3: executing \"t\" at <buildCustomCert \"eA==\" \"eA==\">: error calling buildCustomCert: unable to decode certificate"),
]

@Test(arguments: deterministicCryptoCases)
func sprigCryptoDeterministic(_ c: RenderCase) {
    let r = Render.check(c)
    #expect(r.got == r.want)
}

@Test(arguments: ["x", "plaintext", String(repeating: "0123456789abcdef", count: 3), "héllo wörld", "\n"])
func aesRoundTrip(_ plain: String) throws {
    for password in ["", "k", String(repeating: "long password ", count: 5)] {
        let ct = try Sprig.encryptAES(password: password, plaintext: plain)
        #expect(try Sprig.decryptAES(password: password, crypt64: ct) == plain)
        // IV + whole blocks, base64.
        let raw = try GoBase64.decode(Array(ct.utf8)).get()
        #expect(raw.count == 16 + (plain.utf8.count / 16 + 1) * 16)
    }
    #expect(Render.output("{{ encryptAES \"pw\" \(GoStrconv.quote(plain)) | decryptAES \"pw\" }}") == plain)
}

@Test func aesKeyIsPasswordZeroPadded() throws {
    // Sprig copies the password into a 32-byte key: bytes past 32 are ignored.
    let long = String(repeating: "a", count: 32)
    let ct = try Sprig.encryptAES(password: long + "IGNORED", plaintext: "secret")
    #expect(try Sprig.decryptAES(password: long, crypt64: ct) == "secret")
    #expect((try? Sprig.decryptAES(password: "other", crypt64: ct)) != "secret")
}

@Test func bcryptMatchesHelm() {
    // Recorded from Helm: {{ bcrypt "password" }}.
    #expect(Bcrypt.verify(Array("password".utf8), hash: "$2a$10$yegfQru2FomqYyZNEjCe8OyRxo5eB2qzOoZPofaxp9UmaWWu5hHT2"))
    #expect(!Bcrypt.verify(Array("passwore".utf8), hash: "$2a$10$yegfQru2FomqYyZNEjCe8OyRxo5eB2qzOoZPofaxp9UmaWWu5hHT2"))
}

@Test func bcryptKnownVector() throws {
    // OpenBSD test vector: cost 5, salt from "$2a$05$CCCCCCCCCCCCCCCCCCCCC.", password "U*U".
    let salt = try #require(Bcrypt.decode(Array("CCCCCCCCCCCCCCCCCCCCC.".utf8)))
    #expect(
        try Bcrypt.hash(Array("U*U".utf8), cost: 5, salt: Array(salt.prefix(16)))
            == "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")
}

@Test func bcryptAndHtpasswdShape() {
    let h = Render.output("{{ bcrypt \"s3cret\" }}")
    #expect(h.hasPrefix("$2a$10$"))
    #expect(h.count == 60)
    #expect(Bcrypt.verify(Array("s3cret".utf8), hash: h))
    let line = Render.output("{{ htpasswd \"admin\" \"pw\" }}")
    #expect(line.hasPrefix("admin:$2a$10$"))
    #expect(Bcrypt.verify(Array("pw".utf8), hash: String(line.dropFirst(6))))
}

/// Runs openssl with arguments, returning its exit status and combined output.
func openssl(_ args: [String], input: String? = nil) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["openssl"] + args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    let inPipe = Pipe()
    p.standardInput = inPipe
    try p.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

func tempFile(_ text: String) throws -> String {
    let path = NSTemporaryDirectory() + "sprig-\(UUID().uuidString).pem"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Test(arguments: [("ecdsa", "EC PRIVATE KEY"), ("ed25519", "PRIVATE KEY"), ("rsa", "RSA PRIVATE KEY")])
func generatedKeysParse(_ type: String, _ header: String) throws {
    let pem = Render.output("{{ genPrivateKey \"\(type)\" }}")
    #expect(pem.hasPrefix("-----BEGIN \(header)-----\n"))
    #expect(pem.hasSuffix("-----END \(header)-----\n"))
    #expect(pem.split(separator: "\n").dropFirst().dropLast().allSatisfy { $0.count <= 64 })
    let (status, text) = try openssl(["pkey", "-noout", "-text"], input: pem)
    #expect(status == 0, "\(text)")
    if type == "rsa" { #expect(text.contains("4096 bit")) }
    if type == "ecdsa" { #expect(text.contains("prime256v1")) }
    if type == "ed25519" { #expect(text.contains("ED25519")) }
    // Keys go back in through the *WithKey functions.
    guard case .success = SprigKey.parse(pem) else { Issue.record("key does not parse back"); return }
}

@Test func caSignsLeafAndOpensslVerifies() throws {
    let out = Render.output(
        """
        {{- $ca := genCA "my-ca" 10 -}}
        {{- $c := genSignedCert "svc" (list "10.0.0.1" "::1") (list "a.b" "c.d") 5 $ca -}}
        {{ $ca.Cert }}|{{ $c.Cert }}|{{ $c.Key }}
        """)
    let parts = out.split(separator: "|").map(String.init)
    try #require(parts.count == 3, "\(out)")
    let caFile = try tempFile(parts[0]), leafFile = try tempFile(parts[1]), keyFile = try tempFile(parts[2])
    defer { for f in [caFile, leafFile, keyFile] { try? FileManager.default.removeItem(atPath: f) } }
    let (vs, vout) = try openssl(["verify", "-CAfile", caFile, leafFile])
    #expect(vs == 0, "\(vout)")
    let (_, text) = try openssl(["x509", "-in", leafFile, "-noout", "-text"])
    #expect(text.contains("Issuer: CN = my-ca"))
    #expect(text.contains("Subject: CN = svc"))
    #expect(text.contains("DNS:a.b, DNS:c.d, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1"))
    #expect(text.contains("CA:FALSE"))
    #expect(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"))
    #expect(text.contains("X509v3 Authority Key Identifier"))
    // The key belongs to the certificate.
    let (_, certPub) = try openssl(["x509", "-in", leafFile, "-noout", "-pubkey"])
    let (_, keyPub) = try openssl(["pkey", "-in", keyFile, "-pubout"])
    #expect(certPub == keyPub)
    let (_, caText) = try openssl(["x509", "-in", caFile, "-noout", "-text"])
    #expect(caText.contains("CA:TRUE"))
    #expect(caText.contains("Digital Signature, Key Encipherment, Certificate Sign"))
    #expect(parts[2].hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
}

/// RSA keys from BoringSSL (swift-crypto), as the certificate functions make them — from the render's key
/// pool (as Engine renders) and one per call (no pool) — checked by an independent tool: `openssl rsa -check`
/// on every key (2048 bits, all different), `openssl verify` on the certificates.
@Test(arguments: [true, false])
func generatedRSAKeysPassOpensslChecks(_ pooled: Bool) throws {
    let out = Render.output(
        """
        {{- $ca := genCA "ca" 3 -}}
        {{- $a := genSignedCert "a" nil (list "a") 3 $ca -}}
        {{- $b := genSelfSignedCert "b" nil (list "b") 3 -}}
        {{ $ca.Cert }}|{{ $a.Cert }}|{{ $b.Cert }}|{{ $ca.Key }}|{{ $a.Key }}|{{ $b.Key }}
        """, pooled: pooled)
    let parts = out.split(separator: "|").map(String.init)
    try #require(parts.count == 6, "\(out)")
    let keys = Array(parts[3...])
    #expect(Set(keys).count == 3)
    for key in keys {
        let (status, text) = try openssl(["rsa", "-check", "-noout"], input: key)
        #expect(status == 0 && text.contains("RSA key ok"), "\(text)")
        let (_, described) = try openssl(["rsa", "-noout", "-text"], input: key)
        #expect(described.contains("Private-Key: (2048 bit, 2 primes)"))
        #expect(described.contains("publicExponent: 65537 (0x10001)"))
    }
    let files = try parts.map(tempFile)
    defer { for f in files { try? FileManager.default.removeItem(atPath: f) } }
    let (vs, vout) = try openssl(["verify", "-CAfile", files[0], files[1]])
    #expect(vs == 0, "\(vout)")
    let (ss, sout) = try openssl(["verify", "-CAfile", files[2], "-check_ss_sig", "-partial_chain", files[2]])
    #expect(ss == 0, "\(sout)")
    // Each certificate carries its own key.
    for (cert, key) in zip(files[0..<3], files[3...]) {
        let (_, certPub) = try openssl(["x509", "-in", cert, "-noout", "-pubkey"])
        let (_, keyPub) = try openssl(["pkey", "-in", key, "-pubout"])
        #expect(certPub == keyPub)
    }
}

/// `genPrivateKey "rsa"`: a 4096-bit key (Sprig's size), checked by openssl.
@Test func genPrivateKeyRSAPassesOpensslCheck() throws {
    let pem = Render.output("{{ genPrivateKey \"rsa\" }}")
    let (status, text) = try openssl(["rsa", "-check", "-noout"], input: pem)
    #expect(status == 0 && text.contains("RSA key ok"), "\(text)")
    let (_, described) = try openssl(["rsa", "-noout", "-text"], input: pem)
    #expect(described.contains("Private-Key: (4096 bit, 2 primes)"))
}

@Test(arguments: ["ecdsa", "ed25519"])
func selfSignedWithKey(_ type: String) throws {
    let out = Render.output(
        """
        {{- $k := genPrivateKey "\(type)" -}}
        {{- $c := genSelfSignedCertWithKey "example.com" nil (list "example.com") 30 $k -}}
        {{ $c.Cert }}|{{ eq $c.Key $k }}
        """)
    let parts = out.split(separator: "|").map(String.init)
    try #require(parts.count == 2, "\(out)")
    #expect(parts[1] == "true")
    let f = try tempFile(parts[0])
    defer { try? FileManager.default.removeItem(atPath: f) }
    let (vs, vout) = try openssl(["verify", "-CAfile", f, "-check_ss_sig", "-partial_chain", f])
    #expect(vs == 0, "\(vout)")
}

@Test func buildCustomCertRoundTrip() {
    let out = Render.output(
        """
        {{- $ca := genCA "x" 1 -}}
        {{- $c := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) -}}
        {{ eq $c.Cert $ca.Cert }} {{ eq $c.Key $ca.Key }}
        """)
    #expect(out == "true true")
}

@Test func subjectKeyIdMatchesHelm() throws {
    // Go 1.25 fills SubjectKeyId with the first 160 bits of SHA-256 over the public key bits.
    let ids = try #require(Sprig.keyIdentifiers(certificatePEM: helmCACertificate))
    #expect(ids.stored == ids.computed)
    #expect(ids.stored.count == 20)
}

@Test(arguments: [
    ("10.0.0.1", [10, 0, 0, 1] as [UInt8]), ("::1", [UInt8](repeating: 0, count: 15) + [1]),
    ("::ffff:1.2.3.4", [1, 2, 3, 4]), ("2001:db8::8:800:200c:417a", [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 8, 8, 0, 0x20, 0x0c, 0x41, 0x7a]),
])
func ipParsing(_ s: String, _ want: [UInt8]) {
    #expect(GoIP.parse(s) == want)
}

@Test(arguments: ["1.2.3", "1.2.3.256", "01.2.3.4", "1::2::3", "::g", "1:2:3:4:5:6:7:8:9", "", "1.2.3.4.5"])
func badIPs(_ s: String) {
    #expect(GoIP.parse(s) == nil)
}
