// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// One revision of one tenant's release: everything needed to show, diff or roll back to it without the chart.
///
/// Modelled on Helm's `release.Release` + `release.Info` (pkg/release/v1). Values are kept as **YAML text**,
/// not as a value tree: the store then needs no value model (it depends on nothing of ours), `get values`
/// prints them verbatim, and `--reuse-values` loads them back with YAMLKit's `loadValues` exactly as it loads a
/// `-f` file. The CLI writes them with YAMLKit's emitter, so their typing follows Helm's YAML rules.
public struct Release: Sendable, Hashable, Codable {
    /// The tenant, which is the release name (a DNS-1123 label).
    public var tenant: String
    /// The revision number, 1 for the first install, one more for every later record (Helm's `Version`).
    public var revision: Int
    /// Where this revision stands in the lifecycle.
    public var status: ReleaseStatus
    /// The chart this revision was rendered from.
    public var chart: ChartReference
    /// The values the user supplied for this revision (tier, tenant file, `-f`, `--set` merged), as YAML text
    /// (Helm's `Config`). Empty text means no values.
    public var userValues: String
    /// The complete values the templates saw (chart defaults coalesced with ``userValues``), as YAML text
    /// (what `helm get values --all` prints).
    public var computedValues: String
    /// The rendered manifest: every object, in Helm's install order, as one multi-document YAML stream.
    public var manifest: String
    /// The rendered `NOTES.txt`, empty when the chart has none.
    public var notes: String
    /// When the tenant was first deployed (carried forward from revision to revision).
    public var firstDeployed: Date
    /// When this revision was written.
    public var lastDeployed: Date
    /// When this revision was uninstalled, if it was.
    public var deleted: Date?
    /// A human-friendly log entry: `Install complete`, `Upgrade complete`, `Rollback to 2`, a failure message.
    public var description: String
    /// Free-form labels (e.g. `tier`), kept beside the record as Helm keeps custom labels beside its release.
    public var labels: [String: String]

    /// Creates a revision record.
    public init(
        tenant: String, revision: Int, status: ReleaseStatus, chart: ChartReference,
        userValues: String = "", computedValues: String = "", manifest: String = "", notes: String = "",
        firstDeployed: Date, lastDeployed: Date, deleted: Date? = nil, description: String = "",
        labels: [String: String] = [:]
    ) {
        self.tenant = tenant
        self.revision = revision
        self.status = status
        self.chart = chart
        self.userValues = userValues
        self.computedValues = computedValues
        self.manifest = manifest
        self.notes = notes
        self.firstDeployed = firstDeployed
        self.lastDeployed = lastDeployed
        self.deleted = deleted
        self.description = description
        self.labels = labels
    }

    /// The record's key in a store: tenant and revision.
    public var key: ReleaseKey { ReleaseKey(tenant: tenant, revision: revision) }

    /// The label `tenantctl restore --as NEW` puts on each revision it restores under the new name: the tenant the
    /// revision was rendered for. Its manifest names that tenant's objects (namespace, labels), so it is history
    /// only: never rolled back to, never taken as what the target holds (``renderedForAnotherTenant``).
    public static let renderedForLabel = "rendered-for"

    /// Whether the revision was rendered for another tenant than the one it is recorded under (restored with
    /// `--as`): its manifest is not this tenant's objects.
    public var renderedForAnotherTenant: Bool {
        guard let other = labels[Self.renderedForLabel] else { return false }
        return other != tenant
    }
}

/// A record's identity: one tenant's one revision.
public struct ReleaseKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The tenant (release name).
    public var tenant: String
    /// The revision number.
    public var revision: Int
    /// Creates a key.
    public init(tenant: String, revision: Int) {
        self.tenant = tenant
        self.revision = revision
    }
    /// `acme.v3`, as Helm's storage keys end (`sh.helm.release.v1.acme.v3`).
    public var description: String { "\(tenant).v\(revision)" }
}

/// The chart a revision came from: enough to show it and to check it, never needed to roll back.
public struct ChartReference: Sendable, Hashable, Codable {
    /// `Chart.yaml`'s `name`.
    public var name: String
    /// `Chart.yaml`'s `version` (SemVer).
    public var version: String
    /// `Chart.yaml`'s `appVersion`, empty when unset.
    public var appVersion: String
    /// A digest of the chart's content (`sha256:…`), empty when unknown.
    public var digest: String

    /// Creates a chart reference.
    public init(name: String, version: String, appVersion: String = "", digest: String = "") {
        self.name = name
        self.version = version
        self.appVersion = appVersion
        self.digest = digest
    }

    /// `tenant-app-1.2.0`, as `helm list` prints the CHART column.
    public var nameAndVersion: String { "\(name)-\(version)" }
}

/// The status of a revision, spelled as Helm spells it (pkg/release/common/status.go).
public enum ReleaseStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The revision's objects are what the target holds now.
    case deployed
    /// A later revision replaced this one.
    case superseded
    /// Rendering or applying this revision failed.
    case failed
    /// The tenant was uninstalled with `--keep-history`; this is its last revision.
    case uninstalled
    /// An install is under way (or its process died; see ``ReleaseLifecycle/interrupted``).
    case pendingInstall = "pending-install"
    /// An upgrade is under way.
    case pendingUpgrade = "pending-upgrade"
    /// A rollback is under way.
    case pendingRollback = "pending-rollback"
    /// An uninstall is under way.
    case uninstalling

    /// Whether an operation was under way when this revision was last written (Helm's `IsPending`, which
    /// also counts `uninstalling` as in progress for our purposes: the lease was held while writing it).
    public var isPending: Bool {
        switch self {
        case .pendingInstall, .pendingUpgrade, .pendingRollback, .uninstalling: return true
        case .deployed, .superseded, .failed, .uninstalled: return false
        }
    }

    /// The text Helm prints (`pending-upgrade`).
    public var description: String { rawValue }
}
