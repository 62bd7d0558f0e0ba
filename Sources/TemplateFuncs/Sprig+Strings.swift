import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's strings functions.
    static func registerStrings(into t: inout FunctionTable) {
        t.register("upper", GoFunction([.string]) { a in .string((a[0].stringValue ?? "").uppercased()) })
        t.register("lower", GoFunction([.string]) { a in .string((a[0].stringValue ?? "").lowercased()) })
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
        t.register("quote", GoFunction([], variadic: .any) { a in
            .string(a.filter { !$0.isNull }.map { GoStrconv.quote(Cast.strval($0)) }.joined(separator: " "))
        })
        t.register("squote", GoFunction([], variadic: .any) { a in
            .string(a.filter { !$0.isNull }.map { "'" + Cast.strval($0) + "'" }.joined(separator: " "))
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
    }
}
