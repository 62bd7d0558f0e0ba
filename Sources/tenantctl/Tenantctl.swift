// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ArgumentParser
import Foundation
import GoRuntime
import ProcessTuning

/// The `tenantctl` command: renders Helm charts byte-for-byte as Helm does and manages tenants' releases.
@main
struct Tenantctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenantctl",
        abstract: "Run one application for many tenants on Kubernetes, rendering charts exactly as Helm does.",
        discussion: """
            Charts render through tenantctl's own Go-template engine, with Go's fmt, Sprig and Helm's \
            functions, so every existing Helm chart produces the same bytes as `helm template`.
            """,
        version: VersionInfo.current.line,
        subcommands: [
            Install.self, Upgrade.self, Promote.self, Rollback.self, Uninstall.self, BackupCommand.self, DecommissionCommand.self,
            RestoreCommand.self, History.self, Status.self,
            List.self, Get.self, Diff.self, DriftCommand.self, TestCommand.self, StoreCommand.self, RenderTenant.self, TenantCommand.self,
            AccessCommand.self, HibernateCommand.self, WakeCommand.self, Template.self,
            Eval.self,
            PackageChart.self, VersionCommand.self, GatewayCommand.self,
            Promotions.self, PromotionCommand.self,
        ]
    )

    static func main() {
        ProcessHeap.prepareForShortRun()
        main(DryRunArgument.rewrite(Array(CommandLine.arguments.dropFirst())))
    }
}

/// Writes text to standard output as raw bytes (no added newline).
func writeStdout(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes text to standard error as raw bytes (no added newline).
func writeStderr(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Prints an error the way Helm does (`Error: …`) on standard error.
func writeError(_ message: String) {
    FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
}
