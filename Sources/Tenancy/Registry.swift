// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Foundation
import GoRuntime
import YAMLKit

/// A tier preset from `tiers.yaml`: a description and the values fragment every tenant of the tier gets.
public struct Tier: Sendable {
    /// The tier's name (`premium`).
    public var name: String
    /// One line for people.
    public var description: String
    /// The values fragment layered over the chart's defaults.
    public var values: [String: Value]
}

/// A tenant's file, `tenants/<name>.yaml`: its tier, its labels, whether it is hibernated, and its own values
/// fragment.
public struct TenantFile: Sendable {
    /// The tenant (the file's base name).
    public var name: String
    /// The tier the tenant is on.
    public var tier: String
    /// The tenant's own values, layered over the tier's.
    public var values: [String: Value]
    /// Where the file is.
    public var path: String
    /// `labels:`: free key/value pairs for selecting tenants (`promote -l region=eu`); never rendered.
    public var labels: [String: String]
    /// `hibernated: true`: the tenant is asleep (`tenantctl hibernate`); absent or false when awake.
    public var hibernated: Bool
    /// `access:`: who may do what in the tenant's namespace (`tenantctl access grant`), in the file's order.
    public var access: [AccessGrant]

    /// Creates a tenant file's contents (written by ``TenantRegistry/register(_:)``).
    public init(
        name: String, tier: String, values: [String: Value], path: String, labels: [String: String] = [:],
        hibernated: Bool = false, access: [AccessGrant] = []
    ) {
        self.name = name
        self.tier = tier
        self.values = values
        self.path = path
        self.labels = labels
        self.hibernated = hibernated
        self.access = access
    }
}

/// The tenants folder: `tiers.yaml` plus one `<tenant>.yaml` per tenant.
///
/// ```yaml
/// # tiers.yaml
/// tiers:
///   premium:
///     description: Dedicated capacity
///     values: {quota: {cpu: "8", memory: 16Gi}}
/// # acme.yaml
/// tier: premium
/// values: {replicas: 3}
/// ```
public struct TenantRegistry: Sendable {
    /// The folder (`tenants`).
    public let directory: String

    /// A registry over `directory`.
    public init(directory: String) { self.directory = directory }

    /// `tenants/tiers.yaml`.
    public var tiersPath: String { (directory as NSString).appendingPathComponent("tiers.yaml") }

    /// `tenants/<tenant>.yaml`.
    public func path(of tenant: String) -> String { (directory as NSString).appendingPathComponent("\(tenant).yaml") }

    /// Every tier, by name.
    /// - Throws: ``TenancyError`` naming `tiers.yaml` (and the line) when it is missing or malformed.
    public func tiers() throws(TenancyError) -> [String: Tier] {
        let file = tiersPath
        let top = try ValuesFile.load(path: file)
        guard case .map(let tiers, _)? = top["tiers"] else {
            throw TenancyError(.malformed, "\(file): expected a top-level `tiers:` map of tier name to {description, values}")
        }
        var out: [String: Tier] = [:]
        for (name, entry) in tiers {
            guard case .map(let body, _) = entry else {
                throw TenancyError(.malformed, "\(file): tier \(name) must be a map with `description` and `values`")
            }
            var values: [String: Value] = [:]
            switch body["values"] {
            case .map(let v, _)?: values = v.dictionary
            case .null?, nil: break
            default: throw TenancyError(.malformed, "\(file): tier \(name): `values` must be a map")
            }
            out[name] = Tier(name: name, description: body["description"]?.stringValue ?? "", values: values)
        }
        return out
    }

    /// The named tier.
    /// - Throws: ``TenancyError/Code/unknownTier`` listing the tiers there are.
    public func tier(_ name: String) throws(TenancyError) -> Tier {
        let all = try tiers()
        guard let tier = all[name] else {
            throw TenancyError(.unknownTier, "unknown tier \"\(name)\" (\(tiersPath) defines: " + "\(all.keys.sorted().joined(separator: ", ")))")
        }
        return tier
    }

    /// Whether the tenant has a file.
    public func exists(_ tenant: String) -> Bool { FileManager.default.fileExists(atPath: path(of: tenant)) }

    /// The tenant's file.
    /// - Throws: ``TenancyError/Code/unknownTenant`` when there is none; ``TenancyError/Code/malformed`` naming
    ///   the file and line.
    public func tenant(_ name: String) throws(TenancyError) -> TenantFile {
        try TenantName.validate(name)
        let file = path(of: name)
        guard exists(name) else {
            throw TenancyError(.unknownTenant, "tenant \"\(name)\" is not registered (no \(file)); " + "install it with --tier to register it")
        }
        let top = try ValuesFile.load(path: file)
        guard let tier = top["tier"]?.stringValue, !tier.isEmpty else {
            throw TenancyError(.malformed, "\(file): expected `tier: <name>`")
        }
        var values: [String: Value] = [:]
        switch top["values"] {
        case .map(let v, _)?: values = v.dictionary
        case .null?, nil: break
        default: throw TenancyError(.malformed, "\(file): `values` must be a map")
        }
        var labels: [String: String] = [:]
        switch top["labels"] {
        case .map(let m, _)?:
            for (key, value) in m {
                guard let text = value.stringValue else {
                    throw TenancyError(.malformed, "\(file): label \(key) must be a string (quote it: \(key): \"...\")")
                }
                labels[key] = text
            }
        case .null?, nil: break
        default: throw TenancyError(.malformed, "\(file): `labels` must be a map of strings")
        }
        var hibernated = false
        switch top["hibernated"] {
        case .bool(let b)?: hibernated = b
        case .null?, nil: break
        default: throw TenancyError(.malformed, "\(file): `hibernated` must be true or false")
        }
        let access = try AccessGrant.parseList(top["access"], file: file)
        return TenantFile(name: name, tier: tier, values: values, path: file, labels: labels, hibernated: hibernated, access: access)
    }

