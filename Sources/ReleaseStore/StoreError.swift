// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// A failure of the release store: a code callers can match on, plus the context that makes the message useful.
///
/// The texts of the Helm-shaped codes are Helm's own (pkg/storage/driver/driver.go): `release: not found`,
/// `release: already exists`, `"acme" has no deployed releases`.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a value to match on. Extensible: new codes do not break callers' `switch`es.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// No record with the key exists (Helm's `ErrReleaseNotFound`).
        public static let notFound = Code("notFound")
        /// A record with the key exists already (Helm's `ErrReleaseExists`).
        public static let alreadyExists = Code("alreadyExists")
        /// The tenant has no revision in status `deployed` (Helm's `ErrNoDeployedReleases`).
        public static let noDeployedReleases = Code("noDeployedReleases")
        /// Another process holds the tenant's lease, and it did not come free in time.
        public static let leaseHeld = Code("leaseHeld")
        /// The lease the caller believes it holds belongs to someone else now (it expired and was taken over).
        public static let leaseLost = Code("leaseLost")
        /// The database refused or failed (I/O error, full disk, locked past the busy timeout, not a database).
        public static let database = Code("database")
        /// The database holds something this version cannot read (a newer schema, an unknown status).
        public static let incompatible = Code("incompatible")
        /// The caller passed something that cannot be stored (a negative revision, an empty tenant).
        public static let invalidArgument = Code("invalidArgument")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The whole message, ready to print.
    public var message: String
    /// The tenant concerned, when there is one.
    public var tenant: String?
    /// The revision concerned, when there is one.
    public var revision: Int?
    /// For ``Code/leaseHeld`` and ``Code/leaseLost``: the lease that stands in the way.
    public var holder: Lease?

    /// Creates an error.
    public init(_ code: Code, _ message: String, tenant: String? = nil, revision: Int? = nil, holder: Lease? = nil) {
        self.code = code
        self.message = message
        self.tenant = tenant
        self.revision = revision
        self.holder = holder
    }

    /// The message.
    public var description: String { message }

    /// Helm's `ErrReleaseNotFound`: `release: not found`.
    public static func notFound(_ key: ReleaseKey) -> StoreError {
        StoreError(.notFound, "release: not found", tenant: key.tenant, revision: key.revision)
    }

    /// Helm's `ErrReleaseExists`: `release: already exists`.
    public static func alreadyExists(_ key: ReleaseKey) -> StoreError {
        StoreError(.alreadyExists, "release: already exists", tenant: key.tenant, revision: key.revision)
    }

    /// ``Code/leaseLost``: the lease `fence` proves is gone — taken over by `holder`, or released (nil).
    public static func leaseLost(_ fence: LeaseFence, holder: Lease?) -> StoreError {
        let now = holder.map { "; " + $0.holderDescription + " holds it now" } ?? "; nobody holds it now"
        return StoreError(
            .leaseLost,
            "lost the lease on tenant \(goQuote(fence.tenant)): it expired and was taken over\(now)",
            tenant: fence.tenant, holder: holder)
    }

    /// Helm's `NewErrNoDeployedReleases`: `"acme" has no deployed releases`.
    public static func noDeployedReleases(_ tenant: String) -> StoreError {
        StoreError(.noDeployedReleases, "\(goQuote(tenant)) has no deployed releases", tenant: tenant)
    }
}

/// Go's `%q` for the plain strings we quote (tenant names, messages): backslash and double quote escaped,
/// control characters as Go escapes them.
func goQuote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += String(format: "\\x%02x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
