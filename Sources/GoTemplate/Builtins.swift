// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// Go's text/template builtin functions, with Go's type rules and error texts.
enum Builtins {
    static func register(into t: inout FunctionTable) {
        t.register("and", GoFunction(params: [.any], variadic: .any, body: .and))
        t.register("or", GoFunction(params: [.any], variadic: .any, body: .or))
        t.register("call", GoFunction(params: [.any], variadic: .any, body: .call))
        t.register("not", GoFunction([.any]) { a in .bool(!a[0].isTruthy) })
        t.register("len", GoFunction(params: [.any], body: .length))
        t.register(
            "index",
            GoFunction([.any], variadic: .any, returnsInterface: true) { a throws(GoError) in
                try index(a[0], Array(a.dropFirst()))
            })
        t.register("slice", GoFunction([.any], variadic: .any) { a throws(GoError) in try slice(a[0], Array(a.dropFirst())) })
        t.register(
            "print",
            GoFunction([], variadic: .any) { a throws(GoError) in
                try GoFmt.checkPrintable(a)
                return .string(GoFmt.sprint(a))
            })
        t.register(
            "println",
            GoFunction([], variadic: .any) { a throws(GoError) in
                try GoFmt.checkPrintable(a)
                return .string(GoFmt.sprintln(a))
            })
        t.register(
            "printf",
            GoFunction([.string], variadic: .any) { a throws(GoError) in
                try GoFmt.checkPrintable(Array(a.dropFirst()))
                return .string(GoFmt.sprintf(a[0].stringValue ?? "", Array(a.dropFirst())))
            })
        t.register("eq", GoFunction([.any], variadic: .any) { a throws(GoError) in .bool(try eq(a[0], Array(a.dropFirst()))) })
        t.register("ne", GoFunction([.any, .any]) { a throws(GoError) in .bool(!(try eq(a[0], [a[1]]))) })
        t.register("lt", GoFunction([.any, .any]) { a throws(GoError) in .bool(try lt(a[0], a[1])) })
        t.register("le", GoFunction([.any, .any]) { a throws(GoError) in .bool(try le(a[0], a[1])) })
        t.register("gt", GoFunction([.any, .any]) { a throws(GoError) in .bool(!(try le(a[0], a[1]))) })
        t.register("ge", GoFunction([.any, .any]) { a throws(GoError) in .bool(!(try lt(a[0], a[1]))) })
        t.register("html", GoFunction([], variadic: .any) { a in .string(htmlEscape(evalArgs(a))) })
        t.register("js", GoFunction([], variadic: .any) { a in .string(jsEscape(evalArgs(a))) })
        t.register("urlquery", GoFunction([], variadic: .any) { a in .string(queryEscape(evalArgs(a))) })
    }

    // MARK: call

    static func call(_ callee: String, _ argv: [Value]) throws(GoError) -> Value {
        guard let fn = argv.first, !fn.isNull else { throw GoError("call of nil") }
        throw GoError("non-function \(callee) of type \(fn.goType?.name ?? "<nil>")")
    }

    // MARK: len, index, slice

    /// Go's `length`. `nilInInterface` says whether a nil argument is a nil held in an `interface{}` slot (a map
    /// element reached as a field, a range element), which Go's `indirect` reports as "len of nil pointer"; an
    /// untyped nil (the literal, a pipeline's result, a declared variable) is a zero reflect.Value, whose
    /// `Type()` panics, and text/template reports the recovered panic as the call's error.
    static func length(_ v: Value, nilInInterface: Bool) throws(GoError) -> Value {
        switch v {
        case .null:
            if nilInInterface { throw GoError("len of nil pointer") }
            throw GoError("reflect: call of reflect.Value.Type on zero Value")
        case .string(let s): return .goInt(GoByteString.count(s))
        case .slice(let a, _): return .goInt(a.count)
        case .map(let m, _): return .goInt(m.count)
        case .bytes(let b): return .goInt(b.count)
        default: throw GoError("len of type \(v.goType?.name ?? "<nil>")")
        }
    }

