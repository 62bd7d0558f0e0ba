// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// An error while loading a chart, carrying Helm's exact message (without the `Error: ` prefix the CLI adds).
public struct ChartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Helm's error text, e.g. `cannot load values.yaml: cannot unmarshal yaml document: …`.
    public var message: String

    /// Creates an error with Helm's message text.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// One file of a chart: its path relative to the chart root (always `/`-separated) and its bytes.
public struct ChartFile: Sendable, Equatable {
    /// Path relative to the chart root, e.g. `templates/NOTES.txt` or `config/app.properties`.
    public var name: String
    /// The file's bytes, with a leading UTF-8 byte order mark removed (as Helm's directory loader does).
    public var data: [UInt8]

    /// Creates a file entry.
    public init(name: String, data: [UInt8]) {
        self.name = name
        self.data = data
    }

    /// The file's content decoded as UTF-8 (invalid sequences become U+FFFD).
    public var text: String { String(decoding: data, as: UTF8.self) }
}

/// A chart loaded from disk (or, later, from an archive), with its subcharts: Helm's `chart.Chart`.
public struct LoadedChart: Sendable {
    /// The typed contents of `Chart.yaml`.
    public var metadata: ChartMetadata
    /// The raw text of `values.yaml`, when the chart has one.
    public var valuesText: String?
    /// The chart's default values, as `loader.LoadValues` produces them (documents merged; every number a
    /// `float64`). Empty when there is no `values.yaml`.
    public var values: [String: Value]
    /// The raw bytes of `values.schema.json`, when present.
    public var schema: [UInt8]?
    /// Every file under `templates/` (names keep the `templates/` prefix).
    public var templates: [ChartFile]
    /// The files templates see through `.Files`: everything that is not `Chart.yaml`, `values.yaml`,
    /// `values.schema.json`, a lock file, a template or a subchart (`crds/` files are included).
    public var files: [ChartFile]
    /// Every file that was loaded, in load order (Helm's `chart.Raw`).
    public var raw: [ChartFile]
    /// The subcharts found under `charts/` (Helm's `chart.Dependencies()`), in name order.
    public var dependencies: [LoadedChart]
    /// Whether this chart is the top of the tree (`.Chart.IsRoot`).
    public var isRoot: Bool
    /// The chart's path in the tree, as Helm's `ChartFullPath`: `conf`, `conf/charts/sub`. It is built from
    /// metadata names (so an aliased subchart shows its alias), not from directory names.
    public var fullPath: String

    /// Creates a chart; `fullPath` and `isRoot` start as a root chart's and are fixed by `adoptingChildren`.
    public init(
        metadata: ChartMetadata, valuesText: String? = nil, values: [String: Value] = [:],
        schema: [UInt8]? = nil, templates: [ChartFile] = [], files: [ChartFile] = [],
        raw: [ChartFile] = [], dependencies: [LoadedChart] = []
    ) {
        self.metadata = metadata
        self.valuesText = valuesText
        self.values = values
        self.schema = schema
        self.templates = templates
        self.files = files
        self.raw = raw
        self.dependencies = dependencies
        self.isRoot = true
        self.fullPath = metadata.name
        self.assignPaths(parentPath: nil)
    }

    /// The chart's name (`Chart.yaml` `name`).
    public var name: String { metadata.name }

    /// Whether Helm treats the chart as a library chart (`type: library`, any case).
    public var isLibrary: Bool { metadata.type.lowercased() == "library" }

    /// Recomputes `fullPath` and `isRoot` for this chart and all its subcharts.
    public mutating func assignPaths(parentPath: String?) {
        if let parentPath {
            isRoot = false
            fullPath = parentPath + "/charts/" + metadata.name
        } else {
            isRoot = true
            fullPath = metadata.name
        }
        let myPath = fullPath
        for i in dependencies.indices {
            dependencies[i].assignPaths(parentPath: myPath)
        }
    }

    /// The chart's subchart with the given (metadata) name, if any.
    public func dependency(named name: String) -> LoadedChart? {
        dependencies.first { $0.metadata.name == name }
    }

    /// The `crds/` files of this chart and its subcharts (`.yaml`, `.yml`, `.json`), as Helm's `CRDObjects`:
    /// `filename` is the path including the chart's full path.
    public var crdObjects: [(filename: String, file: ChartFile)] {
        var out: [(filename: String, file: ChartFile)] = []
        for f in files where f.name.hasPrefix("crds/") {
            let lower = f.name.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") {
                out.append((fullPath + "/" + f.name, f))
            }
        }
        for d in dependencies { out += d.crdObjects }
        return out
    }
}

/// A symbolic link inside a chart directory whose target's contents were loaded (Helm's `sympath.Walk`).
public struct FollowedLink: Sendable, Equatable {
    /// The link's absolute path inside the chart.
    public var path: String
    /// Where it leads, every link resolved.
    public var resolved: String

    /// Creates a record of a followed link.
    public init(path: String, resolved: String) {
        self.path = path
        self.resolved = resolved
    }

    /// Helm's log line for it, as its slog text handler writes it to standard error:
    /// `level=INFO msg="found symbolic link in path. Contents of linked file included and used" path=… resolved=…`.
    public var logLine: String {
        "level=INFO msg=\"found symbolic link in path. Contents of linked file included and used\" path="
            + SlogText.quote(path) + " resolved=" + SlogText.quote(resolved)
    }
}
