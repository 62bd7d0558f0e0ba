// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import YAMLKit

/// Helm's `--set` family parsers (pkg/strvals): `a.b[0].c=x,d={1,2}` into a values map, with Helm's typing
/// and its error messages.
///
/// - `parse(_:into:mode:)`: `--set` (`.typed`: `true`, `false`, `null` and int64 inferred) and `--set-string`.
/// - `parseJSON(_:into:)`: `--set-json`, each value read by Go's encoding/json (numbers float64).
/// - `parseFile(_:into:reader:)`: `--set-file`, each value a path whose contents become a string.
/// - `parseLiteral(_:into:)`: `--set-literal`, one key and the rest of the line verbatim.
///
/// The result follows Go's aliasing where Helm's output depends on it: a map or list already in place is
/// updated where Go updates it in place, even when the line then ends early (`a[0].b=` leaves `a: []`).
public struct StrVals {
    /// How `--set` and `--set-string` type values.
    public enum Mode: Sendable {
        /// `--set`: booleans, null and int64 are inferred.
        case typed
        /// `--set-string`: every value is a string.
        case string
    }

    /// Helm's limits.
    public static let maxIndex = 65536
    public static let maxNestedNameLevel = 30

    /// A parse error, in Helm's words.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public init(message: String) { self.message = message }
        public var description: String { message }
    }

    /// How the text after `=` becomes a value.
    private enum Reader {
        case typed
        case string
        /// Go's json.Decoder over the rest of the line; `key=` is null.
        case json
        /// Helm's RunesValueReader: the text (after `\` escapes) to a value, or an error passed on unchanged.
        case file((String) throws(ParseError) -> Value)
        /// literalParser: no `,` separators or `\` escapes; the value is the rest of the line.
        case literal
    }

    private var input: [Unicode.Scalar]
    private var pos = 0
    private let reader: Reader

    private init(_ s: String, reader: Reader) {
        input = Array(s.unicodeScalars)
        self.reader = reader
    }

    /// Parses `line` and merges it into `dest` (Helm's ParseInto / ParseIntoString).
    public static func parse(_ line: String, into dest: inout [String: Value], mode: Mode = .typed) throws(ParseError) {
        var p = StrVals(line, reader: mode == .typed ? .typed : .string)
        try p.run(&dest)
    }

    /// `--set-json` in `key=jsonval,…` form (Helm's ParseJSON): each value is the JSON value that starts after
    /// `=` (Go's json.Decoder, numbers as float64); blanks and one comma may follow it. `key=` sets null.
    /// The error is the parser's or encoding/json's (Helm reports neither: see ``SetValues``).
    public static func parseJSON(_ line: String, into dest: inout [String: Value]) throws(ParseError) {
        var p = StrVals(line, reader: .json)
        try p.run(&dest)
    }

    /// `--set-file` (Helm's ParseIntoFile): `--set` syntax, but each value (a `{a,b}` list's items too) is a
    /// path handed to `reader`, whose result is the value; `key=` alone sets `""` without reading anything.
    /// The reader's error is passed on unchanged.
    public static func parseFile(
        _ line: String, into dest: inout [String: Value],
        reader: @escaping (String) throws(ParseError) -> String
    ) throws(ParseError) {
        var p = StrVals(line, reader: .file { path throws(ParseError) in .string(try reader(path)) })
        try p.run(&dest)
    }

    /// `--set-literal` (Helm's ParseLiteralInto): a key in `--set` syntax without `\` escapes (`,` is part of
    /// the key), then everything after the first `=` as a string, verbatim.
    public static func parseLiteral(_ line: String, into dest: inout [String: Value]) throws(ParseError) {
        var p = StrVals(line, reader: .literal)
        try p.run(&dest)
    }

    private mutating func run(_ dest: inout [String: Value]) throws(ParseError) {
        while true {
            switch key(&dest, 0) {
            case .ok: continue
            case .eof: return
            case .fail(let m): throw ParseError(message: m)
            }
        }
    }

    private enum Outcome {
        case ok
        case eof
        case fail(String)
    }

    private var isLiteral: Bool {
        if case .literal = reader { return true }
        return false
    }

    private mutating func readRune() -> Unicode.Scalar? {
        guard pos < input.count else { return nil }
        defer { pos += 1 }
        return input[pos]
    }

    /// Reads up to (and consumes) a stop rune; outside `--set-literal` a backslash escapes the next rune.
    /// nil `last` means EOF.
    private mutating func runesUntil(_ stop: Set<Unicode.Scalar>) -> (String, Unicode.Scalar?) {
        var v = String.UnicodeScalarView()
        while let r = readRune() {
            if stop.contains(r) { return (String(v), r) }
            if r == "\\", !isLiteral {
                guard let next = readRune() else { return (String(v), nil) }
                v.append(next)
            } else {
                v.append(r)
            }
        }
        return (String(v), nil)
    }

    /// The rest of the line (`--set-literal`'s value).
    private mutating func rest() -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: input[pos...])
        pos = input.count
        return String(v)
    }

    /// typedVal, or the `--set-file` reader.
    private func value(_ text: String) throws(ParseError) -> Value {
        switch reader {
        case .file(let read): return try read(text)
        case .string, .json, .literal: return .string(text)
        case .typed:
            if Self.equalFold(text, "true") { return .bool(true) }
            if Self.equalFold(text, "false") { return .bool(false) }
            if Self.equalFold(text, "null") { return .null }
            if text == "0" { return .int64(0) }
            if let f = text.unicodeScalars.first, f != "0", let i = Int(text) {
                return .int64(i)
            }
            return .string(text)
        }
    }

    /// Go's `strings.EqualFold(s, word)` for a lower-case ASCII `word`: Unicode simple case folding, under
    /// which `ſ` (U+017F) is an `s` and `K` (U+212A) a `k` (`--set a=falſe` is false, as in Helm).
    private static func equalFold(_ s: String, _ word: String) -> Bool {
        let a = Array(s.unicodeScalars), b = Array(word.unicodeScalars)
        guard a.count == b.count else { return false }
        for (r, c) in zip(a, b) {
            if r == c || (r.isASCII && Character(r).lowercased() == String(c)) { continue }
            if (r == "\u{017F}" && c == "s") || (r == "\u{212A}" && c == "k") { continue }
            return false
        }
        return true
    }

    /// Go's `%q` of a `[]rune`: each rune single-quoted, space-separated, in brackets (`['x' 'y']`).
    private static func quoteRunes(_ s: String) -> String {
        "[" + s.unicodeScalars.map { GoStrconv.quoteRune(Int($0.value)) }.joined(separator: " ") + "]"
    }

    /// The message of the runtime panic a failed type assertion raises, as Helm's `recover` reports it.
    private static func conversionPanic(_ v: Value, _ wanted: String) -> String {
        "unable to parse key: interface conversion: interface {} is \(v.goType?.name ?? "nil"), not \(wanted)"
    }

    private mutating func key(_ data: inout [String: Value], _ level: Int) -> Outcome {
        let (k, last) = runesUntil(isLiteral ? ["=", "[", "."] : ["=", "[", ",", "."])
        guard let last else {
            if k.isEmpty { return .eof }
            return .fail("key \(GoStrconv.quote(k)) has no value")
        }
        switch last {
        case "[":
            let i: Int
            switch keyIndex() {
            case .success(let v): i = v
            // Helm wraps the scanner's io.EOF with %w, and its parse loop ends quietly on any EOF error.
            case .failure(let e) where e.message == "EOF": return .eof
            case .failure(let e): return .fail("error parsing index: \(e.message)")
            }
            var list: [Value] = []
            if let existing = data[k] {
                guard case .slice(let items, _) = existing else {
                    return .fail(Self.conversionPanic(existing, "[]interface {}"))
                }
                list = items
            }
            let outcome = listItem(&list, i, level)
            if !k.isEmpty { data[k] = .list(list) }
            return outcome
        case "=":
            switch reader {
            case .literal:
                let v = rest()
                if !k.isEmpty { data[k] = .string(v) }
                return .ok
            case .json:
                switch jsonValue() {
                case .success(let v):
                    if !k.isEmpty { data[k] = v }
                    return .ok
                case .failure(let e):
                    return .fail(e.message)
                }
            case .typed, .string, .file:
                switch valList() {
                case .list(let vl):
                    if !k.isEmpty { data[k] = .list(vl) }
                    return .ok
                case .eof:
                    if !k.isEmpty { data[k] = .string("") }
                    return .eof
                case .notList:
                    let (rs, _) = runesUntil([","])
                    let v: Value
                    do { v = try value(rs) } catch { return .fail(error.message) }
                    if !k.isEmpty { data[k] = v }
                    return .ok
                case .error(let m):
                    return .fail(m)
                }
            }
        case ",":
            if !k.isEmpty { data[k] = .string("") }
            return .fail("key \(GoStrconv.quote(k)) has no value (cannot end with ,)")
        default:  // "."
            let next = level + 1
            if next > StrVals.maxNestedNameLevel {
                return .fail("value name nested level is greater than maximum supported nested level of \(StrVals.maxNestedNameLevel)")
            }
            var inner: [String: Value] = [:]
            if let existing = data[k] {
                guard case .map(let m, _) = existing else {
                    return .fail(Self.conversionPanic(existing, "map[string]interface {}"))
                }
                inner = m.dictionary
            }
            let e = key(&inner, next)
            if case .ok = e, inner.isEmpty { return .fail("key map \(GoStrconv.quote(k)) has no value") }
            if !inner.isEmpty, !k.isEmpty { data[k] = .dict(inner) }
            return e
        }
    }

    private struct IndexError: Error { var message: String }

    private mutating func keyIndex() -> Result<Int, IndexError> {
        let (v, last) = runesUntil(["]"])
        if last == nil { return .failure(IndexError(message: "EOF")) }
        // Helm's strconv.Atoi: `invalid syntax`, or `value out of range` for digits beyond an int64.
        switch JSONSchemaFormats.atoi(Array(v.utf8)) {
        case .success(let i): return .success(i)
        case .failure(let e): return .failure(IndexError(message: e.message))
        }
    }

    private func setIndex(_ list: inout [Value], _ index: Int, _ val: Value) -> Outcome {
        if index < 0 { return .fail("negative \(index) index not allowed") }
        if index > StrVals.maxIndex {
            return .fail("index of \(index) is greater than maximum supported index of \(StrVals.maxIndex)")
        }
        while list.count <= index { list.append(.null) }
        list[index] = val
        return .ok
    }

    private mutating func listItem(_ list: inout [Value], _ i: Int, _ level: Int) -> Outcome {
        if i < 0 { return .fail("negative \(i) index not allowed") }
        let (k, last) = runesUntil(["[", ".", "="])
        if !k.isEmpty { return .fail("unexpected data at end of array index: \(Self.quoteRunes(k))") }
        guard let last else { return .eof }
        switch last {
        case "=":
            switch reader {
            case .literal:
                return setIndex(&list, i, .string(rest()))
            case .json:
                switch jsonValue() {
                case .success(let v): return setIndex(&list, i, v)
                case .failure(let e): return .fail(e.message)
                }
            case .typed, .string, .file:
                switch valList() {
                case .list(let vl): return setIndex(&list, i, .list(vl))
                case .eof: return setIndex(&list, i, .string(""))
                case .notList:
                    let (rs, _) = runesUntil([","])
                    let v: Value
                    do { v = try value(rs) } catch { return .fail(error.message) }
                    return setIndex(&list, i, v)
                case .error(let m): return .fail(m)
                }
            }
        case "[":
            let nextI: Int
            switch keyIndex() {
            case .success(let v): nextI = v
            // Helm wraps the scanner's io.EOF with %w, and its parse loop ends quietly on any EOF error.
            case .failure(let e) where e.message == "EOF": return .eof
            case .failure(let e): return .fail("error parsing index: \(e.message)")
            }
            // Go takes the nested slice (sharing its elements) or starts a nil one; anything else panics.
            var crt: [Value] = []
            var shared = false
            if list.count > i {
                switch list[i] {
                case .null: break
                case .slice(let items, _):
                    crt = items
                    shared = true
                default:
                    return .fail(Self.conversionPanic(list[i], "[]interface {}"))
                }
            }
            let r = listItem(&crt, nextI, level)
            guard case .ok = r else {
                // Only changes made in place reach the outer list when the line ends early.
                if shared { list[i] = .list(crt) }
                return r
            }
            return setIndex(&list, i, .list(crt))
        default:  // "."
            // Go recurses into the map in place (a new empty map replaces anything else in range), so what
            // the rest of the line sets stays even when it then ends early; a new map is kept only on success.
            var inner: [String: Value] = [:]
            let inPlace = list.count > i
            if inPlace {
                if case .map(let m, _) = list[i] {
                    inner = m.dictionary
                } else {
                    list[i] = .dict([:])
                }
            }
            let e = key(&inner, level)
            guard case .ok = e else {
                if inPlace { list[i] = .dict(inner) }
                return e
            }
            return setIndex(&list, i, .dict(inner))
        }
    }

    private enum ListOutcome {
        case list([Value])
        case eof
        case notList
        case error(String)
    }

    private mutating func valList() -> ListOutcome {
        guard let r = readRune() else { return .eof }
        if r != "{" {
            pos -= 1
            return .notList
        }
        var list: [Value] = []
        while true {
            let (rs, last) = runesUntil([",", "}"])
            guard let last else { return .error("list must terminate with '}'") }
            if last == "}" {
                if let n = readRune(), n != "," { pos -= 1 }
            }
            do { list.append(try value(rs)) } catch { return .error(error.message) }
            if last == "}" { return .list(list) }
        }
    }

    /// emptyVal: skips white space (Go's unicode.IsSpace); true at the end of the line or after a comma
    /// (consumed), false before anything else (not consumed).
    private mutating func emptyValue() -> Bool {
        while let r = readRune() {
            if r == "," { return true }
            if !r.properties.isWhitespace {
                pos -= 1
                return false
            }
        }
        return true
    }

    /// A `--set-json` value: null when empty, else one json.Decoder value from the rest of the line, after
    /// which blanks and one comma are skipped.
    private mutating func jsonValue() -> Result<Value, ParseError> {
        if emptyValue() { return .success(.null) }
        var remaining = String.UnicodeScalarView()
        remaining.append(contentsOf: input[pos...])
        let decoded: (value: Value, consumed: Int)
        do {
            decoded = try GoJSON.decodePrefix(Array(String(remaining).utf8))
        } catch {
            return .failure(ParseError(message: error.message))
        }
        // The decoder counts bytes; the value ends on an ASCII byte, so whole runes were taken.
        var bytes = 0
        while bytes < decoded.consumed, pos < input.count {
            bytes += UTF8.width(input[pos])
            pos += 1
        }
        _ = emptyValue()
        return .success(decoded.value)
    }
}
