// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// sigs.k8s.io/yaml's YAML→JSON→Go step: `convertToJSONableObject` (map keys become strings),
/// `json.Marshal` (no ±Inf or NaN), then `encoding/json` decoding, after which every number is a float64.
enum JSONBridge {
    /// The JSON kind of a decoded top-level value, as encoding/json names it in `cannot unmarshal X into …`.
    private static func jsonKind(_ v: Value) -> String {
        switch v {
        case .slice: return "array"
        case .map: return "object"
        case .string: return "string"
        case .bool: return "bool"
        default: return "number"
        }
    }

    /// encoding/json's scanner limit on nested arrays and objects (`maxNestingDepth`): decoding JSON nested
    /// deeper fails with `invalid character '[' exceeded max depth`. go-yaml allows 10000 levels of its own,
    /// so a YAML file within go-yaml's limits can still exceed this one once wrapped in a top-level map.
    static let maxNestingDepth = 10000

    /// The value a Go `interface{}` holds after the round trip.
    static func toValue(_ v: GoValue) throws(YAMLError) -> Value {
        var nonFinite = false
        var deepest = 0
        let value = try convert(v, &nonFinite, &deepest)
        if nonFinite, let bad = firstNonFinite(value) {
            // json.Marshal stops at the first ±Inf/NaN in encoding order (map keys sorted bytewise).
            throw YAMLError(stage: .yamlToJSON, message: "json: unsupported value: " + GoFormat.formatFloat(bad))
        }
        if deepest > maxNestingDepth, let opening = firstTooDeep(value) {
            // json.Unmarshal's checkValid scans the whole text before decoding: the depth error comes before
            // any type mismatch, and names the first collection opened past the limit in encoding order.
            throw YAMLError(stage: .jsonToTarget, message: "invalid character '\(opening)' exceeded max depth")
        }
        return value
    }

    /// Decoding into `map[string]interface{}`: an object, or JSON null which leaves the map nil (empty).
    /// `toValue` for a reader that needs only some top-level keys of a map: the other keys' values are
    /// walked for the same errors, in the same order, but not built. The result holds the kept keys only.
    /// Anything unusual (not a map at the top, a non-finite float anywhere) takes the full conversion, so
    /// errors stay exactly `toValue`'s.
    static func toValue(_ v: GoValue, keepingTopLevel keep: (String) -> Bool) throws(YAMLError) -> Value {
        guard case .map(let m) = v else { return try toValue(v) }
        var out: [String: Value] = [:]
        var nonFinite = false
        var deepest = 0
        for i in 0..<m.count {
            let key = try keyString(m.keys[i], value: m.values[i])
            if keep(key) {
                out[key] = try convert(m.values[i], &nonFinite, &deepest)
            } else {
                try check(m.values[i], &nonFinite, depth: 0, &deepest)
            }
        }
        // The top-level map is one more level of JSON nesting.
        if nonFinite || deepest + 1 > maxNestingDepth { return try toValue(v) }
        return .map(GoRuntime.GoMap(out), .anyMap)
    }

    /// The errors `convert` would throw for a value, in its order, without building anything.
    /// `depth` counts the collections `v` is nested in; `deepest` records the deepest collection met.
    private static func check(
        _ v: GoValue, _ nonFinite: inout Bool, depth: Int, _ deepest: inout Int
    ) throws(YAMLError) {
        switch v {
        case .float(let f):
            if !f.isFinite { nonFinite = true }
        case .seq(let items):
            deepest = max(deepest, depth + 1)
            for item in items { try check(item, &nonFinite, depth: depth + 1, &deepest) }
        case .map(let m):
            deepest = max(deepest, depth + 1)
            for i in 0..<m.count {
                _ = try keyString(m.keys[i], value: m.values[i])
                try check(m.values[i], &nonFinite, depth: depth + 1, &deepest)
            }
        case .null, .bool, .int, .uint, .string:
            break
        }
    }

    static func toMap(_ v: GoValue) throws(YAMLError) -> [String: Value] {
        let value = try toValue(v)
        switch value {
        case .map(let m, _): return m.dictionary
        case .null: return [:]
        default:
            throw YAMLError(
                stage: .jsonToTarget,
                message: "json: cannot unmarshal \(jsonKind(value)) into Go value of type map[string]interface {}")
        }
    }

    /// Decoding into `[]interface{}`: an array, or JSON null which leaves the slice nil (empty).
    static func toArray(_ v: GoValue) throws(YAMLError) -> [Value] {
        let value = try toValue(v)
        switch value {
        case .slice(let a, _): return a
        case .null: return []
        default:
            throw YAMLError(
                stage: .jsonToTarget,
                message: "json: cannot unmarshal \(jsonKind(value)) into Go value of type []interface {}")
        }
    }

    /// One collection being converted: the source, the next child to convert, and what is built so far.
    private struct Pending {
        var seq: [GoValue] = []
        var map = GoMap()
        var isMap: Bool
        var next = 0
        var outSeq: [Value] = []
        var outMap: [String: Value] = [:]
        /// The key under which the child being converted goes.
        var key = ""
    }

