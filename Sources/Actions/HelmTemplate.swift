// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Engine
import Foundation
import GoRuntime
import Kube
import ReleaseUtil
import Semver
import TemplateFuncs

// `helm template` as a verb (Helm's pkg/cmd/template.go over action.Install in client-only dry-run mode): the
// command's flags, the release-name and kubeVersion checks, the hooks and `--show-only`, and `--output-dir`.
// The Engine renders; this file decides what is printed or written.

/// Everything `helm template` takes from its command line (the flags tenantctl supports).
public struct TemplateOptions: Sendable {
    /// The positional arguments, `[NAME] CHART`: one (the chart; the release is `release-name`) or two.
    public var arguments: [String]
    /// `-f/--values`, in order.
    public var valueFiles: [String] = []
    /// `--set`, in order.
    public var setValues: [String] = []
    /// `--set-string`, in order.
    public var setStringValues: [String] = []
    /// `--set-json`, in order.
    public var setJSONValues: [String] = []
    /// `--set-file`, in order.
    public var setFileValues: [String] = []
    /// `--set-literal`, in order.
    public var setLiteralValues: [String] = []
    /// What `-` (`-f -`, `--set-file key=-`) reads; nil is the process's standard input.
    public var standardInput: [UInt8]?
    /// `-n/--namespace`.
    public var namespace = "default"
    /// Whether `-n` was given; without it the namespace is the kubeconfig context's (`--kubeconfig`,
    /// `KUBECONFIG` or `~/.kube/config`, `--kube-context`), `default` when it names none or cannot be read, as
    /// Helm's `settings.Namespace()` (even without a cluster).
    public var namespaceGiven = true
    /// `--dry-run`: `client` (no cluster), `server` (render against the live cluster: live `.Capabilities` and
    /// `lookup`, Helm's checks against the server), or Helm's legacy boolean spellings; nil (not given) is
    /// `client`.
    public var dryRun: String?
    /// `--validate` (deprecated in Helm): `--dry-run=server`; refused together with `--dry-run`.
    public var validate = false
    /// `--kubeconfig` for `--dry-run=server`; nil reads `KUBECONFIG` or `~/.kube/config`.
    public var kubeconfig: String?
    /// `--kube-context` for `--dry-run=server`; nil is the kubeconfig's current context.
    public var kubeContext: String?
    /// The environment `KUBECONFIG` is read from; nil is the process's.
    public var environment: [String: String]?
    /// A cluster already connected, used by `--dry-run=server` instead of loading the kubeconfig.
    public var cluster: LiveCluster?
    /// `--skip-crds`: no CRD warning with `--dry-run=server`.
    public var skipCRDs = false
    /// `--kube-version`; nil keeps Helm's default (`v1.35.0`).
    public var kubeVersion: String?
    /// `-a/--api-versions` (each entry may hold several, comma-separated, as pflag's string slices do).
    public var apiVersions: [String] = []
    /// `--is-upgrade`: `.Release.IsUpgrade` instead of `.Release.IsInstall`.
    public var isUpgrade = false
    /// `--skip-schema-validation`: do not validate values against the charts' `values.schema.json`.
    public var skipSchemaValidation = false
    /// `-s/--show-only`: template paths (relative to the chart, `templates/x.yaml`, globs allowed).
    public var showOnly: [String] = []
    /// `--output-dir`: write files there instead of printing them.
    public var outputDir: String?
    /// `--release-name`: with `--output-dir`, write under `DIR/NAME/`.
    public var useReleaseName = false
    /// `--include-crds`: print the charts' `crds/` files before the manifests.
    public var includeCRDs = false
    /// `--skip-tests`: leave out hooks with the `test` event.
    public var skipTests = false
    /// `--no-hooks`: leave out every hook.
    public var noHooks = false
    /// Where relative paths (the chart, `-f` files, `--output-dir`) are resolved; nil is the process's current
    /// directory. Messages still show the paths as given, as Helm run from that directory would.
    public var baseDirectory: String?
    /// Called with the chart, values, parse trees and rendered files, to leave them allocated when the run
    /// ends (a process that exits right after printing need not spend milliseconds taking them apart, as Go's
    /// `helm` does not). Nil, the default, frees them as usual; the command line passes
    /// `ProcessLifetime.keep`.
    public var keepUntilExit: (@Sendable (any Sendable) -> Void)?

