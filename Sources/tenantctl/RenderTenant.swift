// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser

/// `tenantctl render TENANT` (`template` is Helm's command for charts).
struct RenderTenant: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a tenant's manifest without recording or writing anything.",
        discussion: """
            Examples:
              tenantctl render acme
              tenantctl render newco --tier basic --set replicas=2
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @Option(help: ArgumentHelp("The tier, for a tenant without a file.", valueName: "tier"))
    var tier: String?

    @OptionGroup var values: ValuesFlags

    @Option(name: .customLong("chart"), help: ArgumentHelp("The chart (default charts/tenant-app).", valueName: "path"))
    var chart: String?

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let context = try place.context(chart: chart)
        let verb = TemplateTenant(tenant: tenant, tier: tier, values: values.options)
        writeStdout(try perform { () throws(ActionError) in try verb.run(context) }.manifest)
    }
}
