// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import ReleaseUtil

/// Where a tenant's objects go.
public enum TargetKind: String, Sendable, Hashable, CaseIterable {
    /// `deploy/<tenant>/`, one file per object (the default, a GitOps layout).
    case directory
    /// A Kubernetes cluster, through its API server.
    case kubernetes
}

/// Where a tenant's release records go.
public enum StoreKind: String, Sendable, Hashable, CaseIterable {
    /// `.tenantctl/state.db` on this machine (the default).
    case sqlite
    /// Secrets in the cluster's records namespace, in Helm's format.
    case kubernetes
    /// A PostgreSQL database, in Helm's SQL schema.
    case postgres
}

/// The release settings every tenant command resolves before it runs: target, store, cluster access.
///
/// Each comes from, in order of precedence, the command's flag, the environment, the project file
/// (`tenantctl.yaml`) and the default — as kubectl and helm treat their flags and environment.
public struct ReleaseSettings: Sendable, Hashable {
    /// `--target`, `TENANTCTL_TARGET`, `target:`; default directory.
    public var target: TargetKind = .directory
    /// `--store`, `TENANTCTL_STORE`, `store:`; default sqlite, or kubernetes with the Kubernetes target.
    public var store: StoreKind = .sqlite
    /// The kubeconfig file given by `--kubeconfig` or `kubernetes.kubeconfig:`; nil lets the client read
    /// `KUBECONFIG` (a list of files merged as kubectl merges them) or `~/.kube/config`.
    public var kubeconfig: String?
    /// `--kube-context` or `kubernetes.context:`; nil is the kubeconfig's current context.
    public var kubeContext: String?
    /// The namespace that holds the release records and that Helm's ownership annotation names:
    /// `recordsNamespace:` (default tenantctl-system).
    public var recordsNamespace: String = ReleaseSettings.defaultRecordsNamespace
    /// `--qps`, `kubernetes.qps:` (requests per second to the API server, averaged).
    public var qps: Double = 50
    /// `--burst`, `kubernetes.burst:` (requests allowed at once above the average).
    public var burst: Int = 100
    /// The PostgreSQL URL: `--store-url`, `TENANTCTL_POSTGRES_URL`, `postgres.url:`.
    public var storeURL: String?

    /// `tenantctl-system`.
    public static let defaultRecordsNamespace = "tenantctl-system"

    /// Creates the defaults.
    public init() {}

    /// What the command's flags say; nil is "not given".
    public struct Flags: Sendable, Hashable {
        public var target: String?
        public var store: String?
        public var kubeconfig: String?
        public var kubeContext: String?
        public var qps: Double?
        public var burst: Int?
        public var storeURL: String?
        /// Creates flags.
        public init(
            target: String? = nil, store: String? = nil, kubeconfig: String? = nil, kubeContext: String? = nil, qps: Double? = nil,
            burst: Int? = nil, storeURL: String? = nil
        ) {
            self.target = target
            self.store = store
            self.kubeconfig = kubeconfig
            self.kubeContext = kubeContext
            self.qps = qps
            self.burst = burst
            self.storeURL = storeURL
        }
    }

