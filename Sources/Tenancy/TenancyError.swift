// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// A tenant-configuration failure: what went wrong, and where (file and line) when a file is to blame.
public struct TenancyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a value to match on.
    public enum Code: Sendable, Hashable {
        /// The tenant name is not a DNS-1123 label of at most 53 characters.
        case invalidName
        /// The tier is not defined in `tiers.yaml`.
        case unknownTier
        /// The tenant has no file in the tenants folder (and no `--tier` to register one).
        case unknownTenant
        /// `--tier` disagrees with the tier in the tenant's file.
        case tierMismatch
        /// A file is not valid YAML or does not have the expected shape.
        case malformed
        /// A `--set…` argument does not parse, or a `--set-file` file cannot be read.
        case invalidSet
        /// A file cannot be read or written.
        case io
    }

    /// What went wrong.
    public var code: Code
    /// The message, ready to print (starts with `file:line: ` when a file is to blame).
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
