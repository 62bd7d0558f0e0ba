// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// A promotion (`tenantctl promote`) or the rollback of one (`tenantctl rollback --promotion ID`): who ran it,
/// when, the plan, and each tenant's outcome. The same value is the record kept in the store and the JSON report
/// CI reads (`-o json`, `--report FILE`), so the two never disagree.
public struct PromotionRecord: Sendable, Hashable, Codable {
    /// What kind of run this was.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `tenantctl promote`.
        case promotion
        /// `tenantctl rollback --promotion ID`.
        case rollback
    }

    /// How the run ended (or that it is still running).
    public enum Status: String, Sendable, Hashable, Codable {
        /// Still running (or its process died: a `running` record whose holder is gone).
        case running
        /// Every selected tenant is at the target (exit 0).
        case succeeded
        /// A wave went over `--max-failures`: later waves were not started (exit 3).
        case halted
        /// Finished, with failures within `--max-failures` (exit 4).
        case finishedWithFailures = "finished-with-failures"
        /// Stopped by SIGINT/SIGTERM: tenants in flight finished or were marked failed.
        case interrupted
        /// Nothing was done: the plan could not be made (bad input).
        case failed
    }

    /// One wave of the plan.
    public struct Wave: Sendable, Hashable, Codable {
        /// The wave's name (`canary`).
        public var name: String
        /// The selector as given (`acme,globex`, `tier=premium`), empty for the last wave taking the rest.
        public var selector: String
        /// The tenants the wave holds, sorted.
        public var tenants: [String]

        /// Creates a wave.
        public init(name: String, selector: String, tenants: [String]) {
            self.name = name
            self.selector = selector
            self.tenants = tenants
        }
    }

    /// One tenant's outcome.
    public struct Outcome: Sendable, Hashable, Codable {
        /// What happened to the tenant.
        public enum State: String, Sendable, Hashable, Codable {
            /// Not reached yet (a later wave of a halted promotion, or still running).
            case pending
            /// Moved from `fromRevision` to `toRevision`.
            case promoted
            /// Already at the target version: nothing done.
            case skipped
            /// Hibernated: left alone unless asked.
            case hibernated
            /// A tenant file without a release: left alone.
            case notInstalled = "not-installed"
            /// The upgrade (or the tenant file, or the lease) failed; `message` says why.
            case failed
            /// Promoted or failed, then put back to `fromRevision` as `rollbackRevision`.
            case rolledBack = "rolled-back"
        }

        /// The tenant.
        public var tenant: String
        /// The wave it belongs to.
        public var wave: String
        /// What happened.
        public var state: State
        /// The deployed revision before the run, nil when there was none.
        public var fromRevision: Int?
        /// The chart version of `fromRevision`.
        public var fromVersion: String?
        /// The revision the run wrote (the promoted one, or the failed one).
        public var toRevision: Int?
        /// The chart version the run moved to.
        public var toVersion: String?
        /// The revision that put `fromRevision` back (a rollback), when one was made.
        public var rollbackRevision: Int?
        /// Why it failed (or what was skipped), for people.
        public var message: String?

        /// Creates an outcome.
        public init(
            tenant: String, wave: String, state: State, fromRevision: Int? = nil, fromVersion: String? = nil,
            toRevision: Int? = nil, toVersion: String? = nil, rollbackRevision: Int? = nil, message: String? = nil
        ) {
            self.tenant = tenant
            self.wave = wave
            self.state = state
            self.fromRevision = fromRevision
            self.fromVersion = fromVersion
            self.toRevision = toRevision
            self.toVersion = toVersion
            self.rollbackRevision = rollbackRevision
            self.message = message
        }
    }

    /// A unique id (`p-20261206T051400Z-1a2b3c`), sortable by start time.
    public var id: String
    /// Promotion or rollback.
    public var kind: Kind
    /// For a rollback: the promotion it puts back.
    public var rollsBack: String?
    /// Who ran it: `user@host` (and the CI job when the environment names one).
    public var startedBy: String
    /// When it started.
    public var startedAt: Date
    /// When it ended; nil while running.
    public var finishedAt: Date?
    /// How it ended.
    public var status: Status
    /// The chart's name.
    public var chart: String
    /// The version the tenants move to (for a rollback: empty, each tenant's own earlier version).
    public var toVersion: String
    /// The plan, in order.
    public var waves: [Wave]
    /// Each tenant's outcome, in plan order.
    public var outcomes: [Outcome]
    /// Messages about the plan itself (a wave selector that matched nobody), for people and CI.
    public var warnings: [String]

    /// Creates a record.
    public init(
        id: String, kind: Kind = .promotion, rollsBack: String? = nil, startedBy: String, startedAt: Date,
        finishedAt: Date? = nil, status: Status = .running, chart: String, toVersion: String, waves: [Wave] = [],
        outcomes: [Outcome] = [], warnings: [String] = []
    ) {
        self.id = id
        self.kind = kind
        self.rollsBack = rollsBack
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.chart = chart
        self.toVersion = toVersion
        self.waves = waves
        self.outcomes = outcomes
        self.warnings = warnings
    }
}

