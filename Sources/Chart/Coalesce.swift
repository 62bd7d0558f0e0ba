// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Semver

/// Helm's values coalescing (`pkg/chart/common/util/coalesce.go`) and dependency processing
/// (`pkg/chart/v2/util/dependencies.go`) on value trees.
///
/// Only `map[string]interface {}` maps count as tables, as Go's type assertion decides. Go mutates shared
/// maps in place; these functions return new trees instead (so the one aliasing effect of Helm, parent
/// globals picking up nested keys of subchart globals, is not reproduced).
public enum ValuesCoalescer {
    /// Helm's `CoalesceValues`: the chart's defaults (and its subcharts', under their names, with `global`
    /// copied down) under the given values; `null` in `values` deletes a chart default.
    public static func coalesceValues(chart: LoadedChart, values: [String: Value]) throws(ChartError) -> [String: Value] {
        var warnings: [String] = []
        return try coalesceValues(chart: chart, values: values, warnings: &warnings)
    }

    /// `coalesceValues`, with the warnings Helm logs on the way (`warning: skipped value for conf.a: Not a
    /// table.`) appended to `warnings`, for the command to print (Helm: `level=INFO msg="…"` on standard error).
    public static func coalesceValues(
        chart: LoadedChart, values: [String: Value], warnings: inout [String]
    ) throws(ChartError) -> [String: Value] {
        var dest = values
        try coalesce(chart, &dest, prefix: "", merge: false, warnings: &warnings)
        return dest
    }

    /// Helm's `MergeValues`: like `coalesceValues` but `null`s are kept.
    public static func mergeValues(chart: LoadedChart, values: [String: Value]) throws(ChartError) -> [String: Value] {
        var dest = values
        var warnings: [String] = []
        try coalesce(chart, &dest, prefix: "", merge: true, warnings: &warnings)
        return dest
    }

    /// Go's `%v` of a value in a warning.
    static func plain(_ v: Value) -> String { GoFmt.sprintf("%v", [v]) }

    static func isTable(_ v: Value?) -> [String: Value]? {
        if case .map(let m, let t)? = v, t == .anyMap { return m.dictionary }
        return nil
    }

    static func concatPrefix(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "." + b }

    static func coalesce(
        _ chart: LoadedChart, _ dest: inout [String: Value], prefix: String,
        merge: Bool, warnings: inout [String]
    ) throws(ChartError) {
        coalesceChartValues(chart, &dest, prefix: prefix, merge: merge, warnings: &warnings)
        try coalesceDeps(chart, &dest, prefix: prefix, merge: merge, warnings: &warnings)
    }

    static func coalesceDeps(
        _ chart: LoadedChart, _ dest: inout [String: Value], prefix: String,
        merge: Bool, warnings: inout [String]
    ) throws(ChartError) {
        for sub in chart.dependencies {
            let name = sub.metadata.name
            var dv: [String: Value]
            if let existing = dest[name] {
                guard let m = isTable(existing) else {
                    throw ChartError("type mismatch on \(name): %!t(\(goTypeName(existing))=\(goPlain(existing)))")
                }
                dv = m
            } else {
                dv = [:]
            }
            let subPrefix = concatPrefix(prefix, chart.metadata.name)
            coalesceGlobals(&dv, src: dest, prefix: subPrefix, warnings: &warnings)
            try coalesce(sub, &dv, prefix: subPrefix, merge: merge, warnings: &warnings)
            dest[name] = .dict(dv)
        }
    }

    static func coalesceGlobals(
        _ dest: inout [String: Value], src: [String: Value], prefix: String, warnings: inout [String]
    ) {
        var dg: [String: Value]
        if let g = dest["global"] {
            guard let m = isTable(g) else {
                warnings.append("warning: skipping globals because destination global is not a table.")
                return
            }
            dg = m
        } else {
            dg = [:]
        }
        var sg: [String: Value]
        if let g = src["global"] {
            guard let m = isTable(g) else {
                warnings.append("warning: skipping globals because source global is not a table.")
                return
            }
            sg = m
        } else {
            sg = [:]
        }
        for (key, val) in sg {
            if let vm = isTable(val) {
                var vv = vm
                if let destv = dg[key] {
                    if let destvmap = isTable(destv) {
                        coalesceTables(
                            &vv, destvmap, prefix: concatPrefix(prefix, key), merge: true, warnings: &warnings)
                        dg[key] = .dict(vv)
                    } else {
                        warnings.append("Conflict: cannot merge map onto non-map for \(GoStrconv.quote(key)). Skipping.")
                    }
                } else {
                    dg[key] = .dict(vv)
                }
            } else if isTable(dg[key]) != nil {
                warnings.append("key \(key) is table. Skipping")
                continue
            } else {
                dg[key] = val
            }
        }
        dest["global"] = .dict(dg)
    }

