// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRegex
import GoRuntime

/// A Masterminds/semver v3 version (coerced parsing, as `semver.NewVersion` does by default).
package struct SemVersion: Sendable, Equatable {
    package var major: UInt64, minor: UInt64, patch: UInt64
    package var pre: String
    package var metadata: String
    package var original: String

    static let invalid = GoError("invalid semantic version")

    private static let identChars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789".utf8)

    /// semver.NewVersion: `v?N(.N)?(.N)?(-pre)?(+meta)?`, then prerelease and metadata validation.
    package static func parse(_ v: String) -> Result<SemVersion, GoError> {
        var s = Array(v.utf8)[...]
        if s.first == UInt8(ascii: "v") { s = s.dropFirst() }
        func digits() -> String? {
            let d = s.prefix { $0 >= 48 && $0 <= 57 }
            if d.isEmpty { return nil }
            s = s.dropFirst(d.count)
            return String(decoding: d, as: UTF8.self)
        }
        /// `ident(.ident)*` over [0-9A-Za-z-].
        func dotted(_ t: ArraySlice<UInt8>) -> Bool {
            !t.isEmpty
                && t.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy {
                    !$0.isEmpty && $0.allSatisfy { identChars.contains($0) }
                }
        }
        guard let maj = digits() else { return .failure(invalid) }
        var mi: String?, pa: String?
        if s.first == UInt8(ascii: "."), s.dropFirst().first.map({ $0 >= 48 && $0 <= 57 }) == true {
            s = s.dropFirst(); mi = digits()
            if s.first == UInt8(ascii: "."), s.dropFirst().first.map({ $0 >= 48 && $0 <= 57 }) == true {
                s = s.dropFirst(); pa = digits()
            }
        }
        var pre = "", meta = ""
        if s.first == UInt8(ascii: "-") {
            let body = s.dropFirst().prefix { $0 != UInt8(ascii: "+") }
            guard dotted(body) else { return .failure(invalid) }
            pre = String(decoding: body, as: UTF8.self)
            s = s.dropFirst(1 + body.count)
        }
        if s.first == UInt8(ascii: "+") {
            let body = s.dropFirst()
            guard dotted(body) else { return .failure(invalid) }
            meta = String(decoding: body, as: UTF8.self)
            s = s[s.endIndex...]
        }
        guard s.isEmpty else { return .failure(invalid) }
        func num(_ t: String?) -> Result<UInt64, GoError> {
            guard let t else { return .success(0) }
            if let n = UInt64(t) { return .success(n) }
            return .failure(
                GoError(
                    "error parsing version segment: strconv.ParseUint: parsing "
                        + GoStrconv.quote(t) + ": value out of range"))
        }
        let version: SemVersion
        switch (num(maj), num(mi), num(pa)) {
        case (.success(let a), .success(let b), .success(let c)):
            version = SemVersion(major: a, minor: b, patch: c, pre: pre, metadata: meta, original: v)
        case (.failure(let e), _, _), (_, .failure(let e), _), (_, _, .failure(let e)):
            return .failure(e)
        }
        if !pre.isEmpty {
            for part in pre.split(separator: ".", omittingEmptySubsequences: false) {
                if part.isEmpty { return .failure(GoError("invalid prerelease string")) }
                if part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) && part.count > 1 && part.first == "0" {
                    return .failure(GoError("version segment starts with 0"))
                }
            }
        }
        return .success(version)
    }

    /// Version.String().
    package var string: String {
        var s = "\(major).\(minor).\(patch)"
        if !pre.isEmpty { s += "-" + pre }
        if !metadata.isEmpty { s += "+" + metadata }
        return s
    }

    /// Version.Compare: major, minor, patch, then prerelease (a release is greater); metadata ignored.
    package func compare(_ o: SemVersion) -> Int {
        if major != o.major { return major < o.major ? -1 : 1 }
        if minor != o.minor { return minor < o.minor ? -1 : 1 }
        if patch != o.patch { return patch < o.patch ? -1 : 1 }
        if pre.isEmpty && o.pre.isEmpty { return 0 }
        if pre.isEmpty { return 1 }
        if o.pre.isEmpty { return -1 }
        return Self.comparePrerelease(pre, o.pre)
    }

    package static func comparePrerelease(_ v: String, _ o: String) -> Int {
        let a = v.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let b = o.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for i in 0..<max(a.count, b.count) {
            let d = comparePart(i < a.count ? a[i] : "", i < b.count ? b[i] : "")
            if d != 0 { return d }
        }
        return 0
    }

    private static func comparePart(_ s: String, _ o: String) -> Int {
        if s == o { return 0 }
        if s.isEmpty { return -1 }
        if o.isEmpty { return 1 }
        let si = s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? UInt64(s) : nil
        let oi = o.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? UInt64(o) : nil
        switch (si, oi) {
        case (nil, nil): return s.utf8.lexicographicallyPrecedes(o.utf8) ? -1 : 1
        case (_, nil): return -1
        case (nil, _): return 1
        case (let x?, let y?): return x > y ? 1 : -1
        }
    }
}

