// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// kubectl's client-side schema validation (k8s.io/kubectl/pkg/validation over k8s.io/kube-openapi's
/// pkg/util/proto and its validation package), against the server's OpenAPI v2 document (`/openapi/v2`).
///
/// kubectl (and Helm, which builds objects through kubectl's factory with the `Strict` directive) validates on
/// the client only when the server does not support the `fieldValidation` query parameter (servers before
/// 1.27 do not announce it; 1.20 lacks it): ``clientSideValidation`` is false otherwise, and nothing is checked.
/// The rules and the messages are kube-openapi's:
/// - `apiVersion not set`, `kind not set`, `apiVersion isn't string type`, `kind isn't string type` first;
/// - a kind the document has no model for (by `x-kubernetes-group-version-kind`) is not checked;
/// - an object's fields in sorted order: `unknown field "x" in MODEL`, then each required field that is missing
///   or null: `missing required field "x" in MODEL`;
/// - `invalid type for SCHEMA-PATH: got "map", expected "string"`; a string schema accepts any scalar, an
///   integer or number schema any number;
/// - every error is `ValidationError(ITEM-PATH): …` with the path from the kind (`Deployment.spec.template
///   .spec.containers[0]`), except a null map value (`unknown object type "nil" in PATH`);
/// - several errors are printed as `[a, b]` (apimachinery's aggregate).
public struct OpenAPIValidator: Sendable {
    /// One schema of the document, as kube-openapi's proto models it.
    indirect enum Schema: Sendable {
        /// An object with properties (`proto.Kind`).
        case kind(path: String, fields: [String: Schema], required: [String])
        /// An object with `additionalProperties` (`proto.Map`).
        case map(path: String, element: Schema)
        case array(path: String, element: Schema)
        case primitive(path: String, type: String)
        /// Anything goes (`proto.Arbitrary`).
        case arbitrary
        /// `$ref: #/definitions/NAME`.
        case reference(String)
    }

    private let models: [String: Schema]
    private let byKind: [String: String]
    /// False when the server supports the `fieldValidation` query parameter (it validates then, and kubectl
    /// does not).
    public let clientSideValidation: Bool

    /// Reads an OpenAPI v2 document (`/openapi/v2`).
    public init(document: JSON) {
        var models: [String: Schema] = [:]
        var byKind: [String: String] = [:]
        for (name, schema) in document["definitions"]?.members ?? [] {
            models[name] = Self.parse(schema, path: name)
            for gvk in schema["x-kubernetes-group-version-kind"]?.array ?? [] {
                let group = gvk["group"]?.string ?? ""
                let version = gvk["version"]?.string ?? ""
                byKind[Self.key(group: group, version: version, kind: gvk["kind"]?.string ?? "")] = name
            }
        }
        self.models = models
        self.byKind = byKind
        clientSideValidation = !Self.mentionsFieldValidation(document["paths"])
    }

    /// Whether any operation of the document takes a `fieldValidation` parameter.
    static func mentionsFieldValidation(_ paths: JSON?) -> Bool {
        for (_, item) in paths?.members ?? [] {
            for p in item["parameters"]?.array ?? [] where p["name"]?.string == "fieldValidation" { return true }
            for (_, op) in item.members ?? [] {
                for p in op["parameters"]?.array ?? [] where p["name"]?.string == "fieldValidation" { return true }
            }
        }
        return false
    }

    static func key(group: String, version: String, kind: String) -> String { group + "/" + version + "/" + kind }

    /// kube-openapi's `Definitions.ParseSchema`.
    static func parse(_ s: JSON, path: String) -> Schema {
        if let ref = s["$ref"]?.string {
            let prefix = "#/definitions/"
            return ref.hasPrefix(prefix) ? .reference(String(ref.dropFirst(prefix.count))) : .arbitrary
        }
        let types: [String]
        if let t = s["type"]?.string {
            types = [t]
        } else {
            types = s["type"]?.array?.compactMap(\.string) ?? []
        }
        let properties = s["properties"]?.members
        switch types.count {
        case 0:
            return properties != nil ? parseKind(s, path: path) : .arbitrary
        case 1:
            switch types[0] {
            case "object":
                if properties != nil { return parseKind(s, path: path) }
                if let sub = s["additionalProperties"], case .object = sub {
                    return .map(path: path, element: parse(sub, path: path))
                }
                return .map(path: path, element: .arbitrary)
            case "array":
                guard let items = s["items"] else { return .arbitrary }
                let item = items.array?.first ?? items
                return .array(path: path, element: parse(item, path: path))
            case let t:
                return .primitive(path: path, type: t)
            }
        default:
            return .arbitrary
        }
    }

    static func parseKind(_ s: JSON, path: String) -> Schema {
        var fields: [String: Schema] = [:]
        for (name, sub) in s["properties"]?.members ?? [] { fields[name] = parse(sub, path: path + "." + name) }
        return .kind(path: path, fields: fields, required: s["required"]?.array?.compactMap(\.string) ?? [])
    }

