// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// BurntSushi/toml v1.6.0's `Encoder` (default two-space indent), as Helm's `toToml` uses it.
public enum GoTOML {
    /// `toml.NewEncoder(buf).Encode(v)`: the TOML text, or the encoder's error
    /// (`toml: cannot encode array with nil element`, `toml: top-level values must be Go maps or structs`).
    public static func encode(_ v: Value) throws(GoError) -> String {
        var e = TOMLEncoder()
        e.root = v
        try e.encode(key: [], v)
        return String(decoding: e.out, as: UTF8.self)
    }
}

/// The TOML type the encoder sees a value as (`tomlTypeOfGo`); nil for nil.
private enum TOMLKind { case scalar, array, table, arrayOfTables }

struct TOMLEncoder {
    var out: [UInt8] = []
    var hasWritten = false
    let indent = "  "
    /// The value being encoded, checked once for a map holding itself when tables nest deep (see `ValueWalk`).
    var root: Value = .null
    var cycleChecked = false

    private mutating func write(_ s: String) {
        out.append(contentsOf: s.utf8)
        hasWritten = true
    }

    private mutating func newline() {
        if hasWritten { write("\n") }
    }

    /// What an object stands for: `time.Time` and text marshalers are strings, structs tables.
    private static func resolved(_ v: Value) -> Value {
        if case .object(let o) = v {
            if o.isNilPointer { return .null }
            if let s = try? GoJSON.knownText(o) { return .string(s) }
            var m: [String: Value] = [:]
            for f in o.fields { m[f.name] = f.value }
            return .dict(m)
        }
        return v
    }

    /// `tomlTypeOfGo`, which also rejects nil elements in arrays wherever it looks.
    private static func kind(_ v: Value) throws(GoError) -> TOMLKind? {
        switch resolved(v) {
        case .null: return nil
        case .map: return .table
        case .slice(let items, _):
            if items.isEmpty { return .array }
            var allTables = true
            for item in items {
                guard let k = try kind(item) else { throw GoError("toml: cannot encode array with nil element") }
                if k != .table { allTables = false }
            }
            return allTables ? .arrayOfTables : .array
        case .bytes(let b): return b.isEmpty ? .array : .array
        default: return .scalar
        }
    }

    /// Go's `Key.String()` / `maybeQuoted`: bare keys as they are, others double-quoted.
    private static func quoted(_ k: String) -> String {
        if k.isEmpty { return "\"\"" }
        for u in k.unicodeScalars {
            switch u {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-": continue
            default: return "\"" + escaped(k) + "\""
            }
        }
        return k
    }

    private static func keyString(_ key: [String]) -> String {
        key.map(quoted).joined(separator: ".")
    }

    private func indentStr(_ key: [String]) -> String {
        String(repeating: indent, count: max(key.count - 1, 0))
    }

    /// `dblQuotedReplacer`.
    static func escaped(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{8}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{0}"..."\u{1F}", "\u{7F}":
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    mutating func encode(key: [String], _ raw: Value) throws(GoError) {
        if key.count >= ValueWalk.cycleCheckDepth {
            // BurntSushi/toml follows a map that holds itself until Go runs out of memory (Helm is killed).
            if !cycleChecked {
                cycleChecked = true
                if let t = ValueWalk.jsonCycleTypeName(root) {
                    throw GoError("toml: cannot encode a value that contains itself (a \(t) holds a reference to itself)")
                }
            }
            if key.count >= ValueWalk.maxDepth {
                throw GoError("toml: tables nested deeper than \(ValueWalk.maxDepth) levels")
            }
        }
        let v = Self.resolved(raw)
        switch v {
        case .null:
            return
        case .map(let m, _):
            try table(key: key, m.dictionary)
        case .slice(let items, _):
            if try Self.kind(v) == .arrayOfTables {
                guard !key.isEmpty else { throw GoError("toml: top-level values must be Go maps or structs") }
                for item in items {
                    guard case .map(let m, _) = Self.resolved(item) else { continue }
                    newline()
                    write(indentStr(key) + "[[" + Self.keyString(key) + "]]")
                    newline()
                    try mapBody(key: key, m.dictionary, inline: false)
                }
            } else {
                try keyValue(key: key, v, inline: false)
            }
        default:
            try keyValue(key: key, v, inline: false)
        }
    }

    private mutating func table(key: [String], _ m: [String: Value]) throws(GoError) {
        if key.count == 1 { newline() }
        if !key.isEmpty {
            write(indentStr(key) + "[" + Self.keyString(key) + "]")
            newline()
        }
        try mapBody(key: key, m, inline: false)
    }

    /// `eMap`: keys whose values are not tables first, then tables and arrays of tables, each sorted bytewise.
    private mutating func mapBody(key: [String], _ m: [String: Value], inline: Bool) throws(GoError) {
        var direct: [String] = [], sub: [String] = []
        for (k, v) in m {
            let kind = try Self.kind(v)
            if kind == .table || kind == .arrayOfTables { sub.append(k) } else { direct.append(k) }
        }
        let byBytes: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        direct.sort(by: byBytes)
        sub.sort(by: byBytes)
        if inline { write("{") }
        for (group, trailingComma) in [(direct, !sub.isEmpty), (sub, false)] {
            for (i, k) in group.enumerated() {
                // writeMapKeys skips nil values: untyped nil, and nil slices and maps (BurntSushi's isNil).
                guard let v = m[k], !v.isNull, !v.isTypedNil else { continue }
                if inline {
                    try keyValue(key: [k], v, inline: true)
                    if trailingComma || i != group.count - 1 { write(", ") }
                } else {
                    try encode(key: key + [k], v)
                }
            }
        }
        if inline { write("}") }
    }

    private mutating func keyValue(key: [String], _ v: Value, inline: Bool) throws(GoError) {
        if key.isEmpty {
            try element(v)
            return
        }
        write(indentStr(key) + Self.quoted(key[key.count - 1]) + " = ")
        try element(v)
        if !inline { newline() }
    }

    /// `eElement`: one value in TOML syntax.
    private mutating func element(_ raw: Value) throws(GoError) {
        let v = Self.resolved(raw)
        switch v {
        case .null:
            // reflect.Value.Interface on the zero Value: Go panics outside the encoder's recovery.
            throw GoError("toml: cannot encode array with nil element")
        case .bool(let b): write(b ? "true" : "false")
        case .int(let i, let kind): write(kind.isUnsigned && i < 0 ? String(UInt(bitPattern: i)) : String(i))
        case .float(let f):
            if f.isNaN {
                write(f.sign == .minus ? "-nan" : "nan")
            } else if f.isInfinite {
                write(f < 0 ? "-inf" : "inf")
            } else {
                let s = GoStrconv.formatFloat(f, "g", -1, 64)
                write(s.utf8.contains(UInt8(ascii: "e")) || s.utf8.contains(UInt8(ascii: ".")) ? s : s + ".0")
            }
        case .string(let s): write("\"" + Self.escaped(s) + "\"")
        case .bytes(let b): try element(.list(b.map { .int(Int($0), .uint8) }))
        case .slice(let items, _):
            write("[")
            for (i, item) in items.enumerated() {
                try element(item)
                if i != items.count - 1 { write(", ") }
            }
            write("]")
        case .map(let m, _):
            try mapBody(key: [], m.dictionary, inline: true)
        case .object:
            write("\"\"")
        }
    }
}
