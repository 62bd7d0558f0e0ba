// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import GoRuntime

/// The release a render pretends to be: Helm's `ReleaseOptions` plus the client-only capabilities flags.
public struct ReleaseOptions: Sendable {
    /// `.Release.Name` (`helm template` defaults to `release-name`).
    public var releaseName: String
    /// `.Release.Namespace`.
    public var namespace: String
    /// `.Release.Revision` (an `int`).
    public var revision: Int
    /// `.Release.IsInstall`.
    public var isInstall: Bool
    /// `.Release.IsUpgrade`.
    public var isUpgrade: Bool
    /// `--kube-version` (`1.31.0` or `v1.31.0`); Helm's default is `v1.35.0`.
    public var kubeVersion: String
    /// `--api-versions`: appended to the default API versions.
    public var apiVersions: [String]
    /// `--skip-schema-validation`: do not validate values against the charts' `values.schema.json`.
    public var skipSchemaValidation: Bool
    /// A live cluster's capabilities (``CapabilitiesObject/live(gitVersion:major:minor:apiVersions:)``); when
    /// set, `kubeVersion` and `apiVersions` are ignored, as Helm ignores `--kube-version` and `--api-versions`
    /// once it talks to the server.
    public var capabilities: CapabilitiesObject?

    /// Creates options; the defaults are `helm template`'s.
    public init(
        releaseName: String = "release-name", namespace: String = "default", revision: Int = 1,
        isInstall: Bool = true, isUpgrade: Bool = false, kubeVersion: String = "v1.35.0",
        apiVersions: [String] = [], skipSchemaValidation: Bool = false
    ) {
        self.releaseName = releaseName
        self.namespace = namespace
        self.revision = revision
        self.isInstall = isInstall
        self.isUpgrade = isUpgrade
        self.kubeVersion = kubeVersion
        self.apiVersions = apiVersions
        self.skipSchemaValidation = skipSchemaValidation
    }
}

/// A render failure with Helm's message text (the CLI's `Error: INSTALLATION FAILED: ` / `Error: ` prefix is
/// added by the caller).
public struct RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Helm's error text.
    public var message: String

    /// Creates an error with Helm's message text.
    public init(_ message: String) { self.message = message }

    /// Wraps a chart-loading error unchanged.
    public init(_ error: ChartError) { self.message = error.message }

    public var description: String { message }
}

/// One template file ready to parse and execute, as Helm's `recAllTpls` prepares it.
public struct TemplateEntry: Sendable {
    /// Helm's template name: the chart's full path joined with the file name, `conf/templates/NOTES.txt`,
    /// `conf/charts/sub/templates/_h.tpl`.
    public var name: String
    /// The template text.
    public var text: String
    /// `.Template.BasePath`: `conf/templates`, `conf/charts/sub/templates`.
    public var basePath: String
    /// The dot of this template's chart, without `Template` (`Chart`, `Files`, `Release`, `Capabilities`,
    /// `Values`, `Subcharts`).
    public var chartData: [String: Value]

    /// Whether Helm renders this file (partials, whose base name starts with `_`, are only parsed).
    public var isRendered: Bool { !goPathBase(name).hasPrefix("_") }

    /// The dot to execute this template with: `chartData` plus `.Template`, a `common.Values` as in Helm v4
    /// (`typeOf $` is `common.Values`).
    public var dot: Value {
        var d = chartData
        d["Template"] = templateObject(name: name, basePath: basePath)
        return .map(GoMap(d), HelmGoTypes.values)
    }
}

/// Everything needed to render a chart tree.
public struct RenderPlan: Sendable {
    /// The chart after dependency processing (aliases, disabled subcharts removed, import-values).
    public var chart: LoadedChart
    /// Helm's `ToRenderValues` result: `Chart`, `Capabilities`, `Release`, `Values` (coalesced).
    public var topValues: [String: Value]
    /// Every template of the tree, in Helm's parse and execution order (deepest paths first, then reverse
    /// lexicographic).
    public var templates: [TemplateEntry]
    /// What Helm's values coalescing logs on the way (`warning: skipped value for conf.a: Not a table.`), in
    /// order; the command prints each as Helm does (`level=INFO msg="…"` on standard error).
    public var warnings: [String] = []
}

