// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// A gateway rendering failure: what is wrong with the settings, the keys or the tenant list.
public struct GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a value to match on.
    public enum Code: Sendable, Hashable {
        /// No `--issuer`.
        case missingIssuer
        /// No `--audience`.
        case missingAudience
        /// Neither or both of `--jwks-file` and `--jwks-uri`, or a `--jwks-uri` that is not an https URL.
        case keys
        /// The JWKS file cannot be read, is not JSON, or holds no usable key.
        case jwks
        /// A `--upstream` that is not `TENANT=HOST:PORT`, or names a tenant that is not registered.
        case upstream
        /// A tenant id that would not be a valid header value or cluster name.
        case tenantID
        /// Another setting out of range (`--listen-port`, `--opa`, `--tenant-claim`, a tier's rate limit).
        case setting
        /// A file cannot be read or written.
        case io
    }

    /// What went wrong.
    public var code: Code
    /// The message, ready to print.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
