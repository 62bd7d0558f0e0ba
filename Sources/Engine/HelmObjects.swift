// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import GoRuntime

/// Go types of Helm's template objects that are named maps or slices (they print and compare as maps and
/// slices, but carry methods).
public enum HelmGoTypes {
    /// `.Files`: `engine.files`, a `map[string][]byte` with `Get`, `GetBytes`, `Glob`, `Lines`, `AsConfig`,
    /// `AsSecrets`.
    public static let files: GoType = .named("engine.files", underlying: .map(.string, .slice(.int(.uint8))))
    /// `.Values` (of every chart) and `.Template`: `common.Values`, a `map[string]interface {}` with `AsMap`,
    /// `Table`, `PathValue`, `YAML`.
    public static let values: GoType = .named("common.Values", underlying: .anyMap)
    /// `.Capabilities.APIVersions`: `common.VersionSet`, a `[]string` with `Has`.
    public static let versionSet: GoType = .named("common.VersionSet", underlying: .stringSlice)
}

/// Resolves the methods of Helm's named map and slice types (`engine.files`, `common.Values`,
/// `common.VersionSet`), which `Value` cannot carry itself.
///
/// The template executor must consult it when evaluating `.Name` on a map or slice value *before* looking up
/// a map key, as Go's text/template does (methods win over keys).
public struct HelmMethodResolver: Sendable {
    /// Helm's `toYAML` (sigs.k8s.io/yaml `Marshal`, trailing newline trimmed, `""` on error), needed by
    /// `AsConfig`, `AsSecrets` and `Values.YAML`. Without it those methods fail with "not implemented yet".
    public var toYAML: (@Sendable (Value) -> String)?

    /// Creates a resolver.
    public init(toYAML: (@Sendable (Value) -> String)? = nil) {
        self.toYAML = toYAML
    }

