// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Foundation

/// `tenantctl store migrate`.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move release records between stores.",
        subcommands: [Migrate.self])

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Copy every revision of every tenant from the current store to another, and check the copy.",
            discussion: """
                The current store is the one the command would use (--store, TENANTCTL_STORE, tenantctl.yaml; the \
                SQLite file by default). Each tenant is copied under its lease in the destination, all its \
                revisions in one commit, then read back and compared. A revision the destination holds already is \
                compared, not copied: running the command twice copies nothing twice. A revision that differs \
                stops the command, naming it. The source is only read: once the copy is checked, point \
                tenantctl.yaml's store: at the destination.

                Examples:
                  tenantctl store migrate --to kubernetes --kubeconfig ~/.kube/config
                  tenantctl store migrate --to postgres --to-url postgres://tenantctl@db/releases
                  tenantctl store migrate --store postgres --store-url postgres://… --to sqlite --to-state backup.db

                Exit status: 0 when every revision is in the destination; 1 on error.
                """)

        @Option(name: .customLong("to"), help: ArgumentHelp("The destination: kubernetes, postgres or sqlite.", valueName: "store"))
        var to: String

        @Option(
            name: .customLong("to-url"),
            help: ArgumentHelp("The destination's PostgreSQL URL (default --store-url / TENANTCTL_POSTGRES_URL).", valueName: "url"))
        var toURL: String?

        @Option(name: .customLong("to-state"), help: ArgumentHelp("The destination SQLite file, for --to sqlite.", valueName: "path"))
        var toState: String?

        @OptionGroup var place: PlaceOptions

        func run() throws {
            var context = try place.context()
            guard let kind = StoreKind(rawValue: to) else {
                throw ValidationError("--to: \"\(to)\" is not one of sqlite, kubernetes, postgres")
            }
            var destination = context.settings
            destination.store = kind
            if let toURL { destination.storeURL = toURL }
            if kind == .sqlite {
                guard let toState else { throw ValidationError("--to sqlite needs --to-state FILE (the destination file)") }
                // The source keeps its own file; the destination context gets the other one.
                context.destinationStatePath = toState
            }
            let verb = StoreMigrate(destination: destination)
            let interactive = isatty(2) != 0
            let report = try perform { () throws(ActionError) in
                try verb.run(context) { tenant, copied in
                    if interactive { writeStderr("\(tenant): \(copied) revision\(copied == 1 ? "" : "s") copied\n") }
                }
            }
            writeStdout(
                "Copied \(report.copied) revision\(report.copied == 1 ? "" : "s") of \(report.tenants) tenant\(report.tenants == 1 ? "" : "s") "
                    + "to the \(kind.rawValue) store (\(report.alreadyThere) already there, identical), and "
                    + "\(report.promotionsCopied) promotion record\(report.promotionsCopied == 1 ? "" : "s") "
                    + "(\(report.promotionsAlreadyThere) already there); every copy read back and checked.\n")
        }
    }
}
