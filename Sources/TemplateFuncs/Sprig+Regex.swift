// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRegex
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's regex functions (regex.go) on our RE2 engine. `X` compiles with `regexp.MustCompile` (a bad
    /// pattern panics with "regexp: Compile(…): …"); `mustX` returns the compile error itself.
    static func registerRegex(into t: inout FunctionTable) {
        t.register(
            "regexMatch",
            GoFunction([.string, .string]) { a in
                .bool((try? RE2.Regexp.compile(str(a[0])))?.matchString(str(a[1])) ?? false)
            })
        t.register(
            "mustRegexMatch",
            GoFunction([.string, .string]) { a throws(GoError) in
                .bool(try compileRegex(str(a[0]), must: true).matchString(str(a[1])))
            })
        for must in [false, true] {
            func name(_ n: String) -> String { must ? "must" + n.prefix(1).uppercased() + n.dropFirst() : n }
            t.register(
                name("regexFind"),
                GoFunction([.string, .string]) { a throws(GoError) in
                    .string(try compileRegex(str(a[0]), must: must).findString(str(a[1])))
                })
            t.register(
                name("regexFindAll"),
                GoFunction([.string, .string, .int]) { a throws(GoError) in
                    // Go's FindAllString returns nil when nothing matches (toJson writes null).
                    let found = try compileRegex(str(a[0]), must: must).findAllString(str(a[1]), int(a[2]))
                    return found.isEmpty ? .nilSlice(.stringSlice) : .strings(found)
                })
            t.register(
                name("regexReplaceAll"),
                GoFunction([.string, .string, .string]) { a throws(GoError) in
                    .string(try compileRegex(str(a[0]), must: must).replaceAll(str(a[1]), str(a[2]), literal: false))
                })
            t.register(
                name("regexReplaceAllLiteral"),
                GoFunction([.string, .string, .string]) { a throws(GoError) in
                    .string(try compileRegex(str(a[0]), must: must).replaceAll(str(a[1]), str(a[2]), literal: true))
                })
            t.register(
                name("regexSplit"),
                GoFunction([.string, .string, .int]) { a throws(GoError) in
                    // Go's Regexp.Split returns nil for n == 0, its only empty result (toJson writes null).
                    let parts = try compileRegex(str(a[0]), must: must).split(str(a[1]), int(a[2]))
                    return parts.isEmpty ? .nilSlice(.stringSlice) : .strings(parts)
                })
        }
        t.register("regexQuoteMeta", GoFunction([.string]) { a in .string(RE2.quoteMeta(str(a[0]))) })
    }

    /// Compiles a pattern; the error is `regexp.Compile`'s (`must`) or `regexp.MustCompile`'s panic.
    static func compileRegex(_ pattern: String, must: Bool) throws(GoError) -> RE2.Regexp {
        do {
            return try RE2.Regexp.compile(pattern)
        } catch {
            if must { throw GoError(error.description) }
            throw GoError("regexp: Compile(\(regexQuote(pattern))): \(error.description)")
        }
    }

    /// regexp's `quote`: backquoted when `strconv.CanBackquote`, else `strconv.Quote`.
    static func regexQuote(_ s: String) -> String {
        let canBackquote = s.unicodeScalars.allSatisfy { u in
            u != "`" && u != "\u{FEFF}" && (u == "\t" || !(u.value < 0x20 || u.value == 0x7F))
        }
        return canBackquote ? "`" + s + "`" : GoStrconv.quote(s)
    }
}
