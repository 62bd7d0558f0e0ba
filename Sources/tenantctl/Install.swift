// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl install TENANT [--tier T]`.
struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Onboard a tenant: render its first release from the app chart and write its objects.",
        discussion: """
            A new tenant needs --tier; tenantctl then writes tenants/TENANT.yaml (tier plus an empty values \
            map) once the install worked. A registered tenant takes its tier from its file. Values layer as: \
            chart defaults < tier (tenants/tiers.yaml) < tenant file < each -f < the --set family, which Helm \
            applies in a fixed order whatever the order typed: --set-json < --set < --set-string < --set-file < \
            --set-literal; `tenant: {id, tier}` is set last. Objects go to deploy/TENANT/, one file per object; the release \
            (revision 1) is recorded in the state file.

            Examples:
              tenantctl install acme --tier premium
              tenantctl install globex --set replicas=3 --description "first customer in EU"
              tenantctl install initech --tier basic --set-file config.motd=./motd.txt --set-json 'quota={"cpu":"2"}'
              tenantctl install initech --tier basic --dry-run
              tenantctl install hooli --tier basic --version "^1.0" --repo charts/repo

            Exit status: 0 on success; 1 on bad input (invalid name, unknown tier, malformed YAML, template \
            error), which leaves the state file, deploy/ and tenants/ as they were.
            """)

    @Argument(help: "The tenant: a DNS-1123 label of at most 53 characters (its namespace is tenant-TENANT).")
    var tenant: String

    @Option(help: ArgumentHelp("The tier for a new tenant (see `tenantctl tenant list`, tenants/tiers.yaml).", valueName: "tier"))
    var tier: String?

    @OptionGroup var values: ValuesFlags

    @Flag(
        name: .customLong("dry-run"),
        help: "Render and print the release; record nothing, write nothing (--dry-run=server also has the cluster check every object).")
    var dryRun = false

    @OptionGroup var apply: ApplyFlags

    @Flag(name: .customLong("rollback-on-failure"), help: "When the apply or the wait fails, uninstall what was installed.")
    var rollbackOnFailure = false

    @Option(help: ArgumentHelp("The revision's description, instead of \"Install complete\".", valueName: "text"))
    var description: String?

    @Option(name: .customLong("chart"), help: ArgumentHelp("The chart (default charts/tenant-app).", valueName: "path"))
    var chart: String?

    @OptionGroup var chartVersion: ChartVersionOptions

    @OptionGroup var place: PlaceOptions

    func run() throws {
        var context = try place.context(chart: try chartVersion.chartPath(chart))
        try apply.apply(to: &context, rollbackOnFailure: rollbackOnFailure)
        let verb = Actions.Install(tenant: tenant, tier: tier, values: values.options, dryRun: dryRun, description: description)
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        printResult("Install", result)
        noteGatewayOutOfDate(context)
    }
}
