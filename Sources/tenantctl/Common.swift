// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Chart
import Foundation
import Kube
import ReleaseStore
import Tenancy

/// Where state, objects and tenants live; every release command takes these.
struct PlaceOptions: ParsableArguments {
    @Option(name: .customLong("state"), help: ArgumentHelp("The SQLite state file (default $TENANTCTL_STATE, else .tenantctl/state.db).", valueName: "path"))
    var state: String?

    @Option(name: .customLong("deploy-dir"), help: ArgumentHelp("Where rendered objects are written, one folder per tenant.", valueName: "dir"))
    var deployDir = "deploy"

    @Option(name: .customLong("tenants-dir"), help: ArgumentHelp("The folder with tiers.yaml and one <tenant>.yaml per tenant.", valueName: "dir"))
    var tenantsDir = "tenants"

    @Option(
        name: .customLong("history-max"),
        help: ArgumentHelp("Revisions kept per tenant when a change is recorded; older ones are pruned, never the deployed one (0 keeps all).", valueName: "n"))
    var historyMax = 10

    @Option(name: .customLong("config"), help: ArgumentHelp("The project file (default tenantctl.yaml, when present).", valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("target"),
        help: ArgumentHelp(
            "Where objects go: directory (deploy/<tenant>/) or kubernetes (default $TENANTCTL_TARGET, else the project file's target:, else directory).",
            valueName: "kind"))
    var target: String?

    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            "Where release records go: sqlite, kubernetes or postgres (default $TENANTCTL_STORE, else the project file's store:, else sqlite).",
            valueName: "kind"))
    var store: String?

    @Option(
        name: .customLong("store-url"),
        help: ArgumentHelp(
            "The PostgreSQL URL for --store postgres (default $TENANTCTL_POSTGRES_URL, else the project file's postgres.url:).", valueName: "url"))
    var storeURL: String?

    @Option(
        name: .customLong("kubeconfig"),
        help: ArgumentHelp("The kubeconfig file (default $KUBECONFIG, else the project file's kubernetes.kubeconfig:, else ~/.kube/config).", valueName: "path")
    )
    var kubeconfig: String?

    @Option(
        name: .customLong("kube-context"),
        help: ArgumentHelp("The kubeconfig context (default the project file's kubernetes.context:, else the current one).", valueName: "name"))
    var kubeContext: String?

    @Option(name: .customLong("qps"), help: ArgumentHelp("Requests per second to the API server, on average (default 50).", valueName: "n"))
    var qps: Double?

    @Option(name: .customLong("burst"), help: ArgumentHelp("Requests to the API server allowed at once above --qps (default 100).", valueName: "n"))
    var burst: Int?

    func validate() throws {
        if historyMax < 0 { throw ValidationError("--history-max must be 0 (keep all) or more, not \(historyMax)") }
    }

    /// The context for a command: the places given, and the release settings resolved from the flags, the
    /// environment and the project file (flag > environment > file > default).
    func context(chart: String? = nil) throws -> Context {
        var c = Context(statePath: state, deployRoot: deployDir, chartPath: chart, tenantsDirectory: tenantsDir)
        c.historyMax = historyMax
        // Helm's loader logs every symbolic link it follows in a chart directory (INFO, on standard error).
        c.followedLink = { writeStderr($0.logLine + "\n") }
        let file: ProjectFile
        do { file = try ProjectFile.load(config) } catch {
            writeError(error.message)
            throw ExitCode(1)
        }
        let flags = ReleaseSettings.Flags(
            target: target, store: store, kubeconfig: kubeconfig, kubeContext: kubeContext, qps: qps, burst: burst, storeURL: storeURL)
        c.settings = try perform { () throws(ActionError) in
            try ReleaseSettings.resolve(flags: flags, environment: ProcessInfo.processInfo.environment, file: file.sections, filePath: file.path)
        }
        KubeStats.watch(c)
        return c
    }
}

