// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Gateway
import Testing

/// The rendered `policy.rego` and `data.json`, evaluated by the real OPA engine (opa-golib-python-bindings in
/// the test venv) as OPA's Envoy plugin would: `data.envoy.authz.result` on ext_authz inputs.
@Suite(.enabled(if: Support.venv != nil, "\(Support.noVenv)"))
struct PolicyTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// The verified payload's tenant claim (nil: a payload without one; "-": no payload at all).
        var claim: String?
        var header: String?
        var allowed: Bool
        var reason: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "deployed tenant", claim: "acme", header: "acme", allowed: true, reason: ""),
        Case(name: "hibernated tenant", claim: "initech", header: "initech", allowed: false, reason: "tenant is hibernated"),
        Case(name: "decommissioned tenant", claim: "globex", header: "globex", allowed: false, reason: "tenant is decommissioned"),
        Case(name: "failed release still served", claim: "hooli", header: "hooli", allowed: true, reason: ""),
        Case(
            name: "header differs from the claim", claim: "acme", header: "globex", allowed: false,
            reason: "x-tenant-id does not match the verified tenant claim"),
        Case(name: "no header", claim: "acme", header: nil, allowed: false, reason: "no x-tenant-id header"),
        Case(name: "payload without the claim", claim: nil, header: "acme", allowed: false, reason: "no verified tenant claim"),
        Case(name: "no verified payload", claim: "-", header: "acme", allowed: false, reason: "no verified tenant claim"),
        Case(name: "unknown tenant", claim: "umbrella", header: "umbrella", allowed: false, reason: "unknown tenant"),
    ]

    static let tenants = [
        GatewayTenant(id: "acme", tier: "premium", placement: "silo", state: "deployed"),
        GatewayTenant(id: "globex", tier: "standard", state: "decommissioned"),
        GatewayTenant(id: "hooli", tier: "basic", state: "failed"),
        GatewayTenant(id: "initech", tier: "basic", state: "hibernated"),
    ]

    @Test(arguments: cases)
    func decision(_ c: Case) throws {
        guard let venv = Support.venv else { return }
        var settings = GoldenTests.base()
        settings.opa = HostPort(host: "127.0.0.1", port: 9191)
        let output = try GatewayRender.render(tenants: Self.tenants, settings: settings)
        let dir = try Support.scratch("policy-\(c.name.replacingOccurrences(of: " ", with: "-"))")
        defer { try? FileManager.default.removeItem(at: dir) }
        try GatewayRender.write(output, to: dir.path)

        var payload: [String: Any] = ["iss": "https://id.example.com", "aud": "tenantctl-gateway", "sub": "user-1"]
        if let claim = c.claim, claim != "-" { payload["tenant"] = claim }
        var attributes: [String: Any] = ["request": ["http": ["method": "GET", "path": "/", "headers": c.header.map { ["x-tenant-id": $0] } ?? [:]]]]
        if c.claim != "-" {
            attributes["metadata_context"] = ["filter_metadata": ["envoy.filters.http.jwt_authn": ["jwt_payload": payload]]]
        }
        let input = try JSONSerialization.data(withJSONObject: [["attributes": attributes]], options: [.sortedKeys])
        let r = try Support.run(
            venv.python,
            [
                Support.fixtures.appendingPathComponent("opa_eval.py").path, dir.appendingPathComponent("policy.rego").path,
                dir.appendingPathComponent("data.json").path,
            ], stdin: String(decoding: input, as: UTF8.self))
        #expect(r.status == 0, "\(r.err)")
        let decisions = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]]
        let d = try #require(decisions?.first, "no decision in \(r.out) \(r.err)")
        // The decision's shape, as OPA's Envoy plugin reads it.
        #expect(Set(d.keys) == ["allowed", "headers", "http_status", "body"])
        #expect(d["allowed"] as? Bool == c.allowed)
        #expect(d["http_status"] as? Int == (c.allowed ? 200 : 403))
        let body = d["body"] as? String ?? "?"
        #expect(c.allowed ? body.isEmpty : body.contains(c.reason), "body: \(body)")
    }
}
