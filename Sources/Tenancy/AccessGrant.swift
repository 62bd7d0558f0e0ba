// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import ReleaseUtil

/// One grant of a tenant file's `access:` list: a subject (user, group or service account) bound to one of
/// Kubernetes' built-in ClusterRoles (`view`, `edit`, `admin`) in the tenant's namespace only — the app chart
/// renders each as a RoleBinding, never a ClusterRoleBinding.
///
/// ```yaml
/// access:
/// - kind: User
///   name: alice@example.com
///   role: edit
/// - kind: ServiceAccount
///   name: deployer
///   namespace: ci
///   role: view
/// ```
public struct AccessGrant: Sendable, Hashable {
    /// The subject's kind, spelled as RBAC spells it.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A user the API server authenticates (`alice@example.com`).
        case user = "User"
        /// A group of users.
        case group = "Group"
        /// A service account `namespace/name`.
        case serviceAccount = "ServiceAccount"

        /// For people: `user`, `group`, `service account`.
        public var words: String {
            switch self {
            case .user: "user"
            case .group: "group"
            case .serviceAccount: "service account"
            }
        }
    }

    /// The built-in ClusterRole the subject gets in the tenant's namespace.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// Read most objects (not Secrets, Roles or RoleBindings).
        case view
        /// Read and write most objects (not Roles or RoleBindings).
        case edit
        /// Everything in the namespace, Roles and RoleBindings included (not the quota or the namespace itself).
        case admin

        /// Parses a role.
        /// - Throws: ``TenancyError/Code/malformed`` naming the roles there are.
        public static func parse(_ text: String) throws(TenancyError) -> Role {
            guard let role = Role(rawValue: text) else {
                throw TenancyError(
                    .malformed,
                    "unknown role \(GoStrconv.quote(text)) (view, edit or admin: the built-in ClusterRoles a grant binds in the "
                        + "tenant's namespace)")
            }
            return role
        }
    }

    /// The subject's kind.
    public var kind: Kind
    /// The user, group or service account name.
    public var name: String
    /// The service account's namespace; nil for users and groups.
    public var namespace: String?
    /// The role.
    public var role: Role

    /// Creates a grant, checking the subject.
    /// - Throws: ``TenancyError/Code/malformed`` saying what is wrong with the subject.
    public init(kind: Kind, name: String, namespace: String? = nil, role: Role) throws(TenancyError) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.role = role
        if let why = Self.problem(kind: kind, name: name, namespace: namespace) {
            throw TenancyError(.malformed, "invalid \(kind.words) \(GoStrconv.quote(subjectName)): \(why)")
        }
    }

    /// A service account from `NS/NAME`.
    /// - Throws: ``TenancyError/Code/malformed`` when it is not two DNS labels joined by `/`.
    public static func serviceAccount(_ text: String, role: Role) throws(TenancyError) -> AccessGrant {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw TenancyError(
                .malformed,
                "invalid service account \(GoStrconv.quote(text)): expected NAMESPACE/NAME, e.g. ci/deployer")
        }
        return try AccessGrant(kind: .serviceAccount, name: String(parts[1]), namespace: String(parts[0]), role: role)
    }

    /// The longest DNS-1123 label (a namespace or service account name).
    public static let maxLabelLength = 63

    /// What is wrong with a subject, or nil. Users and groups: any non-empty name without control characters
    /// (the API server takes names as the authenticator gives them: e-mail addresses, `system:` names).
    /// Service accounts: a namespace and a name that are DNS-1123 labels (``ReleaseName/isDNSLabel(_:)``).
    static func problem(kind: Kind, name: String, namespace: String?) -> String? {
        switch kind {
        case .user, .group:
            if namespace != nil { return "only a service account has a namespace" }
            if name.isEmpty { return "the name is empty" }
            if let c = name.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7f || (0x80...0x9f).contains($0.value) }) {
                return "it contains the control character U+\(String(c.value, radix: 16, uppercase: true).leftPadded(4))"
            }
            return nil
        case .serviceAccount:
            guard let namespace else { return "a service account needs a namespace (NAMESPACE/NAME)" }
            for (what, label) in [("namespace", namespace), ("name", name)] {
                if label.utf8.count > maxLabelLength || !ReleaseName.isDNSLabel(label) {
                    return "the \(what) \(GoStrconv.quote(label)) is not a DNS-1123 label (lower-case letters, digits and '-', "
                        + "starting and ending with a letter or digit, at most \(maxLabelLength) characters)"
                }
            }
            return nil
        }
    }

    /// `alice@example.com`, or `ci/deployer` for a service account.
    public var subjectName: String { namespace.map { "\($0)/\(name)" } ?? name }

    /// `user alice@example.com`, `service account ci/deployer`.
    public var subject: String { "\(kind.words) \(subjectName)" }

    /// Whether `other` names the same subject (kind, name, namespace), whatever the role.
    public func sameSubject(_ other: AccessGrant) -> Bool {
        kind == other.kind && name == other.name && namespace == other.namespace
    }

    /// The grant as the chart reads it under `tenant.access`: `{kind, name, role}` (and `namespace` for a
    /// service account).
    public var value: Value {
        var entries: [String: Value] = ["kind": .string(kind.rawValue), "name": .string(name), "role": .string(role.rawValue)]
        if let namespace { entries["namespace"] = .string(namespace) }
        return .dict(entries)
    }

    /// Reads a tenant file's `access:` list, strictly: a list of maps with exactly `kind`, `name`, `role` (and
    /// `namespace` for a service account), each subject valid and no grant twice.
    /// - Throws: ``TenancyError/Code/malformed`` naming `file` and the entry.
    public static func parseList(_ value: Value?, file: String) throws(TenancyError) -> [AccessGrant] {
        let items: [Value]
        switch value {
        case .slice(let list, _)?: items = list
        case .null?, nil: return []
        default:
            throw TenancyError(.malformed, "\(file): `access` must be a list of {kind, name, role} (kind User, Group or ServiceAccount)")
        }
        var out: [AccessGrant] = []
        for (index, item) in items.enumerated() {
            let at = "\(file): access[\(index)]"
            guard case .map(let m, _) = item else {
                throw TenancyError(.malformed, "\(at): expected a map {kind, name, role}")
            }
            let allowed: Set<String> = ["kind", "name", "namespace", "role"]
            if let extra = m.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw TenancyError(.malformed, "\(at): unknown key \(GoStrconv.quote(extra)) (allowed: kind, name, namespace, role)")
            }
            func text(_ key: String, required: Bool) throws(TenancyError) -> String? {
                switch m[key] {
                case .string(let s)?: return s
                case nil where !required: return nil
                case nil: throw TenancyError(.malformed, "\(at): `\(key)` is missing")
                default: throw TenancyError(.malformed, "\(at): `\(key)` must be a string")
                }
            }
            let kindText = try text("kind", required: true) ?? ""
            guard let kind = Kind(rawValue: kindText) else {
                throw TenancyError(
                    .malformed, "\(at): unknown kind \(GoStrconv.quote(kindText)) (one of: User, Group, ServiceAccount)")
            }
            let roleText = try text("role", required: true) ?? ""
            let name = try text("name", required: true) ?? ""
            let namespace = try text("namespace", required: false)
            let grant: AccessGrant
            do {
                grant = try AccessGrant(kind: kind, name: name, namespace: namespace, role: try Role.parse(roleText))
            } catch {
                throw TenancyError(.malformed, "\(at): \(error.message)")
            }
            if out.contains(grant) {
                throw TenancyError(.malformed, "\(at): \(grant.role.rawValue) is granted to \(grant.subject) twice")
            }
            out.append(grant)
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
