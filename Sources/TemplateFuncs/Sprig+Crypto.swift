// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Crypto
import Foundation
import GoRuntime
import GoTemplate
import SwiftASN1
import X509
import _CryptoExtras

/// Sprig's `certificate` struct: PEM certificate and PEM private key.
struct CertificateObject: GoObject {
    var cert: String
    var key: String

    static let goType: GoType = .named("sprig.certificate", underlying: .structure)

    var goTypeName: String { "sprig.certificate" }
    var fields: [(name: String, value: Value)] { [("Cert", .string(cert)), ("Key", .string(key))] }
}

/// A private key of one of the kinds Go's x509 signs with.
enum SprigKey {
    case rsa(_RSA.Signing.PrivateKey)
    case p256(P256.Signing.PrivateKey)
    case p384(P384.Signing.PrivateKey)
    case p521(P521.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)

    /// Sprig's pemBlockForKey: PKCS#1 for RSA, SEC 1 for ECDSA, PKCS#8 otherwise.
    var pem: String {
        switch self {
        case .rsa(let k): return PEM.encode("RSA PRIVATE KEY", [UInt8](k.derRepresentation))
        case .p256(let k):
            return PEM.encode(
                "EC PRIVATE KEY", DERBytes.sec1(curve: DERBytes.oidP256, scalar: [UInt8](k.rawRepresentation), point: [UInt8](k.publicKey.x963Representation)))
        case .p384(let k):
            return PEM.encode(
                "EC PRIVATE KEY", DERBytes.sec1(curve: DERBytes.oidP384, scalar: [UInt8](k.rawRepresentation), point: [UInt8](k.publicKey.x963Representation)))
        case .p521(let k):
            return PEM.encode(
                "EC PRIVATE KEY", DERBytes.sec1(curve: DERBytes.oidP521, scalar: [UInt8](k.rawRepresentation), point: [UInt8](k.publicKey.x963Representation)))
        case .ed25519(let k):
            return PEM.encode(
                "PRIVATE KEY", [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20] + [UInt8](k.rawRepresentation))
        }
    }

    var certificateKey: Certificate.PrivateKey {
        switch self {
        case .rsa(let k): return Certificate.PrivateKey(k)
        case .p256(let k): return Certificate.PrivateKey(k)
        case .p384(let k): return Certificate.PrivateKey(k)
        case .p521(let k): return Certificate.PrivateKey(k)
        case .ed25519(let k): return Certificate.PrivateKey(k)
        }
    }

    var certificatePublicKey: Certificate.PublicKey {
        switch self {
        case .rsa(let k): return Certificate.PublicKey(k.publicKey)
        case .p256(let k): return Certificate.PublicKey(k.publicKey)
        case .p384(let k): return Certificate.PublicKey(k.publicKey)
        case .p521(let k): return Certificate.PublicKey(k.publicKey)
        case .ed25519(let k): return Certificate.PublicKey(k.publicKey)
        }
    }

    /// The subjectPublicKey BIT STRING contents (what key identifiers hash).
    var publicKeyBits: [UInt8] {
        switch self {
        case .rsa(let k): return [UInt8](k.publicKey.pkcs1DERRepresentation)
        case .p256(let k): return [UInt8](k.publicKey.x963Representation)
        case .p384(let k): return [UInt8](k.publicKey.x963Representation)
        case .p521(let k): return [UInt8](k.publicKey.x963Representation)
        case .ed25519(let k): return [UInt8](k.publicKey.rawRepresentation)
        }
    }

    /// A fresh RSA key of `bits` bits: from the render's pool when there is one (2048 bits), else made here.
    static func generateRSA(bits: Int, pool: RSAKeyPool? = nil) throws(GoError) -> SprigKey {
        do {
            if bits == 2048, let pool { return .rsa(try pool.take()) }
            return .rsa(try FreshRSAKey.make(bits: bits))
        } catch {
            throw GoError("\(error)")
        }
    }

