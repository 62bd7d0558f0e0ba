// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ReleaseUtil

/// Where a tenant's rendered objects go: a directory (the default, a GitOps layout), later the Kubernetes API.
///
/// A target applies a whole manifest at once, all or nothing: when ``apply(tenant:manifest:)`` or
/// ``remove(tenant:)`` throws, the target holds exactly what it held before. That is what lets the release
/// lifecycle keep the previous revision `deployed` when an apply fails.
public protocol Target: Sendable {
    /// A short name for messages (`directory deploy`).
    var name: String { get }

    /// Makes the target hold exactly the manifest's objects for `tenant`: new objects created, changed ones
    /// replaced, objects no longer in the manifest removed.
    /// - Throws: ``TargetError`` — an invalid tenant name or manifest (before anything is touched), or an I/O
    ///   failure (after which the previous objects are back in place).
    @discardableResult
    func apply(tenant: String, manifest: String) throws(TargetError) -> ApplyReport

    /// Removes every object of `tenant`. Removing a tenant the target does not hold is not an error.
    /// - Throws: ``TargetError`` when an object cannot be removed (the objects are then all back in place).
    @discardableResult
    func remove(tenant: String) throws(TargetError) -> ApplyReport

    /// The objects the target holds for `tenant`, sorted by file name; empty when it holds none.
    func objects(tenant: String) throws(TargetError) -> [ManifestObject]
}

/// What an apply or remove changed, by object file name.
public struct ApplyReport: Sendable, Hashable {
    /// Objects that did not exist before.
    public var created: [String] = []
    /// Objects whose content changed.
    public var updated: [String] = []
    /// Objects left as they were.
    public var unchanged: [String] = []
    /// Objects removed.
    public var removed: [String] = []

    /// Creates an empty report.
    public init() {}

    /// Whether anything changed.
    public var changed: Bool { !(created.isEmpty && updated.isEmpty && removed.isEmpty) }
}

/// A target failure: what, where, and the system's reason.
public struct TargetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// The tenant name cannot name a directory or namespace (not a DNS-1123 label).
        case invalidTenant
        /// A manifest document is not a Kubernetes object (not YAML, no `kind`, no `metadata.name`).
        case invalidManifest
        /// Two documents describe the same object (same kind and name).
        case duplicateObject
        /// Reading or writing the target failed.
        case io
        /// The apply would write over something the target did not write (a file not in its ownership record).
        case notOwned
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

/// Checks a tenant name: a DNS-1123 label (lower-case letters, digits and `-`, starting and ending with a letter
/// or digit) within Helm's release-name limit (``ReleaseName/maxLength``, 53: a tenant is a release). Such a name
/// is also a safe directory name (no `/`, no `..`).
public func validateTenantName(_ tenant: String) throws(TargetError) {
    guard tenant.utf8.count <= ReleaseName.maxLength, ReleaseName.isDNSLabel(tenant) else {
        throw TargetError(
            .invalidTenant,
            "invalid tenant name \"\(tenant)\": a tenant name must be a DNS-1123 label "
                + "(at most \(ReleaseName.maxLength) lower-case letters, digits and '-', starting and ending with a "
                + "letter or digit)")
    }
}
