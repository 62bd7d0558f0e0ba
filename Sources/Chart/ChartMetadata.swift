// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Semver

/// A chart maintainer (`Chart.yaml` `maintainers[]`).
public struct ChartMaintainer: Sendable, Equatable {
    public var name = ""
    public var email = ""
    public var url = ""

    /// Creates a maintainer.
    public init(name: String = "", email: String = "", url: String = "") {
        self.name = name
        self.email = email
        self.url = url
    }
}

/// A dependency declared in `Chart.yaml` (`dependencies[]`), Helm's `chart.Dependency`.
public struct ChartDependency: Sendable {
    public var name = ""
    public var version = ""
    public var repository = ""
    public var condition = ""
    public var tags: [String]? = nil
    /// Set by dependency processing (`true` for every dependency that stays enabled).
    public var enabled = false
    /// `import-values` entries as JSON decoding leaves them (strings, `map[string]interface {}`, float64 …);
    /// after dependency processing, each is a `map[string]string` with `child` and `parent`.
    public var importValues: [Value]? = nil
    public var alias = ""

    /// Creates a dependency.
    public init(name: String = "", version: String = "", repository: String = "") {
        self.name = name
        self.version = version
        self.repository = repository
    }
}

/// The typed contents of `Chart.yaml` (Helm's `chart.Metadata`), decoded the way `sigs.k8s.io/yaml` does.
public struct ChartMetadata: Sendable {
    public var name = ""
    public var home = ""
    public var sources: [String]? = nil
    public var version = ""
    public var description = ""
    public var keywords: [String]? = nil
    /// `nil` entries are YAML nulls (rejected by validation).
    public var maintainers: [ChartMaintainer?]? = nil
    public var icon = ""
    public var apiVersion = ""
    public var condition = ""
    public var tags = ""
    public var appVersion = ""
    public var deprecated = false
    public var annotations: [String: String]? = nil
    public var kubeVersion = ""
    /// `nil` entries are YAML nulls (rejected by validation). `nil` (no key) differs from `[]` for Helm's
    /// dependency processing.
    public var dependencies: [ChartDependency?]? = nil
    public var type = ""

    /// An empty metadata record.
    public init() {}

    /// Creates metadata with the required fields.
    public init(apiVersion: String, name: String, version: String) {
        self.apiVersion = apiVersion
        self.name = name
        self.version = version
    }

    /// The `.Chart` object templates see: Helm v4's `MetadataAsMap` (a reflection walk of the struct, with Go
    /// field names as keys, slices as `[]interface {}`, nested structs as maps) plus `IsRoot`.
    public func templateMap(isRoot: Bool) -> Value {
        func list(_ xs: [String]?) -> Value { .list((xs ?? []).map { .string($0) }) }
        var m: [String: Value] = [
            "Name": .string(name),
            "Home": .string(home),
            "Sources": list(sources),
            "Version": .string(version),
            "Description": .string(description),
            "Keywords": list(keywords),
            "Icon": .string(icon),
            "APIVersion": .string(apiVersion),
            "Condition": .string(condition),
            "Tags": .string(tags),
            "AppVersion": .string(appVersion),
            "Deprecated": .bool(deprecated),
            "Annotations": .map((annotations ?? [:]).mapValues { .string($0) }, .stringMap),
            "KubeVersion": .string(kubeVersion),
            "Type": .string(type),
        ]
        m["Maintainers"] = .list(
            (maintainers ?? []).map { mt -> Value in
                guard let mt else { return .null }
                return .dict(["Name": .string(mt.name), "Email": .string(mt.email), "URL": .string(mt.url)])
            })
        m["Dependencies"] = .list(
            (dependencies ?? []).map { d -> Value in
                guard let d else { return .null }
                return .dict([
                    "Name": .string(d.name),
                    "Version": .string(d.version),
                    "Repository": .string(d.repository),
                    "Condition": .string(d.condition),
                    "Tags": list(d.tags),
                    "Enabled": .bool(d.enabled),
                    "ImportValues": .list(d.importValues ?? []),
                    "Alias": .string(d.alias),
                ])
            })
        m["IsRoot"] = .bool(isRoot)
        return .dict(m)
    }
}

// MARK: - Decoding (sigs.k8s.io/yaml: YAML → JSON → encoding/json into the struct)

