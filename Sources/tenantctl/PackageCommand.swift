// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ArgumentParser
import Chart
import Foundation

/// `tenantctl package CHART [-d DIR]`: `helm package`, plus the repository's index.yaml kept up to date.
struct PackageChart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Package a chart as NAME-VERSION.tgz and add it to the repository folder's index.yaml.",
        discussion: """
            Writes the chart (its .helmignore respected) in Helm's archive format, then adds the version to \
            DIR/index.yaml in Helm's repository format (entries newest first, sha256 digest, urls relative to \
            DIR), replacing an entry of the same version. `install`/`upgrade --version CONSTRAINT --repo DIR` \
            pick versions from that folder; a real helm reads both files.

            Examples:
              tenantctl package charts/tenant-app -d charts/repo
              tenantctl install acme --tier basic --version "~1.2" --repo charts/repo

            Exit status: 0 on success; 1 when the chart cannot be loaded or the files cannot be written.
            """)

    @Argument(help: "The chart directory.")
    var chart: String

    @Option(
        name: [.customShort("d"), .customLong("destination")], help: ArgumentHelp("The repository folder (default: the current directory).", valueName: "dir"))
    var destination = "."

    func run() throws {
        do {
            // Helm's loader logs every symbolic link it follows (INFO, on standard error) as it meets it.
            let loaded = try ChartDirectory.load(directory: chart) { writeStderr($0.logLine + "\n") }
            // Helm: the default destination is the working directory, named absolutely.
            let dir = destination == "." ? FileManager.default.currentDirectoryPath : destination
            let path = try RepoIndex.package(loaded, into: dir)
            writeStdout("Successfully packaged chart and saved it to: \(path)\n")
        } catch {
            writeError(error.message)
            throw ExitCode(1)
        }
    }
}
