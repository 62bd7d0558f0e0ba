// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import YAMLKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Helm's `--set-json`, `--set`, `--set-string`, `--set-file` and `--set-literal` arguments
/// (pkg/cli/values.Options), applied over the `-f` files as `MergeValues` applies them.
public struct SetValues: Sendable, Hashable {
    /// `--set-json`: `key=jsonval,…`, or one JSON object (`{"a":1}`) merged in.
    public var json: [String]
    /// `--set`.
    public var set: [String]
    /// `--set-string`.
    public var string: [String]
    /// `--set-file`: `key=path,…`.
    public var file: [String]
    /// `--set-literal`: `key=the rest, verbatim`.
    public var literal: [String]

    /// Creates the arguments, each list in command-line order.
    public init(
        json: [String] = [], set: [String] = [], string: [String] = [], file: [String] = [],
        literal: [String] = []
    ) {
        self.json = json
        self.set = set
        self.string = string
        self.file = file
        self.literal = literal
    }

    /// Whether no argument is given.
    public var isEmpty: Bool { json.isEmpty && set.isEmpty && string.isEmpty && file.isEmpty && literal.isEmpty }

    /// Applies the arguments to `base` (the merged `-f` files) in Helm's order, whatever the order on the
    /// command line: every `--set-json`, then `--set`, `--set-string`, `--set-file`, `--set-literal`.
    /// A `--set-json` argument that is a JSON object (after trimming white space) is merged in as
    /// `loader.MergeMaps` merges a values file; every other argument sets the keys it names.
    /// - Parameter readFile: reads a `--set-file` path; its error is reported as Helm reports it.
    /// - Throws: the first failure, with Helm's message (``SetValuesError/message``).
    public func apply(
        to base: inout [String: Value],
        readFile: @escaping (String) throws(StrVals.ParseError) -> String
    ) throws(SetValuesError) {
        for argument in json {
            let trimmed = argument.goTrimSpace()
            if trimmed.utf8.first == UInt8(ascii: "{") {
                let (object, error) = GoJSON.unmarshalMap(trimmed)
                if let error {
                    throw SetValuesError(flag: .json, argument: argument, reason: error.message, jsonObject: true)
                }
                base = ValuesLoader.mergeMaps(base, object)
            } else {
                do { try StrVals.parseJSON(argument, into: &base) } catch {
                    throw SetValuesError(flag: .json, argument: argument, reason: error.message)
                }
            }
        }
        for argument in set {
            do { try StrVals.parse(argument, into: &base, mode: .typed) } catch {
                throw SetValuesError(flag: .set, argument: argument, reason: error.message)
            }
        }
        for argument in string {
            do { try StrVals.parse(argument, into: &base, mode: .string) } catch {
                throw SetValuesError(flag: .string, argument: argument, reason: error.message)
            }
        }
        for argument in file {
            do { try StrVals.parseFile(argument, into: &base, reader: readFile) } catch {
                throw SetValuesError(flag: .file, argument: argument, reason: error.message)
            }
        }
        for argument in literal {
            do { try StrVals.parseLiteral(argument, into: &base) } catch {
                throw SetValuesError(flag: .literal, argument: argument, reason: error.message)
            }
        }
    }

    /// ``apply(to:readFile:)`` with `--set-file` paths read as Helm reads them (``ValuesSource/read``),
    /// relative paths from `directory` (nil: the current directory).
    public func apply(
        to base: inout [String: Value], relativeTo directory: String? = nil,
        standardInput: StandardInput
    ) throws(SetValuesError) {
        try apply(to: &base) { path throws(StrVals.ParseError) in
            do throws(ChartError) {
                let bytes = try ValuesSource.read(path, relativeTo: directory, standardInput: standardInput)
                return String(decoding: bytes, as: UTF8.self)
            } catch {
                throw StrVals.ParseError(message: error.message)
            }
        }
    }
}