    static func coalesceChartValues(
        _ chart: LoadedChart, _ v: inout [String: Value], prefix: String, merge: Bool, warnings: inout [String]
    ) {
        let subPrefix = concatPrefix(prefix, chart.metadata.name)
        for (key, val) in chart.values {
            if let value = v[key] {
                if value.isNull && !merge {
                    v.removeValue(forKey: key)
                } else if var dest = isTable(value) {
                    if let src = isTable(val) {
                        let childMerge = chart.dependencies.contains { $0.metadata.name == key } ? true : merge
                        coalesceTables(
                            &dest, src, prefix: concatPrefix(subPrefix, key), merge: childMerge, warnings: &warnings)
                        v[key] = .dict(dest)
                    } else if !val.isNull {
                        // Helm: no warning when the chart's default is null.
                        warnings.append("warning: skipped value for \(subPrefix).\(key): Not a table.")
                    }
                }
            } else {
                v[key] = val
            }
        }
    }

    /// Helm's `coalesceTablesFullKey`: `dst` is authoritative; tables merge recursively.
    static func coalesceTables(
        _ dst: inout [String: Value], _ srcIn: [String: Value], prefix: String, merge: Bool,
        warnings: inout [String]
    ) {
        var src = srcIn
        var srcOriginalNonNil = Set<String>()
        for (k, v) in src where !v.isNull { srcOriginalNonNil.insert(k) }
        for (k, v) in dst where v.isNull { src[k] = .null }
        for (key, val) in src {
            let fullKey = concatPrefix(prefix, key)
            let dv = dst[key]
            if let dv, !merge, dv.isNull, srcOriginalNonNil.contains(key) {
                dst.removeValue(forKey: key)
            } else if dv == nil {
                dst[key] = val
            } else if let valMap = isTable(val) {
                if var dvMap = isTable(dv) {
                    coalesceTables(&dvMap, valMap, prefix: fullKey, merge: merge, warnings: &warnings)
                    dst[key] = .dict(dvMap)
                } else {
                    warnings.append("warning: cannot overwrite table with non table for \(fullKey) (\(plain(val)))")
                }
            } else if isTable(dv) != nil, !val.isNull {
                warnings.append("warning: destination for \(fullKey) is a table. Ignoring non-table value (\(plain(val)))")
            }
        }
    }

    /// Helm's `CoalesceTables` (`merge == false`) / `MergeTables` (`merge == true`).
    public static func coalesceTables(_ dst: [String: Value], _ src: [String: Value], merge: Bool) -> [String: Value] {
        var d = dst
        var warnings: [String] = []
        coalesceTables(&d, src, prefix: "", merge: merge, warnings: &warnings)
        return d
    }
}

/// `%T`-ish name for the few error messages the loader formats itself.
func goTypeName(_ v: Value) -> String { v.goType?.name ?? "<nil>" }

/// `%v`-ish text of a scalar for the few error messages the loader formats itself.
func goPlain(_ v: Value) -> String {
    switch v {
    case .null: return "<nil>"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i, _): return String(i)
    case .float(let f):
        return f == f.rounded() && abs(f) < 1e21 ? String(Int64(f)) : String(f)
    case .string(let s): return s
    case .slice(let xs, _): return "[" + xs.map(goPlain).joined(separator: " ") + "]"
    case .map(let m, _):
        return "map[" + m.keys.sorted().map { "\($0):\(goPlain(m[$0] ?? .null))" }.joined(separator: " ") + "]"
    case .bytes(let b): return "[" + b.map { String($0) }.joined(separator: " ") + "]"
    case .object(let o): return o.stringer ?? o.goTypeName
    }
}

// MARK: - Values paths (common.Values.Table / PathValue)

enum ValuesPath {
    /// `Values.Table`: the table at a dotted path, or nil (Helm's `ErrNoTable`).
    static func table(_ v: [String: Value], _ path: String) -> [String: Value]? {
        var cur = v
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = cur[String(part)], case .map(let m, let t) = next,
                t == .anyMap || t.name == "common.Values"
            else { return nil }
            cur = m.dictionary
        }
        return cur
    }

    /// `Values.PathValue`: the non-table value at a dotted path, or nil.
    static func pathValue(_ v: [String: Value], _ path: String) -> Value? {
        if path.isEmpty { return nil }
        var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            if let x = v[parts[0]], ValuesCoalescer.isTable(x) == nil { return x }
            return nil
        }
        let key = parts.removeLast()
        guard let t = table(v, parts.joined(separator: ".")) else { return nil }
        if let x = t[key], ValuesCoalescer.isTable(x) == nil { return x }
        return nil
    }
}

// MARK: - Dependency processing (chartutil.ProcessDependencies)

extension LoadedChart {
    /// Helm's `ProcessDependencies` (as `helm install`/`template` run it): aliases applied, subcharts disabled
    /// by `condition`/`tags` removed, `import-values` imported into the parent's values, and each declared
    /// dependency marked `Enabled`. Returns the processed copy with paths recomputed.
    public func processingDependencies(values: [String: Value]) throws(ChartError) -> LoadedChart {
        var warnings: [String] = []
        return try processingDependencies(values: values, warnings: &warnings)
    }

