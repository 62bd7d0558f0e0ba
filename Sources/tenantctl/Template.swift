import Actions
// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ArgumentParser
import Engine
import ProcessTuning

/// `tenantctl template [NAME] CHART`: render a whole chart as `helm template` does, byte for byte.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render a chart's manifests locally, exactly as `helm template` prints them.",
        discussion: """
            CHART is a chart directory or a packaged chart (.tgz). NAME is the release name (.Release.Name); \
            without it the release is called release-name, as in Helm.

            Every template of the chart and its subcharts is rendered with the chart's values.yaml, then each \
            -f file in order, then the --set family in Helm's fixed order, whatever the order on the command \
            line: --set-json, --set, --set-string, --set-file, --set-literal (a later one wins over an earlier \
            one for the same key; within a flag, the order given). The results are split into YAML documents: \
            NOTES.txt and empty documents are dropped, documents annotated helm.sh/hook are hooks, and the rest \
            are sorted by kind in Helm's install order (Namespace, ServiceAccount, Secret, ConfigMap, … \
            Deployment, … webhooks; unknown kinds last, alphabetically). Each document is printed after \
            `---` and a `# Source: CHART/templates/FILE` line, hooks after the ordinary manifests. Files under \
            crds/ are only printed with --include-crds.

            With --dry-run=server the chart is rendered against the cluster of --kubeconfig/--kube-context, as \
            `helm template --dry-run=server` does: .Capabilities.KubeVersion and .Capabilities.APIVersions come \
            from the server (--kube-version and --api-versions are ignored), lookup returns live objects, the \
            chart's kubeVersion is checked against the server's version, every object's kind must be served \
            (`no matches for kind … ensure CRDs are installed first`), and an object that already exists without \
            this release's Helm ownership marks is refused (not with --is-upgrade). Nothing is changed in the \
            cluster.

            Examples:
              tenantctl template ./mychart
              tenantctl template acme ./mychart -n tenant-a -f prod.yaml --set tag=v2
              tenantctl template acme ./mychart --set-json 'resources={"limits":{"cpu":"1"}}' --set-file conf=./app.ini
              tenantctl template acme ./mychart --set-literal 'db.password=p@ss,w=rd' --set-string image.tag=010
              tenantctl template acme ./mychart-1.2.0.tgz --kube-version 1.31.0
              tenantctl template acme ./mychart -a monitoring.coreos.com/v1
              tenantctl template acme ./mychart -s 'templates/*.yaml'
              tenantctl template acme ./mychart --output-dir out
              tenantctl template acme ./mychart --dry-run=server --kubeconfig ~/.kube/config --kube-context prod

            Exit status: 0 on success; 1 when the chart, the values, a template or a manifest fails. The error \
            goes to standard error in Helm's words (`Error: execution error at (mychart/templates/x.yaml:3:4): \
            …`), and nothing is printed on standard output.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "[NAME] CHART: an optional release name, then the chart directory or .tgz.",
            valueName: "name-and-chart"))
    var arguments: [String] = []

    @Option(
        name: [.customShort("f"), .customLong("values")],
        help: ArgumentHelp("A values file (YAML), or - for standard input; repeat to layer several, later ones win.", valueName: "file"))
    var valueFiles: [String] = []

    @OptionGroup var sets: SetFlags

    @Option(
        name: [.customShort("n"), .customLong("namespace")],
        help: ArgumentHelp(
            "The namespace (.Release.Namespace; default: the kubeconfig context's namespace, else default), as Helm reads it.", valueName: "namespace"))
    var namespace: String?

    @Option(
        name: .customLong("dry-run"),
        help: ArgumentHelp(
            "client (default): render without a cluster; server: render against the live cluster (live .Capabilities and lookup, Helm's checks against the server).",
            valueName: "client|server"))
    var dryRun: String?

    @Flag(name: .customLong("validate"), help: "Deprecated (as in Helm): the same as --dry-run=server.")
    var validate = false

    @Option(
        name: .customLong("kubeconfig"),
        help: ArgumentHelp("The kubeconfig file for --dry-run=server and the default namespace (default: KUBECONFIG, then ~/.kube/config).", valueName: "file"))
    var kubeconfig: String?

    @Option(
        name: .customLong("kube-context"),
        help: ArgumentHelp("The kubeconfig context for --dry-run=server and the default namespace (default: the current context).", valueName: "context"))
    var kubeContext: String?

    @Option(
        name: .customLong("kube-version"),
        help: ArgumentHelp("The Kubernetes version for .Capabilities.KubeVersion and the chart's kubeVersion check (default v1.35.0).", valueName: "version"))
    var kubeVersion: String?

    @Option(
        name: [.customShort("a"), .customLong("api-versions")],
        help: ArgumentHelp("Extra API versions for .Capabilities.APIVersions; repeat or separate with commas.", valueName: "group/version"))
    var apiVersions: [String] = []

    @Flag(name: .customLong("skip-schema-validation"), help: "Do not validate values against the charts' values.schema.json.")
    var skipSchemaValidation = false

    @Flag(name: .customLong("is-upgrade"), help: "Set .Release.IsUpgrade instead of .Release.IsInstall.")
    var isUpgrade = false

    @Option(
        name: [.customShort("s"), .customLong("show-only")],
        help: ArgumentHelp("Print only documents rendered from this template (relative to the chart, globs allowed); repeatable.", valueName: "path"))
    var showOnly: [String] = []

    @Option(
        name: .customLong("output-dir"),
        help: ArgumentHelp("Write each template's documents to DIR/CHART/templates/FILE instead of standard output.", valueName: "dir"))
    var outputDir: String?

    @Flag(name: .customLong("release-name"), help: "With --output-dir, write under DIR/NAME/ (NAME is the release name).")
    var useReleaseName = false

    @Flag(name: .customLong("include-crds"), help: "Also print the files under each chart's crds/ directory, first.")
    var includeCRDs = false

    @Flag(name: .customLong("skip-crds"), help: "Accepted for Helm compatibility; `template` prints crds/ only with --include-crds.")
    var skipCRDs = false

    @Flag(name: .customLong("skip-tests"), help: "Leave out test hooks (helm.sh/hook: test).")
    var skipTests = false

    @Flag(name: .customLong("no-hooks"), help: "Leave out every hook.")
    var noHooks = false

    func run() throws {
        var options = TemplateOptions(arguments: arguments)
        options.valueFiles = valueFiles
        options.setValues = sets.set
        options.setStringValues = sets.setString
        options.setJSONValues = sets.setJSON
        options.setFileValues = sets.setFile
        options.setLiteralValues = sets.setLiteral
        options.namespace = namespace ?? "default"
        options.namespaceGiven = namespace != nil
        options.dryRun = dryRun
        options.validate = validate
        options.kubeconfig = kubeconfig
        options.kubeContext = kubeContext
        options.skipCRDs = skipCRDs
        options.kubeVersion = kubeVersion
        options.apiVersions = apiVersions
        options.skipSchemaValidation = skipSchemaValidation
        options.isUpgrade = isUpgrade
        options.showOnly = showOnly
        options.outputDir = outputDir
        options.useReleaseName = useReleaseName
        options.includeCRDs = includeCRDs
        options.skipTests = skipTests
        options.noHooks = noHooks
        options.keepUntilExit = { ProcessLifetime.keep($0) }  // the process exits right after printing

        let result = HelmTemplate.run(options)
        writeStdout(result.stdout)
        writeStderr(result.stderr)
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}
