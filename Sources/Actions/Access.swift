// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseStore
import Tenancy

/// `tenantctl access grant|revoke|list`: who may do what in a tenant's namespace. Grants live in the tenant
/// file's `access:` list (``AccessGrant``), reach the chart as `tenant.access`, and the app chart renders one
/// RoleBinding per grant to the built-in ClusterRole in the tenant's namespace. A grant or a revoke is an upgrade
/// described by what changed; the file is written only once the release succeeded.
public enum Access {
    /// A subject as the command line gives it: `--user`, `--group` or `--service-account NS/NAME`, and `--role`.
    public struct Subject: Sendable, Hashable {
        /// The kind.
        public var kind: AccessGrant.Kind
        /// The name (`NS/NAME` for a service account).
        public var name: String
        /// The role, as typed.
        public var role: String

        /// Creates a subject.
        public init(kind: AccessGrant.Kind, name: String, role: String) {
            self.kind = kind
            self.name = name
            self.role = role
        }

        /// The grant, checked.
        /// - Throws: ``ActionError/Code/invalidInput`` for an unknown role or a malformed subject.
        func grant() throws(ActionError) -> AccessGrant {
            do {
                let role = try AccessGrant.Role.parse(role)
                if kind == .serviceAccount { return try AccessGrant.serviceAccount(name, role: role) }
                return try AccessGrant(kind: kind, name: name, role: role)
            } catch {
                throw ActionError(error)
            }
        }
    }

    /// What `grant` did: rolled the new grant out, or found it there already (nothing changed).
    public enum Outcome: Sendable {
        /// The new revision.
        case changed(ReleaseResult)
        /// Nothing to do: the message says why.
        case unchanged(String)
    }

    /// `tenantctl access grant TENANT (--user | --group | --service-account) --role ROLE`.
    public struct Grant: Sendable {
        /// The tenant.
        public var tenant: String
        /// Who, and which role.
        public var subject: Subject

        /// Creates the verb.
        public init(tenant: String, subject: Subject) {
            self.tenant = tenant
            self.subject = subject
        }

        /// Runs it: the subject and role are checked before anything is read or written.
        public func run(_ context: Context) throws(ActionError) -> Outcome {
            let grant = try subject.grant()
            let file: TenantFile
            do { file = try context.registry.tenant(tenant) } catch { throw ActionError(error) }
            if file.access.contains(grant) {
                return .unchanged("\(grant.subject) already has \(grant.role.rawValue) on tenant \(tenant) (\(file.path)); nothing changed")
            }
            var changed = file
            changed.access.append(grant)
            let prepared = try Prepared(context, changed: changed)
            return .changed(try rollOut(context, prepared, description: "granted \(grant.role.rawValue) to \(grant.subject)"))
        }
    }

    /// `tenantctl access revoke TENANT (--user | --group | --service-account) --role ROLE`.
    public struct Revoke: Sendable {
        /// The tenant.
        public var tenant: String
        /// Who, and which role.
        public var subject: Subject

        /// Creates the verb.
        public init(tenant: String, subject: Subject) {
            self.tenant = tenant
            self.subject = subject
        }

        /// Runs it.
        /// - Throws: ``ActionError/Code/notFound`` when the grant is not there (nothing changes).
        public func run(_ context: Context) throws(ActionError) -> ReleaseResult {
            let grant = try subject.grant()
            let file: TenantFile
            do { file = try context.registry.tenant(tenant) } catch { throw ActionError(error) }
            guard let index = file.access.firstIndex(of: grant) else {
                let held = file.access.filter { $0.sameSubject(grant) }.map(\.role.rawValue)
                let has = held.isEmpty ? "has no access to it" : "has only \(held.joined(separator: ", ")) there"
                throw ActionError(
                    .notFound,
                    "\(grant.subject) was never granted \(grant.role.rawValue) on tenant \(tenant) (\(file.path)) and \(has); "
                        + "nothing changed (see `tenantctl access list \(tenant)`)")
            }
            var changed = file
            changed.access.remove(at: index)
            let prepared = try Prepared(context, changed: changed)
            return try rollOut(context, prepared, description: "revoked \(grant.role.rawValue) from \(grant.subject)")
        }
    }

    /// One row of `access list`.
    public struct Row: Sendable, Hashable {
        /// The tenant.
        public var tenant: String
        /// The grant.
        public var grant: AccessGrant
    }

    /// `tenantctl access list [TENANT]`: the grants in the tenant files, by tenant then in file order.
    public struct List: Sendable {
        /// One tenant, or every one.
        public var tenant: String?

        /// Creates the verb.
        public init(tenant: String? = nil) { self.tenant = tenant }

        /// Runs it.
        public func run(_ context: Context) throws(ActionError) -> [Row] {
            var files: [TenantFile]
            do {
                if let tenant { files = [try context.registry.tenant(tenant)] } else { files = try context.registry.list() }
            } catch {
                throw ActionError(error)
            }
            return files.flatMap { file in file.access.map { Row(tenant: file.name, grant: $0) } }
        }
    }
}
