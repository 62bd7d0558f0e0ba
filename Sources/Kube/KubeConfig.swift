// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import YAMLKit

/// A kubeconfig as kubectl reads it (client-go's `clientcmd`): one file, or the files of a `KUBECONFIG` list
/// merged, each named entry remembering the file it came from.
public struct KubeConfig: Sendable {
    /// A `clusters[]` entry.
    public struct Cluster: Sendable, Equatable {
        /// The file that named this entry (relative paths in it are already resolved against that file).
        public var file: String
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
    }

    /// An `exec` credential plugin (`client.authentication.k8s.io/v1`).
    public struct ExecConfig: Sendable, Equatable {
        public var command: String
        public var args: [String]
        /// Extra environment for the plugin, in order.
        public var env: [(name: String, value: String)]
        public var apiVersion: String
        public var installHint: String?

        public static func == (a: ExecConfig, b: ExecConfig) -> Bool {
            a.command == b.command && a.args == b.args && a.apiVersion == b.apiVersion && a.installHint == b.installHint
                && a.env.map { "\($0.name)=\($0.value)" } == b.env.map { "\($0.name)=\($0.value)" }
        }
    }

    /// A `users[]` entry.
    public struct User: Sendable, Equatable {
        public var file: String
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var username: String?
        public var password: String?
        public var exec: ExecConfig?
    }

    /// A `contexts[]` entry.
    public struct Context: Sendable, Equatable {
        public var file: String
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    /// The files read, in order (missing `KUBECONFIG` entries are left out).
    public var files: [String] = []
    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    /// The first non-empty `current-context`, and the file that set it.
    public var currentContext: String?
    public var currentContextFile: String?

    public init() {}

