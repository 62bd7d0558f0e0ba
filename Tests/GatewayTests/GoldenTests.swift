// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Gateway
import Testing

/// The rendered gateway for the example tenants (tenants/: acme and globex installed, initech hibernated),
/// compared with Golden/<case>/; `TENANTCTL_UPDATE_GOLDEN=1` writes them again. Each configuration also
/// passes `envoy --mode validate` when the test venv is there.
@Suite struct GoldenTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var settings: @Sendable () throws -> GatewaySettings
        var description: String { name }
    }

    static func base() -> GatewaySettings {
        var s = GatewaySettings()
        s.issuer = "https://id.example.com"
        s.audiences = ["tenantctl-gateway"]
        s.jwks = .file(Support.jwks)
        return s
    }

    static let cases: [Case] = [
        Case(name: "local-jwks") { base() },
        Case(name: "remote-jwks") {
            var s = base()
            s.jwks = .uri("https://id.example.com/.well-known/jwks.json")
            s.audiences = ["tenantctl-gateway", "tenantctl-admin"]
            s.tenantClaim = "org"
            return s
        },
        Case(name: "opa") {
            var s = base()
            s.opa = HostPort(host: "127.0.0.1", port: 9191)
            s.listenPort = 10000
            return s
        },
        Case(name: "upstreams") {
            var s = base()
            s.upstreams = ["acme": HostPort(host: "127.0.0.1", port: 9001), "globex": HostPort(host: "globex.internal", port: 8443)]
            return s
        },
    ]

    @Test(arguments: cases)
    func matchesGolden(_ c: Case) throws {
        let output = try GatewayRender.render(tenants: try Support.exampleTenants(), settings: try c.settings())
        #expect(output.warnings.isEmpty)
        let dir = Support.golden.appendingPathComponent(c.name)
        if ProcessInfo.processInfo.environment["TENANTCTL_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: dir)
            try GatewayRender.write(output, to: dir.path)
        }
        let expected = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(expected == output.files.keys.sorted())
        for (name, text) in output.files {
            let golden = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            #expect(text == golden, "\(c.name)/\(name) differs from the golden file")
        }
        // Byte-stable: the same input again, and the tenants in another order, give the same bytes.
        let again = try GatewayRender.render(tenants: try Support.exampleTenants().reversed(), settings: try c.settings())
        #expect(again == output)
    }

    @Test(.enabled(if: Support.venv != nil, "\(Support.noVenv)"), arguments: cases)
    func envoyAcceptsIt(_ c: Case) throws {
        guard let venv = Support.venv else { return }
        let output = try GatewayRender.render(tenants: try Support.exampleTenants(), settings: try c.settings())
        let dir = try Support.scratch("validate-\(c.name)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try GatewayRender.write(output, to: dir.path)
        let problem = try Support.envoyValidate(dir.appendingPathComponent(GatewayRender.envoyFile).path, venv: venv)
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// What each tenant gets: a route only with an installed release, the tier's rate limit on it.
    @Test(arguments: [
        ("acme", true, "max_tokens: 2000"), ("globex", true, "max_tokens: 400"), ("initech", true, "max_tokens: 100"),
    ])
    func routesAndLimits(tenant: String, routed: Bool, limit: String) throws {
        let output = try GatewayRender.render(tenants: try Support.exampleTenants(), settings: Self.base())
        let yaml = output.files[GatewayRender.envoyFile] ?? ""
        #expect(yaml.contains("exact: \(tenant)") == routed)
        #expect(yaml.contains("address: \(tenant)-tenant-app.tenant-\(tenant).svc.cluster.local"))
        #expect(yaml.contains(limit))
        #expect(!yaml.contains("allow_missing"))
    }
}
