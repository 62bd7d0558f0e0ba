// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Foundation
import GoRuntime
import ReleaseStore
import Tenancy

#if canImport(Glibc)
    import Glibc
#endif

/// `tenantctl promote`.
struct Promote: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Move a chart version across the fleet in waves: halt when a wave fails, roll it back, report for CI.",
        discussion: """
            Every tenant with a tenant file is selected unless --tenant, --tier or -l narrow it; a tenant without \
            a deployed release is reported as not installed, a hibernated one is left alone (--include-hibernated \
            promotes it), one already at the target version is skipped. The waves run in order (--wave, or \
            `promote: {waves: [{name, selector}]}` in tenantctl.yaml; none is one wave, all); the tenants of a wave \
            are upgraded in parallel by one process, the chart loaded once, each under its own lease as \
            `tenantctl upgrade` takes it (a tenant locked by another command fails its wave after the lease wait, \
            TENANTCTL_LEASE_WAIT, default 5 s: it is never waited on forever); a tenant file that does not load \
            fails that tenant only. A wave with more than --max-failures failures halts the promotion: later waves are \
            not started, and --rollback-on-failure rolls the wave's changed tenants back to their revision from \
            before (--rollback-all the earlier waves' too). SIGINT/SIGTERM: the tenants in flight finish, no new \
            one starts, the record says interrupted.

            On a terminal, a live view per wave; otherwise one line per tenant and per wave. -o json prints the \
            promotion's record (id, who, when, the plan, each tenant's outcome); --report FILE writes it too. The same record is kept in the store beside the releases, \
            saved at the start, after each wave and at the end.

            Examples:
              tenantctl promote --version 1.1.0 --repo charts/repo
              tenantctl promote --version 1.2.0 --dry-run
              tenantctl promote --version "~1.2" --wave canary=acme,globex \\
                --wave premium=tier=premium --wave rest --rollback-on-failure \\
                --pause 5m --wait -o json --report promotion.json
              tenantctl promote --chart charts/tenant-app --tier basic \\
                -l region=eu --max-failures 3

            Exit status: 0 every selected tenant is at the target (promoted or already there; hibernated and \
            not-installed tenants are left alone); 1 bad input (no \
            chart version satisfies --version, a tenant in two waves, an unknown --tenant …), nothing changed; \
            3 halted: a wave went over --max-failures, later waves untouched (the report lists what was rolled \
            back); 4 finished with failures within --max-failures (a tenant file that does not load, a locked \
            tenant, a failed upgrade); 130 interrupted by SIGINT/SIGTERM.
            """)

    @Option(name: .customLong("chart"), help: ArgumentHelp("The chart to promote to (default charts/tenant-app).", valueName: "path"))
    var chart: String?

    @OptionGroup var chartVersion: ChartVersionOptions

    @Option(
        name: .customLong("wave"),
        help: ArgumentHelp(
            "A wave, in order: NAME=a,b,c (tenants), NAME=tier=T, NAME=key=value (a label); a bare NAME last takes whoever is left. Repeat for several.",
            valueName: "name=selector"))
    var waves: [String] = []

    @Option(help: ArgumentHelp("Only tenants on this tier.", valueName: "tier"))
    var tier: String?

    @Option(name: .customLong("tenant"), help: ArgumentHelp("Only these tenants (comma-separated).", valueName: "a,b,c"))
    var tenants: String?

    @Option(
        name: [.customShort("l"), .customLong("selector")],
        help: ArgumentHelp("Only tenants whose file has this label (labels: in the tenant file); repeat to require several.", valueName: "key=value"))
    var labels: [String] = []

    @Flag(name: .customLong("include-hibernated"), help: "Promote hibernated tenants too (left alone by default).")
    var includeHibernated = false

    @Option(
        name: .customLong("max-parallel"),
        help: ArgumentHelp(
            "Tenants upgraded at once within a wave (default: the cores, at least 8: upgrades mostly wait on fsync or the API server).", valueName: "n"))
    var maxParallel: Int?

    @Option(name: .customLong("max-failures"), help: ArgumentHelp("Failures a wave may have before the promotion halts.", valueName: "k"))
    var maxFailures = 0

    @Flag(name: .customLong("rollback-on-failure"), help: "When a wave halts the promotion, roll its changed tenants back to their revision from before.")
    var rollbackOnFailure = false

    @Flag(name: .customLong("rollback-all"), help: "When a wave halts the promotion, roll back the earlier waves too.")
    var rollbackAll = false

    @Option(name: .customLong("pause"), help: ArgumentHelp("Time between waves (bake time), as a Go duration (5m, 30s).", valueName: "duration"))
    var pause = "0s"

    @Flag(name: .customLong("dry-run"), help: "Print the plan (waves, tenants, from-version -> to-version); change nothing.")
    var dryRun = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "text, or json (the promotion's record).")
    var output: PromoteOutput = .text

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write the promotion's record (JSON) to this file.", valueName: "file"))
    var report: String?

    @OptionGroup var apply: ApplyFlags

    @OptionGroup var place: PlaceOptions

    func validate() throws {
        if let maxParallel, maxParallel < 1 { throw ValidationError("--max-parallel must be 1 or more, not \(maxParallel)") }
        if maxFailures < 0 { throw ValidationError("--max-failures must be 0 or more, not \(maxFailures)") }
        if case .failure(let e) = GoDuration.parse(pause) { throw ValidationError("--pause: \(e.message)") }
    }

    func run() throws {
        var context = try place.context(chart: try chartVersion.chartPath(chart))
        try apply.apply(to: &context)
        var verb = Actions.Promote()
        verb.tier = tier
        verb.tenants = tenants.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        verb.labelSelectors = labels
        verb.includeHibernated = includeHibernated
        verb.maxParallel = maxParallel
        verb.maxFailures = maxFailures
        verb.rollbackOnFailure = rollbackOnFailure || rollbackAll
        verb.rollbackAll = rollbackAll
        if case .success(let ns) = GoDuration.parse(pause) { verb.pause = Double(ns) / 1e9 }
        verb.waves = try perform { () throws(ActionError) in
            if !waves.isEmpty { return try waves.map(WaveSpec.parse) }
            let file: ProjectFile
            do throws(TenancyError) { file = try ProjectFile.load(place.config) } catch { throw ActionError(.invalidInput, error.message) }
            return try WaveSpec.fromProjectFile(file.sections, path: file.path)
        }
        let promote = verb
        let plan = try perform { () throws(ActionError) -> PromotionPlan in try promote.plan(context) }
        for warning in plan.record.warnings { writeStderr("Warning: \(warning)\n") }
        let json = output == .json
        let human: @Sendable (String) -> Void = { text in if json { writeStderr(text) } else { writeStdout(text) } }
        let toTerminal = isatty(output == .json ? 2 : 1) != 0

        if dryRun {
            human(PromoteText.plan(plan))
            try finish(plan.record)
            return
        }
        let cancellation = PromotionCancellation()
        PromoteSignals.install(cancellation)
        let view = PromoteProgress(plan: plan, write: human, live: toTerminal, cancellation: cancellation)
        view.start()
        let record = try perform { () throws(ActionError) in
            try promote.run(plan, context, cancellation: cancellation) { view.handle($0) }
        }
        view.stop()
        human(PromoteText.summary(record, maxFailures: maxFailures))
        try finish(record)
        if let code = PromoteText.exitCode(record.status), code != 0 { throw ExitCode(code) }
    }

    /// `-o json` and `--report FILE`.
    private func finish(_ record: PromotionRecord) throws {
        let json = PromoteText.json(record)
        if output == .json { writeStdout(json) }
        if let report {
            do { try Data(json.utf8).write(to: URL(fileURLWithPath: report), options: .atomic) } catch {
                writeError("--report \(report): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
    }
}

/// `-o text|json`.
enum PromoteOutput: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// SIGINT and SIGTERM set the promotion's cancellation flag (process-wide, so the command line installs it):
/// the tenants in flight finish, no new one starts, the record says interrupted.
enum PromoteSignals {
    nonisolated(unsafe) private static var flag: PromotionCancellation?

    static func install(_ cancellation: PromotionCancellation) {
        flag = cancellation
        // The handler does one atomic store: async-signal-safe.
        signal(SIGINT) { _ in PromoteSignals.flag?.cancel() }
        signal(SIGTERM) { _ in PromoteSignals.flag?.cancel() }
        // A parent may have started us with these signals blocked (the mask is inherited across exec); unblock
        // them here, before the workers start, so that every thread inherits a mask that lets them in.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