extension ChartMetadata {
    /// Decodes `Chart.yaml` text. Errors carry the text after Helm's `cannot load Chart.yaml: ` prefix.
    static func decode(yaml text: String) throws(ChartError) -> ChartMetadata {
        let doc: Value
        do {
            doc = try YAMLBridge.load(text)
        } catch {
            throw ChartError("error converting YAML to JSON: " + error.description)
        }
        var d = StructDecoder()
        var md = ChartMetadata()
        switch doc {
        case .null:
            break
        case .map(let m, _):
            d.decodeMetadata(m.dictionary, into: &md)
        default:
            d.fail(jsonKind(doc), type: "v2.Metadata", structName: nil, path: [])
        }
        if let err = d.firstError {
            throw ChartError("error unmarshaling JSON: while decoding JSON: " + err)
        }
        return md
    }
}

/// The JSON kind encoding/json names in type errors.
func jsonKind(_ v: Value) -> String {
    switch v {
    case .null: return "null"
    case .bool: return "bool"
    case .int, .float: return "number"
    case .string: return "string"
    case .slice, .bytes: return "array"
    case .map, .object: return "object"
    }
}

/// Emulates encoding/json decoding a YAML-derived tree into Helm's metadata structs, including
/// sigs.k8s.io/yaml's conversion of YAML numbers and booleans into strings for string-typed fields,
/// case-insensitive key matching, and "first error wins, keep decoding".
struct StructDecoder {
    var firstError: String?

    mutating func fail(_ kind: String, type: String, structName: String?, path: [String]) {
        guard firstError == nil else { return }
        if let structName, !path.isEmpty {
            firstError = "json: cannot unmarshal \(kind) into Go struct field \(structName).\(path.joined(separator: ".")) of type \(type)"
        } else {
            firstError = "json: cannot unmarshal \(kind) into Go value of type \(type)"
        }
    }

    /// Keys in encoding order (JSON marshalling of a Go map sorts keys bytewise), each matched to a field
    /// by exact name first, then case-insensitively.
    static func orderedFields(_ m: [String: Value], names: [String]) -> [(field: String, value: Value)] {
        let keys = m.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var out: [(String, Value)] = []
        for k in keys {
            let v = m[k] ?? .null
            if names.contains(k) {
                out.append((k, v))
            } else if let f = names.first(where: { $0.lowercased() == k.lowercased() }) {
                out.append((f, v))
            }
        }
        return out
    }

    mutating func string(_ v: Value, into s: inout String, structName: String, path: [String]) {
        switch v {
        case .null: break
        case .string(let x): s = x
        case .bool(let b): s = b ? "true" : "false"
        case .int(let i, let k): s = k.isUnsigned ? String(UInt(bitPattern: i)) : String(i)
        case .float(let f): s = formatFloat32Shortest(f)
        default: fail(jsonKind(v), type: "string", structName: structName, path: path)
        }
    }

    mutating func bool(_ v: Value, into b: inout Bool, structName: String, path: [String]) {
        switch v {
        case .null: break
        case .bool(let x): b = x
        default: fail(jsonKind(v), type: "bool", structName: structName, path: path)
        }
    }

    mutating func strings(_ v: Value, into out: inout [String]?, structName: String, path: [String]) {
        switch v {
        case .null: out = nil
        case .slice(let items, _):
            var xs: [String] = []
            for item in items {
                var s = ""
                string(item, into: &s, structName: structName, path: path)
                xs.append(s)
            }
            out = xs
        default: fail(jsonKind(v), type: "[]string", structName: structName, path: path)
        }
    }

    mutating func stringMap(_ v: Value, into out: inout [String: String]?, structName: String, path: [String]) {
        switch v {
        case .null: out = nil
        case .map(let m, _):
            var r = out ?? [:]
            for (k, item) in m {
                var s = ""
                string(item, into: &s, structName: structName, path: path)
                r[k] = s
            }
            out = r
        default: fail(jsonKind(v), type: "map[string]string", structName: structName, path: path)
        }
    }

    /// An `interface{}` target: what encoding/json produces from the JSON form (numbers become float64).
    static func jsonAny(_ v: Value) -> Value {
        switch v {
        case .int(let i, let k): return .float(k.isUnsigned ? Double(UInt(bitPattern: i)) : Double(i))
        case .slice(let xs, _): return .list(xs.map(jsonAny))
        case .map(let m, _): return .dict(m.dictionary.mapValues(jsonAny))
        default: return v
        }
    }

    static let metadataFields = [
        "name", "home", "sources", "version", "description", "keywords", "maintainers",
        "icon", "apiVersion", "condition", "tags", "appVersion", "deprecated",
        "annotations", "kubeVersion", "dependencies", "type",
    ]