/// A `--set…` argument that Helm rejects.
public struct SetValuesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flags, as typed.
    public enum Flag: String, Sendable {
        case json = "--set-json"
        case set = "--set"
        case string = "--set-string"
        case file = "--set-file"
        case literal = "--set-literal"
    }

    /// The flag of the failing argument.
    public var flag: Flag
    /// The argument as given.
    public var argument: String
    /// What is wrong: the parser's error, the `--set-file` reader's, or encoding/json's.
    public var reason: String
    /// Whether a `--set-json` argument was taken as a JSON object (`{…}`) rather than `key=value` pairs.
    public var jsonObject: Bool

    /// Creates an error.
    public init(flag: Flag, argument: String, reason: String, jsonObject: Bool = false) {
        self.flag = flag
        self.argument = argument
        self.reason = reason
        self.jsonObject = jsonObject
    }

    /// Helm's text: `failed parsing --set data: key "a" has no value`. For `--set-json` Helm names the
    /// argument and drops the reason: `failed parsing --set-json data a=tru`, or
    /// `failed parsing --set-json data JSON: {"a":}` for an object.
    public var message: String {
        switch flag {
        case .json where jsonObject: return "failed parsing --set-json data JSON: \(argument)"
        case .json: return "failed parsing --set-json data \(argument)"
        default: return "failed parsing \(flag.rawValue) data: \(reason)"
        }
    }

    public var description: String { message }
}

/// Standard input for `-` paths. The first read takes everything; later reads get nothing, as in Helm
/// (`-f - --set-file key=-` gives the file all of it and the key `""`).
public final class StandardInput {
    private var given: [UInt8]?

    /// The process's standard input, or `bytes` in its place (for tests and in-process callers).
    public init(_ bytes: [UInt8]? = nil) { given = bytes }

    /// Reads to the end.
    public func readAll() -> [UInt8] {
        if let given {
            self.given = []
            return given
        }
        return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}

/// Where Helm's `-f` and `--set-file` read from (pkg/cli/values readFile).
public enum ValuesSource {
    /// The URL schemes Helm fetches with its getters (`helm template` has http, https and oci).
    public static let remoteSchemes: Set<String> = ["http", "https", "oci"]

    /// Reads `path` as Helm does: `-` (white space around it allowed) is standard input; anything else must
    /// parse as a URL (`parse "a%zz": invalid URL escape "%zz"`); an http, https or oci URL is remote, which
    /// tenantctl does not fetch; everything else is a local file read with os.ReadFile's errors
    /// (`open PATH: no such file or directory`, `read PATH: is a directory`).
    /// - Parameter directory: where a relative path is resolved (nil: the current directory); errors show
    ///   `path` as given.
    public static func read(
        _ path: String, relativeTo directory: String? = nil,
        standardInput: StandardInput
    ) throws(ChartError) -> [UInt8] {
        if path.goTrimSpace() == "-" { return standardInput.readAll() }
        let scheme: String
        do {
            scheme = try GoURL.scheme(path)
        } catch {
            throw ChartError(error.message)
        }
        if remoteSchemes.contains(scheme) {
            throw ChartError("cannot read \(path): tenantctl reads local files only and does not fetch \(scheme) URLs")
        }
        var full = path
        // "" stays "" (open fails on it, as in Go) rather than naming the directory.
        if let directory, !path.isEmpty, !path.hasPrefix("/") { full = directory + "/" + path }
        return try readLocal(full, display: path)
    }

    /// os.ReadFile: `open NAME: …` when the file cannot be opened, `read NAME: …` when it cannot be read.
    static func readLocal(_ full: String, display: String) throws(ChartError) -> [UInt8] {
        let fd = open(full, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw ChartError("open \(display): \(errnoText(errno))") }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ChartError("read \(display): \(errnoText(errno))")
            }
            if n == 0 { return out }
            out.append(contentsOf: buffer[..<n])
        }
    }

    /// Go's text for an errno: the C library's, with a lower-case first letter (`no such file or directory`).
    static func errnoText(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

/// read(2), named apart from ``ValuesSource/read(_:relativeTo:standardInput:)``.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

extension ValuesLoader {
    /// Helm's `values.Options.MergeValues` for the `-f` layers: each file's values, in order, merged over the
    /// ones before with ``mergeMaps(_:_:)``. `load` reads and parses one path (its errors are the caller's);
    /// the `--set` family goes on top afterwards (``SetValues``). The one home of this order for `template`,
    /// `eval` and the release verbs.
    public static func mergeFiles<E: Error>(
        _ paths: [String], load: (String) throws(E) -> [String: Value]
    ) throws(E) -> [String: Value] {
        var base: [String: Value] = [:]
        for path in paths { base = mergeMaps(base, try load(path)) }
        return base
    }
}
