// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl hibernate TENANT`.
struct HibernateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hibernate",
        abstract: "Put a tenant to sleep: its workload scaled to zero as a new revision, quota, configuration and data kept.",
        discussion: """
            Sets hibernated: true in the tenant file and rolls it out (description "hibernated"): the app chart \
            renders the Deployment with replicas 0 and no HorizontalPodAutoscaler; everything else stays. `list` \
            and `status` show the tenant as hibernated, and the gateway (after `tenantctl gateway upgrade`) answers \
            its requests with 403. `tenantctl wake` brings it back as it was.

            Examples:
              tenantctl hibernate trial-42
              tenantctl hibernate trial-42 --target kubernetes --wait

            Exit status: 0 on success; 1 when the tenant already sleeps (nothing changes) or the release fails \
            (the tenant file is then left as it was).
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @Flag(name: .customLong("dry-run"), help: "Render and print the revision; record nothing, write nothing.")
    var dryRun = false

    @OptionGroup var rollout: RolloutOptions

    func run() throws {
        let context = try rollout.context()
        let verb = Hibernate(tenant: tenant, dryRun: dryRun)
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        printResult("Hibernate", result)
        noteGatewayOutOfDate(context)
    }
}

/// `tenantctl wake TENANT`.
struct WakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wake",
        abstract: "Wake a hibernated tenant: a new revision rendering what it had before it slept.",
        discussion: """
            Removes hibernated from the tenant file and rolls it out (description "woken"): replicas and the \
            autoscaler come back as the tier, the tenant file and the chart say.

            Examples:
              tenantctl wake trial-42

            Exit status: 0 on success; 1 when the tenant is awake (nothing changes) or the release fails (the \
            tenant file is then left as it was).
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @Flag(name: .customLong("dry-run"), help: "Render and print the revision; record nothing, write nothing.")
    var dryRun = false

    @OptionGroup var rollout: RolloutOptions

    func run() throws {
        let context = try rollout.context()
        let verb = Wake(tenant: tenant, dryRun: dryRun)
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        printResult("Wake", result)
        noteGatewayOutOfDate(context)
    }
}
