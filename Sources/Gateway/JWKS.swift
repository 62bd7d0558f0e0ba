// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import YAMLKit

/// A local JSON Web Key Set, checked before it is inlined into the configuration.
public enum JWKS {
    /// The key types Envoy's jwt_authn verifies, and the members each needs (RFC 7518 §6).
    static let required: [String: [String]] = ["RSA": ["n", "e"], "EC": ["crv", "x", "y"], "oct": ["k"], "OKP": ["crv", "x"]]

    /// Reads `path` and returns its keys as compact JSON (members sorted: the same keys give the same bytes).
    /// - Throws: ``GatewayError/Code/jwks`` when the file is missing, not JSON, or holds no usable key.
    public static func load(path: String) throws(GatewayError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GatewayError(.jwks, "--jwks-file \(path): cannot read the file (does it exist?)")
        }
        return try check(String(decoding: data, as: UTF8.self), source: path)
    }

    /// Checks JWKS text (`{"keys": [...]}` with at least one key of a type Envoy verifies, with its members).
    /// - Throws: ``GatewayError/Code/jwks`` naming `source`.
    public static func check(_ text: String, source: String) throws(GatewayError) -> String {
        let tree: Value
        do {
            tree = try GoJSON.unmarshal(text)
        } catch {
            throw GatewayError(.jwks, "--jwks-file \(source): not JSON: \(error.message)")
        }
        guard case .map(let top, _) = tree, case .slice(let keys, _)? = top["keys"] else {
            throw GatewayError(.jwks, "--jwks-file \(source): expected a JSON Web Key Set, {\"keys\": [...]}")
        }
        let usable = keys.filter { key in
            guard case .map(let k, _) = key, let kty = k["kty"]?.stringValue, let members = required[kty] else { return false }
            return members.allSatisfy { !(k[$0]?.stringValue ?? "").isEmpty }
        }
        guard !usable.isEmpty else {
            throw GatewayError(
                .jwks, "--jwks-file \(source): no usable key (each key needs a kty of RSA, EC, oct or OKP and that type's members, e.g. n and e for RSA)")
        }
        do {
            return try GoJSON.marshal(.dict(["keys": .list(usable)]), escapeHTML: false)
        } catch {
            throw GatewayError(.jwks, "--jwks-file \(source): \(error.message)")
        }
    }
}
