// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ArgumentParser

/// What this binary is: its release version (kept here, in the source), the git commit it was built from (by
/// the `BuildInfo` plugin before each build; `unknown` without git) and the Swift compiler that built it.
struct VersionInfo: Encodable, Equatable {
    /// tenantctl's release version; change it when a release is tagged.
    static let release = "0.1.0"

    /// This build.
    static let current = VersionInfo(version: release, commit: BuildInfo.commit, swift: compilerVersion)

    var version: String
    var commit: String
    var swift: String

    /// The compiler's language version, major.minor (known at compile time; no toolchain is run).
    static var compilerVersion: String {
        #if compiler(>=7.0)
            return "7.0 or later"
        #elseif compiler(>=6.4)
            return "6.4"
        #elseif compiler(>=6.3)
            return "6.3"
        #elseif compiler(>=6.2)
            return "6.2"
        #elseif compiler(>=6.1)
            return "6.1"
        #else
            return "6.0"
        #endif
    }

    /// `tenantctl --version` and `tenantctl version`: `tenantctl 0.1.0 (commit abc, Swift 6.3)`.
    var line: String { "tenantctl \(version) (commit \(commit), Swift \(swift))" }
}

/// `tenantctl version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print tenantctl's version, the git commit it was built from and the Swift toolchain.",
        discussion: """
            Examples:
              tenantctl version
              tenantctl version -o json
              tenantctl --version

            The commit is `unknown` when the binary was built outside a git checkout.
            """)

    @Option(name: [.customShort("o"), .customLong("output")], help: "table, json or yaml.")
    var output: OutputFormat = .table

    func run() {
        let info = VersionInfo.current
        if output != .table { return printMachine(info, output) }
        writeStdout(info.line + "\n")
    }
}
