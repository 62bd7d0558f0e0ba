import GoRuntime
import GoTemplate

/// Sprig v3.3.0's functions as Helm registers them. Each family lives in its own file (`Sprig+Strings.swift` …)
/// and registers itself here.
enum Sprig {
    static func register(into t: inout FunctionTable) {
        registerCore(into: &t)
    }

    /// A first core used throughout charts: lists, dicts, defaults, integer math and common string helpers.
    static func registerCore(into t: inout FunctionTable) {
        t.register("list", GoFunction([], variadic: .any) { a in .list(a) })
        t.register("dict", GoFunction([], variadic: .any) { a in
            var d: [String: Value] = [:]
            var i = 0
            while i < a.count {
                let k = Cast.strval(a[i])
                d[k] = i + 1 < a.count ? a[i + 1] : .string("")
                i += 2
            }
            return .dict(d)
        })
        t.register("hasKey", GoFunction([.map(.anyMap), .string]) { a in
            guard case .map(let m, _) = a[0], case .string(let k) = a[1] else { return .bool(false) }
            return .bool(m[k] != nil)
        })
        t.register("upper", GoFunction([.string]) { a in .string((a[0].stringValue ?? "").uppercased()) })
        t.register("lower", GoFunction([.string]) { a in .string((a[0].stringValue ?? "").lowercased()) })
        t.register("toString", GoFunction([.any]) { a in .string(Cast.strval(a[0])) })
        t.register("int", GoFunction([.any]) { a in .goInt(Cast.toInt64(a[0])) })
        t.register("int64", GoFunction([.any]) { a in .int64(Cast.toInt64(a[0])) })
        t.register("float64", GoFunction([.any]) { a in .float(Cast.toFloat64(a[0])) })
        t.register("add", GoFunction([], variadic: .any) { a in .int64(a.reduce(0) { $0 &+ Cast.toInt64($1) }) })
        t.register("add1", GoFunction([.any]) { a in .int64(Cast.toInt64(a[0]) &+ 1) })
        t.register("sub", GoFunction([.any, .any]) { a in .int64(Cast.toInt64(a[0]) &- Cast.toInt64(a[1])) })
        t.register("mul", GoFunction([.any], variadic: .any) { a in
            .int64(a.dropFirst().reduce(Cast.toInt64(a[0])) { $0 &* Cast.toInt64($1) })
        })
        t.register("div", GoFunction([.any, .any]) { a throws(GoError) in
            let d = Cast.toInt64(a[1])
            if d == 0 { throw GoError("runtime error: integer divide by zero") }
            return .int64(Cast.toInt64(a[0]) / d)
        })
        t.register("mod", GoFunction([.any, .any]) { a throws(GoError) in
            let d = Cast.toInt64(a[1])
            if d == 0 { throw GoError("runtime error: integer divide by zero") }
            return .int64(Cast.toInt64(a[0]) % d)
        })
        t.register("hasPrefix", GoFunction([.string, .string]) { a in
            .bool((a[1].stringValue ?? "").utf8.starts(with: (a[0].stringValue ?? "").utf8))
        })
        t.register("hasSuffix", GoFunction([.string, .string]) { a in
            .bool((a[1].stringValue ?? "").utf8.reversed().starts(with: (a[0].stringValue ?? "").utf8.reversed()))
        })
        t.register("repeat", GoFunction([.int, .string]) { a throws(GoError) in
            guard case .int(let n, _) = a[0] else { return .string("") }
            if n < 0 { throw GoError("strings: negative Repeat count") }
            return .string(String(repeating: a[1].stringValue ?? "", count: n))
        })
        t.register("until", GoFunction([.int]) { a in
            guard case .int(let n, _) = a[0] else { return .slice([], .slice(.int(.int))) }
            let r = n >= 0 ? Array(0..<n) : Array(stride(from: 0, to: n, by: -1))
            return .slice(r.map { .goInt($0) }, .slice(.int(.int)))
        })
        t.register("quote", GoFunction([], variadic: .any) { a in
            .string(a.filter { !$0.isNull }.map { GoStrconv.quote(Cast.strval($0)) }.joined(separator: " "))
        })
        t.register("squote", GoFunction([], variadic: .any) { a in
            .string(a.filter { !$0.isNull }.map { "'" + Cast.strval($0) + "'" }.joined(separator: " "))
        })
        t.register("empty", GoFunction([.any]) { a in .bool(isEmpty(a[0])) })
        t.register("default", GoFunction([.any], variadic: .any, returnsInterface: true) { a in
            if a.count < 2 || isEmpty(a[1]) { return a[0] }
            return a[1]
        })
        t.register("indent", GoFunction([.int, .string]) { a in
            guard case .int(let n, _) = a[0] else { return a[1] }
            return .string(indent(max(0, n), a[1].stringValue ?? ""))
        })
        t.register("nindent", GoFunction([.int, .string]) { a in
            guard case .int(let n, _) = a[0] else { return a[1] }
            return .string("\n" + indent(max(0, n), a[1].stringValue ?? ""))
        })
        t.register("trim", GoFunction([.string]) { a in .string(trimSpace(a[0].stringValue ?? "")) })
        // Sprig's slice replaces Go's builtin of the same name.
        t.register("slice", GoFunction([.any], variadic: .any) { a throws(GoError) in try sliceList(a[0], Array(a.dropFirst())) })
    }

    /// Sprig's `empty`: nil, zero numbers, false, and empty strings, slices and maps; structs never.
    static func isEmpty(_ v: Value) -> Bool {
        switch v {
        case .object(let o): return o.isNilPointer
        default: return !v.isTruthy
        }
    }

    static func indent(_ n: Int, _ s: String) -> String {
        let pad = String(repeating: " ", count: n)
        return pad + s.replacingAll("\n", with: "\n" + pad)
    }

    /// Go's strings.TrimSpace (Unicode white space).
    static func trimSpace(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// Sprig's mustSlice: slices of lists only.
    static func sliceList(_ list: Value, _ indices: [Value]) throws(GoError) -> Value {
        let items: [Value]
        let type: GoType
        switch list {
        case .slice(let a, let t): items = a; type = t
        default: throw GoError("list should be type of slice or array but \(list.goType?.name ?? "<nil>")")
        }
        var start = 0, end = items.count
        if indices.count > 0 { start = Cast.toInt64(indices[0]) }
        if indices.count > 1 { end = Cast.toInt64(indices[1]) }
        guard start >= 0, end <= items.count, start <= end else {
            throw GoError("reflect.Value.Slice: slice index out of bounds")
        }
        return .slice(Array(items[start..<end]), type)
    }
}