/// `--version` and `--repo`: take the chart from a chart repository folder instead of a chart directory.
struct ChartVersionOptions: ParsableArguments {
    @Option(
        name: .customLong("version"),
        help: ArgumentHelp(
            "A chart version or Helm semver constraint (\"1.2.3\", \"^1.0\", \">=1.1 <2\"): the newest matching archive in the repository folder (--repo). Without it, --chart's directory is used.",
            valueName: "constraint"))
    var version: String?

    @Option(
        name: .customLong("repo"),
        help: ArgumentHelp(
            "The chart repository folder for --version: its index.yaml and .tgz files, as `tenantctl package -d` writes them (default charts/repo).",
            valueName: "dir"))
    var repo: String?

    /// The chart path to load: with --version, the resolved archive of the chart named by --chart's last path
    /// component (default tenant-app); otherwise `chart` as given.
    func chartPath(_ chart: String?) throws -> String? {
        guard let version else { return chart }
        let name = chart.map { ($0 as NSString).lastPathComponent } ?? "tenant-app"
        return try perform { () throws(ActionError) in
            try ChartRepository.resolve(
                name: name, constraint: version,
                directory: repo ?? ChartRepository.defaultDirectory)
        }
    }
}

/// Helm's `--set` family, shared by every command that takes values.
struct SetFlags: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Set a value: key=value, several separated by commas. a.b=x nests, a[0]=x indexes a list, a={x,y} is a list, \\, escapes a comma; true, false, null and integers are typed (--set replicas=3,debug=true).",
            valueName: "key=value"))
    var set: [String] = []

    @Option(
        name: .customLong("set-string"),
        help: ArgumentHelp("Like --set, but every value is a string (--set-string tag=1.10 keeps \"1.10\").", valueName: "key=value"))
    var setString: [String] = []

    @Option(
        name: .customLong("set-json"),
        help: ArgumentHelp(
            "Set JSON values: key=jsonval, several separated by commas (--set-json 'ports=[80,443],tls={\"on\":true}'; key= is null), or a JSON object merged into the values (--set-json '{\"a\":{\"b\":1}}'). Numbers are float64.",
            valueName: "key=json"))
    var setJSON: [String] = []

    @Option(
        name: .customLong("set-file"),
        help: ArgumentHelp(
            "Set a value to a file's contents, as a string: key=path, several separated by commas (--set-file script=./init.sh); - reads standard input.",
            valueName: "key=path"))
    var setFile: [String] = []

    @Option(
        name: .customLong("set-literal"),
        help: ArgumentHelp(
            "Set one value to everything after the first =, verbatim (commas, =, braces and backslashes included); the key nests as in --set (--set-literal 'db.password=a,b=c\\d').",
            valueName: "key=text"))
    var setLiteral: [String] = []

    /// The arguments as the engine applies them.
    var values: SetValues {
        SetValues(json: setJSON, set: set, string: setString, file: setFile, literal: setLiteral)
    }
}

/// `-f` and the `--set` family.
struct ValuesFlags: ParsableArguments {
    @Option(
        name: [.customShort("f"), .customLong("values")],
        help: ArgumentHelp("A values file layered over the tenant's file, or - for standard input; repeat for several, later ones win.", valueName: "file"))
    var files: [String] = []

    @OptionGroup var sets: SetFlags

    var options: ValuesOptions { ValuesOptions(files: files, setValues: sets.values) }
}

/// `-o table|json|yaml`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, yaml
}

/// Runs an action, printing `Error: …` and exiting 1 when it fails.
func perform<T>(_ body: () throws(ActionError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        writeError(error.message)
        throw ExitCode(1)
    }
}

/// A release as machines read it (`-o json|yaml`).
struct ReleaseRow: Encodable {
    var tenant: String
    var revision: Int
    var status: String
    var tier: String
    var chart: String
    var appVersion: String
    var updated: String
    var description: String
    /// True for a revision rendered while the tenant slept (`tenantctl hibernate`); left out otherwise.
    var hibernated: Bool?