    /// Resolves the settings: flag > environment > project file > default.
    /// - Parameters:
    ///   - file: the project file's top-level map (empty without a file); `filePath` names it in messages and
    ///     anchors a relative `kubernetes.kubeconfig:`.
    /// - Throws: ``ActionError/Code/invalidInput`` naming the flag, variable or file entry that is wrong.
    public static func resolve(
        flags: Flags, environment: [String: String], file: [String: Value], filePath: String = "tenantctl.yaml"
    ) throws(ActionError) -> ReleaseSettings {
        var s = ReleaseSettings()
        let env = { (name: String) -> String? in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let kube = try map(file["kubernetes"], "kubernetes", filePath)
        let postgres = try map(file["postgres"], "postgres", filePath)

        if let (text, origin) = first(
            (flags.target, "--target"), (env("TENANTCTL_TARGET"), "TENANTCTL_TARGET"), (try string(file["target"], "target", filePath), "\(filePath): target"))
        {
            s.target = try choice(text, origin)
        }
        if let (text, origin) = first(
            (flags.store, "--store"), (env("TENANTCTL_STORE"), "TENANTCTL_STORE"), (try string(file["store"], "store", filePath), "\(filePath): store"))
        {
            s.store = try choice(text, origin)
        } else if s.target == .kubernetes {
            // The cluster keeps its own records (Secrets in Helm's format) unless a store is named.
            s.store = .kubernetes
        }
        if let flag = flags.kubeconfig {
            s.kubeconfig = flag
        } else if env("KUBECONFIG") == nil, let path = try string(kube["kubeconfig"], "kubernetes.kubeconfig", filePath) {
            s.kubeconfig = anchored(expandingTilde(path, environment), to: filePath)
        }
        let fileContext = try string(kube["context"], "kubernetes.context", filePath)
        s.kubeContext = flags.kubeContext ?? fileContext
        if let ns = try string(file["recordsNamespace"], "recordsNamespace", filePath) {
            guard ns.utf8.count <= 63, ReleaseName.isDNSLabel(ns) else {
                throw ActionError(.invalidInput, "\(filePath): recordsNamespace \(goQuoted(ns)) is not a namespace name (a DNS-1123 label)")
            }
            s.recordsNamespace = ns
        }
        let fileQPS = try number(kube["qps"], "kubernetes.qps", filePath)
        if let qps = flags.qps ?? fileQPS {
            guard qps > 0, qps.isFinite else { throw ActionError(.invalidInput, "--qps must be a positive number of requests per second, not \(qps)") }
            s.qps = qps
        }
        let fileBurst = try number(kube["burst"], "kubernetes.burst", filePath).map { Int($0) }
        if let burst = flags.burst ?? fileBurst {
            guard burst >= 1 else { throw ActionError(.invalidInput, "--burst must be 1 or more, not \(burst)") }
            s.burst = burst
        }
        let fileURL = try string(postgres["url"], "postgres.url", filePath)
        s.storeURL = flags.storeURL ?? env("TENANTCTL_POSTGRES_URL") ?? fileURL
        return s
    }

    private static func first(_ candidates: (String?, String)...) -> (String, String)? {
        for (value, origin) in candidates { if let value { return (value, origin) } }
        return nil
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ origin: String) throws(ActionError) -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ActionError(.invalidInput, "\(origin): \(goQuoted(text)) is not one of \(allowed)")
        }
        return value
    }

    private static func map(_ value: Value?, _ key: String, _ file: String) throws(ActionError) -> [String: Value] {
        switch value {
        case nil, .null?: return [:]
        case .map(let m, _)?: return m.dictionary
        default: throw ActionError(.invalidInput, "\(file): `\(key):` must be a map")
        }
    }

    private static func string(_ value: Value?, _ key: String, _ file: String) throws(ActionError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s.isEmpty ? nil : s
        default: throw ActionError(.invalidInput, "\(file): `\(key):` must be a string")
        }
    }

    private static func number(_ value: Value?, _ key: String, _ file: String) throws(ActionError) -> Double? {
        switch value {
        case nil, .null?: return nil
        case .int(let i, _)?: return Double(i)
        case .float(let f)?: return f
        default: throw ActionError(.invalidInput, "\(file): `\(key):` must be a number")
        }
    }

    private static func expandingTilde(_ path: String, _ environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] ?? ProcessInfo.processInfo.environment["HOME"] else { return path }
        return home + path.dropFirst()
    }

    /// A relative path in the project file is relative to the file's folder, as kubectl resolves the paths a
    /// kubeconfig names.
    private static func anchored(_ path: String, to file: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : folder + "/" + path
    }
}
