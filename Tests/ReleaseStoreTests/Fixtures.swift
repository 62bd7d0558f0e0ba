// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

@testable import ReleaseStore

/// A fixed instant (2026-01-01T00:00:00Z) plus `seconds`; quarter seconds survive every driver exactly.
func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_767_225_600 + seconds) }

let chartV1 = ChartReference(name: "tenant-app", version: "1.0.0", appVersion: "2.3", digest: "sha256:aa")
let chartV2 = ChartReference(name: "tenant-app", version: "1.1.0", appVersion: "2.4", digest: "sha256:bb")

/// A record with recognisable content: manifest `m<rev>`, values `v: <rev>`.
func record(
    _ revision: Int, _ status: ReleaseStatus, chart: ChartReference = chartV1,
    description: String = ""
) -> Release {
    record("acme", revision, status, chart: chart, description: description)
}

/// ``record(_:_:chart:description:)`` for another tenant.
func record(
    _ tenant: String, _ revision: Int, _ status: ReleaseStatus, chart: ChartReference = chartV1,
    description: String = ""
) -> Release {
    Release(
        tenant: tenant, revision: revision, status: status, chart: chart,
        userValues: "v: \(revision)\n", computedValues: "v: \(revision)\nreplicas: 2\n",
        manifest: "m\(revision)", notes: "notes \(revision)", firstDeployed: at(0),
        lastDeployed: at(Double(revision) * 60), description: description)
}

/// A fresh SQLite file in its own temporary folder.
func temporarySQLitePath() -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("tenantctl-store-\(UUID().uuidString)", isDirectory: true)
    return dir.appendingPathComponent("state.db").path
}

/// The drivers every conformance scenario runs against.
enum DriverKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case memory, sqlite
    var description: String { rawValue }

    func make() throws -> any ReleaseDriver & LeaseDriver {
        switch self {
        case .memory: return MemoryDriver()
        case .sqlite: return try SQLiteDriver(path: temporarySQLitePath())
        }
    }
}

/// A short form of a history for comparisons: `1:superseded 2:deployed`.
func summary(_ releases: [Release]) -> String {
    releases.sorted { $0.revision < $1.revision }.map { "\($0.revision):\($0.status)" }.joined(separator: " ")
}
