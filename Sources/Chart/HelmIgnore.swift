// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// Helm's `.helmignore` rules (`pkg/ignore`): one shell glob per line, `!` negates, a trailing `/` matches
/// directories only, a leading `/` anchors at the chart root, a pattern without `/` matches the base name.
public struct HelmIgnoreRules: Sendable {
    struct Pattern: Sendable {
        var raw: String
        var rule: String
        var negate: Bool
        var mustDir: Bool
        enum Mode: Sendable { case anchored, structural, baseName }
        var mode: Mode
        /// `rule` as scalars, and whether it is a well-formed pattern (a malformed one matches nothing).
        var scalars: [Unicode.Scalar]
        var valid: Bool
    }

    var patterns: [Pattern] = []

    /// An empty rule set.
    public init() {}

    /// Parses `.helmignore` text. Errors are Helm's (`double-star (**) syntax is not supported`,
    /// `syntax error in pattern`).
    public init(parsing text: String) throws(ChartError) {
        var first = true
        // bufio.Scanner: lines split on \n, a trailing \r is dropped.
        for var bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init) {
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            var line = String(decoding: bytes, as: UTF8.self)
            if first {
                if line.hasPrefix("\u{FEFF}") { line.removeFirst() }
                first = false
            }
            try addRule(line)
        }
    }

    /// Adds Helm's default rule: every dotfile under `templates/` is ignored.
    public mutating func addDefaults() {
        try? addRule("templates/.?*")
    }

    mutating func addRule(_ input: String) throws(ChartError) {
        var rule = input.goTrimSpace()
        if rule.isEmpty || rule.hasPrefix("#") { return }
        if rule.contains("**") { throw ChartError("double-star (**) syntax is not supported") }
        if !GoPath.isValid(rule) { throw ChartError("syntax error in pattern") }
        let raw = rule
        var negate = false
        var mustDir = false
        if rule.hasPrefix("!") {
            negate = true
            rule.removeFirst()
        }
        if rule.hasSuffix("/") {
            mustDir = true
            rule.removeLast()
        }
        let mode: Pattern.Mode
        if rule.hasPrefix("/") {
            rule.removeFirst()
            mode = .anchored
        } else if rule.contains("/") {
            mode = .structural
        } else {
            mode = .baseName
        }
        patterns.append(
            Pattern(
                raw: raw, rule: rule, negate: negate, mustDir: mustDir, mode: mode,
                scalars: Array(rule.unicodeScalars), valid: GoPath.isValid(rule)))
    }

    /// Whether the path (relative to the chart root, `/`-separated) is ignored. Rules are evaluated in order;
    /// the first positive match ignores, and (Helm's semantics) a negative rule that does *not* match ignores.
    public func ignores(_ path: String, isDirectory: Bool) -> Bool {
        if path.isEmpty || path == "." || path == "./" { return false }
        if patterns.isEmpty { return false }
        // The path and its base name as scalars, each made once for all the rules.
        var whole: [Unicode.Scalar]?
        var base: [Unicode.Scalar]?
        for p in patterns {
            var matched = false
            if p.valid {
                let name: [Unicode.Scalar]
                if p.mode == .baseName {
                    if base == nil { base = Array(goPathBase(path).unicodeScalars) }
                    name = base ?? []
                } else {
                    if whole == nil { whole = Array(path.unicodeScalars) }
                    name = whole ?? []
                }
                matched = GoPath.match(scalars: p.scalars, name)
            }
            if p.negate {
                if p.mustDir && !isDirectory { return true }
                if !matched { return true }
                continue
            }
            if p.mustDir && !isDirectory { continue }
            if matched { return true }
        }
        return false
    }
}
