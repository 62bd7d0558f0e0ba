// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// What go-yaml v2 produces when it decodes into `interface{}`: nil, bool, int, uint64, float64, string,
/// `[]interface{}` and `map[interface{}]interface{}`.
///
/// Helm never sees these values — sigs.k8s.io/yaml turns them into JSON first — but their Go types decide
/// how map keys are stringified, which keys are rejected, and what go-yaml's and sigs.k8s.io/yaml's error
/// messages print (`%#v`), so the loader keeps them until the JSON step.
indirect enum GoValue: Sendable {
    case null
    case bool(Bool)
    /// Go `int` (64-bit).
    case int(Int)
    /// Go `uint64`: a plain integer above `math.MaxInt64`.
    case uint(UInt64)
    case float(Double)
    case string(String)
    case seq([GoValue])
    case map(GoMap)

    var isCollection: Bool {
        switch self {
        case .seq, .map: return true
        default: return false
        }
    }
}

/// A `map[interface{}]interface{}` that remembers insertion order (Go's map does not; we use the order to make
/// the cases Go leaves to random map iteration deterministic).
struct GoMap: Sendable {
    private(set) var keys: [GoValue] = []
    private(set) var values: [GoValue] = []
    private var index: [GoKey: Int] = [:]

    var count: Int { keys.count }

    /// `m[k] = v` with Go's interface-key equality: same dynamic type and equal value (`1` and `"1"` differ,
    /// `0.0` and `-0.0` are equal, NaN never equals anything).
    mutating func set(_ key: GoValue, _ value: GoValue) {
        if let k = GoKey(key) {
            if let i = index[k] {
                values[i] = value
                return
            }
            index[k] = keys.count
        }
        keys.append(key)
        values.append(value)
    }

    /// Sets every entry of `other` into this map, in `other`'s order (a merge key's effect).
    mutating func merge(_ other: GoMap) {
        for i in 0..<other.keys.count { set(other.keys[i], other.values[i]) }
    }
}

/// A hashable image of a scalar Go map key.
private enum GoKey: Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case uint(UInt64)
    case float(UInt64)
    case string(String)

    init?(_ v: GoValue) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .float(let f):
            if f.isNaN { return nil }  // NaN != NaN: every NaN key is a new entry, as in Go.
            self = .float(f == 0 ? 0 : f.bitPattern)
        case .string(let s): self = .string(s)
        case .seq, .map: return nil
        }
    }
}
