// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// `tenantctl gateway render` on bad input, through the built binary, in a folder holding the example tenants.
@Suite struct BadInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var args: [String]
        /// Files written into the folder first (path → text); a nil text removes the path.
        var files: [String: String?] = [:]
        var status: Int32
        var stderr: String
        var description: String { name }
    }

    static let ok = ["--issuer", "https://id.example.com", "--audience", "api", "--jwks-file", "keys.json"]

    static let cases: [Case] = [
        Case(name: "no issuer", args: ["--audience", "api", "--jwks-file", "keys.json"], status: 1, stderr: "no token issuer"),
        Case(name: "no audience", args: ["--issuer", "me", "--jwks-file", "keys.json"], status: 1, stderr: "no audience"),
        Case(name: "empty audience", args: ["--issuer", "me", "--audience", "", "--jwks-file", "keys.json"], status: 1, stderr: "no audience"),
        Case(name: "no keys", args: ["--issuer", "me", "--audience", "api"], status: 1, stderr: "no signing keys"),
        Case(name: "both key sources", args: ok + ["--jwks-uri", "https://id.example.com/jwks"], status: 64, stderr: "give one of them"),
        Case(name: "JWKS file missing", args: ok, files: ["keys.json": nil], status: 1, stderr: "keys.json: cannot read the file"),
        Case(name: "JWKS not JSON", args: ok, files: ["keys.json": "keys: [oops"], status: 1, stderr: "keys.json: not JSON"),
        Case(name: "JWKS without keys", args: ok, files: ["keys.json": #"{"keys": []}"#], status: 1, stderr: "no usable key"),
        Case(name: "JWKS key without members", args: ok, files: ["keys.json": #"{"keys": [{"kty": "RSA", "n": "AQAB"}]}"#], status: 1, stderr: "no usable key"),
        Case(name: "JWKS unknown key type", args: ok, files: ["keys.json": #"{"keys": [{"kty": "XYZ", "k": "AQAB"}]}"#], status: 1, stderr: "no usable key"),
        Case(
            name: "JWKS URI not https", args: ["--issuer", "me", "--audience", "api", "--jwks-uri", "http://id.example.com/jwks"], status: 1,
            stderr: "expected an https URL"),
        Case(name: "upstream unknown tenant", args: ok + ["--upstream", "umbrella=127.0.0.1:9000"], status: 1, stderr: "--upstream umbrella: no such tenant"),
        Case(name: "upstream without port", args: ok + ["--upstream", "acme=127.0.0.1"], status: 1, stderr: "no port"),
        Case(name: "upstream bad port", args: ok + ["--upstream", "acme=127.0.0.1:99999"], status: 1, stderr: "1 to 65535"),
        Case(name: "upstream without tenant", args: ok + ["--upstream", "127.0.0.1:9000"], status: 1, stderr: "expected TENANT=HOST:PORT"),
        Case(name: "opa without port", args: ok + ["--opa", "localhost"], status: 1, stderr: "--opa \"localhost\": no port"),
        Case(name: "listen port out of range", args: ok + ["--listen-port", "0"], status: 1, stderr: "--listen-port 0"),
        Case(name: "tenant claim not a name", args: ok + ["--tenant-claim", "a b"], status: 1, stderr: "--tenant-claim"),
        Case(
            name: "tenant id not a header value or cluster name", args: ok, files: ["tenants/Bad_Id.yaml": "tier: basic\n"], status: 1,
            stderr: "would not be a valid header value or cluster name"),
        Case(
            name: "empty registry", args: ok, files: ["tenants/acme.yaml": nil, "tenants/globex.yaml": nil, "tenants/initech.yaml": nil], status: 0,
            stderr: "Warning: the tenant registry is empty: the gateway answers 404 to every request"),
        Case(name: "no installed tenant", args: ok, status: 0, stderr: "Warning: no registered tenant has an installed release"),
        Case(
            name: "project file", args: ["--config", "project.yaml"],
            files: ["project.yaml": "gateway:\n  issuer: me\n  audiences: [api]\n  jwksFile: keys.json\n  upstreams: {acme: 127.0.0.1}\n"], status: 1,
            stderr: "--upstream acme \"127.0.0.1\": no port"),
        Case(name: "project file missing", args: ok + ["--config", "nope.yaml"], status: 1, stderr: "nope.yaml: cannot read the file"),
    ]

    @Test(arguments: cases)
    func refusesOrWarns(_ c: Case) throws {
        guard Support.built else {
            Issue.record("tenantctl is not built at \(Support.binary); run `swift build` first")
            return
        }
        let dir = try Support.scratch("bad-\(c.name.replacingOccurrences(of: " ", with: "-"))")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Support.repo.appendingPathComponent("tenants"), to: dir.appendingPathComponent("tenants"))
        try FileManager.default.copyItem(atPath: Support.jwks, toPath: dir.appendingPathComponent("keys.json").path)
        for (path, text) in c.files {
            let url = dir.appendingPathComponent(path)
            if let text { try Data(text.utf8).write(to: url) } else { try FileManager.default.removeItem(at: url) }
        }
        let out = dir.appendingPathComponent("out")
        let r = try Support.run(Support.binary, ["gateway", "render", "-o", out.path] + c.args, in: dir)
        #expect(r.status == c.status, "\(r.err)")
        #expect(r.err.contains(c.stderr), "stderr: \(r.err)")
        let envoyFile = out.appendingPathComponent("envoy.yaml").path
        #expect(FileManager.default.fileExists(atPath: envoyFile) == (c.status == 0), "envoy.yaml is written only on success")
        if c.status == 0 {
            let yaml = try String(contentsOfFile: envoyFile, encoding: .utf8)
            #expect(yaml.contains("status: 404") && !yaml.contains("exact: "), "no tenant route, a 404 for everything")
            if let venv = Support.venv {
                let problem = try Support.envoyValidate(envoyFile, venv: venv)
                #expect(problem == nil, "\(problem ?? "")")
            }
        }
    }
}
