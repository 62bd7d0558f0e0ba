// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import Foundation
import Kube
import Testing

/// `tenantctl template … --dry-run=server` against the real API server, byte for byte against what real
/// `helm template` printed for the same chart, flags and cluster objects (recorded by
/// tools/record-live-cases.sh into Fixtures/recorded/; the objects are Fixtures/objects.json).
@Suite struct LiveTemplateTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let kubeDir: String? = ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    static let noCluster: Comment =
        "TENANTCTL_TEST_KUBE_DIR is unset: no API server (run the tests through scripts/test-servers.sh with ../shared/kube beside the clone)"

    /// One recorded run: cases.json's arguments and what helm printed.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var args: [String]
        var stdout: String
        var stderr: String
        var status: Int32
        /// A kubeconfig of the Fixtures folder the case runs with instead of the cluster's.
        var kubeconfig: String?
        /// Another user's kubeconfig of the cluster folder (`kubeconfig-token`: no rights; `kubeconfig-nobody`).
        var clusterKubeconfig: String?
        var testDescription: String { name }

        /// Whether the run talks to the server (`--dry-run=server`, the recorder's default).
        var isServer: Bool {
            !args.contains { $0.hasPrefix("--dry-run") } || args.contains("--dry-run=server") || args.contains("--validate")
        }
    }

    static let cases: [Case] = {
        guard let data = FileManager.default.contents(atPath: fixtures + "/cases.json"),
            let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return list.compactMap { entry in
            guard let name = entry["name"] as? String, let args = entry["args"] as? [String] else { return nil }
            let base = fixtures + "/recorded/" + name
            func read(_ ext: String) -> String {
                String(decoding: FileManager.default.contents(atPath: base + ext) ?? Data(), as: UTF8.self)
            }
            return Case(
                name: name, args: args, stdout: read(".out"), stderr: read(".err"),
                status: Int32(read(".status").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1,
                kubeconfig: entry["kubeconfig"] as? String, clusterKubeconfig: entry["clusterKubeconfig"] as? String)
        }
    }()

    /// The case's arguments as the template command would set its options.
    static func options(_ c: Case, kubeconfig: String) throws -> TemplateOptions {
        var positional: [String] = []
        var o = TemplateOptions(arguments: [])
        o.namespaceGiven = false
        // The recorder adds --dry-run=server to cases without --dry-run or --validate.
        if !c.args.contains(where: { $0.hasPrefix("--dry-run") || $0 == "--validate" }) { o.dryRun = "server" }
        var i = 0
        func next() throws -> String {
            i += 1
            guard i < c.args.count else { throw CaseError(message: "\(c.name): \(c.args[i - 1]) needs a value") }
            return c.args[i]
        }
        while i < c.args.count {
            let a = c.args[i]
            switch a {
            case "-n":
                o.namespace = try next()
                o.namespaceGiven = true
            case "--kube-version": o.kubeVersion = try next()
            case "--api-versions": o.apiVersions.append(try next())
            case "--is-upgrade": o.isUpgrade = true
            case "--include-crds": o.includeCRDs = true
            case "--skip-crds": o.skipCRDs = true
            case "--validate": o.validate = true
            case "--kube-context": o.kubeContext = try next()
            case "--output-dir": o.outputDir = try next()
            case _ where a.hasPrefix("--dry-run="): o.dryRun = String(a.dropFirst("--dry-run=".count))
            case _ where a.hasPrefix("-"): throw CaseError(message: "\(c.name): flag \(a) is not mapped")
            default: positional.append(a)
            }
            i += 1
        }
        o.arguments = positional
        o.kubeconfig = c.kubeconfig.map { fixtures + "/" + $0 } ?? kubeconfig
        o.environment = [:]
        o.baseDirectory = fixtures
        return o
    }

    struct CaseError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Creates (server-side applies) the fixture objects once per test run.
    static let objectsReady: Result<Void, CaseError> = {
        guard let dir = kubeDir else { return .failure(CaseError(message: "no cluster")) }
        do {
            let client = try KubeClient(kubeconfig: dir + "/kubeconfig", environment: [:])
            guard let data = FileManager.default.contents(atPath: fixtures + "/objects.json") else {
                return .failure(CaseError(message: "objects.json is missing"))
            }
            for object in try JSON.parse([UInt8](data)).array ?? [] {
                let apiVersion = object["apiVersion"]?.string ?? ""
                let kind = object["kind"]?.string ?? ""
                // A custom resource's kind is served a moment after its CRD (objects.json lists the CRD first).
                var ref = try? client.resource(apiVersion: apiVersion, kind: kind)
                let deadline = Date().addingTimeInterval(30)
                while ref == nil && Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.2)
                    client.invalidateDiscovery()
                    ref = try? client.resource(apiVersion: apiVersion, kind: kind)
                }
                guard let ref else { return .failure(CaseError(message: "\(apiVersion) \(kind) is not served")) }
                _ = try client.apply(
                    ref, object: object, namespace: object[["metadata", "namespace"]]?.string, fieldManager: "tenantctl-fixture", force: true)
            }
            return .success(())
        } catch {
            return .failure(CaseError(message: "creating the fixture objects: \(error)"))
        }
    }()

    @Test func recordingsAreThere() {
        #expect(Self.cases.count >= 31)
        #expect(Self.cases.filter(\.isServer).count >= 20)
        #expect(Self.cases.allSatisfy { $0.status == 0 || $0.status == 1 })
    }

    /// Cases that never reach a server (`--dry-run=client` and its spellings): they run without a cluster.
    @Test(arguments: cases.filter { !$0.isServer })
    func clientCase(_ c: Case) throws {
        let out = HelmTemplate.run(try Self.options(c, kubeconfig: "/nonexistent/kubeconfig"))
        #expect(out.stdout == c.stdout)
        #expect(out.stderr == c.stderr)
        #expect(out.exitCode == c.status)
    }

    @Test(.enabled(if: kubeDir != nil, noCluster), arguments: cases.filter(\.isServer))
    func serverCase(_ c: Case) throws {
        try Self.objectsReady.get()
        // `{out}` is a scratch --output-dir, written as `{out}` in the recording.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("live-out-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var o = try Self.options(c, kubeconfig: (Self.kubeDir ?? "") + "/" + (c.clusterKubeconfig ?? "kubeconfig"))
        o.outputDir = o.outputDir.map { $0.replacingOccurrences(of: "{out}", with: scratch) }
        let out = HelmTemplate.run(o)
        #expect(out.stdout.replacingOccurrences(of: scratch, with: "{out}") == c.stdout)
        #expect(out.stderr.replacingOccurrences(of: scratch, with: "{out}") == c.stderr)
        #expect(out.exitCode == c.status)
    }

    /// A cluster that does not answer fails as Helm's reachability check does (the cause is libcurl's words,
    /// not Go's, so only the frame is compared), quickly and with nothing on standard output.
    @Test(arguments: [
        ("unreachable", "server: https://127.0.0.1:1", ""),
        ("missing context", "server: https://127.0.0.1:1", "nope"),
    ])
    func unreachable(_ name: String, _ server: String, _ context: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                \(server)
                insecure-skip-tls-verify: true
            users:
            - name: u
              user:
                token: secret-token-value
            contexts:
            - name: ctx
              context: {cluster: c, user: u}
            current-context: ctx

            """
        try config.write(toFile: dir + "/kubeconfig", atomically: true, encoding: .utf8)
        var o = TemplateOptions(arguments: ["live", Self.fixtures + "/charts/kubeversion-ok"])
        o.dryRun = "server"
        o.kubeconfig = dir + "/kubeconfig"
        o.kubeContext = context.isEmpty ? nil : context
        o.environment = [:]
        let start = Date()
        let out = HelmTemplate.run(o)
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(out.exitCode == 1)
        #expect(out.stdout.isEmpty)
        #expect(out.error?.hasPrefix("cluster reachability check failed: kubernetes cluster unreachable: ") == true)
        #expect(out.stderr.hasPrefix("level=ERROR msg=\"cluster reachability check failed: kubernetes cluster unreachable: "))
        #expect(!out.stderr.contains("secret-token-value"))
        if !context.isEmpty { #expect(out.error?.contains("nope") == true) }
    }
}