    /// A fresh 2048-bit key for a function with the `makesRSAKey` effect, from the running render's pool.
    static func generateRSA(for exec: Execution) throws(GoError) -> SprigKey {
        try generateRSA(bits: 2048, pool: (exec.context as? RenderState)?.keys)
    }

    /// Sprig's parsePrivateKeyPEM, with its error texts.
    static func parse(_ text: String) -> Result<SprigKey, GoError> {
        guard let block = PEM.decode(text) else { return .failure(GoError("no PEM data in input")) }
        let der = block.bytes
        if block.type == "PRIVATE KEY" {
            if let k = parsePKCS8(der) { return .success(k) }
            return .failure(GoError("decoding PEM as PKCS#8: x509: failed to parse private key"))
        }
        guard block.type.hasSuffix(" PRIVATE KEY") else {
            return .failure(GoError("no private key data in PEM block of type \(block.type)"))
        }
        switch String(block.type.dropLast(12)) {
        case "RSA":
            if let k = try? _RSA.Signing.PrivateKey(unsafeDERRepresentation: der) { return .success(.rsa(k)) }
            return .failure(GoError("parsing RSA private key from PEM: x509: failed to parse private key"))
        case "EC":
            if let k = parseSEC1(der) { return .success(k) }
            return .failure(GoError("parsing EC private key from PEM: x509: failed to parse EC private key"))
        case "DSA":
            return .failure(GoError("parsing DSA private key from PEM: DSA keys are not supported"))
        default:
            return .failure(GoError("invalid private key type \(block.type)"))
        }
    }

    private static func parseSEC1(_ der: [UInt8]) -> SprigKey? {
        if let k = try? P256.Signing.PrivateKey(derRepresentation: der) { return .p256(k) }
        if let k = try? P384.Signing.PrivateKey(derRepresentation: der) { return .p384(k) }
        if let k = try? P521.Signing.PrivateKey(derRepresentation: der) { return .p521(k) }
        return nil
    }

    private static func parsePKCS8(_ der: [UInt8]) -> SprigKey? {
        let edPrefix: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
        if der.count == 48, Array(der.prefix(16)) == edPrefix,
            let k = try? Curve25519.Signing.PrivateKey(rawRepresentation: der.suffix(32))
        {
            return .ed25519(k)
        }
        if let k = parseSEC1(der) { return k }
        if let k = try? _RSA.Signing.PrivateKey(unsafeDERRepresentation: der) { return .rsa(k) }
        return nil
    }
}

/// Go's encoding/pem, as much as Sprig uses.
enum PEM {
    static func encode(_ type: String, _ der: [UInt8]) -> String {
        let b64 = Array(GoBase64.encode(der))
        var out = "-----BEGIN \(type)-----\n"
        var i = 0
        while i < b64.count {
            out += String(b64[i..<Swift.min(i + 64, b64.count)]) + "\n"
            i += 64
        }
        return out + "-----END \(type)-----\n"
    }

    /// The first PEM block in the text.
    static func decode(_ text: String) -> (type: String, bytes: [UInt8])? {
        guard let begin = text.range(of: "-----BEGIN ") else { return nil }
        let afterBegin = text[begin.upperBound...]
        guard let typeEnd = afterBegin.range(of: "-----") else { return nil }
        let type = String(afterBegin[..<typeEnd.lowerBound])
        guard !type.contains("\n") else { return nil }
        let body = afterBegin[typeEnd.upperBound...]
        guard let end = body.range(of: "-----END \(type)-----") else { return nil }
        var lines = body[..<end.lowerBound].split(whereSeparator: { $0 == "\n" || $0 == "\r" })
        // Skip RFC 1421 headers ("Key: value" lines before a blank line).
        if let first = lines.first, first.contains(":") {
            lines = Array(lines.drop { $0.contains(":") })
        }
        let b64 = lines.joined().filter { !$0.isWhitespace }
        guard case .success(let der) = GoBase64.decode(Array(b64.utf8)) else { return nil }
        return (type, der)
    }
}