/// Builds the data every template of the chart tree sees, as `helm install`/`helm template` do:
/// `checkIfInstallable`, `CheckDependencies`, `ProcessDependencies`, `ToRenderValues` (coalescing, schema
/// validation) and `recAllTpls`.
///
/// - Parameters:
///   - values: the user-supplied values (`-f`/`--set` merged); `.null` or a map.
public func makeRenderValues(
    chart: LoadedChart, values: Value,
    options: ReleaseOptions
) throws(RenderError) -> RenderPlan {
    let userValues: [String: Value]
    switch values {
    case .map(let m, _): userValues = m.dictionary
    default: userValues = [:]
    }

    // cmd/install.go: checkIfInstallable, then CheckDependencies.
    if !(chart.metadata.type.isEmpty || chart.metadata.type == "application") {
        throw RenderError("\(chart.metadata.type) charts are not installable")
    }
    if let reqs = chart.metadata.dependencies, !reqs.isEmpty {
        let present = Set(chart.dependencies.map(\.name))
        let missing = reqs.compactMap { $0?.name }.filter { !present.contains($0) }
        if !missing.isEmpty {
            throw RenderError(
                "an error occurred while checking for chart dependencies. You may need to run "
                    + "`helm dependency build` to fetch missing dependencies: found in Chart.yaml, but "
                    + "missing in charts/ directory: " + missing.joined(separator: ", "))
        }
    }

    // What Helm's coalescing logs (`warning: skipped value for conf.a: Not a table.`), for the command.
    var warnings: [String] = []
    let processed: LoadedChart
    do {
        processed = try chart.processingDependencies(values: userValues, warnings: &warnings)
    } catch {
        throw RenderError("chart dependencies processing failed: " + error.message)
    }

    let capabilities = try makeCapabilities(options)
    let coalesced: [String: Value]
    do {
        coalesced = try ValuesCoalescer.coalesceValues(chart: processed, values: userValues, warnings: &warnings)
    } catch {
        throw RenderError(error)
    }
    // ToRenderValuesWithSchemaValidation: after coalescing, before rendering.
    if !options.skipSchemaValidation, let problems = validateAgainstSchema(chart: processed, values: coalesced) {
        throw RenderError(
            "values don't meet the specifications of the schema(s) in the following chart(s):\n"
                + problems)
    }
    let top: [String: Value] = [
        "Chart": processed.metadata.templateMap(isRoot: processed.isRoot),
        "Capabilities": .object(capabilities),
        "Release": releaseObject(options),
        "Values": .map(coalesced, HelmGoTypes.values),
    ]

    var templates: [TemplateEntry] = []
    _ = collectTemplates(processed, parentData: top, into: &templates)
    templates.sort { a, b in
        let ca = a.name.utf8.count { $0 == UInt8(ascii: "/") }
        let cb = b.name.utf8.count { $0 == UInt8(ascii: "/") }
        if ca != cb { return ca > cb }
        return Array(b.name.utf8).lexicographicallyPrecedes(Array(a.name.utf8))
    }
    var plan = RenderPlan(chart: processed, topValues: top, templates: templates)
    plan.warnings = warnings
    return plan
}

/// `.Capabilities` for the options: the live cluster's when given, else Helm's defaults with `--kube-version`
/// and `--api-versions` applied.
public func makeCapabilities(_ options: ReleaseOptions) throws(RenderError) -> CapabilitiesObject {
    if let live = options.capabilities { return live }
    var caps = CapabilitiesObject.default
    if options.kubeVersion != caps.kubeVersion.version {
        guard let kv = KubeVersionObject.parse(options.kubeVersion) else {
            throw RenderError(
                "invalid argument \(GoStrconv.quote(options.kubeVersion)) for \"--kube-version\" flag: "
                    + "could not parse \(GoStrconv.quote(options.kubeVersion)) as version")
        }
        caps.kubeVersion = kv
    }
    caps.apiVersions += options.apiVersions
    return caps
}

/// Helm's `recAllTpls`: the chart's dot (subcharts first, so `.Subcharts` is filled), then its templates.
@discardableResult
func collectTemplates(
    _ chart: LoadedChart, parentData: [String: Value],
    into templates: inout [TemplateEntry]
) -> [String: Value] {
    var next: [String: Value] = [
        "Chart": chart.metadata.templateMap(isRoot: chart.isRoot),
        "Files": filesObject(chart.files),
        "Release": parentData["Release"] ?? .null,
        "Capabilities": parentData["Capabilities"] ?? .null,
        "Values": .map([:], HelmGoTypes.values),
    ]
    if chart.isRoot {
        next["Values"] = parentData["Values"] ?? .map([:], HelmGoTypes.values)
    } else if case .map(let parentValues, _)? = parentData["Values"],
        case .map(let mine, let t)? = parentValues[chart.name],
        t == .anyMap || t == HelmGoTypes.values
    {
        next["Values"] = .map(mine, HelmGoTypes.values)
    }

    var subcharts: [String: Value] = [:]
    for child in chart.dependencies {
        subcharts[child.name] = .dict(collectTemplates(child, parentData: next, into: &templates))
    }
    next["Subcharts"] = .dict(subcharts)

    let basePath = chart.fullPath + "/templates"
    for t in chart.templates {
        if chart.isLibrary && !goPathBase(t.name).hasPrefix("_") { continue }
        templates.append(
            TemplateEntry(
                name: chart.fullPath + "/" + t.name, text: t.text, basePath: basePath,
                chartData: next))
    }
    return next
}