    init(_ r: Release) {
        tenant = r.tenant
        revision = r.revision
        status = r.status.rawValue
        tier = r.labels["tier"] ?? ""
        chart = r.chart.nameAndVersion
        appVersion = r.chart.appVersion
        updated = Timestamp.format(r.lastDeployed, fractional: false)
        description = r.description
        hibernated = Hibernation.isHibernated(r) ? true : nil
    }
}

/// Prints `value` as JSON (sorted keys) or YAML.
func printMachine<T: Encodable>(_ value: T, _ format: OutputFormat) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return }
    let json = String(decoding: data, as: UTF8.self)
    if format == .yaml, let yaml = ValuesYAML.fromJSON(json) {
        writeStdout(yaml)
    } else {
        writeStdout(json + "\n")
    }
}

/// User text (a `--description`, anything stored and printed back) made safe for a terminal and a table:
/// control characters — C0, DEL and C1, which start terminal escape sequences — are printed as Go's `%q`
/// escapes them (`\x1b`, `\n`, `\u009b`), and a backslash as `\\` so that an escape cannot be forged.
/// Machine output (`-o json`, `-o yaml`) keeps the text exact.
func printable(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += String(format: "\\x%02x", scalar.value)
            } else if (0x80...0x9f).contains(scalar.value) {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

/// Prints rows as an aligned table with a header; every cell goes through ``printable(_:)``.
func printTable(_ header: [String], _ rows: [[String]]) {
    let rows = rows.map { $0.map(printable) }
    var widths = header.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    var out = ""
    for row in [header] + rows {
        var line = ""
        for (i, cell) in row.enumerated() {
            line += i == row.count - 1 ? cell : cell.padding(toLength: widths[i] + 3, withPad: " ", startingAt: 0)
        }
        out += line + "\n"
    }
    writeStdout(out)
}

/// The table `history` and `list` print.
func printReleases(_ releases: [Release], _ format: OutputFormat, tenantColumn: Bool) {
    if format != .table { return printMachine(releases.map(ReleaseRow.init), format) }
    let header = (tenantColumn ? ["TENANT"] : []) + ["REVISION", "UPDATED", "STATUS", "TIER", "CHART", "APP VERSION", "DESCRIPTION"]
    printTable(
        header,
        releases.map { r in
            let row = ReleaseRow(r)
            let status = row.hibernated == true ? row.status + " (hibernated)" : row.status
            return (tenantColumn ? [r.tenant] : []) + [String(r.revision), row.updated, status, row.tier, row.chart, row.appVersion, row.description]
        })
}

/// What a mutating command prints on success.
func printResult(_ verb: String, _ result: ReleaseResult) {
    let r = result.release
    var out = result.dryRun ? "\(verb) of \(r.tenant) (dry run): nothing recorded, nothing written.\n" : ""
    if result.registered { out += "Registered tenant \(r.tenant) (tier \(r.labels["tier"] ?? "?")).\n" }
    out += """
        TENANT: \(r.tenant)
        NAMESPACE: \(TenantName.namespace(r.tenant))
        TIER: \(r.labels["tier"] ?? "")
        REVISION: \(r.revision)
        STATUS: \(r.status)
        CHART: \(r.chart.nameAndVersion)
        DESCRIPTION: \(printable(r.description))

        """
    if result.dryRun { out += "MANIFEST:\n" + r.manifest }
    if !r.notes.isEmpty { out += "NOTES:\n" + r.notes + (r.notes.hasSuffix("\n") ? "" : "\n") }
    writeStdout(out)
}

/// `TENANTCTL_KUBE_STATS=1`: at exit, how many requests the command sent to the API server, on standard error
/// (`kube: 14 requests to https://…`), for benchmarks and for seeing what a command costs the server.
enum KubeStats {
    nonisolated(unsafe) private static var watched: Context?

    static func watch(_ context: Context) {
        guard let flag = context.environment["TENANTCTL_KUBE_STATS"], !flag.isEmpty, flag != "0", watched == nil else { return }
        watched = context
        atexit {
            guard let client = KubeStats.watched?.madeKubeClient else { return }
            writeStderr("kube: \(client.requestCount) requests to \(client.server)\n")
        }
    }
}
