// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// The few pieces of Go's `strconv` and `fmt` that the loader's error messages and key strings need.
enum GoFormat {
    /// `strconv.FormatFloat(f, 'g', -1, 64)`, or with `bitSize32` `FormatFloat(f, 'g', -1, 32)`
    /// (sigs.k8s.io/yaml formats float map keys with bitSize 32: `0.1234567891:` becomes the key `"0.12345679"`).
    static func formatFloat(_ f: Double, bitSize32: Bool = false) -> String {
        GoStrconv.formatFloat(f, "g", -1, bitSize32 ? 32 : 64)
    }

    /// Go's `strconv.Quote`.
    static func quote(_ s: String) -> String { GoStrconv.quote(s) }

    /// `%#v` (and `%+#v`, identical for these types) of a go-yaml decoded value.
    /// `nested` is true inside a slice or map, where a nil interface prints as `interface {}(nil)`.
    static func goSyntax(_ v: GoValue, nested: Bool = false) -> String {
        switch v {
        case .null: return nested ? "interface {}(nil)" : "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "0x" + String(u, radix: 16)
        case .float(let f): return formatFloat(f)
        case .string(let s): return quote(s)
        case .seq(let items):
            return "[]interface {}{" + items.map { goSyntax($0, nested: true) }.joined(separator: ", ") + "}"
        case .map(let m):
            // fmt prints maps with sorted keys (internal/fmtsort). Keys of different dynamic types are ordered
            // by type identity in Go, which is not reproducible; we order nil < bool < int < uint64 < float64 < string.
            let order = (0..<m.count).sorted { keyLess(m.keys[$0], m.keys[$1]) }
            let parts = order.map { goSyntax(m.keys[$0], nested: true) + ":" + goSyntax(m.values[$0], nested: true) }
            return "map[interface {}]interface {}{" + parts.joined(separator: ", ") + "}"
        }
    }

    /// `%s` of `reflect.TypeOf(k)` for a go-yaml map key.
    static func typeName(_ v: GoValue) -> String {
        switch v {
        case .null: return "%!s(<nil>)"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint64"
        case .float: return "float64"
        case .string: return "string"
        case .seq: return "[]interface {}"
        case .map: return "map[interface {}]interface {}"
        }
    }

    private static func rank(_ v: GoValue) -> Int {
        switch v {
        case .null: return 0
        case .bool: return 1
        case .int: return 2
        case .uint: return 3
        case .float: return 4
        case .string: return 5
        case .seq: return 6
        case .map: return 7
        }
    }

    private static func keyLess(_ a: GoValue, _ b: GoValue) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return !x && y
        case (.int(let x), .int(let y)): return x < y
        case (.uint(let x), .uint(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y || (x.isNaN && !y.isNaN)
        case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        default: return rank(a) < rank(b)
        }
    }
}