    /// Every tenant file's name, sorted (`tiers.yaml` and hidden files excluded).
    public func names() throws(TenancyError) -> [String] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw TenancyError(.io, "\(directory): cannot list the tenants folder: \(error.localizedDescription)")
        }
        return entries.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") && $0 != "tiers.yaml" }
            .map { String($0.dropLast(5)) }.sorted()
    }

    /// Every tenant, sorted by name.
    public func list() throws(TenancyError) -> [TenantFile] {
        var out: [TenantFile] = []
        for name in try names() { out.append(try tenant(name)) }
        return out
    }

    /// The tenant's file, or — when it has none and `tier` is given — a new one to be written with
    /// ``register(_:)`` once the install worked. Checks the name and the tier.
    /// - Throws: ``TenancyError/Code/tierMismatch`` when `tier` disagrees with the file.
    public func resolve(_ name: String, tier: String?) throws(TenancyError) -> (tenant: TenantFile, tier: Tier, isNew: Bool) {
        try TenantName.validate(name)
        if exists(name) {
            let file = try tenant(name)
            if let tier, tier != file.tier {
                throw TenancyError(
                    .tierMismatch, "tenant \"\(name)\" is on tier \"\(file.tier)\" (\(file.path)); " + "change the file to move it, or leave out --tier")
            }
            return (file, try self.tier(file.tier), false)
        }
        guard let tier else {
            throw TenancyError(
                .unknownTenant, "tenant \"\(name)\" is not registered (no \(path(of: name))); " + "pass --tier to register it, e.g. --tier standard")
        }
        let t = try self.tier(tier)
        return (TenantFile(name: name, tier: tier, values: [:], path: path(of: name)), t, true)
    }

    /// Writes the tenant's file atomically (a temporary file renamed over it).
    public func register(_ tenant: TenantFile) throws(TenancyError) {
        var text = "# Tenant \(tenant.name): its tier and its own values (layered over the tier's).\n"
        text += "tier: \(ValuesYAML.scalar(.string(tenant.tier)))\n"
        if !tenant.labels.isEmpty {
            text += "labels:\n" + ValuesYAML.emit(.dict(tenant.labels.mapValues { Value.string($0) }), indent: 2)
        }
        if tenant.hibernated { text += "hibernated: true\n" }
        if !tenant.access.isEmpty { text += "access:\n" + ValuesYAML.emit(.list(tenant.access.map(\.value))) }
        text += tenant.values.isEmpty ? "values: {}\n" : "values:\n" + ValuesYAML.emit(.dict(tenant.values), indent: 2)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: tenant.path), options: .atomic)
        } catch {
            throw TenancyError(.io, "\(tenant.path): cannot write the tenant file: \(error.localizedDescription)")
        }
    }
}

/// The values layers of one render, lowest first.
public struct ValuesLayers: Sendable {
    /// The tier's fragment.
    public var tier: [String: Value] = [:]
    /// The tenant file's fragment.
    public var tenant: [String: Value] = [:]
    /// The command's own values: its `-f` files and `--set…` arguments, merged as Helm merges them
    /// (``ValuesFile/commandValues(files:setValues:standardInput:)``).
    public var command: [String: Value] = [:]

    /// Creates layers.
    public init(tier: [String: Value] = [:], tenant: [String: Value] = [:], command: [String: Value] = [:]) {
        self.tier = tier
        self.tenant = tenant
        self.command = command
    }

    /// The user values: tier < tenant < the command's (`-f` files, then `--set…`), then `tenant: {id, tier}`
    /// set last (the chart's defaults sit below all of these, coalesced by the engine). A hibernated tenant also
    /// gets `tenant.hibernated: true`, a tenant with grants `tenant.access: [{kind, name, namespace, role}]`;
    /// neither key is there otherwise, so a woken tenant's values are byte for byte those it had before.
    public func merged(
        base: [String: Value] = [:], tenantID: String, tierName: String, hibernated: Bool = false, access: [AccessGrant] = []
    ) -> [String: Value] {
        var out = base
        for layer in [tier, tenant, command] { out = ValuesLoader.mergeMaps(out, layer) }
        var own: [String: Value] = ["id": .string(tenantID), "tier": .string(tierName)]
        if hibernated { own["hibernated"] = .bool(true) }
        if !access.isEmpty { own["access"] = .list(access.map(\.value)) }
        out["tenant"] = .dict(own)
        return out
    }

    /// ``merged(base:tenantID:tierName:hibernated:access:)`` for `file`: its name, hibernation and grants, on
    /// tier `tierName`.
    public func merged(base: [String: Value] = [:], file: TenantFile, tierName: String) -> [String: Value] {
        merged(base: base, tenantID: file.name, tierName: tierName, hibernated: file.hibernated, access: file.access)
    }
}