    /// The method `name` of the receiver's Go type, or nil when the type has none.
    public func method(_ name: String, on receiver: Value) -> GoMethod? {
        // Every method name is exported (starts with an upper-case letter); most field names in values are
        // not, and this is asked on every field access of `.Values` and `.Files`.
        guard let first = name.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return nil }
        switch receiver {
        case .map(let m, let t) where t == HelmGoTypes.files:
            return filesMethod(name, files: m.dictionary)
        case .map(let m, let t) where t == HelmGoTypes.values:
            return valuesMethod(name, values: m.dictionary)
        case .slice(let items, let t) where t == HelmGoTypes.versionSet:
            guard name == "Has" else { return nil }
            let set = Set(items.compactMap(\.stringValue))
            return GoMethod(params: [.string]) { args throws(GoError) in
                .bool(set.contains(args.first?.stringValue ?? ""))
            }
        default:
            return nil
        }
    }

    func filesMethod(_ name: String, files: [String: Value]) -> GoMethod? {
        @Sendable func bytes(_ name: String) -> [UInt8]? {
            if case .bytes(let b)? = files[name] { return b }
            return nil
        }
        let toYAML = self.toYAML
        switch name {
        case "GetBytes":
            return GoMethod(params: [.string]) { args throws(GoError) in
                .bytes(bytes(args.first?.stringValue ?? "") ?? [])
            }
        case "Get":
            return GoMethod(params: [.string]) { args throws(GoError) in
                // Go's string(data): bytes that are not UTF-8 are kept (GoByteString).
                .string(GoByteString.string(bytes(args.first?.stringValue ?? "") ?? []))
            }
        case "Glob":
            return GoMethod(params: [.string]) { args throws(GoError) in
                let glob = FilesGlob(args.first?.stringValue ?? "")
                var out: [String: Value] = [:]
                for (k, v) in files where glob?.matches(k) ?? true { out[k] = v }
                return .map(out, HelmGoTypes.files)
            }
        case "Lines":
            return GoMethod(params: [.string]) { args throws(GoError) in
                guard let data = bytes(args.first?.stringValue ?? "") else { return .strings([]) }
                // Helm indexes the last byte without a length check: an empty file panics.
                guard let last = data.last else { throw GoError("runtime error: index out of range [-1]") }
                let body = last == UInt8(ascii: "\n") ? Array(data.dropLast()) : data
                // Split bytes on LF only ("x\r\ny" keeps its CR, as strings.Split does).
                return .strings(
                    body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                        .map { GoByteString.string($0) })
            }
        case "AsConfig", "AsSecrets":
            let secrets = name == "AsSecrets"
            return GoMethod(params: []) { _ throws(GoError) in
                guard let toYAML else { throw GoError("\(name): not implemented yet (no toYAML wired)") }
                var m: [String: Value] = [:]
                for k in files.keys.sorted() {
                    let data = bytes(k) ?? []
                    m[goPathBase(k)] = .string(secrets ? base64Encode(data) : GoByteString.string(data))
                }
                return .string(toYAML(.map(m, .stringMap)))
            }
        default:
            return nil
        }
    }

    func valuesMethod(_ name: String, values: [String: Value]) -> GoMethod? {
        let toYAML = self.toYAML
        switch name {
        case "AsMap":
            return GoMethod(params: []) { _ throws(GoError) in .dict(values) }
        case "YAML":
            return GoMethod(params: [], returnsError: true) { _ throws(GoError) in
                guard let toYAML else { throw GoError("YAML: not implemented yet (no toYAML wired)") }
                return .string(toYAML(.map(values, HelmGoTypes.values)) + "\n")
            }
        case "Table":
            return GoMethod(params: [.string], returnsError: true) { args throws(GoError) in
                var table = values
                for part in (args.first?.stringValue ?? "").split(separator: ".", omittingEmptySubsequences: false) {
                    switch table[String(part)] {
                    case .map(let m, let t)? where t == .anyMap || t == HelmGoTypes.values:
                        table = m.dictionary
                    default:
                        throw GoError("\(GoStrconv.quote(String(part))) is not a table")
                    }
                }
                return .map(table, HelmGoTypes.values)
            }
        case "PathValue":
            return GoMethod(params: [.string], returnsError: true) { args throws(GoError) in
                let path = args.first?.stringValue ?? ""
                if path.isEmpty { throw GoError("YAML path cannot be empty") }
                var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                let key = parts.removeLast()
                var table = values
                for part in parts {
                    guard case .map(let m, let t)? = table[part], t == .anyMap || t == HelmGoTypes.values else {
                        throw GoError("\(GoStrconv.quote(key)) is not a value")
                    }
                    table = m.dictionary
                }
                if let v = table[key] {
                    if case .map(_, let t) = v, t == .anyMap { throw GoError("\(GoStrconv.quote(key)) is not a value") }
                    return v
                }
                throw GoError("\(GoStrconv.quote(key)) is not a value")
            }
        default:
            return nil
        }
    }
}

/// `.Files` for a chart: its non-template files as an `engine.files` map of `[]byte`.
public func filesObject(_ files: [ChartFile]) -> Value {
    var m: [String: Value] = [:]
    for f in files { m[f.name] = .bytes(f.data) }
    return .map(m, HelmGoTypes.files)
}

/// `.Release` as Helm builds it in `ToRenderValues`.
public func releaseObject(_ options: ReleaseOptions) -> Value {
    .dict([
        "Name": .string(options.releaseName),
        "Namespace": .string(options.namespace),
        "IsUpgrade": .bool(options.isUpgrade),
        "IsInstall": .bool(options.isInstall),
        "Revision": .goInt(options.revision),
        "Service": .string("Helm"),
    ])
}

/// `.Template` for the file being rendered (a `common.Values`).
public func templateObject(name: String, basePath: String) -> Value {
    .map(["Name": .string(name), "BasePath": .string(basePath)], HelmGoTypes.values)
}

// MARK: - Capabilities

/// `common.KubeVersion`: `Version`, `Major`, `Minor` fields, `String()` (normalized version) and
/// `GitVersion()` methods.
///
/// Go's `String` has a pointer receiver: text/template prints `.Capabilities.KubeVersion` through it
/// (`v1.31.0`) because the field is addressable, but a copy handed to a function (`toString`, `printf`)
/// prints as a struct, `{v1.31.0 v1.31.0 1 31}` (Helm v4.1.4). `pointerStringer` reports the former (there
/// is no `stringer`); `fields` lists all four fields (with the unexported `normalizedVersion`) for the
/// latter, and encoding/json (`toJson`, `toYaml`) writes only the three exported ones.
public struct KubeVersionObject: GoObject {
    public var version: String
    public var normalizedVersion: String
    public var major: String
    public var minor: String