    /// `convertToJSONableObject` and encoding/json's decoding in one walk. Iterative, with an explicit stack:
    /// go-yaml allows 10000 levels of nesting, deeper than a thread's stack allows for recursion.
    /// `deepest` records the most collections open at once (JSON's nesting depth of the value).
    private static func convert(_ v: GoValue, _ nonFinite: inout Bool, _ deepest: inout Int) throws(YAMLError) -> Value {
        var stack: [Pending] = []
        var current = v
        while true {
            // Descend into `current`, or convert it when it is a scalar.
            var done: Value
            switch current {
            case .null: done = .null
            case .bool(let b): done = .bool(b)
            case .int(let i): done = .float(Double(i))
            case .uint(let u): done = .float(Double(u))
            case .float(let f):
                if !f.isFinite { nonFinite = true }
                done = .float(f)
            case .string(let s): done = .string(s)
            case .seq(let items):
                var p = Pending(isMap: false)
                p.seq = items
                p.outSeq.reserveCapacity(items.count)
                stack.append(p)
                deepest = max(deepest, stack.count)
                done = .null
            case .map(let m):
                var p = Pending(isMap: true)
                p.map = m
                p.outMap.reserveCapacity(m.count)
                stack.append(p)
                deepest = max(deepest, stack.count)
                done = .null
            }
            let descended = current.isCollection
            if !descended {
                guard !stack.isEmpty else { return done }
                attach(done, to: &stack[stack.count - 1])
            }
            // Move to the next child, closing finished collections on the way up.
            while true {
                // Index the stack in place: copying a frame would retain all of its storage.
                let t = stack.count - 1
                guard t >= 0 else { return done }
                let isMap = stack[t].isMap
                let i = stack[t].next
                if i < (isMap ? stack[t].map.count : stack[t].seq.count) {
                    stack[t].next += 1
                    if isMap {
                        // Go converts each key before its value; a bad key fails at once.
                        stack[t].key = try keyString(stack[t].map.keys[i], value: stack[t].map.values[i])
                        current = stack[t].map.values[i]
                    } else {
                        current = stack[t].seq[i]
                    }
                    break
                }
                let finished = stack.removeLast()
                // Go iterates the map in random order; when two keys stringify alike (`1` and `"1"`) the
                // survivor is random in Go, the later one here.
                done = finished.isMap ? .map(finished.outMap, .anyMap) : .slice(finished.outSeq, .anySlice)
                guard !stack.isEmpty else { return done }
                attach(done, to: &stack[stack.count - 1])
            }
        }
    }

    private static func attach(_ value: Value, to parent: inout Pending) {
        if parent.isMap {
            parent.outMap[parent.key] = value
        } else {
            parent.outSeq.append(value)
        }
    }

    /// sigs.k8s.io/yaml's key conversion: strings as is, ints in decimal, floats with
    /// `strconv.FormatFloat(f, 'g', -1, 32)` (float32 precision!) and `.inf`/`-.inf`/`.nan`, bools as
    /// `true`/`false`; nil and uint64 keys are rejected.
    private static func keyString(_ k: GoValue, value: GoValue) throws(YAMLError) -> String {
        switch k {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .float(let f):
            switch GoFormat.formatFloat(f, bitSize32: true) {
            case "+Inf": return ".inf"
            case "-Inf": return "-.inf"
            case "NaN": return ".nan"
            case let s: return s
            }
        default:
            throw YAMLError(
                stage: .yamlToJSON,
                message: "unsupported map key of type: \(GoFormat.typeName(k)), key: \(GoFormat.goSyntax(k)), value: \(GoFormat.goSyntax(value))")
        }
    }

    /// The first non-finite float in encoding/json's output order (map keys sorted bytewise). Iterative, as
    /// `convert` is.
    private static func firstNonFinite(_ v: Value) -> Double? {
        var stack: [(items: [Value], next: Int)] = [([v], 0)]
        while let top = stack.last {
            if top.next == top.items.count {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            switch top.items[top.next] {
            case .float(let f) where !f.isFinite:
                return f
            case .slice(let items, _):
                stack.append((items, 0))
            case .map(let m, _):
                let ordered = m.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.value)
                stack.append((ordered, 0))
            default:
                break
            }
        }
        return nil
    }

    /// The opening character (`[` or `{`) of the first collection nested deeper than `maxNestingDepth`, in
    /// encoding/json's output order (map keys sorted bytewise). Iterative, as `convert` is.
    private static func firstTooDeep(_ v: Value) -> Character? {
        var stack: [(items: [Value], next: Int)] = [([v], 0)]
        while let top = stack.last {
            if top.next == top.items.count {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            // `stack.count` is the depth of the item's container plus one (the root pseudo-list).
            switch top.items[top.next] {
            case .slice(let items, _):
                if stack.count > maxNestingDepth { return "[" }
                stack.append((items, 0))
            case .map(let m, _):
                if stack.count > maxNestingDepth { return "{" }
                let ordered = m.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.value)
                stack.append((ordered, 0))
            default:
                break
            }
        }
        return nil
    }
}