    /// Creates options with `helm template`'s defaults.
    public init(arguments: [String]) {
        self.arguments = arguments
    }
}

/// What `helm template` prints: standard output, and the error (if any) that goes to standard error.
public struct TemplateOutput: Sendable, Equatable {
    /// Everything written to standard output (manifests, or `wrote PATH` lines with `--output-dir`).
    public var stdout: String
    /// Helm's error text, without the `Error: ` that the command line adds; nil on success.
    public var error: String?
    /// Lines Helm's logger writes to standard error before the error (`level=ERROR msg=…`).
    public var log: [String] = []

    /// The process's exit status: 0, or 1 after an error.
    public var exitCode: Int32 { error == nil ? 0 : 1 }

    /// Standard error exactly as `helm template` writes it.
    public var stderr: String {
        var s = log.map { $0 + "\n" }.joined()
        if let error { s += "Error: " + error + "\n" }
        return s
    }
}

/// `helm template`: load the chart, merge values, render, split and sort the manifests, print.
public enum HelmTemplate {
    /// Runs the whole command in-process. Never throws: failures come back as `TemplateOutput.error`, with
    /// whatever Helm would have printed to standard output before failing.
    public static func run(_ options: TemplateOptions) -> TemplateOutput {
        var run = TemplateRun(options: options)
        do {
            try run.execute()
        } catch {
            run.output.error = error.message
        }
        return run.output
    }
}

/// One run of `helm template`; collects standard output as it goes (`--output-dir` prints while writing).
private struct TemplateRun {
    let options: TemplateOptions
    var output = TemplateOutput(stdout: "")

    init(options: TemplateOptions) {
        self.options = options
    }

    /// Leaves `object` allocated until the process exits, when the options ask for it (`keepUntilExit`).
    func keepUntilExit(_ object: some Sendable) {
        options.keepUntilExit?(object)
    }