    /// `processingDependencies`, with the coalescing warnings Helm logs on the way appended to `warnings`.
    public func processingDependencies(
        values: [String: Value], warnings: inout [String]
    ) throws(ChartError) -> LoadedChart {
        var c = self
        try c.processDependencyEnabled(values, path: "", warnings: &warnings)
        c.processDependencyImportValues()
        c.assignPaths(parentPath: isRoot ? nil : String(fullPath.dropLast(("/charts/" + name).count)))
        return c
    }

    mutating func processDependencyEnabled(
        _ v: [String: Value], path: String, warnings: inout [String]
    ) throws(ChartError) {
        guard var reqs = metadata.dependencies else { return }
        var chartDependencies: [LoadedChart] = []
        outer: for existing in dependencies {
            for case let req? in reqs
            where existing.name == req.name
                && versionSatisfies(existing.metadata.version, constraint: req.version)
            {
                continue outer
            }
            chartDependencies.append(existing)
        }
        for i in reqs.indices {
            guard let req = reqs[i] else { continue }
            if var dep = dependencies.first(where: {
                $0.name == req.name && versionSatisfies($0.metadata.version, constraint: req.version)
            }) {
                if !req.alias.isEmpty { dep.metadata.name = req.alias }
                chartDependencies.append(dep)
            }
            if !req.alias.isEmpty { reqs[i]?.name = req.alias }
        }
        dependencies = chartDependencies
        for i in reqs.indices { reqs[i]?.enabled = true }
        metadata.dependencies = reqs

        let cvals = try ValuesCoalescer.coalesceValues(chart: self, values: v, warnings: &warnings)
        // Tags, then conditions (a boolean condition wins over tags).
        if let tagTable = ValuesPath.table(cvals, "tags") {
            for i in reqs.indices {
                guard let r = reqs[i] else { continue }
                var hasTrue = false
                var hasFalse = false
                for k in r.tags ?? [] {
                    if case .bool(let b)? = tagTable[k] {
                        if b { hasTrue = true } else { hasFalse = true }
                    }
                }
                if !hasTrue && hasFalse {
                    reqs[i]?.enabled = false
                } else {
                    reqs[i]?.enabled = true
                }
            }
        }
        for i in reqs.indices {
            guard let r = reqs[i] else { continue }
            for c in r.condition.goTrimSpace().split(separator: ",", omittingEmptySubsequences: false)
            where !c.isEmpty {
                if case .bool(let b)? = ValuesPath.pathValue(cvals, path + c) {
                    reqs[i]?.enabled = b
                    break
                }
            }
        }
        let removed = Set(
            reqs.compactMap { r -> String? in
                guard let r, !r.enabled else { return nil }
                return r.name
            })
        var kept = dependencies.filter { !removed.contains($0.name) }
        let keptMeta = reqs.filter { r in
            guard let r else { return true }
            return !removed.contains(r.name)
        }
        for i in kept.indices {
            try kept[i].processDependencyEnabled(cvals, path: path + kept[i].name + ".", warnings: &warnings)
        }
        metadata.dependencies = keptMeta
        dependencies = kept
    }

    mutating func processDependencyImportValues() {
        for i in dependencies.indices { dependencies[i].processDependencyImportValues() }
        guard var reqs = metadata.dependencies else { return }
        // merge == true, as ProcessDependencies runs it.
        guard let cvals = try? ValuesCoalescer.mergeValues(chart: self, values: [:]) else { return }
        var b: [String: Value] = [:]
        for i in reqs.indices {
            guard let r = reqs[i] else { continue }
            var outiv: [Value] = []
            for riv in r.importValues ?? [] {
                switch riv {
                case .map(let iv, _):
                    let child = goPlain(iv["child"] ?? .null)
                    let parent = goPlain(iv["parent"] ?? .null)
                    outiv.append(.map(["child": .string(child), "parent": .string(parent)], .stringMap))
                    guard let vv = ValuesPath.table(cvals, r.name + "." + child) else { continue }
                    b = ValuesCoalescer.coalesceTables(b, pathToMap(parent, vv), merge: true)
                case .string(let iv):
                    let child = "exports." + iv
                    outiv.append(.map(["child": .string(child), "parent": .string(".")], .stringMap))
                    guard let vm = ValuesPath.table(cvals, r.name + "." + child) else { continue }
                    b = ValuesCoalescer.coalesceTables(b, vm, merge: true)
                default:
                    continue
                }
            }
            reqs[i]?.importValues = outiv.isEmpty ? nil : outiv
        }
        metadata.dependencies = reqs
        values = ValuesCoalescer.coalesceTables(cvals, b, merge: true)
    }

    func pathToMap(_ path: String, _ data: [String: Value]) -> [String: Value] {
        if path == "." { return data }
        var cur = data
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for p in parts.reversed() { cur = [p: .dict(cur)] }
        return cur
    }
}

/// Whether a chart version satisfies a dependency's version range: Helm's `IsCompatibleRange`
/// (``Semver/isCompatibleRange(_:_:)``). An empty range is an improper constraint, so it matches nothing
/// (helm v4.1.4: a dependency without `version` keeps its chart's name, its `alias` is not applied).
func versionSatisfies(_ version: String, constraint: String) -> Bool {
    Semver.isCompatibleRange(constraint, version)
}
