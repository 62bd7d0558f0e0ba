// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import ProcessSupport

/// Loads charts from directories the way Helm v4's `loader.Load` does for `apiVersion` v1 and v2 charts.
public enum ChartDirectory {
    /// Loads the chart in `directory` with its subcharts, honouring the top-level `.helmignore`.
    ///
    /// Errors carry Helm's messages, e.g. `cannot load values.yaml: …`, `validation: chart.metadata.name is
    /// required`, `error unpacking subchart sub in conf: …`.
    ///
    /// Every symbolic link followed is reported to `followedLink` as it is met (Helm logs it then, so the
    /// links met before a failure are reported too); the caller decides whether to print.
    public static func load(
        directory: String, followedLink: (FollowedLink) -> Void = { _ in }
    ) throws(ChartError) -> LoadedChart {
        let top = absolutePath(directory)
        let chartYAML = top + "/Chart.yaml"
        guard let data = FileManager.default.contents(atPath: chartYAML) else {
            throw ChartError("unable to detect chart at \(chartYAML): open \(chartYAML): no such file or directory")
        }
        // pkg/chart/loader: a first look at apiVersion picks the loader.
        let apiVersion = try detectAPIVersion(String(decoding: stripBOM(Array(data)), as: UTF8.self))
        switch apiVersion {
        case "", "v1", "v2": break
        case "v3": throw ChartError("apiVersion v3 charts are not supported by tenantctl yet")
        default: throw ChartError("unsupported chart version")
        }

        var rules = HelmIgnoreRules()
        let ignorePath = top + "/.helmignore"
        if let ignoreData = FileManager.default.contents(atPath: ignorePath) {
            rules = try HelmIgnoreRules(parsing: String(decoding: Array(ignoreData), as: UTF8.self))
        }
        rules.addDefaults()

        var files: [ChartFile] = []
        try walk(root: top, relative: "", rules: rules, into: &files, followedLink: followedLink)
        return try loadFiles(files)
    }

    /// Builds a chart from in-memory files named relative to the chart root (Helm's `LoadFiles`); the
    /// directory loader and the archive loader (`ChartArchive`) both end here. A `.tgz` under `charts/` is
    /// unpacked as a subchart.
    public static func loadFiles(_ files: [ChartFile]) throws(ChartError) -> LoadedChart {
        // Subcharts' files by subchart (names relative to `charts/`), and this chart's own files in order.
        var own: [ChartFile] = []
        var subchartFiles: [String: [ChartFile]] = [:]
        for f in files {
            guard f.name.hasPrefix("charts/"), goPathExt(f.name) != ".prov" else {
                own.append(f)
                continue
            }
            let rest = String(f.name.dropFirst("charts/".count))
            let cname =
                rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                .first.map(String.init) ?? rest
            subchartFiles[cname, default: []].append(ChartFile(name: rest, data: f.data))
        }
        let subcharts = subchartFiles.keys
            .sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }
            .map { (name: $0, files: subchartFiles[$0] ?? []) }

        // The chart's own files and every subchart load at once, on all cores; errors are then reported in
        // Helm's order (this chart's files first, then its subcharts by name).
        let ownResult: Result<OwnParts, ChartError>
        var subResults: [Result<LoadedChart, ChartError>] = []
        if subcharts.isEmpty {
            ownResult = Result { () throws(ChartError) in try loadOwn(own) }
        } else {
            let own = own
            let results = Parallel.map(subcharts.count + 1) { i -> Loaded in
                if i == 0 { return .own(Result { () throws(ChartError) in try loadOwn(own) }) }
                return .subchart(Result { () throws(ChartError) in try loadSubchart(subcharts[i - 1]) })
            }
            guard case .own(let first) = results[0] else { throw ChartError("internal: chart load order") }
            ownResult = first
            for r in results.dropFirst() { if case .subchart(let sr) = r { subResults.append(sr) } }
        }
        let parts = try ownResult.get()
        let md = parts.metadata

        var deps: [LoadedChart] = []
        for (i, sub) in subcharts.enumerated() {
            let n = sub.name
            if goPathExt(n) == ".tgz", let file = sub.files.first, file.name != n {
                throw ChartError("error unpacking subchart tar in \(md.name): expected \(n), got \(file.name)")
            }
            switch subResults[i] {
            case .success(let chart): deps.append(chart)
            case .failure(let error):
                throw ChartError("error unpacking subchart \(n) in \(md.name): \(error.message)")
            }
        }

