// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Crypto
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The gateway live on loopback: acme and globex installed with the built binary, `tenantctl gateway render`
/// with `--upstream` pointing them at two echo servers on 127.0.0.1, the real Envoy from the rendered file,
/// and HS256 tokens signed here against the fixture JWKS (an `oct` key). Every process is bounded in time
/// (the echo servers stop by themselves, Envoy is killed at the end or after 120 s).
@Suite(.enabled(if: Support.venv != nil, "\(Support.noVenv)"))
struct LiveMatrixTests {
    static let issuer = "https://id.example.com"
    static let audience = "tenantctl-gateway"

    static func base64url(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// An HS256 token (swift-crypto's HMAC-SHA256) with the given claims.
    static func token(tenant: String, audience: String = audience, expiresIn: Int = 600, secret: [UInt8] = Support.secret) throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        let header = try JSONSerialization.data(withJSONObject: ["alg": "HS256", "typ": "JWT", "kid": "test-key"], options: [.sortedKeys])
        let claims: [String: Any] = ["iss": issuer, "aud": audience, "sub": "user-1", "tenant": tenant, "iat": now - 5, "exp": now + expiresIn]
        let payload = try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
        let signingInput = base64url(header) + "." + base64url(payload)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: SymmetricKey(data: secret))
        return signingInput + "." + base64url(mac)
    }

    struct Case: Sendable {
        var name: String
        var headers: @Sendable () throws -> [(String, String)]
        var status: Int
        /// What the echo server answers (server name and the x-tenant-id it saw); empty: not checked.
        var body: String
    }

    static let matrix: [Case] = [
        Case(name: "valid token for acme", headers: { [("authorization", "Bearer \(try token(tenant: "acme"))")] }, status: 200, body: "acme x-tenant-id=acme"),
        Case(
            name: "valid token for globex", headers: { [("authorization", "Bearer \(try token(tenant: "globex"))")] }, status: 200,
            body: "globex x-tenant-id=globex"),
        Case(name: "no token, x-tenant-id: globex", headers: { [("x-tenant-id", "globex")] }, status: 401, body: ""),
        Case(
            name: "token for acme, spoofed x-tenant-id: globex",
            headers: { [("authorization", "Bearer \(try token(tenant: "acme"))"), ("x-tenant-id", "globex"), ("x-jwt-payload", "e30")] }, status: 200,
            body: "acme x-tenant-id=acme"),
        Case(
            name: "bad signature",
            headers: { [("authorization", "Bearer \(try token(tenant: "acme", secret: Array("another-secret-of-32-bytes-length!".utf8)))")] },
            status: 401, body: ""),
        Case(name: "expired token", headers: { [("authorization", "Bearer \(try token(tenant: "acme", expiresIn: -3600))")] }, status: 401, body: ""),
        Case(name: "wrong audience", headers: { [("authorization", "Bearer \(try token(tenant: "acme", audience: "someone-else"))")] }, status: 403, body: ""),
        Case(name: "token for a tenant with no release", headers: { [("authorization", "Bearer \(try token(tenant: "initech"))")] }, status: 404, body: ""),
        Case(name: "token for an unregistered tenant", headers: { [("authorization", "Bearer \(try token(tenant: "umbrella"))")] }, status: 404, body: ""),
    ]

    /// An echo server from the venv's Python; its port is its first line of output.
    static func echo(_ name: String, python: String) throws -> (Process, Int) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [Support.fixtures.appendingPathComponent("echo.py").path, name, "90"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            p.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        return (p, port)
    }

    @Test func matrixOnLoopback() throws {
        guard let venv = Support.venv, Support.built else {
            Issue.record("tenantctl is not built at \(Support.binary)")
            return
        }
        let dir = try Support.scratch("live")
        var processes: [Process] = []
        defer {
            // SIGKILL: Envoy without an admin listener does not stop on SIGTERM.
            for p in processes where p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
            }
            try? FileManager.default.removeItem(at: dir)
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("charts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Support.repo.appendingPathComponent("charts/tenant-app"), to: dir.appendingPathComponent("charts/tenant-app"))
        try FileManager.default.copyItem(at: Support.repo.appendingPathComponent("tenants"), to: dir.appendingPathComponent("tenants"))
        for tenant in ["acme", "globex"] {
            let r = try Support.run(Support.binary, ["install", tenant], in: dir)
            try #require(r.status == 0, "install \(tenant): \(r.err)")
        }
        let (acme, acmePort) = try Self.echo("acme", python: venv.python)
        processes.append(acme)
        let (globex, globexPort) = try Self.echo("globex", python: venv.python)
        processes.append(globex)
        let listen = Support.freePort()
        let rendered = try Support.run(
            Support.binary,
            [
                "gateway", "render", "-o", "gw", "--issuer", Self.issuer, "--audience", Self.audience, "--jwks-file", Support.jwks, "--listen-port",
                String(listen), "--upstream", "acme=127.0.0.1:\(acmePort)", "--upstream", "globex=127.0.0.1:\(globexPort)",
            ], in: dir)
        try #require(rendered.status == 0, "gateway render: \(rendered.err)")
        // Listen on loopback only.
        let config = dir.appendingPathComponent("gw/envoy.yaml")
        let yaml = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "address: 0.0.0.0", with: "address: 127.0.0.1")
        try Data(yaml.utf8).write(to: config)

        let envoy = Process()
        envoy.executableURL = URL(fileURLWithPath: venv.envoy)
        envoy.arguments = [
            "-c", config.path, "--disable-hot-restart", "--concurrency", "1", "--log-level", "warn", "--log-path", dir.appendingPathComponent("envoy.log").path,
        ]
        envoy.standardOutput = FileHandle.nullDevice
        envoy.standardError = FileHandle.nullDevice
        try envoy.run()
        processes.append(envoy)
        let pid = envoy.processIdentifier
        let killer = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: killer)
        defer { killer.cancel() }

        let start = Date()
        var up = false
        while Date().timeIntervalSince(start) < 30, envoy.isRunning {
            if try Support.get(port: listen, headers: [], venv: venv) != nil {
                up = true
                break
            }
            usleep(100_000)
        }
        let log = (try? String(contentsOf: dir.appendingPathComponent("envoy.log"), encoding: .utf8)) ?? ""
        try #require(up, "Envoy did not start listening on 127.0.0.1:\(listen): \(log)")

        for c in Self.matrix {
            let response = try Support.get(port: listen, headers: try c.headers(), venv: venv)
            #expect(response?.status == c.status, "\(c.name): \(String(describing: response))")
            if !c.body.isEmpty { #expect(response?.body.contains(c.body) == true, "\(c.name): \(response?.body ?? "no response")") }
            writeReport("\(c.name) → \(response.map { "\($0.status) \($0.body.trimmingCharacters(in: .whitespacesAndNewlines))" } ?? "no response")")
        }
    }

    /// One line of the matrix's results on standard error (the report quotes them).
    func writeReport(_ line: String) {
        FileHandle.standardError.write(Data("gateway live matrix: \(line)\n".utf8))
    }
}
