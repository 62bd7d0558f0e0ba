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

    /// The value a Go `interface{}` holds after the round trip.
    static func toValue(_ v: GoValue) throws(YAMLError) -> Value {
        var nonFinite = false
        let value = try convert(v, &nonFinite)
        if nonFinite, let bad = firstNonFinite(value) {
            // json.Marshal stops at the first ±Inf/NaN in encoding order (map keys sorted bytewise).
            throw YAMLError(stage: .yamlToJSON, message: "json: unsupported value: " + GoFormat.formatFloat(bad))
        }
        return value
    }

    /// Decoding into `map[string]interface{}`: an object, or JSON null which leaves the map nil (empty).
    static func toMap(_ v: GoValue) throws(YAMLError) -> [String: Value] {
        let value = try toValue(v)
        switch value {
        case .map(let m, _): return m
        case .null: return [:]
        default:
            throw YAMLError(stage: .jsonToTarget,
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
            throw YAMLError(stage: .jsonToTarget,
                            message: "json: cannot unmarshal \(jsonKind(value)) into Go value of type []interface {}")
        }
    }

    private static func convert(_ v: GoValue, _ nonFinite: inout Bool) throws(YAMLError) -> Value {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .float(Double(i))
        case .uint(let u): return .float(Double(u))
        case .float(let f):
            if !f.isFinite { nonFinite = true }
            return .float(f)
        case .string(let s): return .string(s)
        case .seq(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try convert(item, &nonFinite)) }
            return .slice(out, .anySlice)
        case .map(let m):
            var out: [String: Value] = [:]
            out.reserveCapacity(m.count)
            // Go iterates the map in random order; when two keys stringify alike (`1` and `"1"`) the survivor is
            // random in Go, the later one here.
            for i in 0..<m.count {
                let key = try keyString(m.keys[i], value: m.values[i])
                out[key] = try convert(m.values[i], &nonFinite)
            }
            return .map(out, .anyMap)
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
            throw YAMLError(stage: .yamlToJSON,
                            message: "unsupported map key of type: \(GoFormat.typeName(k)), key: \(GoFormat.goSyntax(k)), value: \(GoFormat.goSyntax(value))")
        }
    }

    /// The first non-finite float in encoding/json's output order.
    private static func firstNonFinite(_ v: Value) -> Double? {
        switch v {
        case .float(let f): return f.isFinite ? nil : f
        case .slice(let items, _):
            for item in items { if let f = firstNonFinite(item) { return f } }
            return nil
        case .map(let m, _):
            for (_, item) in m.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                if let f = firstNonFinite(item) { return f }
            }
            return nil
        default:
            return nil
        }
    }
}