    /// Go's indexArg: an integer index within [0, cap].
    static func indexArg(_ index: Value, _ cap: Int) throws(GoError) -> Int {
        let x: Int
        switch index {
        case .int(let i, _): x = i
        case .null: throw GoError("cannot index slice/array with nil")
        default: throw GoError("cannot index slice/array with type \(index.goType?.name ?? "<nil>")")
        }
        if x < 0 || x > cap { throw GoError("index out of range: \(x)") }
        return x
    }

    static func index(_ item: Value, _ indexes: [Value]) throws(GoError) -> Value {
        if case .null = item { throw GoError("index of untyped nil") }
        var item = item
        for idx in indexes {
            switch item {
            case .null:
                throw GoError("index of nil pointer")
            case .slice(let a, let t):
                let x = try indexArg(idx, a.count)
                if x == a.count { throw GoError("reflect: slice index out of range") }
                item = a[x]
                _ = t
            case .bytes(let b):
                let x = try indexArg(idx, b.count)
                if x == b.count { throw GoError("reflect: slice index out of range") }
                item = .int(Int(b[x]), .uint8)
            case .string(let s):
                let u = Array(s.utf8)
                let x = try indexArg(idx, u.count)
                if x == u.count { throw GoError("reflect: string index out of range") }
                item = .int(Int(u[x]), .uint8)
            case .map(let m, let t):
                guard case .string(let k) = idx else {
                    if case .null = idx { throw GoError("value is nil; should be of type string") }
                    throw GoError("value has type \(idx.goType?.name ?? "<nil>"); should be string")
                }
                item = m[k] ?? Value.zero(of: t.elementType ?? .interface)
            default:
                throw GoError("can't index item of type \(item.goType?.name ?? "<nil>")")
            }
        }
        return item
    }

    static func slice(_ item: Value, _ indexes: [Value]) throws(GoError) -> Value {
        if case .null = item { throw GoError("slice of untyped nil") }
        if indexes.count > 3 { throw GoError("too many slice indexes: \(indexes.count)") }
        let len: Int
        switch item {
        case .string(let s):
            if indexes.count == 3 { throw GoError("cannot 3-index slice a string") }
            len = s.utf8.count
        case .slice(let a, _): len = a.count
        case .bytes(let b): len = b.count
        default: throw GoError("can't slice item of type \(item.goType?.name ?? "<nil>")")
        }
        var idx = [0, len, len]
        for (i, x) in indexes.enumerated() { idx[i] = try indexArg(x, len) }
        if idx[0] > idx[1] { throw GoError("invalid slice index: \(idx[0]) > \(idx[1])") }
        if indexes.count == 3 && idx[1] > idx[2] { throw GoError("invalid slice index: \(idx[1]) > \(idx[2])") }
        switch item {
        case .string(let s):
            return .string(String(decoding: Array(s.utf8)[idx[0]..<idx[1]], as: UTF8.self))
        case .slice(let a, let t): return .slice(Array(a[idx[0]..<idx[1]]), t)
        case .bytes(let b): return .bytes(Array(b[idx[0]..<idx[1]]))
        default: return item
        }
    }

    // MARK: comparison

    enum BasicKind { case invalid, bool, int, uint, float, string }

    static func basicKind(_ v: Value) -> BasicKind {
        switch v {
        case .bool: return .bool
        case .int(_, let k): return k.isUnsigned ? .uint : .int
        case .float: return .float
        case .string: return .string
        default: return .invalid
        }
    }

    static let errBadComparisonType = GoError("invalid type for comparison")
    static let errBadComparison = GoError("incompatible types for comparison")
    static let errNoComparison = GoError("missing argument for comparison")

    static func isNil(_ v: Value) -> Bool {
        if case .null = v { return true }
        if case .object(let o) = v { return o.isNilPointer }
        return false
    }