/// Just enough DER to write the structures Go's x509 marshals that swift-crypto does not.
enum DERBytes {
    static let oidP256: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
    static let oidP384: [UInt8] = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]
    static let oidP521: [UInt8] = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23]

    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        let n = content.count
        if n < 128 {
            out.append(UInt8(n))
        } else {
            var len: [UInt8] = []
            var m = n
            while m > 0 { len.insert(UInt8(m & 0xFF), at: 0); m >>= 8 }
            out.append(0x80 | UInt8(len.count))
            out += len
        }
        return out + content
    }

    /// x509.MarshalECPrivateKey: version 1, the scalar, [0] curve OID, [1] public point.
    static func sec1(curve: [UInt8], scalar: [UInt8], point: [UInt8]) -> [UInt8] {
        tlv(0x30, tlv(0x02, [1]) + tlv(0x04, scalar) + tlv(0xA0, curve) + tlv(0xA1, tlv(0x03, [0] + point)))
    }
}

/// Go's net.ParseIP, returning the bytes x509 puts in a SAN (4 for IPv4 and IPv4-mapped, else 16).
enum GoIP {
    static func parse(_ s: String) -> [UInt8]? {
        if let v4 = parseV4(Substring(s)) { return v4 }
        guard let v6 = parseV6(s) else { return nil }
        if v6[0..<10].allSatisfy({ $0 == 0 }) && v6[10] == 0xFF && v6[11] == 0xFF { return Array(v6[12...]) }
        return v6
    }

    static func parseV4(_ s: Substring) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            if p.count > 1 && p.first == "0" { return nil }
            guard let v = Int(p), v <= 255 else { return nil }
            out.append(UInt8(v))
        }
        return out
    }

    static func parseV6(_ s: String) -> [UInt8]? {
        var head: [UInt16] = [], tail: [UInt16] = []
        var sawGap = false
        var rest = Substring(s)
        var tailV4: [UInt8]?
        if rest.hasPrefix("::") { sawGap = true; rest = rest.dropFirst(2) }
        while !rest.isEmpty {
            let group = rest.prefix { $0 != ":" }
            if group.contains(".") {
                guard let v4 = parseV4(group) else { return nil }
                tailV4 = v4
                rest = rest.dropFirst(group.count)
                guard rest.isEmpty else { return nil }
                break
            }
            guard !group.isEmpty, group.count <= 4, let v = UInt16(group, radix: 16) else { return nil }
            if sawGap { tail.append(v) } else { head.append(v) }
            rest = rest.dropFirst(group.count)
            if rest.hasPrefix("::") {
                if sawGap { return nil }
                sawGap = true
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix(":") {
                rest = rest.dropFirst()
                if rest.isEmpty { return nil }
            }
        }
        let groups = head.count + tail.count + (tailV4 == nil ? 0 : 2)
        if sawGap ? groups > 7 : groups != 8 { return nil }
        var out: [UInt8] = []
        for g in head { out += [UInt8(g >> 8), UInt8(g & 0xFF)] }
        if sawGap { out += [UInt8](repeating: 0, count: 2 * (8 - groups)) }
        for g in tail { out += [UInt8(g >> 8), UInt8(g & 0xFF)] }
        if let tailV4 { out += tailV4 }
        return out
    }
}

extension Sprig {
    static let certParam = GoParam.exact(CertificateObject.goType)