    /// Loads the kubeconfig kubectl would use: the explicit `--kubeconfig` path when given (it must exist),
    /// else the `KUBECONFIG` list from `environment` (entries separated by `:`; missing files skipped), else
    /// `$HOME/.kube/config` when it exists. Files are merged by client-go's rules: the first file to name a
    /// cluster, user or context wins it, and the first non-empty `current-context` wins.
    public static func load(explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws(KubeConfigError)
        -> KubeConfig
    {
        if let p = explicitPath, !p.isEmpty {
            return try merge([p], skipMissing: false)
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            // clientcmd's ClientConfigLoadingRules.Precedence: filepath.SplitList, empty entries dropped,
            // duplicates read once.
            var seen = Set<String>()
            let paths = list.split(separator: ":", omittingEmptySubsequences: true).map(String.init).filter { seen.insert($0).inserted }
            return try merge(paths, skipMissing: true)
        }
        if let home = environment["HOME"] {
            return try merge([home + "/.kube/config"], skipMissing: true)
        }
        return KubeConfig()
    }

    /// Merges files in precedence order (client-go's `ClientConfigLoadingRules.Load`).
    public static func merge(_ paths: [String], skipMissing: Bool) throws(KubeConfigError) -> KubeConfig {
        var merged = KubeConfig()
        for path in paths {
            let absolute = absolutePath(path)
            guard let data = FileManager.default.contents(atPath: absolute) else {
                if skipMissing && !FileManager.default.fileExists(atPath: absolute) { continue }
                throw KubeConfigError(file: absolute, message: "cannot read the file")
            }
            let one = try parse(String(decoding: data, as: UTF8.self), file: absolute)
            merged.files.append(absolute)
            for (k, v) in one.clusters where merged.clusters[k] == nil { merged.clusters[k] = v }
            for (k, v) in one.users where merged.users[k] == nil { merged.users[k] = v }
            for (k, v) in one.contexts where merged.contexts[k] == nil { merged.contexts[k] = v }
            if merged.currentContext == nil, let c = one.currentContext, !c.isEmpty {
                merged.currentContext = c
                merged.currentContextFile = absolute
            }
        }
        return merged
    }

    /// Parses one kubeconfig file's text; relative file references are resolved against `file`'s directory
    /// (client-go's `ResolveLocalPaths`; an exec command only when it contains a `/`, as client-go does).
    public static func parse(_ text: String, file: String) throws(KubeConfigError) -> KubeConfig {
        let root: Value
        do { root = try YAML.load(text) } catch { throw KubeConfigError(file: file, message: "malformed YAML: \(error.message)") }
        var config = KubeConfig()
        config.files = [file]
        guard case .map(let top, _) = root else {
            if case .null = root { return config }
            throw KubeConfigError(file: file, message: "not a kubeconfig: the document is not a mapping")
        }
        let base = (file as NSString).deletingLastPathComponent
        func resolve(_ p: String?) -> String? {
            guard let p, !p.isEmpty else { return p }
            return p.hasPrefix("/") ? p : (base as NSString).appendingPathComponent(p)
        }
        func entries(_ key: String, _ field: String) throws(KubeConfigError) -> [(String, GoMap)] {
            guard let v = top[key], !v.isNull else { return [] }
            guard case .slice(let items, _) = v else { throw KubeConfigError(file: file, message: "\(key) is not a list") }
            var out: [(String, GoMap)] = []
            for (i, item) in items.enumerated() {
                guard case .map(let m, _) = item, let name = m["name"]?.stringValue, !name.isEmpty else {
                    throw KubeConfigError(file: file, message: "\(key)[\(i)] has no name")
                }
                guard let body = m[field], !body.isNull else {
                    out.append((name, GoMap()))
                    continue
                }
                guard case .map(let inner, _) = body else { throw KubeConfigError(file: file, message: "\(key)[\(i)] \"\(name)\": \(field) is not a mapping") }
                out.append((name, inner))
            }
            return out
        }
        func str(_ m: GoMap, _ k: String) -> String? {
            switch m[k] {
            case .string(let s)?: return s
            case .bool(let b)?: return b ? "true" : "false"
            case .float(let f)?: return f == f.rounded() ? String(Int(f)) : String(f)
            default: return nil
            }
        }
        // First entry of a name wins inside one file too (client-go keeps the first while converting the list).
        for (name, m) in try entries("clusters", "cluster") where config.clusters[name] == nil {
            config.clusters[name] = Cluster(
                file: file, server: str(m, "server") ?? "", certificateAuthority: resolve(str(m, "certificate-authority")),
                certificateAuthorityData: str(m, "certificate-authority-data"), insecureSkipTLSVerify: m["insecure-skip-tls-verify"]?.isTruthy ?? false,
                tlsServerName: str(m, "tls-server-name"))
        }
        for (name, m) in try entries("users", "user") where config.users[name] == nil {
            var user = User(
                file: file, token: str(m, "token"), tokenFile: resolve(str(m, "tokenFile")), clientCertificate: resolve(str(m, "client-certificate")),
                clientCertificateData: str(m, "client-certificate-data"), clientKey: resolve(str(m, "client-key")),
                clientKeyData: str(m, "client-key-data"), username: str(m, "username"), password: str(m, "password"), exec: nil)
            if let e = m["exec"], !e.isNull {
                guard case .map(let em, _) = e, let command = str(em, "command"), !command.isEmpty else {
                    throw KubeConfigError(file: file, message: "user \"\(name)\": exec has no command")
                }
                var args: [String] = []
                if case .slice(let a, _)? = em["args"] { args = a.compactMap { $0.stringValue } }
                var env: [(name: String, value: String)] = []
                if case .slice(let a, _)? = em["env"] {
                    for item in a {
                        if case .map(let kv, _) = item, let n = str(kv, "name") { env.append((n, str(kv, "value") ?? "")) }
                    }
                }
                user.exec = ExecConfig(
                    command: command.contains("/") ? resolve(command) ?? command : command, args: args, env: env,
                    apiVersion: str(em, "apiVersion") ?? "", installHint: str(em, "installHint"))
            }
            config.users[name] = user
        }
        for (name, m) in try entries("contexts", "context") where config.contexts[name] == nil {
            config.contexts[name] = Context(file: file, cluster: str(m, "cluster") ?? "", user: str(m, "user") ?? "", namespace: str(m, "namespace"))
        }
        if let c = str(top, "current-context"), !c.isEmpty {
            config.currentContext = c
            config.currentContextFile = file
        }
        return config
    }

    /// What a client needs to reach the cluster of `context` (default: the current context), with every file
    /// read and every `-data` field decoded now, so that a bad entry fails before the first request.
    public func access(context override: String? = nil) throws(KubeConfigError) -> ClusterAccess {
        let primary = files.first ?? "(no kubeconfig)"
        guard let name = (override?.isEmpty == false ? override : currentContext) else {
            throw KubeConfigError(file: primary, message: "no current-context is set and no context was given")
        }
        guard let ctx = contexts[name] else {
            throw KubeConfigError(file: override?.isEmpty == false ? primary : (currentContextFile ?? primary), message: "context \"\(name)\" not found")
        }
        guard !ctx.cluster.isEmpty, let cluster = clusters[ctx.cluster] else {
            throw KubeConfigError(file: ctx.file, message: "context \"\(name)\": cluster \"\(ctx.cluster)\" not found")
        }
        guard !cluster.server.isEmpty else { throw KubeConfigError(file: cluster.file, message: "cluster \"\(ctx.cluster)\": no server") }
        guard let url = URL(string: cluster.server), let scheme = url.scheme, scheme == "https" || scheme == "http", url.host != nil else {
            throw KubeConfigError(file: cluster.file, message: "cluster \"\(ctx.cluster)\": server \"\(cluster.server)\" is not an http(s) URL")
        }
        var access = ClusterAccess(
            server: cluster.server.hasSuffix("/") ? String(cluster.server.dropLast()) : cluster.server, contextName: name, clusterName: ctx.cluster,
            userName: ctx.user, namespace: ctx.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default", insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            tlsServerName: cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 })
        let cfile = cluster.file
        let cwhat = "cluster \"\(ctx.cluster)\""
        if let d = cluster.certificateAuthorityData, !d.isEmpty {
            access.certificateAuthority = try Self.base64(d, cfile, cwhat, "certificate-authority-data")
        } else if let p = cluster.certificateAuthority, !p.isEmpty {
            access.certificateAuthority = try Self.read(p, cfile, cwhat, "certificate-authority")
        }
        guard !ctx.user.isEmpty else { return access }
        guard let user = users[ctx.user] else {
            throw KubeConfigError(file: ctx.file, message: "context \"\(name)\": user \"\(ctx.user)\" not found")
        }
        let ufile = user.file
        let uwhat = "user \"\(ctx.user)\""
        if let d = user.clientCertificateData, !d.isEmpty {
            access.clientCertificate = try Self.base64(d, ufile, uwhat, "client-certificate-data")
        } else if let p = user.clientCertificate, !p.isEmpty {
            access.clientCertificate = try Self.read(p, ufile, uwhat, "client-certificate")
        }
        if let d = user.clientKeyData, !d.isEmpty {
            access.clientKey = try Self.base64(d, ufile, uwhat, "client-key-data")
        } else if let p = user.clientKey, !p.isEmpty {
            access.clientKey = try Self.read(p, ufile, uwhat, "client-key")
        }
        if (access.clientCertificate == nil) != (access.clientKey == nil) {
            throw KubeConfigError(
                file: ufile, message: "\(uwhat): \(access.clientKey == nil ? "client-certificate without client-key" : "client-key without client-certificate")"
            )
        }
        if let t = user.token, !t.isEmpty {
            access.token = t
        } else if let p = user.tokenFile, !p.isEmpty {
            guard FileManager.default.isReadableFile(atPath: p) else {
                throw KubeConfigError(file: ufile, message: "\(uwhat): tokenFile \(p): cannot read the file")
            }
            access.tokenFile = p
        }
        if let u = user.username, !u.isEmpty { access.basic = (u, user.password ?? "") }
        if let e = user.exec {
            // client-go accepts v1 and v1beta1; both carry status.token / clientCertificateData the same way.
            guard e.apiVersion == "client.authentication.k8s.io/v1" || e.apiVersion == "client.authentication.k8s.io/v1beta1" else {
                throw KubeConfigError(
                    file: ufile, message: "\(uwhat): exec apiVersion \"\(e.apiVersion)\" is not supported (want client.authentication.k8s.io/v1)")
            }
            access.exec = e
        }
        access.origin = "kubeconfig \(ctx.file)"
        return access
    }

    private static func absolutePath(_ p: String) -> String {
        p.hasPrefix("/") ? p : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(p)
    }

    private static func base64(_ s: String, _ file: String, _ what: String, _ field: String) throws(KubeConfigError) -> [UInt8] {
        guard let d = Data(base64Encoded: s.filter { !$0.isWhitespace }) else {
            throw KubeConfigError(file: file, message: "\(what): \(field) is not valid base64")
        }
        return [UInt8](d)
    }

    private static func read(_ p: String, _ file: String, _ what: String, _ field: String) throws(KubeConfigError) -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: p) else {
            throw KubeConfigError(file: file, message: "\(what): \(field) \(p): cannot read the file")
        }
        return [UInt8](d)
    }
}

/// Everything a client needs to reach one cluster as one user. Secrets (token, password, key) are never
/// printed: ``description`` names only the server, context and user.
public struct ClusterAccess: Sendable, CustomStringConvertible {
    /// `https://host:port` (no trailing slash).
    public var server: String
    public var contextName: String
    public var clusterName: String
    /// The kubeconfig user entry's name (the server's idea of the user may differ).
    public var userName: String
    /// The context's namespace, `default` when it sets none.
    public var namespace: String
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    /// PEM bytes of the cluster CA (from `certificate-authority-data` or the file).
    public var certificateAuthority: [UInt8]?
    /// PEM bytes of the client certificate and key.
    public var clientCertificate: [UInt8]?
    public var clientKey: [UInt8]?
    public var token: String?
    /// Read at every request start (the file may be rotated, as client-go re-reads it).
    public var tokenFile: String?
    public var basic: (user: String, password: String)?
    public var exec: KubeConfig.ExecConfig?
    /// Where this came from, for messages.
    public var origin: String = ""

    /// Access to `server` with nothing else set (tests, or a caller that builds its own).
    public init(
        server: String, contextName: String = "", clusterName: String = "", userName: String = "", namespace: String = "default",
        insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil
    ) {
        self.server = server
        self.contextName = contextName
        self.clusterName = clusterName
        self.userName = userName
        self.namespace = namespace
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
    }

    public var description: String { "\(server) (context \"\(contextName)\", user \"\(userName)\")" }
}

/// A kubeconfig problem, naming the file and the entry (`kubeconfig /x/config: context "foo" not found`).
public struct KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "kubeconfig \(file): \(message)" }

    /// Creates an error for `file`.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
}