    mutating func decodeMetadata(_ m: [String: Value], into md: inout ChartMetadata) {
        let s = "Metadata"
        for (field, v) in Self.orderedFields(m, names: Self.metadataFields) {
            let p = [field]
            switch field {
            case "name": string(v, into: &md.name, structName: s, path: p)
            case "home": string(v, into: &md.home, structName: s, path: p)
            case "sources": strings(v, into: &md.sources, structName: s, path: p)
            case "version": string(v, into: &md.version, structName: s, path: p)
            case "description": string(v, into: &md.description, structName: s, path: p)
            case "keywords": strings(v, into: &md.keywords, structName: s, path: p)
            case "icon": string(v, into: &md.icon, structName: s, path: p)
            case "apiVersion": string(v, into: &md.apiVersion, structName: s, path: p)
            case "condition": string(v, into: &md.condition, structName: s, path: p)
            case "tags": string(v, into: &md.tags, structName: s, path: p)
            case "appVersion": string(v, into: &md.appVersion, structName: s, path: p)
            case "deprecated": bool(v, into: &md.deprecated, structName: s, path: p)
            case "annotations": stringMap(v, into: &md.annotations, structName: s, path: p)
            case "kubeVersion": string(v, into: &md.kubeVersion, structName: s, path: p)
            case "type": string(v, into: &md.type, structName: s, path: p)
            case "maintainers":
                switch v {
                case .null: md.maintainers = nil
                case .slice(let items, _):
                    md.maintainers = items.map { item -> ChartMaintainer? in
                        switch item {
                        case .null: return nil
                        case .map(let mm, _):
                            var mt = ChartMaintainer()
                            for (f, fv) in Self.orderedFields(mm.dictionary, names: ["name", "email", "url"]) {
                                let fp = ["maintainers", f]
                                switch f {
                                case "name": string(fv, into: &mt.name, structName: "Maintainer", path: fp)
                                case "email": string(fv, into: &mt.email, structName: "Maintainer", path: fp)
                                default: string(fv, into: &mt.url, structName: "Maintainer", path: fp)
                                }
                            }
                            return mt
                        default:
                            fail(jsonKind(item), type: "v2.Maintainer", structName: s, path: p)
                            return ChartMaintainer()
                        }
                    }
                default: fail(jsonKind(v), type: "[]*v2.Maintainer", structName: s, path: p)
                }
            case "dependencies":
                switch v {
                case .null: md.dependencies = nil
                case .slice(let items, _):
                    md.dependencies = items.map { item -> ChartDependency? in
                        switch item {
                        case .null: return nil
                        case .map(let dm, _): return decodeDependency(dm.dictionary)
                        default:
                            fail(jsonKind(item), type: "v2.Dependency", structName: s, path: p)
                            return ChartDependency()
                        }
                    }
                default: fail(jsonKind(v), type: "[]*v2.Dependency", structName: s, path: p)
                }
            default: break
            }
        }
    }

    static let dependencyFields = [
        "name", "version", "repository", "condition", "tags", "enabled",
        "import-values", "alias",
    ]

    mutating func decodeDependency(_ m: [String: Value]) -> ChartDependency {
        var d = ChartDependency()
        let s = "Dependency"
        for (f, v) in Self.orderedFields(m, names: Self.dependencyFields) {
            let p = ["dependencies", f]
            switch f {
            case "name": string(v, into: &d.name, structName: s, path: p)
            case "version": string(v, into: &d.version, structName: s, path: p)
            case "repository": string(v, into: &d.repository, structName: s, path: p)
            case "condition": string(v, into: &d.condition, structName: s, path: p)
            case "tags": strings(v, into: &d.tags, structName: s, path: p)
            case "enabled": bool(v, into: &d.enabled, structName: s, path: p)
            case "alias": string(v, into: &d.alias, structName: s, path: p)
            default:
                switch v {
                case .null: d.importValues = nil
                case .slice(let xs, _): d.importValues = xs.map(Self.jsonAny)
                default: fail(jsonKind(v), type: "[]interface {}", structName: s, path: p)
                }
            }
        }
        return d
    }
}

// MARK: - Validation (chart.Metadata.Validate)

