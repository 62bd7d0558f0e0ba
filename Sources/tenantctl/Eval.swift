// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import ArgumentParser
import Chart
import Engine
import GoRuntime

/// `tenantctl eval CHART TEMPLATE`: render one template file of a chart, raw, as Helm would render it.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Render one template file of a chart exactly as Helm would, and print the raw result.",
        discussion: """
            TEMPLATE is the file's path inside CHART, such as templates/NOTES.txt or templates/deployment.yaml. \
            The file sees the same .Values (the chart's values.yaml, then each -f, then --set-json, --set, \
            --set-string, --set-file and --set-literal, in that order, whatever their order on the command line), \
            .Release, .Chart, .Capabilities, .Files and helper templates as under `helm template`. The output is \
            printed byte for byte, with no YAML processing; missing values print nothing, as in Helm.

            Examples:
              tenantctl eval ./mychart templates/NOTES.txt
              tenantctl eval ./mychart templates/deployment.yaml -f prod.yaml --set image.tag=v2
              tenantctl eval ./mychart templates/configmap.yaml --set-file script=./init.sh --set-json 'ports=[80,443]'

            Exit status: 0 on success; 1 when the chart, the values or the template fails (the error, as Helm \
            words it, goes to standard error).
            """
    )

    @Argument(help: "The chart directory.")
    var chart: String

    @Argument(help: "The template file to render, relative to the chart (e.g. templates/NOTES.txt).")
    var template: String

    @Option(
        name: [.customShort("f"), .customLong("values")],
        help: ArgumentHelp("A values file (YAML), or - for standard input; repeat to layer several, later ones win.", valueName: "file"))
    var valueFiles: [String] = []

    @OptionGroup var sets: SetFlags

    @Option(name: .customLong("release-name"), help: ArgumentHelp("The release name (.Release.Name).", valueName: "name"))
    var releaseName = "release-name"

    @Option(name: [.customShort("n"), .customLong("namespace")], help: ArgumentHelp("The namespace (.Release.Namespace).", valueName: "namespace"))
    var namespace = "default"

    @Option(
        name: .customLong("kube-version"), help: ArgumentHelp("The Kubernetes version for .Capabilities.KubeVersion (default v1.35.0).", valueName: "version"))
    var kubeVersion: String?

    @Option(
        name: [.customShort("a"), .customLong("api-versions")],
        help: ArgumentHelp("Extra API versions for .Capabilities.APIVersions.", valueName: "group/version"))
    var apiVersions: [String] = []

    @Flag(name: .customLong("skip-schema-validation"), help: "Do not validate values against the charts' values.schema.json.")
    var skipSchemaValidation = false

    func run() throws {
        var options = ReleaseOptions(releaseName: releaseName, namespace: namespace)
        if let kubeVersion { options.kubeVersion = kubeVersion }
        options.apiVersions = apiVersions
        options.skipSchemaValidation = skipSchemaValidation
        do {
            let out = try HelmRenderer.evalFile(
                chartDirectory: chart, template: template, valueFiles: valueFiles,
                setValues: sets.values, options: options
            ) {
                // Helm's loader logs every symbolic link it follows (INFO, on standard error) as it meets it.
                writeStderr($0.logLine + "\n")
            }
            writeStdout(out)
        } catch {
            writeError(error.message)
            throw ExitCode(1)
        }
    }
}
