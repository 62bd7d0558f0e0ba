// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's dict functions (dict.go, with mergo's and copystructure's rules).
    ///
    /// Go maps are references (`GoMap`): `set`, `unset`, `merge` and `mergeOverwrite` change the map they are
    /// given, in place, and return it — every variable and field holding that map sees the change.
    static func registerDicts(into t: inout FunctionTable) {
        let anyMap = GoParam.map(.anyMap)
        t.register(
            "dict",
            GoFunction([], variadic: .any) { a in
                var d: [String: Value] = [:]
                var i = 0
                while i < a.count {
                    d[Cast.strval(a[i])] = i + 1 < a.count ? a[i + 1] : .string("")
                    i += 2
                }
                return .dict(d)
            })
        t.register(
            "get",
            GoFunction([anyMap, .string], returnsInterface: true) { a in
                entries(a[0])[str(a[1])] ?? .string("")
            })
        t.register(
            "set",
            GoFunction([anyMap, .string, .any], effects: .changesMaps) { a throws(GoError) in
                // Go panics storing in a nil map (an untyped nil, or `fromJson "null"`).
                guard case .map(let m, _) = a[0], !m.isNil else { throw GoError("assignment to entry in nil map") }
                m[str(a[1])] = a[2]
                return a[0]
            })
        t.register(
            "unset",
            GoFunction([anyMap, .string], effects: .changesMaps) { a in
                if case .map(let m, _) = a[0] { m.removeValue(forKey: str(a[1])) }
                return a[0]
            })
        t.register("hasKey", GoFunction([anyMap, .string]) { a in .bool(entries(a[0])[str(a[1])] != nil) })
        t.register(
            "pluck",
            GoFunction([.string], variadic: anyMap) { a in
                let k = str(a[0])
                return .list(a.dropFirst().compactMap { entries($0)[k] })
            })
        t.register(
            "keys",
            GoFunction([], variadic: anyMap) { a in
                // Go ranges over maps in random order; sorted order is one of them.
                .strings(a.flatMap { entries($0).keys.sorted(by: GoSort.less) })
            })
        t.register(
            "values",
            GoFunction([anyMap]) { a in
                let m = entries(a[0])
                return .list(m.keys.sorted(by: GoSort.less).compactMap { m[$0] })
            })
        t.register(
            "pick",
            GoFunction([anyMap], variadic: .string) { a in
                let m = entries(a[0])
                var out: [String: Value] = [:]
                for k in a.dropFirst().map(str) { if let v = m[k] { out[k] = v } }
                return .dict(out)
            })
        t.register(
            "omit",
            GoFunction([anyMap], variadic: .string) { a in
                var m = entries(a[0])
                for k in a.dropFirst().map(str) { m[k] = nil }
                return .dict(m)
            })
        for (name, overwrite) in [("merge", false), ("mustMerge", false), ("mergeOverwrite", true), ("mustMergeOverwrite", true)] {
            t.register(
                name,
                GoFunction([anyMap], variadic: anyMap, returnsInterface: true, effects: .changesMaps) { a throws(GoError) in
                    guard case .map(let dst, _) = a[0] else { return a[0] }
                    for src in a.dropFirst() { try mergeMaps(dst, entries(src), overwrite: overwrite, name: name) }
                    return a[0]
                })
        }
        let copy = GoFunction([.any], returnsInterface: true) { a throws(GoError) in
            if a[0].isNull { throw GoError("reflect: call of reflect.Value.Type on zero Value") }
            return a[0].deepCopy()
        }
        t.register("deepCopy", copy)
        t.register("mustDeepCopy", copy)
        t.register(
            "dig",
            GoFunction([], variadic: .any, returnsInterface: true) { a throws(GoError) in
                guard a.count >= 3 else { throw GoError("dig needs at least three arguments") }
                var dict = try assertAnyMap(a[a.count - 1])
                let def = a[a.count - 2]
                var keys: [String] = []
                for k in a[0..<(a.count - 2)] {
                    guard case .string(let s) = k else { throw interfaceConversion(k, "string") }
                    keys.append(s)
                }
                for (i, k) in keys.enumerated() {
                    guard let step = dict[k] else { return def }
                    if i == keys.count - 1 { return step }
                    dict = try assertAnyMap(step)
                }
                return def
            })
    }

    /// The entries of a converted map argument.
    static func entries(_ v: Value) -> [String: Value] {
        if case .map(let m, _) = v { return m.dictionary }
        return [:]
    }

    /// Go's panic for a failed type assertion from `interface {}`.
    static func interfaceConversion(_ v: Value, _ want: String) -> GoError {
        GoError("interface conversion: interface {} is \(v.goType?.name ?? "nil"), not \(want)")
    }

    /// `v.(map[string]interface{})`: only that exact type passes (not `common.Values`).
    static func assertAnyMap(_ v: Value) throws(GoError) -> GoMap {
        if case .map(let m, let t) = v, t == .anyMap { return m }
        throw interfaceConversion(v, "map[string]interface {}")
    }

    /// mergo's `Merge` (and `MergeWithOverwrite`) of two `map[string]interface{}`: nested maps merge, other
    /// values fill keys that are missing or hold an empty value — or every key, when overwriting. A nil
    /// source value only replaces when overwriting.
    ///
    /// A map merged into a map that holds it (`mergeOverwrite .Values.a .Values`, twice) makes mergo recurse
    /// until Go's stack overflows and Helm dies; past `ValueWalk.maxDepth` levels this fails with an error.
    static func mergeMaps(_ dst: GoMap, _ src: [String: Value], overwrite: Bool, name: String, depth: Int = 0) throws(GoError) {
        if depth >= ValueWalk.maxDepth {
            throw GoError(
                "\(name): the maps nest deeper than \(ValueWalk.maxDepth) levels: a map is being merged into a map "
                    + "that holds it (Go's mergo recurses until its stack overflows)")
        }
        for key in src.keys.sorted(by: GoSort.less) {
            guard let s = src[key] else { continue }
            if s.isNull {
                if overwrite { dst[key] = .null }
                continue
            }
            let d = dst[key]
            if case .map(let sm, _) = s, case .map(let dm, _)? = d {
                // mergo merges into the destination map in place, then looks at it again.
                try mergeMaps(dm, sm.dictionary, overwrite: overwrite, name: name, depth: depth + 1)
            }
            if let d, !isEmpty(d) {
                if case .slice = s, !overwrite { continue }
                if case .map = s, case .map = d { continue }
            }
            if overwrite || d == nil || isEmpty(d ?? .null) {
                dst[key] = s
            }
        }
    }
}