/// Masterminds/semver v3.4 constraints: `||` alternatives of comma- or space-separated comparisons,
/// hyphen ranges, `~`, `^`, wildcards, and its prerelease rule.
package struct SemConstraints: Sendable {
    struct Constraint: Sendable {
        var con: SemVersion
        var orig: String
        var op: String
        var minorDirty = false, patchDirty = false, dirty = false
    }

    var alternatives: [[Constraint]]
    var containsPre: [Bool]

    /// The regular expressions of constraints.go, compiled once by our RE2 engine (Go's regexp semantics).
    private struct Patterns: Sendable {
        let constraint: RE2.Regexp
        let range: RE2.Regexp
        let find: RE2.Regexp
        let valid: RE2.Regexp
    }

    private static let patterns: Patterns? = {
        let cv =
            #"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?"#
            + #"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"#
            + #"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"#
        let ops = #"=||!=|>|<|>=|=>|<=|=<|~|~>|\^"#
        let sp = #"\s"#
        do {
            return Patterns(
                constraint: try RE2.Regexp.compile("^\(sp)*(\(ops))\(sp)*(\(cv))\(sp)*$"),
                range: try RE2.Regexp.compile("\(sp)*(\(cv))\(sp)+-\(sp)+(\(cv))\(sp)*"),
                find: try RE2.Regexp.compile("(\(ops))\(sp)*(\(cv))"),
                valid: try RE2.Regexp.compile("^(\(sp)*(\(ops))\(sp)*(\(cv))\(sp)*)((?:\(sp)+|,\(sp)*)(\(ops))\(sp)*(\(cv))\(sp)*)*$"))
        } catch {
            return nil
        }
    }()

    /// Submatch `i` of a match's slots over `s` ("" when the group did not take part).
    private static func group(_ s: [Unicode.Scalar], _ m: [Int], _ i: Int) -> String {
        guard 2 * i + 1 < m.count, m[2 * i] >= 0 else { return "" }
        return RE2.Regexp.text(s, m[2 * i], m[2 * i + 1])
    }

    /// semver.NewConstraint.
    package static func parse(_ input: String) -> Result<SemConstraints, GoError> {
        guard let p = patterns else { return .failure(GoError("constraint parser error")) }
        // rewriteRange: "a - b" becomes ">= a, <= b ".
        var c = input
        let scalars = Array(input.unicodeScalars)
        for m in p.range.allMatches(scalars, -1) {
            let whole = RE2.Regexp.text(scalars, m[0], m[1])
            let repl = ">= \(group(scalars, m, 1)), <= \(group(scalars, m, 11)) "
            if let r = c.range(of: whole) { c.replaceSubrange(r, with: repl) }
        }
        var alts: [[Constraint]] = []
        var hasPre: [Bool] = []
        for v in c.components(separatedBy: "||") {
            let vs = Array(v.unicodeScalars)
            guard p.valid.match(vs, from: 0) != nil else {
                return .failure(GoError("improper constraint: \(v)"))
            }
            var found = p.find.allMatches(vs, -1).map { RE2.Regexp.text(vs, $0[0], $0[1]) }
            if found.isEmpty { found = [v] }
            var result: [Constraint] = []
            var pre = false
            for s in found {
                switch parseOne(s, p) {
                case .success(let pc):
                    if !pc.con.pre.isEmpty { pre = true }
                    result.append(pc)
                case .failure(let e): return .failure(e)
                }
            }
            alts.append(result)
            hasPre.append(pre)
        }
        return .success(SemConstraints(alternatives: alts, containsPre: hasPre))
    }

    private static func isX(_ s: String) -> Bool { s == "x" || s == "X" || s == "*" }

    private static func parseOne(_ c: String, _ p: Patterns) -> Result<Constraint, GoError> {
        if c.isEmpty {
            return .success(
                Constraint(
                    con: SemVersion(major: 0, minor: 0, patch: 0, pre: "", metadata: "", original: "0.0.0"),
                    orig: c, op: "", dirty: true))
        }
        let cs = Array(c.unicodeScalars)
        guard let m = p.constraint.match(cs, from: 0) else { return .failure(GoError("improper constraint: \(c)")) }
        let m3 = group(cs, m, 3), m4 = group(cs, m, 4), m5 = group(cs, m, 5), m6 = group(cs, m, 6)
        var ver = group(cs, m, 2)
        var minorDirty = false, patchDirty = false, dirty = false
        if isX(m3) || m3.isEmpty {
            ver = "0.0.0" + m6
            dirty = true
        } else if isX(String(m4.dropFirst(m4.hasPrefix(".") ? 1 : 0))) || m4.isEmpty {
            minorDirty = true; dirty = true
            ver = m3 + ".0.0" + m6
        } else if isX(String(m5.dropFirst(m5.hasPrefix(".") ? 1 : 0))) || m5.isEmpty {
            dirty = true; patchDirty = true
            ver = m3 + m4 + ".0" + m6
        }
        guard case .success(let con) = SemVersion.parse(ver) else { return .failure(GoError("constraint parser error")) }
        return .success(
            Constraint(
                con: con, orig: group(cs, m, 2), op: group(cs, m, 1),
                minorDirty: minorDirty, patchDirty: patchDirty, dirty: dirty))
    }

    /// Constraints.Check.
    package func check(_ v: SemVersion) -> Bool {
        for (i, alt) in alternatives.enumerated() where alt.allSatisfy({ Self.check(v, $0, includePre: containsPre[i]) }) {
            return true
        }
        return false
    }

    private static func check(_ v: SemVersion, _ c: Constraint, includePre: Bool) -> Bool {
        if !v.pre.isEmpty && !includePre { return false }
        let con = c.con
        switch c.op {
        case "", "=":
            if c.dirty { return tilde(v, c) }
            return v.compare(con) == 0
        case "!=":
            if c.dirty {
                if con.major != v.major { return true }
                if con.minor != v.minor && !c.minorDirty { return true }
                if c.minorDirty { return false }
                if con.patch != v.patch && !c.patchDirty { return true }
                if c.patchDirty {
                    if !v.pre.isEmpty || !con.pre.isEmpty {
                        return SemVersion.comparePrerelease(v.pre, con.pre) != 0
                    }
                    return false
                }
            }
            return v.compare(con) != 0
        case ">":
            if !c.dirty { return v.compare(con) == 1 }
            if v.major > con.major { return true }
            if v.major < con.major { return false }
            if c.minorDirty { return false }
            if c.patchDirty { return v.minor > con.minor }
            return v.compare(con) == 1
        case "<":
            return v.compare(con) < 0
        case ">=", "=>":
            return v.compare(con) >= 0
        case "<=", "=<":
            if !c.dirty { return v.compare(con) <= 0 }
            if v.major > con.major { return false }
            if v.major == con.major && v.minor > con.minor && !c.minorDirty { return false }
            return true
        case "~", "~>":
            return tilde(v, c)
        case "^":
            if v.compare(con) < 0 { return false }
            if con.major > 0 || c.minorDirty { return v.major == con.major }
            if con.major == 0 && v.major > 0 { return false }
            if con.minor > 0 || c.patchDirty { return v.minor == con.minor }
            if con.minor == 0 && v.minor > 0 { return false }
            return con.patch == v.patch
        default:
            return false
        }
    }

    private static func tilde(_ v: SemVersion, _ c: Constraint) -> Bool {
        let con = c.con
        if v.compare(con) < 0 { return false }
        if con.major == 0 && con.minor == 0 && con.patch == 0 && !c.minorDirty && !c.patchDirty { return true }
        if v.major != con.major { return false }
        if v.minor != con.minor && !c.minorDirty { return false }
        return true
    }
}

