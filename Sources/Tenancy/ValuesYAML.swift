// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import YAMLKit

/// A small block-style YAML emitter for values trees: keys sorted, strings quoted whenever plain text could
/// read back as something else, so that YAMLKit's `loadValues` returns the same tree.
public enum ValuesYAML {
    /// The whole tree as YAML text ending in a newline; `{}` for an empty map.
    public static func emit(_ value: Value, indent: Int = 0) -> String {
        var out = ""
        write(value, indent: indent, into: &out)
        return out
    }

    /// JSON text re-emitted as YAML (JSON is YAML, so YAMLKit reads it); nil when it does not parse.
    public static func fromJSON(_ json: String) -> String? {
        guard let tree = try? YAML.load(json) else { return nil }
        return emit(tree)
    }

    private static func write(_ value: Value, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .map(let m, _) where !m.isEmpty:
            for key in m.keys.sorted() {
                let v = m[key] ?? .null
                out += pad + scalar(.string(key)) + ":"
                if isBlock(v) {
                    out += "\n"
                    write(v, indent: isList(v) ? indent : indent + 2, into: &out)
                } else {
                    out += " " + scalar(v) + "\n"
                }
            }
        case .slice(let items, _) where !items.isEmpty:
            for item in items {
                if isBlock(item) {
                    var inner = ""
                    write(item, indent: indent + 2, into: &inner)
                    // The first line's indentation becomes "- ".
                    out += pad + "- " + inner.dropFirst(indent + 2)
                } else {
                    out += pad + "- " + scalar(item) + "\n"
                }
            }
        default:
            out += pad + scalar(value) + "\n"
        }
    }

    private static func isList(_ v: Value) -> Bool {
        if case .slice(let items, _) = v { return !items.isEmpty }
        return false
    }

    private static func isBlock(_ v: Value) -> Bool {
        switch v {
        case .map(let m, _): return !m.isEmpty
        case .slice(let items, _): return !items.isEmpty
        default: return false
        }
    }

    /// One scalar (or an empty collection) in flow form.
    public static func scalar(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i, _): return String(i)
        case .float(let f):
            if f.isNaN { return ".nan" }
            if f.isInfinite { return f < 0 ? "-.inf" : ".inf" }
            if f == f.rounded(), abs(f) < 1e15 { return String(Int(f)) }
            return GoStrconv.formatFloat(f, "g", -1)
        case .string(let s): return plainSafe(s) ? s : quoted(s)
        case .map: return "{}"
        case .slice: return "[]"
        case .bytes(let b): return quoted(String(decoding: b, as: UTF8.self))
        case .object: return quoted(GoFmt.sprint([v]))
        }
    }

    private static let reserved: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    /// Whether `s` reads back as the same string without quotes.
    static func plainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !reserved.contains(s.lowercased()) else { return false }
        func letter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
        guard letter(first) || first == "_" || first == "/" else { return false }
        return s.unicodeScalars.allSatisfy { letter($0) || ($0 >= "0" && $0 <= "9") || "_-./".unicodeScalars.contains($0) }
    }

    /// A double-quoted YAML string (JSON's escapes, which YAML reads the same way).
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 || c.value == 0x7f { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}
