// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Gateway
import Tenancy

#if canImport(Glibc)
    import Glibc
#endif

/// Paths, the test venv (real Envoy and OPA), and processes bounded in time.
enum Support {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repo = here.deletingLastPathComponent().deletingLastPathComponent()
    static let binary = repo.appendingPathComponent(".build/debug/tenantctl").path
    static let fixtures = here.appendingPathComponent("Fixtures")
    static let golden = here.appendingPathComponent("Golden")
    static let jwks = fixtures.appendingPathComponent("jwks.json").path
    /// The fixture JWKS's HS256 secret (its `k`, decoded).
    static let secret = Array("tenantctl-gateway-test-secret-32-bytes".utf8)

    static var built: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// The venv made by `scripts/gateway-venv.sh DIR`, named by `TENANTCTL_TEST_VENV`.
    struct Venv {
        var python: String
        var envoy: String
    }

    static let venv: Venv? = {
        guard let dir = ProcessInfo.processInfo.environment["TENANTCTL_TEST_VENV"], !dir.isEmpty else { return nil }
        let python = dir + "/bin/python"
        let lib = dir + "/lib"
        guard let versions = try? FileManager.default.contentsOfDirectory(atPath: lib) else { return nil }
        for v in versions.sorted() where v.hasPrefix("python") {
            let envoy = "\(lib)/\(v)/site-packages/envoy/_bin/envoy"
            if FileManager.default.isExecutableFile(atPath: envoy) { return Venv(python: python, envoy: envoy) }
        }
        return nil
    }()

    static let noVenv = "TENANTCTL_TEST_VENV is not set to a venv made by scripts/gateway-venv.sh (real Envoy and OPA)"

    /// A fresh folder under the temporary directory.
    static func scratch(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-gw-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs a program to its end, killed after `timeout` seconds.
    @discardableResult
    static func run(_ program: String, _ args: [String], in dir: URL? = nil, stdin: String? = nil, timeout: Double = 60) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = args
        if let dir { p.currentDirectoryURL = dir }
        var env = ProcessInfo.processInfo.environment
        env["TENANTCTL_STATE"] = nil
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        let pid = p.processIdentifier
        let killer = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        defer { killer.cancel() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let e = ErrReader(err.fileHandleForReading)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: e.finish())
    }

    /// Reads a pipe on another thread (so that a full stderr pipe cannot block the child).
    final class ErrReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }
        func finish() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// `envoy --mode validate -c FILE`: nil when valid, else Envoy's output.
    static func envoyValidate(_ file: String, venv: Venv) throws -> String? {
        let r = try run(venv.envoy, ["--mode", "validate", "-c", file, "--log-level", "error", "--disable-hot-restart"], timeout: 60)
        return r.status == 0 ? nil : "envoy --mode validate \(file): exit \(r.status)\n\(r.out)\(r.err)"
    }

    /// The example tenants as the golden files fix them: acme and globex installed, initech hibernated.
    static let goldenStates = ["acme": "deployed", "globex": "deployed", "initech": "hibernated"]

    static func exampleTenants(states: [String: String] = goldenStates) throws -> [GatewayTenant] {
        try GatewayInventory.load(registry: TenantRegistry(directory: repo.appendingPathComponent("tenants").path), states: states)
    }

    /// A port free on 127.0.0.1 right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// One GET to 127.0.0.1:`port` (the venv's Python, bounded to 10 s): the status and body, nil when the
    /// connection fails.
    static func get(port: Int, headers: [(String, String)], venv: Venv) throws -> (status: Int, body: String)? {
        var object: [String: String] = [:]
        for (k, v) in headers { object[k] = v }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        let r = try run(venv.python, [fixtures.appendingPathComponent("client.py").path, String(port), json], timeout: 10)
        let lines = r.out.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = lines.first, let status = Int(first), status != 0 else { return nil }
        return (status, lines.count > 1 ? String(lines[1]) : "")
    }
}