    /// Creates a Kubernetes version record.
    public init(version: String, normalizedVersion: String, major: String, minor: String) {
        self.version = version
        self.normalizedVersion = normalizedVersion
        self.major = major
        self.minor = minor
    }

    /// Helm's `common.ParseKubeVersion` (apimachinery `ParseGeneric`: `v?` then at least `major.minor`
    /// numeric components, anything after them ignored for the normalized form). Nil when invalid.
    public static func parse(_ input: String) -> KubeVersionObject? {
        var s = Substring(input)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropFirst() }
        if s.hasPrefix("v") { s = s.dropFirst() }
        var components: [String] = []
        var cur = ""
        var rest = s
        while let c = rest.first {
            if c.isASCII && c.isNumber {
                cur.append(c)
                rest = rest.dropFirst()
            } else if c == "." && !cur.isEmpty, let n = rest.dropFirst().first, n.isASCII && n.isNumber {
                components.append(cur)
                cur = ""
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        if !cur.isEmpty { components.append(cur) }
        guard components.count >= 2 else { return nil }
        if components[0].hasPrefix("0") && components[0] != "0" { return nil }
        var nums: [UInt64] = []
        for c in components {
            guard let n = UInt64(c) else { return nil }
            nums.append(n)
        }
        let git = input.hasPrefix("v") ? input : "v" + input
        return KubeVersionObject(
            version: git, normalizedVersion: "v" + nums.map(String.init).joined(separator: "."),
            major: String(nums[0]), minor: String(nums[1]))
    }

    public var goTypeName: String { "common.KubeVersion" }
    public var fields: [(name: String, value: Value)] {
        [
            ("Version", .string(version)), ("normalizedVersion", .string(normalizedVersion)),
            ("Major", .string(major)), ("Minor", .string(minor)),
        ]
    }
    public func field(_ name: String) -> Value? {
        switch name {
        case "Version": .string(version)
        case "Major": .string(major)
        case "Minor": .string(minor)
        default: nil
        }
    }
    public func method(_ name: String) -> GoMethod? {
        let s = pointerStringer ?? version
        let v = version
        switch name {
        case "String": return GoMethod(params: []) { _ throws(GoError) in .string(s) }
        case "GitVersion": return GoMethod(params: []) { _ throws(GoError) in .string(v) }
        default: return nil
        }
    }
    public var pointerStringer: String? { normalizedVersion.isEmpty ? version : normalizedVersion }

    /// What Helm checks a chart's `kubeVersion` constraint against: `String()`, the normalized version, or the
    /// full version when there is none (a live server's `KubeVersion` has none: Helm v4.1.4's
    /// `getCapabilities` fills only `Version`, `Major` and `Minor`).
    public var constraintVersion: String { normalizedVersion.isEmpty ? version : normalizedVersion }
}

/// `version.BuildInfo`, Helm's `.Capabilities.HelmVersion`.
public struct HelmBuildInfo: GoObject {
    public var version = "v4.1.4"
    public var gitCommit = "05fa37973dc9e42b76e1d2883494c87174b6074f"
    public var gitTreeState = "clean"
    public var goVersion = "go1.25.9"
    public var kubeClientVersion = "v1.35"

    /// The build info of the reference Helm v4.1.4 binary.
    public init() {}

    public var goTypeName: String { "version.BuildInfo" }
    public var fields: [(name: String, value: Value)] {
        [
            ("Version", .string(version)), ("GitCommit", .string(gitCommit)), ("GitTreeState", .string(gitTreeState)),
            ("GoVersion", .string(goVersion)), ("KubeClientVersion", .string(kubeClientVersion)),
        ]
    }
    /// Helm's `json:"version,omitempty"`, `json:"git_commit,omitempty"` … tags (`toJson`/`toYaml` of
    /// `.Capabilities.HelmVersion` in Helm v4.1.4); an empty field is left out.
    public var jsonFields: [(name: String, value: Value)] {
        [
            ("version", version), ("git_commit", gitCommit), ("git_tree_state", gitTreeState),
            ("go_version", goVersion), ("kube_client_version", kubeClientVersion),
        ].filter { !$0.1.isEmpty }.map { ($0.0, Value.string($0.1)) }
    }
}

/// `*common.Capabilities`: `.Capabilities` in templates.
public struct CapabilitiesObject: GoObject {
    public var kubeVersion: KubeVersionObject
    public var apiVersions: [String]
    public var helmVersion: HelmBuildInfo