    /// A path as the process would open it.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let base = options.baseDirectory else { return path }
        return base + "/" + path
    }

    mutating func execute() throws(RenderError) {
        // cobra: the deprecated flag's notice while parsing, then the mutually exclusive flag group.
        if options.validate {
            output.log.append("Flag --validate has been deprecated, use '--dry-run=server' instead")
            if options.dryRun != nil {
                throw RenderError(
                    "if any flags in the group [validate dry-run] are set none of the others can be; [dry-run validate] were all set")
            }
        }
        // pkg/cmd/template.go: --kube-version is checked before anything else.
        var release = ReleaseOptions(namespace: options.namespace)
        if let kv = options.kubeVersion, !kv.isEmpty {
            guard KubeVersionObject.parse(kv) != nil else {
                throw RenderError("invalid kube version '\(kv)': could not parse \(GoStrconv.quote(kv)) as version")
            }
            release.kubeVersion = kv
        }
        // --validate mimics the deprecated flag: a server dry run.
        let server = try dryRunIsServer() || options.validate
        release.apiVersions = options.apiVersions.flatMap { pflagStringSlice($0) }
        release.skipSchemaValidation = options.skipSchemaValidation

        // Install.NameAndChart with `helm template`'s preset name.
        let args = options.arguments
        guard !args.isEmpty else { throw RenderError("\"tenantctl template\" requires at least 1 argument") }
        if args.count > 2 {
            throw RenderError(
                "expected at most two arguments, unexpected arguments: "
                    + args[2...].joined(separator: ", "))
        }
        release.releaseName = args.count == 2 ? args[0] : "release-name"
        let chartPath = args.count == 2 ? args[1] : args[0]

        // LocateChart: a local path, or (in Helm) a repository reference.
        let located = resolve(chartPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: located, isDirectory: &isDirectory) else {
            if chartPath.hasPrefix("/") || chartPath.hasPrefix(".") {
                throw RenderError("path \(GoStrconv.quote(chartPath)) not found")
            }
            throw RenderError("non-absolute URLs should be in form of repo_name/path_to_chart, got: \(chartPath)")
        }

        let values = try mergeValues()
        keepUntilExit(values)

        let chart: LoadedChart
        // Helm's loader logs every symbolic link it follows (INFO, on standard error), also before failing.
        var links: [FollowedLink] = []
        do {
            if isDirectory.boolValue {
                chart = try ChartDirectory.load(directory: located) { links.append($0) }
            } else {
                chart = try ChartArchive.load(file: located)
            }
        } catch {
            output.log.append(contentsOf: links.map(\.logLine))
            throw RenderError(error)
        }
        output.log.append(contentsOf: links.map(\.logLine))

        // action.Install.RunWithContext: a server dry run first checks that the cluster answers.
        var cluster: LiveCluster?
        if server {
            do throws(RenderError) {
                let live: LiveCluster
                if let given = options.cluster {
                    live = given
                } else {
                    live = try LiveCluster.connect(
                        kubeconfig: options.kubeconfig, context: options.kubeContext,
                        environment: options.environment ?? ProcessInfo.processInfo.environment)
                }
                try live.reachable()
                cluster = live
            } catch {
                output.log.append("level=ERROR msg=" + slogQuote("cluster reachability check failed: " + error.message))
                throw RenderError("cluster reachability check failed: " + error.message)
            }
            // settings.Namespace(): without -n, the kubeconfig context's namespace.
            if let cluster, !options.namespaceGiven { release.namespace = cluster.client.namespace }
        } else if !options.namespaceGiven {
            release.namespace = kubeconfigNamespace() ?? "default"
        }

        // Install.availableName (dry run: only the name's form is checked). Helm checks it after
        // checkIfInstallable/CheckDependencies; both report before any rendering.
        if let problem = ReleaseName.problem(release.releaseName) {
            let message = "release name \(GoStrconv.quote(release.releaseName)): \(problem)"
            output.log.append(slogLine("release name check failed", error: message))
            throw RenderError("release name check failed: " + message)
        }

        keepUntilExit(chart)
        let plan: RenderPlan
        do {
            release.isUpgrade = options.isUpgrade
            release.isInstall = !options.isUpgrade
            if let cluster {
                // With the server, --kube-version and --api-versions give way to what it serves.
                release.capabilities = try cluster.capabilities()
            }
            plan = try makeRenderValues(chart: chart, values: .dict(values), options: release)
        } catch {
            if error.message.hasPrefix("chart dependencies processing failed: ") {
                output.log.append(
                    slogLine(
                        "chart dependencies processing failed",
                        error: String(error.message.dropFirst("chart dependencies processing failed: ".count))))
            }
            throw error
        }

        // action.Install: a server dry run of a chart with CRDs warns that they are not installed first.
        if cluster != nil, !options.skipCRDs, !plan.chart.crdObjects.isEmpty {
            output.log.append(
                "level=WARN msg=\"This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies.\"")
        }
        // Helm's coalescing logs through Go's log package, which Helm routes to slog at INFO.
        output.log.append(contentsOf: plan.warnings.map(SlogText.info))
        keepUntilExit(plan)

        // From here on Helm has a release, and `helm template` adds a hint to the error.
        let rendered: (text: String, documents: [String])
        do {
            rendered = try render(plan: plan, release: release, cluster: cluster)
        } catch {
            // The ERROR lines Helm's lookup logs before the failure it reports.
            if let cluster { output.log.append(contentsOf: cluster.lookup.logLines(forError: error.message)) }
            throw RenderError(error.message + "\n\nUse --debug flag to render out invalid YAML")
        }
        // action.Install: KubeClient.Build and existingResourceConflict (no release yet: no hint).
        if let cluster {
            try cluster.checkManifests(
                rendered.documents, namespace: release.namespace, releaseName: release.releaseName,
                releaseNamespace: release.namespace, isUpgrade: options.isUpgrade)
        }
        try printOutput(rendered.text)
    }

    /// The kubeconfig context's namespace without contacting anything (clientcmd's `Namespace()` as Helm's
    /// `settings.Namespace()` asks it; any problem reading the files is no namespace).
    func kubeconfigNamespace() -> String? {
        guard
            let config = try? KubeConfig.load(
                explicitPath: options.kubeconfig, environment: options.environment ?? ProcessInfo.processInfo.environment)
        else { return nil }
        guard let name = options.kubeContext ?? config.currentContext, let namespace = config.contexts[name]?.namespace,
            !namespace.isEmpty
        else { return nil }
        return namespace
    }

    /// pkg/cmd/helpers.go `cmdGetDryRunFlagStrategy` for `helm template`: true for `server`, false for `client`
    /// and the deprecated boolean `true` spellings (with Helm's warning), Helm's error for anything else.
    mutating func dryRunIsServer() throws(RenderError) -> Bool {
        let v = options.dryRun ?? "client"
        switch v {
        case "client": return false
        case "server": return true
        case "none": throw RenderError("invalid dry-run value (\(GoStrconv.quote(v))). Must be \"server\" or \"client\"")
        default: break
        }
        // strconv.ParseBool's spellings.
        switch v {
        case "1", "t", "T", "TRUE", "true", "True":
            output.log.append(
                "level=WARN msg=" + slogQuote("boolean '--dry-run=\(v)' flag is deprecated and must be replaced with '--dry-run=client'"))
            return false
        case "0", "f", "F", "FALSE", "false", "False":
            throw RenderError("invalid dry-run value (\(GoStrconv.quote(v))). Must be \"server\" or \"client\"")
        default:
            throw RenderError("invalid dry-run value (\(GoStrconv.quote(v))). Must be \"none\", \"server\", or \"client\"")
        }
    }

    /// The `--set…` arguments.
    var setValues: SetValues {
        SetValues(
            json: options.setJSONValues, set: options.setValues, string: options.setStringValues,
            file: options.setFileValues, literal: options.setLiteralValues)
    }

    /// values.Options.MergeValues: the `-f` files, then the `--set…` arguments in Helm's order.
    func mergeValues() throws(RenderError) -> [String: Value] {
        try HelmRenderer.mergeValues(
            valueFiles: options.valueFiles, setValues: setValues,
            relativeTo: options.baseDirectory,
            standardInput: StandardInput(options.standardInput))
    }

    /// Action.renderResources, then the hooks as pkg/cmd/template.go adds them: the text `helm template`
    /// prints without `--show-only` (with `--output-dir`, files are written and only a newline is left).
    mutating func render(
        plan: RenderPlan, release: ReleaseOptions, cluster: LiveCluster?
    ) throws(RenderError) -> (text: String, documents: [String]) {
        let caps = try makeCapabilities(release)
        let constraint = plan.chart.metadata.kubeVersion
        // renderResources checks against `KubeVersion.String()` and names `KubeVersion.Version`.
        if !constraint.isEmpty, !Semver.isCompatibleRange(constraint, caps.kubeVersion.constraintVersion) {
            throw RenderError(
                "chart requires kubeVersion: \(constraint) which is incompatible with Kubernetes "
                    + caps.kubeVersion.version)
        }

        let parsed = try ParsedTemplates.parse(plan, functions: cluster?.functions() ?? FunctionLibrary.helm)
        keepUntilExit(parsed)
        var files: [String: String] = [:]
        for (name, text) in try parsed.render() {
            // NOTES.txt (of any chart, and any file whose name merely ends so) is not a manifest.
            if name.hasSuffix("NOTES.txt") { continue }
            files[name] = text
        }

        let sorted: SortedManifests
        do {
            sorted = try Manifests.sort(files: files)
        } catch {
            for types in error.skippedHookTypes { output.log.append(skippedHookLine(types)) }
            throw RenderError(error.message)
        }
        for types in sorted.skippedHookTypes { output.log.append(skippedHookLine(types)) }
        keepUntilExit((files, sorted))

        var manifestDoc = ""
        // The release manifest's documents, as Helm's KubeClient.Build reads them (CRDs first when included).
        var documents: [String] = []
        var written: Set<String> = []
        if options.includeCRDs {
            for crd in plan.chart.crdObjects {
                let text = String(decoding: crd.file.data, as: UTF8.self)
                // With --output-dir the release manifest stays empty: Helm builds (and checks) nothing.
                if options.outputDir == nil { documents += Manifests.split(text) }
                if let dir = options.outputDir {
                    try writeToFile(
                        resolveOutput(dir), display: dir, crd.filename, text,
                        append: written.contains(crd.filename))
                    written.insert(crd.filename)
                } else {
                    manifestDoc += "---\n# Source: \(crd.filename)\n\(text)\n"
                }
            }
        }
        for m in sorted.manifests {
            if options.outputDir == nil { documents.append(m.content) }
            if let dir = options.outputDir {
                let (full, display) = releaseDirectory(dir, release.releaseName)
                try writeToFile(full, display: display, m.name, m.content, append: written.contains(m.name))
                written.insert(m.name)
            } else {
                manifestDoc += "---\n# Source: \(m.name)\n\(m.content)\n"
            }
        }

        // pkg/cmd/template.go
        var out = manifestDoc.goTrimSpace() + "\n"
        if !options.noHooks {
            var hookWritten: Set<String> = []
            for h in sorted.hooks {
                if options.skipTests && h.isTest { continue }
                if let dir = options.outputDir {
                    let (full, display) = releaseDirectory(dir, release.releaseName)
                    // An existing file (from this run or an earlier one) is appended to.
                    if FileManager.default.fileExists(atPath: full + "/" + h.path) { hookWritten.insert(h.path) }
                    try writeToFile(full, display: display, h.path, h.manifest, append: hookWritten.contains(h.path))
                } else {
                    out += "---\n# Source: \(h.path)\n\(h.manifest)\n"
                }
            }
        }

        return (out, documents)
    }

    /// pkg/cmd/template.go's printing: everything, or the documents `--show-only` selects, in order.
    mutating func printOutput(_ out: String) throws(RenderError) {
        guard !options.showOnly.isEmpty else {
            output.stdout += out
            return
        }
        let docs = Manifests.split(out)
        var selected: [String] = []
        for f in options.showOnly {
            var missing = true
            for doc in docs {
                guard let path = sourcePath(doc) else { continue }
                guard GoPath.match(f, path) else { continue }
                selected.append(doc)
                missing = false
            }
            if missing { throw RenderError("could not find template \(f) in chart") }
        }
        for doc in selected { output.stdout += "---\n\(doc)\n" }
    }

    func resolveOutput(_ dir: String) -> String { resolve(dir) }

    /// `--output-dir DIR`, or `DIR/NAME` with `--release-name` (filepath.Join, so `./out` prints as `out`).
    func releaseDirectory(_ dir: String, _ name: String) -> (full: String, display: String) {
        guard options.useReleaseName else { return (resolve(dir), dir) }
        let display = goPathClean(dir + "/" + name)
        return (resolve(display), display)
    }

    /// Helm's writeToFile: `DIR/NAME`, parent directories created, the document appended or the file
    /// replaced, then `wrote DIR/NAME` on standard output.
    mutating func writeToFile(
        _ dir: String, display: String, _ name: String, _ data: String,
        append: Bool
    ) throws(RenderError) {
        let path = dir + "/" + name
        let shown = display + "/" + name
        let text = "---\n# Source: \(name)\n\(data)\n"
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw RenderError("mkdir \(parent): \(error.localizedDescription)")
        }
        if append, let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
        } else if !FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) {
            throw RenderError("open \(shown): permission denied")
        }
        output.stdout += "wrote \(shown)\n"
    }
}

