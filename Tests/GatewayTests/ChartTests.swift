// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// charts/tenant-gateway rendered by our own `tenantctl template` (no cluster) with the golden configurations.
@Suite struct ChartTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var args: [String]
        var status: Int32
        var kinds: [String]
        var contains: [String]
        var description: String { name }
    }

    static let golden = Support.golden.path
    static let cases: [Case] = [
        Case(
            name: "envoy only", args: ["--set-file", "envoyConfig=\(golden)/local-jwks/envoy.yaml"], status: 0,
            kinds: ["ConfigMap", "Deployment", "NetworkPolicy", "Service"], contains: ["envoy.filters.http.jwt_authn", "key: tier"]),
        Case(
            name: "with the OPA sidecar",
            args: [
                "--set", "opa.enabled=true", "--set-file",
                "envoyConfig=\(golden)/opa/envoy.yaml,opa.policy=\(golden)/opa/policy.rego,opa.data=\(golden)/opa/data.json",
            ], status: 0, kinds: ["ConfigMap", "Deployment", "NetworkPolicy", "Service"],
            contains: ["package envoy.authz", "path: envoy/authz/result", "- name: opa", "\"hibernated\""]),
        Case(
            name: "its own namespace (as tenantctl installs it)",
            args: ["--set", "createNamespace=true", "--set-file", "envoyConfig=\(golden)/local-jwks/envoy.yaml"], status: 0,
            kinds: ["ConfigMap", "Deployment", "Namespace", "NetworkPolicy", "Service"],
            contains: ["kind: Namespace\nmetadata:\n  name: gateway\n", "name: gw-tenant-gateway"]),
        Case(name: "no configuration", args: [], status: 1, kinds: [], contains: ["envoyConfig is required"]),
    ]

    @Test(arguments: cases)
    func renders(_ c: Case) throws {
        guard Support.built else {
            Issue.record("tenantctl is not built at \(Support.binary); run `swift build` first")
            return
        }
        let r = try Support.run(
            Support.binary, ["template", "gw", Support.repo.appendingPathComponent("charts/tenant-gateway").path, "-n", "gateway"] + c.args)
        #expect(r.status == c.status, "\(r.err)")
        let kinds = r.out.split(separator: "\n").filter { $0.hasPrefix("kind: ") }.map { String($0.dropFirst(6)) }.sorted()
        #expect(kinds == c.kinds)
        for text in c.contains { #expect((r.out + r.err).contains(text), "missing \(text)") }
    }
}