    static func eq(_ arg1: Value, _ arg2: [Value]) throws(GoError) -> Bool {
        if arg2.isEmpty { throw errNoComparison }
        let k1 = basicKind(arg1)
        for arg in arg2 {
            let k2 = basicKind(arg)
            var truth = false
            if k1 != k2 {
                switch (k1, k2, arg1, arg) {
                case (.int, .uint, .int(let a, _), .int(let b, _)), (.uint, .int, .int(let a, _), .int(let b, _)):
                    truth = a >= 0 && b >= 0 && a == b
                default:
                    if !arg1.isNull && !arg.isNull {
                        throw GoError("incompatible types for comparison: \(arg1.goType?.name ?? "<nil>") and \(arg.goType?.name ?? "<nil>")")
                    }
                }
            } else {
                switch (arg1, arg) {
                case (.bool(let a), .bool(let b)): truth = a == b
                case (.float(let a), .float(let b)): truth = a == b
                case (.int(let a, _), .int(let b, _)): truth = a == b
                case (.string(let a), .string(let b)): truth = a == b
                default:
                    // text/template's canCompare: values of two different types (a list and a map …) are an
                    // error that names both: `non-comparable types [1]: []interface {}, map[string]interface {}: map[]`.
                    if !arg1.isNull, !arg.isNull, let t1 = arg1.goType, let t2 = arg.goType, t1 != t2 {
                        throw GoError(
                            "non-comparable types \(GoFmt.sprintf("%s", [arg1])): \(t1.name), \(t2.name): "
                                + GoFmt.sprintf("%v", [arg]))
                    }
                    if isNil(arg1) || isNil(arg) {
                        truth = isNil(arg) == isNil(arg1)
                    } else {
                        switch arg {
                        case .slice, .map, .bytes:
                            throw GoError("non-comparable type \(GoFmt.sprintf("%s", [arg])): \(arg.goType?.name ?? "")")
                        default:
                            truth = sameObject(arg1, arg)
                        }
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    /// Equality of comparable non-basic values (structs compare field by field).
    static func sameObject(_ a: Value, _ b: Value) -> Bool {
        guard case .object(let x) = a, case .object(let y) = b, x.goTypeName == y.goTypeName else { return false }
        return x.stringer == y.stringer && x.fields.map(\.value.goDescription) == y.fields.map(\.value.goDescription)
    }

    static func lt(_ arg1: Value, _ arg2: Value) throws(GoError) -> Bool {
        let k1 = basicKind(arg1)
        if k1 == .invalid { throw errBadComparisonType }
        let k2 = basicKind(arg2)
        if k2 == .invalid { throw errBadComparisonType }
        if k1 != k2 {
            switch (k1, k2, arg1, arg2) {
            case (.int, .uint, .int(let a, _), .int(let b, _)): return a < 0 || a < b
            case (.uint, .int, .int(let a, _), .int(let b, _)): return b >= 0 && a < b
            default:
                throw GoError("incompatible types for comparison: \(arg1.goType?.name ?? "<nil>") and \(arg2.goType?.name ?? "<nil>")")
            }
        }
        switch (arg1, arg2) {
        case (.float(let a), .float(let b)): return a < b
        case (.int(let a, _), .int(let b, _)): return a < b
        case (.string(let a), .string(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        default: throw errBadComparisonType
        }
    }

    static func le(_ arg1: Value, _ arg2: Value) throws(GoError) -> Bool {
        if try lt(arg1, arg2) { return true }
        return try eq(arg1, [arg2])
    }

    // MARK: escapers

    /// Go's evalArgs: a single string is used as is, anything else goes through fmt.Sprint.
    static func evalArgs(_ args: [Value]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        return GoFmt.sprint(args.map { $0.isNull ? .string("<no value>") : $0 })
    }

    static func htmlEscape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func jsEscape(_ s: String) -> String {
        var out = ""
        func hex4(_ v: UInt32) -> String {
            var h = String(v, radix: 16, uppercase: true)
            while h.count < 4 { h = "0" + h }
            return h
        }
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if u.value < 0x20 {
                    out += "\\u" + hex4(u.value)
                } else if u.value < 0x80 || GoStrconv.isPrint(Int(u.value)) {
                    out.unicodeScalars.append(u)
                } else {
                    out += "\\u" + hex4(u.value)
                }
            }
        }
        return out
    }

    /// Go's url.QueryEscape.
    static func queryEscape(_ s: String) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF".utf8)
        // url.QueryEscape works on the string's bytes: a byte that is not UTF-8 is `%FF`.
        for b in GoByteString.bytes(s) {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += "%"
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 15)]))
            }
        }
        return out
    }
}
