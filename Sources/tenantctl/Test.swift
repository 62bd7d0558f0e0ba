// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import GoRuntime
import ReleaseStore

/// `tenantctl test TENANT`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the test hooks (helm.sh/hook: test) of a tenant's deployed revision, as `helm test` does.",
        discussion: """
            Each test (a Pod or Job annotated helm.sh/hook: test) is created in the tenant's namespace, in weight \
            then name order, and awaited until it succeeds or fails; a pod that cannot start fails at once. \
            Delete policies (before-hook-creation by default, hook-succeeded, hook-failed) apply as in Helm. \
            Nothing is recorded. The directory target runs no tests (a GitOps controller runs them).

            Examples:
              tenantctl test acme --target kubernetes
              tenantctl test acme --timeout 2m

            Exit status: 0 when every test passed (or there are none); 1 when one failed, or on error.
            """)

    @Argument(help: "The tenant.")
    var tenant: String

    @Option(name: .customLong("timeout"), help: ArgumentHelp("How long each test may take, as a Go duration.", valueName: "duration"))
    var timeout = "5m0s"

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let seconds: Double
        switch GoDuration.parse(timeout) {
        case .success(let ns): seconds = Double(ns) / 1e9
        case .failure(let e): throw ValidationError("--timeout: \(e.message)")
        }
        let context = try place.context()
        let verb = Actions.RunTests(tenant: tenant, timeout: seconds)
        let runs = try perform { () throws(ActionError) in try verb.run(context) }
        var out = "TENANT: \(tenant)\n"
        if runs.isEmpty { out += "No tests.\n" }
        for run in runs {
            out += "TEST SUITE:     \(run.name)\nLast Started:   \(Timestamp.format(run.startedAt, fractional: false))\n"
            if let done = run.completedAt { out += "Last Completed: \(Timestamp.format(done, fractional: false))\n" }
            out += "Phase:          \(run.phase.rawValue)\n"
        }
        writeStdout(out)
    }
}
