// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import GoRuntime
import Targets

#if canImport(Glibc)
    import Glibc
#endif

/// How a mutating command applies: waiting, ownership, conflicts, the server-side dry run. Shared by install,
/// upgrade and rollback; the directory target reads only the dry run.
struct ApplyFlags: ParsableArguments {
    @Flag(
        name: .customLong("wait"),
        help: "Wait until the objects are ready (Deployments rolled out, Pods ready, PVCs bound …); fail at once when a pod cannot start.")
    var wait = false

    @Flag(name: .customLong("wait-for-jobs"), help: "With --wait, also wait for Jobs to complete.")
    var waitForJobs = false

    @Option(name: .customLong("timeout"), help: ArgumentHelp("How long --wait and hooks may take, as a Go duration.", valueName: "duration"))
    var timeout = "5m0s"

    @Flag(name: .customLong("take-ownership"), help: "Adopt existing objects that another release, or nobody, owns.")
    var takeOwnership = false

    @Flag(name: .customLong("force-conflicts"), help: "Take over fields another field manager owns instead of failing with a conflict.")
    var forceConflicts = false

    /// Set by `--dry-run=server` (the command line is rewritten before parsing: see ``DryRunArgument``).
    @Flag(name: .customLong("server-dry-run"), help: .hidden)
    var serverDryRun = false

    func validate() throws {
        if case .failure(let e) = GoDuration.parse(timeout) { throw ValidationError("--timeout: \(e.message)") }
        if (try? seconds()) ?? 0 <= 0 { throw ValidationError("--timeout must be positive, not \(timeout)") }
    }

    func seconds() throws -> Double {
        switch GoDuration.parse(timeout) {
        case .success(let ns): return Double(ns) / 1e9
        case .failure(let e): throw ValidationError("--timeout: \(e.message)")
        }
    }

    /// The context with these options set.
    func apply(to context: inout Context, rollbackOnFailure: Bool = false) throws {
        context.applyOptions = ApplyOptions(
            dryRun: serverDryRun, takeOwnership: takeOwnership, forceConflicts: forceConflicts, wait: wait, waitForJobs: waitForJobs,
            timeout: try seconds())
        context.rollbackOnFailure = rollbackOnFailure
        if wait, isatty(2) != 0 { context.waitProgress = WaitReporter.report }
    }
}

/// Helm's `--dry-run[=client|server|none]` on a command line argument-parser reads as flags: `--dry-run` and
/// `--dry-run=client` (or `=true`) are the client-side dry run, `--dry-run=server` adds the hidden
/// `--server-dry-run`, `--dry-run=none` (or `=false`) is no dry run. Only for the commands that apply.
enum DryRunArgument {
    static let commands: Set<String> = ["install", "upgrade", "rollback"]

    static func rewrite(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, commands.contains(command) else { return arguments }
        var out: [String] = []
        var passthrough = false
        for a in arguments {
            if passthrough || a == "--" {
                passthrough = true
                out.append(a)
                continue
            }
            switch a {
            case "--dry-run=client", "--dry-run=true": out.append("--dry-run")
            case "--dry-run=server": out += ["--dry-run", "--server-dry-run"]
            case "--dry-run=none", "--dry-run=false": break
            default: out.append(a)
            }
        }
        return out
    }
}

/// `--wait` on a terminal: a line on standard error each time the set of waiting objects changes.
enum WaitReporter {
    nonisolated(unsafe) private static var last: [String] = []

    @Sendable static func report(_ progress: WaitProgress) {
        let now = progress.waiting.map(\.description)
        guard now != last else { return }
        last = now
        guard let first = progress.waiting.first else { return }
        let more = progress.waiting.count > 1 ? " (and \(progress.waiting.count - 1) more)" : ""
        writeStderr("waiting (\(Int(progress.elapsed))s): \(progress.ready)/\(progress.total) ready; \(first)\(more)\n")
    }
}