        return LoadedChart(
            metadata: md, valuesText: parts.valuesText, values: parts.values, schema: parts.schema,
            templates: parts.templates, files: parts.chartFiles, raw: files, dependencies: deps)
    }

    /// What a chart's own files (everything but its subcharts) give.
    private struct OwnParts: Sendable {
        var metadata: ChartMetadata
        var valuesText: String?
        var values: [String: Value]
        var schema: [UInt8]?
        var templates: [ChartFile]
        var chartFiles: [ChartFile]
    }

    private enum Loaded: Sendable {
        case own(Result<OwnParts, ChartError>)
        case subchart(Result<LoadedChart, ChartError>)
    }

    /// Chart.yaml, values, schema, requirements, templates and other files, in Helm's order of checks.
    private static func loadOwn(_ files: [ChartFile]) throws(ChartError) -> OwnParts {
        var metadata: ChartMetadata?
        for f in files where f.name == "Chart.yaml" {
            do {
                var md = try ChartMetadata.decode(yaml: f.text)
                if md.apiVersion.isEmpty { md.apiVersion = "v1" }
                metadata = md
            } catch {
                throw ChartError("cannot load Chart.yaml: " + error.message)
            }
        }

        var valuesText: String?
        var values: [String: Value] = [:]
        var schema: [UInt8]?
        var templates: [ChartFile] = []
        var chartFiles: [ChartFile] = []

        for f in files {
            switch f.name {
            case "Chart.yaml":
                continue
            case "Chart.lock":
                continue
            case "values.yaml":
                do {
                    valuesText = f.text
                    values = try ValuesLoader.load(bytes: f.data)
                } catch {
                    throw ChartError("cannot load values.yaml: " + error.message)
                }
            case "values.schema.json":
                schema = f.data
            case "requirements.yaml":
                var md = metadata ?? ChartMetadata()
                do {
                    try md.overlay(yaml: f.text)
                } catch {
                    throw ChartError("cannot load requirements.yaml: " + error.message)
                }
                metadata = md
                if md.apiVersion == "v1" { chartFiles.append(f) }
            case "requirements.lock":
                let md = metadata ?? ChartMetadata()
                if md.apiVersion == "v1" { chartFiles.append(f) }
                metadata = md
            default:
                if f.name.hasPrefix("templates/") {
                    templates.append(f)
                } else {
                    chartFiles.append(f)
                }
            }
        }

        guard var md = metadata else { throw ChartError("Chart.yaml file is missing") }
        try md.validate()
        return OwnParts(
            metadata: md, valuesText: valuesText, values: values, schema: schema,
            templates: templates, chartFiles: chartFiles)
    }

    /// One subchart: an archive (`charts/NAME.tgz`) or a directory's files (names under `charts/NAME/`).
    private static func loadSubchart(_ sub: (name: String, files: [ChartFile])) throws(ChartError) -> LoadedChart {
        if goPathExt(sub.name) == ".tgz", let file = sub.files.first {
            // A misnamed entry is reported by the caller, which knows the parent's name.
            guard file.name == sub.name else { throw ChartError("misnamed archive") }
            return try ChartArchive.load(archive: file.data)
        }
        var buff: [ChartFile] = []
        for f in sub.files {
            let parts = f.name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            buff.append(ChartFile(name: String(parts[1]), data: f.data))
        }
        return try loadFiles(buff)
    }

    // MARK: - Helpers

    static func detectAPIVersion(_ text: String) throws(ChartError) -> String {
        let doc: Value
        do {
            doc = try YAMLBridge.load(text)
        } catch {
            throw ChartError("cannot load Chart.yaml: error converting YAML to JSON: " + error.description)
        }
        var d = StructDecoder()
        var apiVersion = ""
        switch doc {
        case .null: break
        case .map(let m, _):
            for (_, v) in StructDecoder.orderedFields(m.dictionary, names: ["apiVersion"]) {
                d.string(v, into: &apiVersion, structName: "chartBase", path: ["apiVersion"])
            }
        default:
            d.fail(jsonKind(doc), type: "loader.chartBase", structName: nil, path: [])
        }
        if let e = d.firstError {
            throw ChartError("cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: " + e)
        }
        return apiVersion
    }

    static func absolutePath(_ p: String) -> String {
        var path = p
        if !path.hasPrefix("/") {
            path = FileManager.default.currentDirectoryPath + "/" + path
        }
        // filepath.Clean-ish: drop "." segments, resolve "..", collapse slashes.
        var out: [Substring] = []
        for seg in path.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." {
                if !out.isEmpty { out.removeLast() }
                continue
            }
            out.append(seg)
        }
        return "/" + out.joined(separator: "/")
    }

    static func stripBOM(_ b: [UInt8]) -> [UInt8] {
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return Array(b[3...]) }
        return b
    }

    /// Helm's `sympath.Walk` over the chart directory: names in byte order, symlinks followed (and recorded
    /// to `followedLink`, even when the file is then ignored, as Helm logs them before its ignore rules), ignored
    /// directories skipped whole, files over Helm's `MaxDecompressedFileSize` refused before being read.
    static func walk(
        root: String, relative: String, rules: HelmIgnoreRules,
        into files: inout [ChartFile], followedLink: (FollowedLink) -> Void
    ) throws(ChartError) {
        let dir = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            names = try LocalFiles.list(dir)
        } catch {
            throw ChartError("open \(dir): \(error)")
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let rel = relative.isEmpty ? name : relative + "/" + name
            let full = root + "/" + rel
            guard let kind = LocalFiles.kind(full) else {
                throw ChartError("error evaluating symlink \(full): lstat \(full): no such file or directory")
            }
            // sympath.symwalk: a link is resolved and logged, then walked as what it leads to.
            var resolved: String?
            if LocalFiles.isSymbolicLink(full), let target = LocalFiles.resolvedPath(full) {
                followedLink(FollowedLink(path: full, resolved: target))
                resolved = target
            }
            if kind == .directory {
                if rules.ignores(rel, isDirectory: true) { continue }
                try walk(root: root, relative: rel, rules: rules, into: &files, followedLink: followedLink)
                continue
            }
            if rules.ignores(rel, isDirectory: false) { continue }
            // Helm's DirLoader: `fi.Size()` against MaxDecompressedFileSize, named by `fi.Name()` — the base
            // name of what a link resolves to, since Helm hands on the target's Lstat.
            if let size = LocalFiles.size(full), size > ChartArchive.maxDecompressedFileSize {
                let shown = (resolved ?? full).split(separator: "/").last.map(String.init) ?? name
                throw ChartError(
                    "chart file \(GoStrconv.quote(shown)) is larger than the maximum file size \(ChartArchive.maxDecompressedFileSize)")
            }
            let data: [UInt8]
            do {
                data = try LocalFiles.read(full)
            } catch {
                throw ChartError("error reading \(rel): open \(full): \(error)")
            }
            files.append(ChartFile(name: rel, data: stripBOM(data)))
        }
    }
}

