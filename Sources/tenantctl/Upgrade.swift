// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// Upgrade flags, shared by `upgrade` and `diff`.
struct UpgradeFlags: ParsableArguments {
    @Option(name: .customLong("chart"), help: ArgumentHelp("The chart to upgrade to (default charts/tenant-app).", valueName: "path"))
    var chart: String?

    @OptionGroup var values: ValuesFlags

    @Flag(name: .customLong("reuse-values"), help: "Start from the current revision's values and put -f/--set over them.")
    var reuseValues = false

    @Flag(name: .customLong("reset-values"), help: "Rebuild the values from the tier, the tenant file, -f and --set (the default).")
    var resetValues = false

    @Flag(name: .customLong("install"), help: "Install when the tenant has no release yet.")
    var install = false

    @Option(
        help: ArgumentHelp(
            "The tier, for --install of a tenant without a file; for a registered tenant on another tier, a move to this tier (as `tenant set-tier`).",
            valueName: "tier"))
    var tier: String?

    func validate() throws {
        if reuseValues && resetValues { throw ValidationError("--reuse-values and --reset-values exclude each other") }
    }

    func upgrade(_ tenant: String, dryRun: Bool = false, description: String? = nil) -> Actions.Upgrade {
        Actions.Upgrade(
            tenant: tenant, values: values.options, valuesMode: reuseValues ? .reuse : .reset,
            install: install, tier: tier, dryRun: dryRun, description: description)
    }
}

/// `tenantctl upgrade TENANT`.
struct Upgrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Render a new revision of a tenant's release and write its objects.",
        discussion: """
            Values are rebuilt from the tier, the tenant's file and this command's -f/--set (--reset-values, the \
            default), or taken from the current revision with -f/--set over them (--reuse-values). When the chart \
            fails to render, a `failed` revision is recorded with the error, the files in deploy/ stay as they \
            were and the previous revision stays `deployed`.

            Examples:
              tenantctl upgrade acme --set replicas=4
              tenantctl upgrade acme --chart ./charts/tenant-app-next --reuse-values
              tenantctl upgrade newco --install --tier basic
              tenantctl upgrade acme --version ">=1.1.0 <2" --repo charts/repo
              tenantctl upgrade acme --tier premium
              tenantctl upgrade acme --tier basic --force

            Exit status: 0 on success; 1 on failure (the error goes to standard error).
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @OptionGroup var flags: UpgradeFlags

    @OptionGroup var chartVersion: ChartVersionOptions

    @Flag(
        name: .customLong("dry-run"),
        help: "Render and print the release; record nothing, write nothing (--dry-run=server also has the cluster check every object).")
    var dryRun = false

    @OptionGroup var apply: ApplyFlags

    @Flag(name: .customLong("rollback-on-failure"), help: "When the apply or the wait fails, roll back to the deployed revision.")
    var rollbackOnFailure = false

    @Option(help: ArgumentHelp("The revision's description, instead of \"Upgrade complete\".", valueName: "text"))
    var description: String?

    @Flag(
        name: .customLong("force"),
        help: "With --tier, move down to a smaller quota even when the usage is unknown (directory target) or would not fit.")
    var force = false

    @OptionGroup var place: PlaceOptions

    func run() throws {
        var context = try place.context(chart: try chartVersion.chartPath(flags.chart))
        try apply.apply(to: &context, rollbackOnFailure: rollbackOnFailure)
        var verb = flags.upgrade(tenant, dryRun: dryRun, description: description)
        verb.force = force
        let result = try perform { () throws(ActionError) in try verb.run(context) }
        printResult("Upgrade", result)
        noteGatewayOutOfDate(context)
    }
}