    /// Sprig's crypto functions: bcrypt, htpasswd, derivePassword, AES, private keys and certificates.
    static func registerCrypto(into t: inout FunctionTable) {
        t.register("bcrypt", GoFunction([.string]) { a in .string(bcrypt(a[0].stringValue ?? "")) })
        t.register(
            "htpasswd",
            GoFunction([.string, .string]) { a in
                let user = a[0].stringValue ?? ""
                if user.contains(":") { return .string("invalid username: \(user)") }
                return .string(user + ":" + bcrypt(a[1].stringValue ?? ""))
            })
        t.register(
            "derivePassword",
            GoFunction([.int(.uint32), .string, .string, .string, .string]) { a in
                guard case .int(let counter, _) = a[0] else { return .string("") }
                return .string(
                    derivePassword(
                        counter: UInt32(truncatingIfNeeded: counter), type: a[1].stringValue ?? "",
                        password: a[2].stringValue ?? "", user: a[3].stringValue ?? "",
                        site: a[4].stringValue ?? ""))
            })
        t.register(
            "encryptAES",
            GoFunction([.string, .string]) { a throws(GoError) in
                .string(try encryptAES(password: a[0].stringValue ?? "", plaintext: a[1].stringValue ?? ""))
            })
        t.register(
            "decryptAES",
            GoFunction([.string, .string]) { a throws(GoError) in
                .string(try decryptAES(password: a[0].stringValue ?? "", crypt64: a[1].stringValue ?? ""))
            })
        t.register("genPrivateKey", GoFunction([.string]) { a in .string(generatePrivateKey(a[0].stringValue ?? "")) })
        t.register(
            "buildCustomCert",
            GoFunction([.string, .string]) { a throws(GoError) in
                .object(try buildCustomCert(a[0].stringValue ?? "", a[1].stringValue ?? ""))
            })
        t.register(
            "genCA",
            GoFunction(
                params: [.string, .int], effects: .makesRSAKey,
                body: .contextual { exec, a throws(GoError) in
                    let key = try SprigKey.generateRSA(for: exec)
                    return .object(try makeCertificate(cn: str(a[0]), ips: .null, dns: .null, days: count(a[1]), isCA: true, key: key, signer: nil))
                }))
        t.register(
            "genCAWithKey",
            GoFunction([.string, .int, .string]) { a throws(GoError) in
                let key = try parseKey(str(a[2]), prefix: "parsing private key: ")
                return .object(try makeCertificate(cn: str(a[0]), ips: .null, dns: .null, days: count(a[1]), isCA: true, key: key, signer: nil))
            })
        t.register(
            "genSelfSignedCert",
            GoFunction(
                params: [.string, .slice(.anySlice), .slice(.anySlice), .int], effects: .makesRSAKey,
                body: .contextual { exec, a throws(GoError) in
                    let key = try SprigKey.generateRSA(for: exec)
                    return .object(try makeCertificate(cn: str(a[0]), ips: a[1], dns: a[2], days: count(a[3]), isCA: false, key: key, signer: nil))
                }))
        t.register(
            "genSelfSignedCertWithKey",
            GoFunction([.string, .slice(.anySlice), .slice(.anySlice), .int, .string]) { a throws(GoError) in
                let key = try parseKey(str(a[4]), prefix: "parsing private key: ")
                return .object(try makeCertificate(cn: str(a[0]), ips: a[1], dns: a[2], days: count(a[3]), isCA: false, key: key, signer: nil))
            })
        t.register(
            "genSignedCert",
            GoFunction(
                params: [.string, .slice(.anySlice), .slice(.anySlice), .int, certParam], effects: .makesRSAKey,
                body: .contextual { exec, a throws(GoError) in
                    let key = try SprigKey.generateRSA(for: exec)
                    let signer = try loadSigner(a[4])
                    return .object(try makeCertificate(cn: str(a[0]), ips: a[1], dns: a[2], days: count(a[3]), isCA: false, key: key, signer: signer))
                }))
        t.register(
            "genSignedCertWithKey",
            GoFunction([.string, .slice(.anySlice), .slice(.anySlice), .int, certParam, .string]) { a throws(GoError) in
                let key = try parseKey(str(a[5]), prefix: "parsing private key: ")
                let signer = try loadSigner(a[4])
                return .object(try makeCertificate(cn: str(a[0]), ips: a[1], dns: a[2], days: count(a[3]), isCA: false, key: key, signer: signer))
            })
    }

    static func bcrypt(_ input: String) -> String {
        do {
            return try Bcrypt.hash(Array(input.utf8))
        } catch {
            return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
        }
    }

