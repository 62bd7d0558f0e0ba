// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Foundation
import GoRuntime
import YAMLKit

/// Reading values fragments from files, with errors that name the file and line.
public enum ValuesFile {
    /// Loads `path` as a Helm values file (documents merged, Helm's typing), naming `display` in errors.
    /// - Throws: ``TenancyError/Code/io`` when unreadable, ``TenancyError/Code/malformed`` with
    ///   `display:line: message` when not valid YAML or not a mapping.
    public static func load(path: String, display: String? = nil) throws(TenancyError) -> [String: Value] {
        let name = display ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TenancyError(.io, "\(name): cannot read the file (does it exist?)")
        }
        return try parse(bytes: Array(data), file: name)
    }

    /// Parses values text, naming `file` in errors.
    public static func parse(_ text: String, file: String) throws(TenancyError) -> [String: Value] {
        try parse(bytes: Array(text.utf8), file: file)
    }

    /// Parses a file's raw bytes, naming `file` in errors. Bytes that are not UTF-8 are refused as Helm refuses
    /// them in a values file (go-yaml's `invalid leading UTF-8 octet`), never turned into U+FFFD.
    public static func parse(bytes: [UInt8], file: String) throws(TenancyError) -> [String: Value] {
        do {
            guard case .map(let m, _) = try YAML.loadValues(bytes: bytes) else { return [:] }
            return m.dictionary
        } catch {
            throw located(error, file: file)
        }
    }

    /// `file:line: message` from a YAMLKit error (the `yaml: line N: ` prefix moved to the front).
    public static func located(_ error: YAMLError, file: String) -> TenancyError {
        var message = error.message
        if let line = error.line {
            let prefix = "yaml: line \(line): "
            if message.hasPrefix(prefix) { message.removeFirst(prefix.count) }
            return TenancyError(.malformed, "\(file):\(line): \(message)")
        }
        return TenancyError(.malformed, "\(file): \(message)")
    }

    /// A command's own values, built as Helm's `MergeValues` builds a release's: each `-f` file in order
    /// (loaded with ``load(path:display:)``) merged with `loader.MergeMaps`, then the `--set…` arguments
    /// applied over them in Helm's order (`--set-json`, `--set`, `--set-string`, `--set-file`,
    /// `--set-literal`). `--set-file` paths are read as Helm reads them (`-` is standard input).
    /// - Throws: the file's error, or ``TenancyError/Code/invalidSet`` naming the flag and the argument:
    ///   `failed parsing --set data "a[x]=1": error parsing index: …`.
    public static func commandValues(
        files: [String], setValues: SetValues,
        standardInput: StandardInput = StandardInput()
    ) throws(TenancyError) -> [String: Value] {
        var base = try ValuesLoader.mergeFiles(files) { path throws(TenancyError) in
            // `-` is standard input, as for Helm's -f (only the first reader gets it).
            path.goTrimSpace() == "-"
                ? try parse(bytes: Array(standardInput.readAll()), file: "<stdin>")
                : try load(path: path)
        }
        do {
            try setValues.apply(to: &base, standardInput: standardInput)
        } catch {
            throw TenancyError(.invalidSet, "failed parsing \(error.flag.rawValue) data \(GoStrconv.quote(error.argument)): \(error.reason)")
        }
        return base
    }
}