    /// Helm's `DefaultCapabilities` (Kubernetes v1.35.0, client-go 1.35's API group versions).
    public static let `default` = CapabilitiesObject(
        kubeVersion: KubeVersionObject(version: "v1.35.0", normalizedVersion: "v1.35.0", major: "1", minor: "35"),
        apiVersions: defaultAPIVersions, helmVersion: HelmBuildInfo())

    /// A live server's capabilities as Helm v4.1.4's `Configuration.getCapabilities` builds them: `KubeVersion`
    /// from `/version` (`Version` = `gitVersion`, `Major`, `Minor` as the server sends them, no normalized
    /// version: `{{ .Capabilities.KubeVersion }}` prints `v1.20.2` and `toString` prints `{v1.20.2  1 20}`),
    /// `APIVersions` from discovery (``Discovery``-style group versions and `group/version/Kind` entries), the
    /// reference Helm's build info.
    public static func live(gitVersion: String, major: String, minor: String, apiVersions: [String]) -> CapabilitiesObject {
        CapabilitiesObject(
            kubeVersion: KubeVersionObject(version: gitVersion, normalizedVersion: "", major: major, minor: minor),
            apiVersions: apiVersions, helmVersion: HelmBuildInfo())
    }

    /// Creates a capabilities record.
    public init(kubeVersion: KubeVersionObject, apiVersions: [String], helmVersion: HelmBuildInfo) {
        self.kubeVersion = kubeVersion
        self.apiVersions = apiVersions
        self.helmVersion = helmVersion
    }

    public var goTypeName: String { "*common.Capabilities" }
    public var kind: ObjectKind { .pointer }
    public var fields: [(name: String, value: Value)] {
        [
            ("KubeVersion", .object(kubeVersion)),
            ("APIVersions", .slice(apiVersions.map { .string($0) }, HelmGoTypes.versionSet)),
            ("HelmVersion", .object(helmVersion)),
        ]
    }

    /// `scheme.Scheme.PrioritizedVersionsAllGroups()` of client-go v0.35 plus apiextensions v1beta1 and v1,
    /// in Helm v4.1.4's order (recorded from the reference binary). Group/versions only: `Has "apps/v1"` is
    /// true, `Has "apps/v1/Deployment"` false.
    public static let defaultAPIVersions: [String] = [
        "v1",
        "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
        "admissionregistration.k8s.io/v1beta1",
        "internal.apiserver.k8s.io/v1alpha1",
        "apps/v1", "apps/v1beta1", "apps/v1beta2",
        "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
        "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
        "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2",
        "batch/v1", "batch/v1beta1",
        "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1",
        "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1",
        "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1",
        "events.k8s.io/v1", "events.k8s.io/v1beta1",
        "extensions/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3",
        "networking.k8s.io/v1", "networking.k8s.io/v1beta1",
        "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
        "policy/v1", "policy/v1beta1",
        "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1",
        "resource.k8s.io/v1", "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3",
        "scheduling.k8s.io/v1alpha1", "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1",
        "storage.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1",
        "storagemigration.k8s.io/v1beta1",
        "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
    ]
}

// MARK: - Small Go helpers

/// Go's `path.Base`.
func goPathBase(_ p: String) -> String {
    if p.isEmpty { return "." }
    var s = Substring(p)
    while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
    if s == "/" { return "/" }
    if let i = s.lastIndex(of: "/") { s = s[s.index(after: i)...] }
    return s.isEmpty ? "/" : String(s)
}

/// Standard base64 with padding (`base64.StdEncoding`).
func base64Encode(_ data: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    out.reserveCapacity((data.count + 2) / 3 * 4)
    var i = 0
    while i + 2 < data.count {
        let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2])
        out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)]]
        i += 3
    }
    let rem = data.count - i
    if rem == 1 {
        let n = UInt32(data[i]) << 16
        out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
    } else if rem == 2 {
        let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8
        out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], UInt8(ascii: "=")]
    }
    return String(decoding: out, as: UTF8.self)
}