/// Go's `filepath.Ext`.
func goPathExt(_ p: String) -> String {
    var ext = ""
    for c in p.reversed() {
        if c == "/" { return "" }
        ext.insert(c, at: ext.startIndex)
        if c == "." { return ext }
    }
    return ""
}

extension ChartMetadata {
    /// Decodes YAML over this metadata (Go's `yaml.Unmarshal` into an existing struct), as Helm does with
    /// `requirements.yaml`.
    mutating func overlay(yaml text: String) throws(ChartError) {
        let doc: Value
        do {
            doc = try YAMLBridge.load(text)
        } catch {
            throw ChartError("error converting YAML to JSON: " + error.description)
        }
        var d = StructDecoder()
        switch doc {
        case .null: break
        case .map(let m, _): d.decodeMetadata(m.dictionary, into: &self)
        default: d.fail(jsonKind(doc), type: "v2.Metadata", structName: nil, path: [])
        }
        if let e = d.firstError { throw ChartError("error unmarshaling JSON: while decoding JSON: " + e) }
    }
}

/// Helm's `loader.LoadValues`: the text is split into YAML documents the way apimachinery's `YAMLReader`
/// does (lines starting with `---`), each document is decoded with Helm's values typing, and the documents'
/// maps are merged, later ones winning.
public enum ValuesLoader {
    /// Loads values text. Error messages are Helm's without the caller's prefix (`cannot load values.yaml: `
    /// for a chart's own file, `failed to parse <file>: ` for `-f`).
    public static func load(_ text: String) throws(ChartError) -> [String: Value] {
        try load(bytes: Array(text.utf8))
    }

    /// Loads a values file's raw bytes; bytes that are not UTF-8 fail as in Helm (`… yaml: invalid leading
    /// UTF-8 octet`) instead of becoming U+FFFD.
    public static func load(bytes: [UInt8]) throws(ChartError) -> [String: Value] {
        do {
            guard case .map(let m, _) = try YAMLBridge.loadValues(bytes: bytes) else { return [:] }
            return m.dictionary
        } catch {
            throw ChartError(error.description)
        }
    }

    /// apimachinery's `YAMLReader.Read` loop: lines (CRLF and LF endings normalised to LF) are collected
    /// until a line starting with `---`; only spaces or a comment may follow the marker.
    public static func splitDocuments(_ text: String) throws(ChartError) -> [String] {
        var docs: [String] = []
        var buffer = ""
        // Split on LF bytes (a Swift Character would fuse CR LF).
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { Array($0) }
        // A trailing newline does not start another line.
        if lines.last?.isEmpty == true { lines.removeLast() }
        for var bytes in lines {
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            let line = String(decoding: bytes, as: UTF8.self)
            if line.hasPrefix("---") {
                let trimmed = String(line.dropFirst(3)).goTrimSpace()
                if !trimmed.isEmpty && !trimmed.hasPrefix("#") {
                    throw ChartError("error reading yaml document: invalid Yaml document separator: \(trimmed)")
                }
                if !buffer.isEmpty {
                    // The separator that ends a document is consumed; one that starts the text (or follows
                    // another separator) stays at the head of the next document.
                    docs.append(buffer)
                    buffer = ""
                    continue
                }
            }
            buffer += line + "\n"
        }
        if !buffer.isEmpty { docs.append(buffer) }
        return docs
    }

    /// Helm's `loader.MergeMaps`: maps merge recursively, anything else from `b` replaces.
    public static func mergeMaps(_ a: [String: Value], _ b: [String: Value]) -> [String: Value] {
        var out = a
        for (k, v) in b {
            if case .map(let vm, let vt) = v, vt == .anyMap,
                case .map(let am, let at)? = out[k], at == .anyMap
            {
                out[k] = .dict(mergeMaps(am.dictionary, vm.dictionary))
                continue
            }
            out[k] = v
        }
        return out
    }
}