    static let passwordTemplates: [String: [String]] = [
        "maximum": ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long": [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
            "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
            "CvccCvcvCvccno",
        ],
        "medium": ["CvcnoCvc", "CvcCvcno"],
        "short": ["Cvcn"],
        "basic": ["aaanaaan", "aannaaan", "aaannaaa"],
        "pin": ["nnnn"],
    ]

    static let templateCharacters: [Character: [UInt8]] = [
        "V": Array("AEIOU".utf8),
        "C": Array("BCDFGHJKLMNPQRSTVWXYZ".utf8),
        "v": Array("aeiou".utf8),
        "c": Array("bcdfghjklmnpqrstvwxyz".utf8),
        "A": Array("AEIOUBCDFGHJKLMNPQRSTVWXYZ".utf8),
        "a": Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz".utf8),
        "n": Array("0123456789".utf8),
        "o": Array("@&%?,=[]_:-+*$#!'^~;()/.".utf8),
        "x": Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()".utf8),
    ]

    static func beUInt32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    /// Sprig's derivePassword (the Master Password algorithm: scrypt key, HMAC-SHA256 seed, templates).
    static func derivePassword(counter: UInt32, type: String, password: String, user: String, site: String) -> String {
        guard let templates = passwordTemplates[type] else { return "cannot find password template \(type)" }
        let seedName = Array("com.lyndir.masterpassword".utf8)
        let salt = seedName + beUInt32(UInt32(truncatingIfNeeded: user.utf8.count)) + Array(user.utf8)
        let key: SymmetricKey
        do {
            key = try KDF.Scrypt.deriveKey(
                from: Array(password.utf8), salt: salt, outputByteCount: 64,
                rounds: 32768, blockSize: 8, parallelism: 2, maxMemory: 128 * 1024 * 1024)
        } catch {
            return "failed to derive password: \(error)"
        }
        let message = seedName + beUInt32(UInt32(truncatingIfNeeded: site.utf8.count)) + Array(site.utf8) + beUInt32(counter)
        let seed = Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        let template = Array(templates[Int(seed[0]) % templates.count])
        var out: [UInt8] = []
        for (i, c) in template.enumerated() {
            guard let chars = templateCharacters[c] else { continue }
            out.append(chars[Int(seed[i + 1]) % chars.count])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func aesKey(_ password: String) -> SymmetricKey {
        var key = Array(password.utf8.prefix(32))
        key += [UInt8](repeating: 0, count: 32 - key.count)
        return SymmetricKey(data: key)
    }

    /// Sprig's encryptAES: AES-256-CBC, key = password zero-padded/truncated to 32 bytes, PKCS#7 padding,
    /// random IV prepended, base64.
    static func encryptAES(password: String, plaintext: String) throws(GoError) -> String {
        if plaintext.isEmpty { return "" }
        var content = Array(plaintext.utf8)
        let padding = 16 - content.count % 16
        content += [UInt8](repeating: UInt8(padding), count: padding)
        var g = SystemRandomNumberGenerator()
        let iv = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
        do {
            let ct = try AES._CBC.encrypt(content, using: aesKey(password), iv: AES._CBC.IV(ivBytes: iv), noPadding: true)
            return GoBase64.encode(iv + [UInt8](ct))
        } catch {
            throw GoError("\(error)")
        }
    }

    /// Sprig's decryptAES, with the Go panics its unchecked slicing produces on malformed input.
    static func decryptAES(password: String, crypt64: String) throws(GoError) -> String {
        if crypt64.isEmpty { return "" }
        let crypt: [UInt8]
        switch GoBase64.decode(Array(crypt64.utf8)) {
        case .success(let b): crypt = b
        case .failure(let e): throw e
        }
        if crypt.count < 16 {
            throw GoError("runtime error: slice bounds out of range [:16] with capacity \(crypt64.utf8.count / 4 * 3)")
        }
        let body = Array(crypt[16...])
        if body.count % 16 != 0 { throw GoError("crypto/cipher: input not full blocks") }
        if body.isEmpty { throw GoError("runtime error: index out of range [-1]") }
        let plain: [UInt8]
        do {
            plain = [UInt8](try AES._CBC.decrypt(body, using: aesKey(password), iv: AES._CBC.IV(ivBytes: crypt[0..<16]), noPadding: true))
        } catch {
            throw GoError("\(error)")
        }
        let pad = Int(plain[plain.count - 1])
        if pad > plain.count { throw GoError("runtime error: slice bounds out of range [:\(plain.count - pad)]") }
        return String(decoding: plain[0..<(plain.count - pad)], as: UTF8.self)
    }

    /// Sprig's generatePrivateKey: PEM text, or an error message as the result.
    static func generatePrivateKey(_ type: String) -> String {
        do {
            switch type {
            case "", "rsa": return try SprigKey.generateRSA(bits: 4096).pem
            case "ecdsa": return SprigKey.p256(P256.Signing.PrivateKey()).pem
            case "ed25519": return SprigKey.ed25519(Curve25519.Signing.PrivateKey()).pem
            case "dsa": return "failed to generate dsa params: DSA keys are not supported"
            default: return "Unknown type " + type
            }
        } catch {
            return "failed to generate private key: \(error.message)"
        }
    }

    static func parseKey(_ pem: String, prefix: String) throws(GoError) -> SprigKey {
        switch SprigKey.parse(pem) {
        case .success(let k): return k
        case .failure(let e): throw GoError(prefix + e.message)
        }
    }

    struct Signer {
        var subject: DistinguishedName
        var subjectKeyID: [UInt8]?
        var key: SprigKey
    }

    static func loadSigner(_ v: Value) throws(GoError) -> Signer {
        guard case .object(let o as CertificateObject) = v else { throw GoError("unable to decode certificate") }
        guard let block = PEM.decode(o.cert) else { throw GoError("unable to decode certificate") }
        let cert: Certificate
        do {
            cert = try Certificate(derEncoded: block.bytes)
        } catch {
            throw GoError("error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate")
        }
        let key = try parseKey(o.key, prefix: "error parsing private key: ")
        let ski = (try? cert.extensions.subjectKeyIdentifier).flatMap { $0 }.map { Array($0.keyIdentifier) }
        return Signer(subject: cert.subject, subjectKeyID: ski, key: key)
    }

    /// A certificate's SubjectKeyId beside Go 1.25's derivation of it (truncated SHA-256 of an RSA public key).
    static func keyIdentifiers(certificatePEM: String) -> (stored: [UInt8], computed: [UInt8])? {
        guard let block = PEM.decode(certificatePEM), let cert = try? Certificate(derEncoded: block.bytes),
            let ski = (try? cert.extensions.subjectKeyIdentifier).flatMap({ $0 }),
            let rsa = _RSA.Signing.PublicKey(cert.publicKey)
        else { return nil }
        return (Array(ski.keyIdentifier), Array(SHA256.hash(data: rsa.pkcs1DERRepresentation).prefix(20)))
    }

    static func buildCustomCert(_ b64cert: String, _ b64key: String) throws(GoError) -> CertificateObject {
        guard case .success(let certBytes) = GoBase64.decode(Array(b64cert.utf8)) else {
            throw GoError("unable to decode base64 certificate")
        }
        guard case .success(let keyBytes) = GoBase64.decode(Array(b64key.utf8)) else {
            throw GoError("unable to decode base64 private key")
        }
        let certText = String(decoding: certBytes, as: UTF8.self), keyText = String(decoding: keyBytes, as: UTF8.self)
        guard let block = PEM.decode(certText) else { throw GoError("unable to decode certificate") }
        do {
            _ = try Certificate(derEncoded: block.bytes)
        } catch {
            throw GoError("error parsing certificate: decodedCert.Bytes: x509: malformed certificate")
        }
        _ = try parseKey(keyText, prefix: "error parsing private key: ")
        return CertificateObject(cert: certText, key: keyText)
    }

    /// Go's asn1 string choice: PrintableString when every byte is printable (or '*'), else UTF8String.
    static func commonName(_ cn: String) throws -> DistinguishedName {
        if cn.isEmpty { return DistinguishedName() }
        let printable = cn.utf8.allSatisfy { c in
            (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || Array(" '()+,-./:=?*".utf8).contains(c)
        }
        let value: RelativeDistinguishedName.Attribute.Value
        if printable {
            var der = [UInt8]()
            der = DERBytes.tlv(0x13, Array(cn.utf8))
            value = RelativeDistinguishedName.Attribute.Value(asn1Any: try ASN1Any(derEncoded: der[...]))
        } else {
            value = RelativeDistinguishedName.Attribute.Value(utf8String: cn)
        }
        return DistinguishedName([RelativeDistinguishedName(RelativeDistinguishedName.Attribute(type: .RDNAttributeType.commonName, value: value))])
    }

    /// Sprig's getBaseCertTemplate plus Go's x509.CreateCertificate, PEM-encoded with the signee's key.
    static func makeCertificate(
        cn: String, ips: Value, dns: Value, days: Int, isCA: Bool, key: SprigKey,
        signer: Signer?
    ) throws(GoError) -> CertificateObject {
        var ipBytes: [[UInt8]] = []
        if case .slice(let items, _) = ips {
            for ip in items {
                guard case .string(let s) = ip else { throw GoError("error parsing ip: \(ip.goDescription) is not a string") }
                guard let b = GoIP.parse(s) else { throw GoError("error parsing ip: \(s)") }
                ipBytes.append(b)
            }
        }
        var dnsNames: [String] = []
        if case .slice(let items, _) = dns {
            for d in items {
                guard case .string(let s) = d else {
                    throw GoError("error processing alternate dns name: \(d.goDescription) is not a string")
                }
                dnsNames.append(s)
            }
        }
        var g = SystemRandomNumberGenerator()
        let serial = Certificate.SerialNumber(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) })
        let now = Date()
        let notBefore = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let notAfter = notBefore.addingTimeInterval(Double(days) * 86400)
        do {
            let subject = try commonName(cn)
            let issuer = signer?.subject ?? subject
            var exts = Certificate.Extensions()
            let usage =
                isCA
                ? KeyUsage(digitalSignature: true, keyEncipherment: true, keyCertSign: true)
                : KeyUsage(digitalSignature: true, keyEncipherment: true)
            try exts.append(Certificate.Extension(usage, critical: true))
            try exts.append(Certificate.Extension(ExtendedKeyUsage([.serverAuth, .clientAuth]), critical: false))
            let bc: BasicConstraints = isCA ? .isCertificateAuthority(maxPathLength: nil) : .notCertificateAuthority
            try exts.append(Certificate.Extension(bc, critical: true))
            if isCA {
                // Go 1.25: truncated SHA-256 of the subject public key.
                let skid = Array(SHA256.hash(data: key.publicKeyBits).prefix(20))
                try exts.append(Certificate.Extension(SubjectKeyIdentifier(keyIdentifier: skid[...]), critical: false))
            }
            if let signer, let akid = signer.subjectKeyID, signer.subject != subject {
                try exts.append(Certificate.Extension(AuthorityKeyIdentifier(keyIdentifier: akid[...]), critical: false))
            }
            if !dnsNames.isEmpty || !ipBytes.isEmpty {
                let names = dnsNames.map { GeneralName.dnsName($0) } + ipBytes.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: $0[...])) }
                try exts.append(Certificate.Extension(SubjectAlternativeNames(names), critical: cn.isEmpty))
            }
            let signingKey = (signer?.key ?? key).certificateKey
            let cert = try Certificate(
                version: .v3, serialNumber: serial, publicKey: key.certificatePublicKey,
                notValidBefore: notBefore, notValidAfter: notAfter, issuer: issuer, subject: subject,
                extensions: exts,
                issuerPrivateKey: signingKey)
            var ser = DER.Serializer()
            try ser.serialize(cert)
            return CertificateObject(cert: PEM.encode("CERTIFICATE", ser.serializedBytes), key: key.pem)
        } catch {
            throw GoError("error creating certificate: \(error)")
        }
    }
}