/// Masterminds/semver v3 constraints for callers outside templates (chart repositories: `--version`).
public struct SemverConstraint: Sendable {
    let constraints: SemConstraints

    /// `semver.NewConstraint(text)`; throws its error (`improper constraint: …`).
    public static func parse(_ text: String) throws(GoError) -> SemverConstraint {
        switch SemConstraints.parse(text) {
        case .success(let c): return SemverConstraint(constraints: c)
        case .failure(let e): throw e
        }
    }

    /// `Constraints.Check(semver.NewVersion(version))`; false when `version` is not a semantic version.
    public func matches(_ version: String) -> Bool {
        guard case .success(let v) = SemVersion.parse(version) else { return false }
        return constraints.check(v)
    }
}

/// Masterminds/semver v3 version comparison for callers outside templates.
public enum Semver {
    /// Whether `semver.NewVersion(version)` accepts `version`.
    public static func isValid(_ version: String) -> Bool {
        if case .success = SemVersion.parse(version) { return true }
        return false
    }

    /// Helm's `ChartVersions.Less`: a version that does not parse sorts first (oldest).
    public static func lessThan(_ a: String, _ b: String) -> Bool {
        guard case .success(let i) = SemVersion.parse(a) else { return true }
        guard case .success(let j) = SemVersion.parse(b) else { return false }
        return i.compare(j) < 0
    }
}

extension Semver {
    /// Helm's `chartutil.IsCompatibleRange`: `semver.NewConstraint(constraint).Check(semver.NewVersion(version))`,
    /// false when either does not parse (a chart's `kubeVersion`, a dependency's `version` range).
    public static func isCompatibleRange(_ constraint: String, _ version: String) -> Bool {
        guard case .success(let c) = SemConstraints.parse(constraint), case .success(let v) = SemVersion.parse(version)
        else { return false }
        return c.check(v)
    }
}