extension PromotionRecord {
    /// A new record id: `PREFIX-20261206T051400Z-1a2b3c` (the prefix — `p` for a promotion, `r` for a rollback —,
    /// the start time in UTC to the second, six random hex digits), sortable by start time.
    public static func newID(prefix: String, at date: Date) -> String {
        let stamp = Timestamp.format(date, fractional: false).replacingOccurrences(of: "-", with: "")
            .replacingOccurrences(of: ":", with: "")
        let random = String(UInt32.random(in: 0..<0x100_0000), radix: 16)
        return "\(prefix)-\(stamp)-" + String(repeating: "0", count: 6 - random.count) + random
    }

    /// Who runs a promotion or a rollback (``startedBy``): `user@host`, and the CI job when the environment
    /// names one (GitHub Actions, GitLab CI, Jenkins). Empty variables count as unset.
    public static func runner(_ environment: [String: String]) -> String {
        func named(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        var who = "\(named("USER") ?? named("LOGNAME") ?? "unknown")@\(ProcessInfo.processInfo.hostName)"
        if let run = named("GITHUB_RUN_ID"), let repo = named("GITHUB_REPOSITORY") {
            who += " (GitHub Actions \(repo) run \(run))"
        } else if let job = named("CI_JOB_URL") ?? named("CI_JOB_ID") {
            who += " (GitLab CI job \(job))"
        } else if let build = named("BUILD_URL") {
            who += " (Jenkins \(build))"
        }
        return who
    }
}

extension PromotionRecord {
    /// Whether `id` may name a record: 1 to 100 of `[A-Za-z0-9._-]`, a letter or digit at both ends (every store
    /// can key it; the Kubernetes store derives a Secret name from it).
    public static func isValidID(_ id: String) -> Bool {
        let b = Array(id.utf8)
        func alnum(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
        }
        guard let first = b.first, let last = b.last, b.count <= 100, alnum(first), alnum(last) else { return false }
        return b.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// The encoder of the record's JSON, as stored and as reported: sorted keys, dates as RFC 3339 UTC text with
    /// microseconds (``Timestamp``), optionally indented.
    public static func jsonEncoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    /// The decoder matching ``jsonEncoder(pretty:)``.
    public static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(text) is not an RFC 3339 UTC time")
            }
            return date
        }
        return decoder
    }

    /// The record as JSON text (``jsonEncoder(pretty:)``).
    public func json(pretty: Bool = false) throws(StoreError) -> String {
        do {
            return String(decoding: try Self.jsonEncoder(pretty: pretty).encode(self), as: UTF8.self)
        } catch {
            throw StoreError(.invalidArgument, "promotion record \(goQuote(id)) cannot be encoded: \(error)")
        }
    }

    /// Reads a record's JSON text.
    /// - Throws: ``StoreError/Code/incompatible`` naming `record` (where it was read from).
    public init(json: String, record: String) throws(StoreError) {
        do {
            self = try Self.jsonDecoder().decode(PromotionRecord.self, from: Data(json.utf8))
        } catch {
            throw StoreError(.incompatible, "promotion record \(record) is unreadable: \(error)")
        }
    }
}
