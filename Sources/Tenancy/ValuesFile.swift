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
        return try parse(String(decoding: data, as: UTF8.self), file: name)
    }

    /// Parses values text, naming `file` in errors.
    public static func parse(_ text: String, file: String) throws(TenancyError) -> [String: Value] {
        do {
            guard case .map(let m, _) = try YAML.loadValues(text) else { return [:] }
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

    /// Helm's `--set` and `--set-string` parsed into one map, in order (`--set` first, as Helm merges them).
    public static func overrides(set: [String], setString: [String]) throws(TenancyError) -> [String: Value] {
        var out: [String: Value] = [:]
        for line in set {
            do { try StrVals.parse(line, into: &out, mode: .typed) } catch {
                throw TenancyError(.invalidSet, "failed parsing --set data \(GoStrconv.quote(line)): \(error.message)")
            }
        }
        for line in setString {
            do { try StrVals.parse(line, into: &out, mode: .string) } catch {
                throw TenancyError(.invalidSet, "failed parsing --set-string data \(GoStrconv.quote(line)): \(error.message)")
            }
        }
        return out
    }
}