/// The path after the chart name in a document's `# Source:` line: Helm's `# Source: [^/]+/(.+)`, the first
/// match anywhere in the document (`[^/]` may cross lines; `.` may not).
func sourcePath(_ doc: String) -> String? {
    let s = Array(doc.utf8)
    let marker = Array("# Source: ".utf8)
    var i = 0
    while i + marker.count <= s.count {
        if s[i] == marker[0], Array(s[i..<i + marker.count]) == marker {
            let j = i + marker.count
            var k = j
            while k < s.count, s[k] != UInt8(ascii: "/") { k += 1 }
            if k > j, k < s.count {
                var e = k + 1
                while e < s.count, s[e] != 0x0A { e += 1 }
                if e > k + 1 { return String(decoding: s[(k + 1)..<e], as: UTF8.self) }
            }
        }
        i += 1
    }
    return nil
}

/// A line of Go's slog text handler as Helm configures it: `level=ERROR msg="…" error="…"`.
func slogLine(_ message: String, error: String) -> String {
    "level=ERROR msg=\(slogQuote(message)) error=\(slogQuote(error))"
}

/// Helm's INFO line for a document whose `helm.sh/hook` names an unknown event.
func skippedHookLine(_ hookTypes: String) -> String {
    "level=INFO msg=\"skipping unknown hooks\" hookTypes=" + slogQuote(hookTypes)
}

/// slog's TextHandler quoting: values with spaces, `=`, `"` or non-printing characters are Go-quoted.
func slogQuote(_ s: String) -> String { SlogText.quote(s) }

/// pflag's string-slice parsing of one `--api-versions` value: comma-separated CSV fields.
func pflagStringSlice(_ value: String) -> [String] {
    if value.isEmpty { return [] }
    return value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
}

/// Go's `path.Clean` for `/`-separated paths.
func goPathClean(_ p: String) -> String { GoPath.clean(p) }
