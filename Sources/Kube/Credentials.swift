// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Synchronization

/// What an `exec` credential plugin returned (`ExecCredential.status`).
struct ExecCredentialStatus: Sendable {
    var token: String?
    var clientCertificateData: String?
    var clientKeyData: String?
    /// Seconds since 1970; nil = valid for the client's life.
    var expiration: Double?
}

/// The credentials of one client: static (token, token file, basic) or from an exec plugin, whose result is
/// cached until its `expirationTimestamp` and dropped after a 401 (client-go's `exec.Authenticator`).
final class Credentials: Sendable {
    let access: ClusterAccess
    private let cached = Mutex<ExecCredentialStatus?>(nil)

    init(access: ClusterAccess) { self.access = access }

    /// The `Authorization` header line for the next request, if any.
    func authorizationHeader(server: String) throws(KubeError) -> String? {
        if let exec = access.exec {
            let status = try execStatus(exec, server: server)
            if let t = status.token, !t.isEmpty { return "Authorization: Bearer \(t)" }
            return nil
        }
        if let t = access.token { return "Authorization: Bearer \(t)" }
        if let f = access.tokenFile {
            // client-go's CachedFileTokenSource re-reads the file (rotated service-account tokens).
            guard let d = FileManager.default.contents(atPath: f) else {
                throw KubeError(kind: .credentials, message: "tokenFile \(f): cannot read the file", verb: "authenticate", server: server)
            }
            return "Authorization: Bearer \(String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))"
        }
        if let b = access.basic {
            return "Authorization: Basic \(Data("\(b.user):\(b.password)".utf8).base64EncodedString())"
        }
        return nil
    }

    /// Forgets a plugin's credential (after a 401); true when there was one to forget, so a retry may help.
    func invalidate() -> Bool {
        guard access.exec != nil else { return false }
        return cached.withLock { c in
            defer { c = nil }
            return c != nil
        }
    }

    /// Client certificate and key from the plugin, when it gives them (they then replace the kubeconfig's).
    func execClientCertificate(server: String) throws(KubeError) -> (cert: [UInt8], key: [UInt8])? {
        guard let exec = access.exec else { return nil }
        let s = try execStatus(exec, server: server)
        guard let c = s.clientCertificateData, let k = s.clientKeyData else { return nil }
        return (Array(c.utf8), Array(k.utf8))
    }

    private func execStatus(_ exec: KubeConfig.ExecConfig, server: String) throws(KubeError) -> ExecCredentialStatus {
        let now = Date().timeIntervalSince1970
        if let c = cached.withLock({ $0 }), c.expiration.map({ $0 > now }) ?? true { return c }
        let fresh = try Self.run(exec, server: server)
        cached.withLock { $0 = fresh }
        return fresh
    }

    /// Runs the plugin as client-go does: its args, the process environment plus its `env`, and
    /// `KUBERNETES_EXEC_INFO` holding an ExecCredential with `spec.interactive: false`; stdout must be an
    /// ExecCredential of the same apiVersion.
    static func run(_ exec: KubeConfig.ExecConfig, server: String) throws(KubeError) -> ExecCredentialStatus {
        func fail(_ m: String) -> KubeError {
            KubeError(kind: .credentials, message: "exec plugin \(exec.command): \(m)", verb: "authenticate", server: server)
        }
        let p = Process()
        if exec.command.contains("/") {
            p.executableURL = URL(fileURLWithPath: exec.command)
            p.arguments = exec.args
        } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [exec.command] + exec.args
        }
        var env = ProcessInfo.processInfo.environment
        for e in exec.env { env[e.name] = e.value }
        env["KUBERNETES_EXEC_INFO"] = #"{"apiVersion":"\#(exec.apiVersion)","kind":"ExecCredential","spec":{"interactive":false}}"#
        p.environment = env
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch {
            throw fail("cannot run it: \(error.localizedDescription)\(exec.installHint.map { "\n" + $0 } ?? "")")
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let tail = String(decoding: stderr.suffix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw fail("exit status \(p.terminationStatus)\(tail.isEmpty ? "" : ": " + tail)")
        }
        let cred: JSON
        do { cred = try JSON.parse([UInt8](stdout)) } catch { throw fail("its output is not an ExecCredential: \(error)") }
        guard cred["kind"]?.string == "ExecCredential" else { throw fail("its output is not an ExecCredential (kind \(cred["kind"]?.text ?? "missing"))") }
        guard cred["apiVersion"]?.string == exec.apiVersion else {
            throw fail("its output has apiVersion \(cred["apiVersion"]?.text ?? "missing"), want \(exec.apiVersion)")
        }
        guard let status = cred["status"] else { throw fail("its output has no status") }
        var s = ExecCredentialStatus(
            token: status["token"]?.string, clientCertificateData: status["clientCertificateData"]?.string, clientKeyData: status["clientKeyData"]?.string)
        if (s.token ?? "").isEmpty && (s.clientCertificateData == nil || s.clientKeyData == nil) {
            throw fail("its status has neither a token nor a client certificate and key")
        }
        if let t = status["expirationTimestamp"]?.string {
            let f = ISO8601DateFormatter()
            guard let d = f.date(from: t) else { throw fail("status.expirationTimestamp \"\(t)\" is not an RFC 3339 time") }
            s.expiration = d.timeIntervalSince1970
        }
        return s
    }
}