    /// `schemaValidation.ValidateBytes` on one parsed document: the errors in kube-openapi's order (empty when
    /// the object is valid, or when the server validates itself).
    public func validate(_ object: Value) -> [String] {
        guard case .map(let fields, _) = object else { return ["invalid object to validate"] }
        var errors: [String] = []
        var group = ""
        var version = ""
        switch fields["apiVersion"] {
        case nil, .null?: errors.append("apiVersion not set")
        case .string(let s)?:
            // schema.ParseGroupVersion.
            let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            switch parts.count {
            case 1: version = s
            case 2: (group, version) = (parts[0], parts[1])
            default: errors.append("unexpected GroupVersion string: " + s)
            }
        default: errors.append("apiVersion isn't string type")
        }
        var kind = ""
        switch fields["kind"] {
        case nil, .null?: errors.append("kind not set")
        case .string(let s)?: kind = s
        default: errors.append("kind isn't string type")
        }
        // The object's type is checked whoever validates the rest (kubectl's paramVerifyingSchema).
        if !errors.isEmpty || !clientSideValidation { return errors }
        guard let name = byKind[Self.key(group: group, version: version, kind: kind)], let model = models[name] else { return [] }
        var out: [String] = []
        visit(object, path: kind, schema: model, errors: &out)
        return out
    }

    /// The item kinds kube-openapi names (`proto.Boolean` …): numbers as apimachinery's JSON decoding types
    /// them after sigs.k8s.io/yaml's conversion (a whole number that fits int64 is an integer).
    static func itemKind(_ v: Value) -> String? {
        switch v {
        case .null: return nil
        case .bool: return "boolean"
        case .int: return "integer"
        case .float(let d):
            return d.rounded() == d && abs(d) < 9.223_372_036_854_775_807e18 ? "integer" : "number"
        case .slice: return "array"
        case .map: return "map"
        default: return "string"
        }
    }

    private func visit(_ v: Value, path: String, schema: Schema, errors: inout [String]) {
        func invalid(_ schemaPath: String, expected: String, actual: String) {
            errors.append("ValidationError(\(path)): invalid type for \(schemaPath): got \(GoStrconv.quote(actual)), expected \(GoStrconv.quote(expected))")
        }
        var schema = schema
        // References pass the item through to the model (a missing model accepts anything).
        var hops = 0
        while case .reference(let name) = schema {
            guard let m = models[name], hops < 64 else { return }
            schema = m
            hops += 1
        }
        guard let kind = Self.itemKind(v) else { return }
        switch (v, schema) {
        case (_, .arbitrary), (_, .reference):
            return
        case (.map(let m, _), .kind(let schemaPath, let fields, let required)):
            for key in m.dictionary.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                guard let sub = m[key], !sub.isNull else { continue }
                guard let fieldSchema = fields[key] else {
                    errors.append("ValidationError(\(path)): unknown field \(GoStrconv.quote(key)) in \(schemaPath)")
                    continue
                }
                visit(sub, path: path + "." + key, schema: fieldSchema, errors: &errors)
            }
            for r in required where m[r] == nil || m[r]?.isNull == true {
                errors.append("ValidationError(\(path)): missing required field \(GoStrconv.quote(r)) in \(schemaPath)")
            }
        case (.map(let m, _), .map(_, let element)):
            for key in m.dictionary.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                guard let sub = m[key], !sub.isNull else {
                    errors.append("unknown object type \"nil\" in \(path).\(key)")
                    continue
                }
                visit(sub, path: path + "." + key, schema: element, errors: &errors)
            }
        case (.slice(let items, _), .array(_, let element)):
            for (i, item) in items.enumerated() {
                let itemPath = path + "[\(i)]"
                if item.isNull {
                    // Reported on the array's own item, with the element's path inside.
                    errors.append("ValidationError(\(path)): unknown object type \"nil\" in \(itemPath)")
                    continue
                }
                visit(item, path: itemPath, schema: element, errors: &errors)
            }
        case (_, .primitive(let schemaPath, let type)):
            switch (type, kind) {
            case ("boolean", "boolean"), ("integer", "integer"), ("integer", "number"), ("number", "integer"), ("number", "number"),
                ("string", "boolean"), ("string", "integer"), ("string", "number"), ("string", "string"):
                return
            default:
                // kube-openapi: a string schema accepts every scalar, but a map or an array is still wrong.
                if type == "string" && kind != "map" && kind != "array" { return }
                invalid(schemaPath, expected: type, actual: kind)
            }
        case (_, .kind(let schemaPath, _, _)):
            invalid(schemaPath, expected: "map", actual: kind)
        case (_, .map(let schemaPath, _)):
            invalid(schemaPath, expected: "map", actual: kind)
        case (_, .array(let schemaPath, _)):
            invalid(schemaPath, expected: "array", actual: kind)
        }
    }
}
