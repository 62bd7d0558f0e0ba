// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's list functions (list.go). Each `mustX` returns as an error what `X` panics with; text/template
    /// reports both the same way (`error calling X: …`), so both names share one body.
    static func registerLists(into t: inout FunctionTable) {
        func both(_ name: String, _ fn: GoFunction) {
            t.register(name, fn)
            t.register("must" + name.prefix(1).uppercased() + name.dropFirst(), fn)
        }
        t.register("list", GoFunction([], variadic: .any) { a in .list(a) })
        t.register("tuple", GoFunction([], variadic: .any) { a in .list(a) })

        let push = GoFunction([.any, .any]) { a throws(GoError) in
            .list(try items(a[0]) { "Cannot push on type \($0)" } + [a[1]])
        }
        for n in ["append", "push", "mustAppend", "mustPush"] { t.register(n, push) }
        both(
            "prepend",
            GoFunction([.any, .any]) { a throws(GoError) in
                .list([a[1]] + (try items(a[0]) { "Cannot prepend on type \($0)" }))
            })
        both(
            "first",
            GoFunction([.any], returnsInterface: true) { a throws(GoError) in
                try items(a[0]) { "Cannot find first on type \($0)" }.first ?? .null
            })
        both(
            "last",
            GoFunction([.any], returnsInterface: true) { a throws(GoError) in
                try items(a[0]) { "Cannot find last on type \($0)" }.last ?? .null
            })
        both(
            "rest",
            GoFunction([.any]) { a throws(GoError) in
                // Sprig's mustRest returns nil for an empty list (a nil slice: toJson writes null).
                let all = try items(a[0]) { "Cannot find rest on type \($0)" }
                return all.isEmpty ? .nilSlice() : .list(Array(all.dropFirst()))
            })
        both(
            "initial",
            GoFunction([.any]) { a throws(GoError) in
                // Sprig's mustInitial returns nil for an empty list (a nil slice: toJson writes null).
                let all = try items(a[0]) { "Cannot find initial on type \($0)" }
                return all.isEmpty ? .nilSlice() : .list(Array(all.dropLast()))
            })
        both(
            "reverse",
            GoFunction([.any]) { a throws(GoError) in
                .list(try items(a[0]) { "Cannot find reverse on type \($0)" }.reversed())
            })
        both(
            "compact",
            GoFunction([.any]) { a throws(GoError) in
                .list(try items(a[0]) { "Cannot compact on type \($0)" }.filter { !isEmpty($0) })
            })
        both(
            "uniq",
            GoFunction([.any]) { a throws(GoError) in
                var out: [Value] = []
                for v in try items(a[0], { "Cannot find uniq on type \($0)" }) where !out.contains(where: { deepEqual($0, v) }) {
                    out.append(v)
                }
                return .list(out)
            })
        both(
            "without",
            GoFunction([.any], variadic: .any) { a throws(GoError) in
                let omit = a.dropFirst()
                return .list(
                    try items(a[0]) { "Cannot find without on type \($0)" }.filter { v in
                        !omit.contains(where: { deepEqual(v, $0) })
                    })
            })
        both(
            "has",
            GoFunction([.any, .any]) { a throws(GoError) in
                if a[1].isNull { return .bool(false) }
                return .bool(try items(a[1]) { "Cannot find has on type \($0)" }.contains { deepEqual(a[0], $0) })
            })
        // Sprig's slice replaces Go's builtin of the same name.
        both(
            "slice",
            GoFunction([.any], variadic: .any, returnsInterface: true) { a throws(GoError) in
                try sliceList(a[0], Array(a.dropFirst()))
            })
        t.register(
            "concat",
            GoFunction([], variadic: .any, returnsInterface: true) { a throws(GoError) in
                var out: [Value] = []
                for l in a { out += try items(l) { "Cannot concat type \($0) as list" } }
                // Sprig appends to a nil slice: nothing appended leaves it nil (toJson writes null).
                return out.isEmpty ? .nilSlice() : .list(out)
            })
        both(
            "chunk",
            GoFunction([.int, .any]) { a throws(GoError) in
                try chunk(int(a[0]), try items(a[1]) { "Cannot chunk type \($0)" })
            })
        t.register(
            "sortAlpha",
            GoFunction([.any]) { a in
                switch a[0] {
                case .slice, .bytes:
                    return .strings(strslice(a[0]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                default:
                    return .strings([Cast.strval(a[0])])
                }
            })
        t.register(
            "until",
            GoFunction([.int]) { a in
                let n = int(a[0])
                return untilStep(0, n, n < 0 ? -1 : 1)
            })
        t.register("untilStep", GoFunction([.int, .int, .int]) { a in untilStep(int(a[0]), int(a[1]), int(a[2])) })
    }

    static let nilDereference = "runtime error: invalid memory address or nil pointer dereference"

    /// The elements of a slice argument; Sprig's `reflect.TypeOf(list).Kind()` panics on nil, and other kinds
    /// give Sprig's error for the function.
    static func items(_ v: Value, _ message: (String) -> String) throws(GoError) -> [Value] {
        switch v {
        case .null: throw GoError(nilDereference)
        case .slice(let a, _): return a
        case .bytes(let b): return b.map { .int(Int($0), .uint8) }
        default: throw GoError(message(v.kindName))
        }
    }

    /// Sprig's `mustSlice`: `reflect.Value.Slice` on lists, keeping the list's type; nil for an empty list.
    static func sliceList(_ list: Value, _ indices: [Value]) throws(GoError) -> Value {
        let all = try items(list) { "list should be type of slice or array but \($0)" }
        if all.isEmpty { return .null }
        let start = indices.count > 0 ? Cast.toInt64(indices[0]) : 0
        let end = indices.count > 1 ? Cast.toInt64(indices[1]) : all.count
        guard start >= 0, end >= start, end <= all.count else {
            throw GoError("reflect.Value.Slice: slice index out of bounds")
        }
        switch list {
        case .bytes(let b): return .bytes(Array(b[start..<end]))
        case .slice(_, let type): return .slice(Array(all[start..<end]), type)
        default: return .null
        }
    }

    /// Sprig's `mustChunk`, with Go's float arithmetic for the number of chunks.
    static func chunk(_ size: Int, _ all: [Value]) throws(GoError) -> Value {
        let l = all.count
        let csF = (Double(l - 1) / Double(size)).rounded(.down) + 1
        let makesliceError = GoError("runtime error: makeslice: len out of range")
        guard csF.isFinite, csF >= 0, csF < 1e18 else { throw makesliceError }
        let cs = Int(csF)
        var out: [Value] = []
        for i in 0..<cs {
            var clen = size
            if i == cs - 1 {
                let m = Double(l).truncatingRemainder(dividingBy: Double(size))
                clen = m.isFinite ? Int(m.rounded(.down)) : Int.min
                if clen == 0 { clen = size }
            }
            if clen < 0 { throw makesliceError }
            var part: [Value] = []
            for j in 0..<clen {
                let ix = i * size + j
                guard ix >= 0, ix < l else {
                    throw GoError("reflect: slice index out of range")
                }
                part.append(all[ix])
            }
            out.append(.list(part))
        }
        return .slice(out, .slice(.anySlice))
    }

    /// Sprig's `untilStep`.
    static func untilStep(_ start: Int, _ stop: Int, _ step: Int) -> Value {
        var v: [Value] = []
        if stop < start {
            if step < 0 {
                var i = start
                while i > stop { v.append(.goInt(i)); i += step }
            }
        } else if step > 0 {
            var i = start
            while i < stop { v.append(.goInt(i)); i += step }
        }
        return .slice(v, .slice(.int(.int)))
    }

    /// Go's `reflect.DeepEqual` on template values: same types, then equal contents.
    static func deepEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x, let k1), .int(let y, let k2)): return k1 == k2 && x == y
        case (.float(let x), .float(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.slice(let x, let t1), .slice(let y, let t2)):
            return t1 == t2 && x.count == y.count && zip(x, y).allSatisfy { deepEqual($0, $1) }
        case (.map(let x, let t1), .map(let y, let t2)):
            // reflect.DeepEqual: a nil map equals only a nil map (nil slices differ by type here).
            guard t1 == t2, x.count == y.count, x.isNil == y.isNil else { return false }
            for (k, v) in x {
                guard let w = y[k], deepEqual(v, w) else { return false }
            }
            return true
        case (.object(let x), .object(let y)):
            guard x.goTypeName == y.goTypeName, x.isNilPointer == y.isNilPointer,
                x.stringer == y.stringer
            else { return false }
            let fx = x.fields, fy = y.fields
            return fx.count == fy.count && zip(fx, fy).allSatisfy { $0.name == $1.name && deepEqual($0.value, $1.value) }
        default: return false
        }
    }
}
