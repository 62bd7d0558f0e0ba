// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ReleaseStore
import Targets
import Tenancy

/// Where an action finds things: the state database, the target, the chart, the tenants folder, the time.
public struct Context: Sendable {
    /// The SQLite state file (`--state`, `TENANTCTL_STATE`, `.tenantctl/state.db`).
    public var statePath: String
    /// The directory target's root (`deploy`).
    public var deployRoot: String
    /// The chart (`charts/tenant-app`).
    public var chartPath: String
    /// The tenants folder (`tenants`).
    public var tenantsDirectory: String
    /// The time, injectable for tests.
    public var clock: @Sendable () -> Date
    /// How long to wait for another process's lease (seconds): `leaseWait`, else `TENANTCTL_LEASE_WAIT`, else 5.
    public var leaseWait: TimeInterval
    /// Test hook (``TestHooks``): seconds to stay inside the critical section once the pending record is
    /// committed (`TENANTCTL_TEST_HOLD_LEASE_SECONDS`); zero, the default, does nothing.
    public var testHoldSeconds: TimeInterval
    /// How many revisions a tenant keeps (`--history-max`; 0 keeps all). Helm's default is 10.
    public var historyMax = 10

    /// The default chart path.
    public static let defaultChart = "charts/tenant-app"
    /// The default state path.
    public static let defaultState = ".tenantctl/state.db"

    /// The default lease wait (seconds).
    public static let defaultLeaseWait: TimeInterval = 5

    /// Creates a context; nil paths take the defaults (`state` also looks at `TENANTCTL_STATE`, `leaseWait` at
    /// `TENANTCTL_LEASE_WAIT`).
    public init(
        statePath: String? = nil, deployRoot: String? = nil, chartPath: String? = nil,
        tenantsDirectory: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping @Sendable () -> Date = { Date() }, leaseWait: TimeInterval? = nil
    ) {
        let envState = environment["TENANTCTL_STATE"].flatMap { $0.isEmpty ? nil : $0 }
        self.statePath = statePath ?? envState ?? Context.defaultState
        self.deployRoot = deployRoot ?? "deploy"
        self.chartPath = chartPath ?? Context.defaultChart
        self.tenantsDirectory = tenantsDirectory ?? "tenants"
        self.clock = clock
        self.leaseWait = leaseWait ?? Context.seconds(environment["TENANTCTL_LEASE_WAIT"]) ?? Context.defaultLeaseWait
        self.testHoldSeconds = Context.seconds(environment[TestHooks.holdLeaseVariable]) ?? 0
    }

    /// A non-negative, finite number of seconds, or nil (unset, empty, unparsable).
    static func seconds(_ text: String?) -> TimeInterval? {
        guard let text, let value = TimeInterval(text.trimmingCharacters(in: .whitespaces)), value.isFinite,
            value >= 0
        else { return nil }
        return value
    }

    /// The tenants folder.
    public var registry: TenantRegistry { TenantRegistry(directory: tenantsDirectory) }

    /// The directory target.
    public var target: DirectoryTarget { DirectoryTarget(root: URL(fileURLWithPath: deployRoot)) }

    /// Whether the state file exists.
    public var stateExists: Bool { FileManager.default.fileExists(atPath: statePath) }

    /// Opens the store; read-only commands pass `create: false` so that they never leave a state file behind.
    public func storage(create: Bool) throws(ActionError) -> Storage {
        do {
            let driver = try SQLiteDriver(path: statePath, create: create)
            return Storage(driver: driver, historyMax: historyMax, leasePolicy: LeasePolicy(wait: leaseWait), clock: clock)
        } catch {
            throw ActionError(.store, error.message)
        }
    }

    /// For read-only commands: the store, or nil when there is no state file yet (nothing was ever installed).
    public func existingStorage() throws(ActionError) -> Storage? {
        stateExists ? try storage(create: false) : nil
    }
}

/// An action's failure: a code to match on and a message to print after `Error: `.
public struct ActionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// Bad input: tenant name, tier, values file, `--set`, flags.
        case invalidInput
        /// The chart cannot be loaded.
        case chart
        /// The chart failed to render (template error).
        case render
        /// The lifecycle refused the request (name in use, no deployed release, revision not found …).
        case refused
        /// The tenant, or the revision asked for, does not exist.
        case notFound
        /// The state database failed, or another process holds the tenant's lease.
        case store
        /// The target failed.
        case target
        /// The operation ran and failed (a failed revision may have been recorded).
        case failed
    }

    /// What went wrong.
    public var code: Code
    /// The message.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    init(_ error: TenancyError) { self.init(.invalidInput, error.message) }
}