extension ChartMetadata {
    /// Helm's `Metadata.Validate`: sanitizes strings in place and returns the first validation error,
    /// formatted as Helm prints it (`validation: chart.metadata.name is required`).
    mutating func validate() throws(ChartError) {
        name = sanitize(name)
        description = sanitize(description)
        home = sanitize(home)
        icon = sanitize(icon)
        condition = sanitize(condition)
        tags = sanitize(tags)
        appVersion = sanitize(appVersion)
        kubeVersion = sanitize(kubeVersion)
        sources = sources?.map(sanitize)
        keywords = keywords?.map(sanitize)

        func invalid(_ m: String) -> ChartError { ChartError("validation: " + m) }
        if apiVersion.isEmpty { throw invalid("chart.metadata.apiVersion is required") }
        if name.isEmpty { throw invalid("chart.metadata.name is required") }
        if name == "." || name == ".." { throw invalid("chart.metadata.name \(GoStrconv.quote(name)) is not allowed") }
        if name != goPathBase(name) { throw invalid("chart.metadata.name \(GoStrconv.quote(name)) is invalid") }
        if version.isEmpty { throw invalid("chart.metadata.version is required") }
        if !isValidSemver(version) { throw invalid("chart.metadata.version \(GoStrconv.quote(version)) is invalid") }
        if !["", "application", "library"].contains(type) {
            throw invalid("chart.metadata.type must be application or library")
        }
        if var ms = maintainers {
            for i in ms.indices {
                guard var m = ms[i] else { throw invalid("maintainers must not contain empty or null nodes") }
                m.name = sanitize(m.name)
                m.email = sanitize(m.email)
                m.url = sanitize(m.url)
                ms[i] = m
            }
            maintainers = ms
        }
        if var ds = dependencies {
            var seen = Set<String>()
            for i in ds.indices {
                guard var d = ds[i] else { throw invalid("dependencies must not contain empty or null nodes") }
                d.name = sanitize(d.name)
                d.version = sanitize(d.version)
                d.repository = sanitize(d.repository)
                d.condition = sanitize(d.condition)
                d.tags = d.tags?.map(sanitize)
                if !d.alias.isEmpty && !isValidAlias(d.alias) {
                    throw invalid("dependency \(GoStrconv.quote(d.name)) has disallowed characters in the alias")
                }
                ds[i] = d
                let key = d.alias.isEmpty ? d.name : d.alias
                if seen.contains(key) { throw invalid("more than one dependency with name or alias \(GoStrconv.quote(key))") }
                seen.insert(key)
            }
            dependencies = ds
        }
    }
}

/// Helm's `sanitizeString`: Unicode spaces become ` `, other non-printable characters are removed.
func sanitize(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        if isGoSpace(u) {
            out.append(" ")
        } else if isGoPrint(u) {
            out.append(u)
        }
    }
    return String(out)
}

/// Go's `unicode.IsSpace`.
func isGoSpace(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0: return true
    default: return u.value > 0xFF && u.properties.isWhitespace
    }
}

/// Go's `unicode.IsPrint`.
func isGoPrint(_ u: Unicode.Scalar) -> Bool { GoStrconv.isPrint(Int(u.value)) }

/// `^[a-zA-Z0-9_-]+$`.
func isValidAlias(_ s: String) -> Bool {
    !s.isEmpty
        && s.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
        }
}

/// Go's `path.Base` (and `filepath.Base` on Unix).
func goPathBase(_ p: String) -> String { GoPath.base(p) }

/// Whether Masterminds/semver v3 `NewVersion` accepts the string (Helm's `isValidSemver` in chart metadata
/// validation): ``Semver/isValid(_:)``.
public func isValidSemver(_ s: String) -> Bool { Semver.isValid(s) }

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)`: the shortest float32 digits, exponent form when the
/// decimal exponent is < -4 or ≥ 6 (shortest `'g'` decides with precision 6).
func formatFloat32Shortest(_ f: Double) -> String {
    let x = Float(f)
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "-Inf" : "+Inf" }
    if x == 0 { return x.sign == .minus ? "-0" : "0" }
    // Swift's description is the shortest round-tripping representation; pull out digits and exponent.
    let desc = x.magnitude.description
    var mantissa = desc
    var exp10 = 0
    if let e = desc.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = String(desc[..<e])
        exp10 = Int(desc[desc.index(after: e)...]) ?? 0
    }
    var intPart = mantissa
    var fracPart = ""
    if let dot = mantissa.firstIndex(of: ".") {
        intPart = String(mantissa[..<dot])
        fracPart = String(mantissa[mantissa.index(after: dot)...])
    }
    var digits = intPart + fracPart
    var pointPos = intPart.count + exp10  // decimal point position relative to digits start
    while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); pointPos -= 1 }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    let exp = pointPos - 1
    let sign = x < 0 ? "-" : ""
    if exp < -4 || exp >= 6 {
        var m = String(digits.first ?? "0")
        if digits.count > 1 { m += "." + digits.dropFirst() }
        let es = exp < 0 ? "-" : "+"
        let ea = abs(exp)
        return sign + m + "e" + es + (ea < 10 ? "0" : "") + String(ea)
    }
    if pointPos <= 0 {
        return sign + "0." + String(repeating: "0", count: -pointPos) + digits
    }
    if pointPos >= digits.count {
        return sign + digits + String(repeating: "0", count: pointPos - digits.count)
    }
    let i = digits.index(digits.startIndex, offsetBy: pointPos)
    return sign + digits[..<i] + "." + digits[i...]
}
