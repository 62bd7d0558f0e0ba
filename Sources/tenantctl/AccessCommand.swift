// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Tenancy

/// `tenantctl access grant|revoke|list`.
struct AccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Give people and service accounts access to a tenant's namespace (RoleBindings to view, edit or admin).",
        discussion: """
            Grants live in the tenant file's access: list. The app chart renders each as a RoleBinding to the \
            built-in ClusterRole (view, edit or admin) in the tenant's namespace only, never cluster-wide. A grant \
            or a revoke is a new revision described by what changed; the tenant file is written only when it \
            succeeds.

            Examples:
              tenantctl access grant acme --user alice@example.com --role edit
              tenantctl access grant acme --group acme-admins --role admin
              tenantctl access grant acme --service-account ci/deployer --role edit
              tenantctl access revoke acme --user alice@example.com --role edit
              tenantctl access list
              tenantctl access list acme -o json
            """,
        subcommands: [GrantAccess.self, RevokeAccess.self, ListAccess.self])
}

/// `--user | --group | --service-account` and `--role`.
struct SubjectOptions: ParsableArguments {
    @Option(name: .customLong("user"), help: ArgumentHelp("A user, as the API server authenticates it (alice@example.com).", valueName: "name"))
    var user: String?

    @Option(name: .customLong("group"), help: ArgumentHelp("A group of users.", valueName: "name"))
    var group: String?

    @Option(name: .customLong("service-account"), help: ArgumentHelp("A service account: its namespace and name.", valueName: "ns/name"))
    var serviceAccount: String?

    @Option(name: .customLong("role"), help: ArgumentHelp("view, edit or admin: the built-in ClusterRole bound in the tenant's namespace.", valueName: "role"))
    var role: String

    func validate() throws {
        let given = [user, group, serviceAccount].compactMap { $0 }.count
        if given != 1 { throw ValidationError("give exactly one of --user, --group or --service-account") }
    }

    var subject: Access.Subject {
        if let user { return Access.Subject(kind: .user, name: user, role: role) }
        if let group { return Access.Subject(kind: .group, name: group, role: role) }
        return Access.Subject(kind: .serviceAccount, name: serviceAccount ?? "", role: role)
    }
}

/// What the commands that roll out a changed tenant file take besides the tenant: the chart and how to apply.
struct RolloutOptions: ParsableArguments {
    @Option(name: .customLong("chart"), help: ArgumentHelp("The chart to render (default charts/tenant-app).", valueName: "path"))
    var chart: String?

    @OptionGroup var apply: ApplyFlags

    @OptionGroup var place: PlaceOptions

    func validate() throws {
        // The hidden flag `--dry-run=server` becomes on install/upgrade/rollback (ApplyFlags); these commands
        // offer only the client-side --dry-run.
        if apply.serverDryRun { throw ValidationError("--server-dry-run is not supported here; use --dry-run where the command has it") }
    }

    func context() throws -> Context {
        var context = try place.context(chart: chart)
        try apply.apply(to: &context)
        return context
    }
}

extension AccessCommand {
    struct GrantAccess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Grant a role in the tenant's namespace (a new revision); says so and changes nothing when it is there already.",
            discussion: """
                Examples:
                  tenantctl access grant acme --user alice@example.com --role edit
                  tenantctl access grant acme --service-account ci/deployer --role view

                Exit status: 0 when granted or already there; 1 on a malformed subject, an unknown role or tenant, \
                or a failed release (the tenant file is then left as it was).
                """)

        @Argument(help: "The tenant.")
        var tenant: String

        @OptionGroup var subject: SubjectOptions

        @OptionGroup var rollout: RolloutOptions

        func run() throws {
            let context = try rollout.context()
            let verb = Access.Grant(tenant: tenant, subject: subject.subject)
            switch try perform({ () throws(ActionError) in try verb.run(context) }) {
            case .unchanged(let message):
                writeStdout(printable(message) + "\n")
            case .changed(let result):
                printResult("Access", result)
            }
        }
    }

    struct RevokeAccess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke a role granted in the tenant's namespace (a new revision).",
            discussion: """
                Examples:
                  tenantctl access revoke acme --user alice@example.com --role edit
                  tenantctl access revoke acme --service-account ci/deployer --role view

                Exit status: 0 when revoked; 1 when it was never granted (nothing changes), on bad input, or on a \
                failed release (the tenant file is then left as it was).
                """)

        @Argument(help: "The tenant.")
        var tenant: String

        @OptionGroup var subject: SubjectOptions

        @OptionGroup var rollout: RolloutOptions

        func run() throws {
            let context = try rollout.context()
            let verb = Access.Revoke(tenant: tenant, subject: subject.subject)
            let result = try perform { () throws(ActionError) in try verb.run(context) }
            printResult("Access", result)
        }
    }

    struct Row: Encodable {
        var tenant: String
        var kind: String
        var name: String
        var namespace: String?
        var role: String
    }

    struct ListAccess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The grants in the tenant files (one tenant, or every one).",
            discussion: """
                Examples:
                  tenantctl access list
                  tenantctl access list acme -o json

                Exit status: 0 (an empty list when nothing is granted); 1 for an unknown tenant or a malformed file.
                """)

        @Argument(help: "The tenant (default: every tenant).")
        var tenant: String?

        @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
        var output: OutputFormat = .table

        @OptionGroup var place: PlaceOptions

        func run() throws {
            let context = try place.context()
            let verb = Access.List(tenant: tenant)
            let rows = try perform { () throws(ActionError) in try verb.run(context) }.map {
                Row(tenant: $0.tenant, kind: $0.grant.kind.rawValue, name: $0.grant.name, namespace: $0.grant.namespace, role: $0.grant.role.rawValue)
            }
            if output != .table { return printMachine(rows, output) }
            printTable(["TENANT", "KIND", "NAME", "NAMESPACE", "ROLE"], rows.map { [$0.tenant, $0.kind, $0.name, $0.namespace ?? "", $0.role] })
        }
    }
}
