import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's lists functions.
    static func registerLists(into t: inout FunctionTable) {
        t.register("list", GoFunction([], variadic: .any) { a in .list(a) })
        t.register("until", GoFunction([.int]) { a in
            guard case .int(let n, _) = a[0] else { return .slice([], .slice(.int(.int))) }
            let r = n >= 0 ? Array(0..<n) : Array(stride(from: 0, to: n, by: -1))
            return .slice(r.map { .goInt($0) }, .slice(.int(.int)))
        })
        // Sprig's slice replaces Go's builtin of the same name.
        t.register("slice", GoFunction([.any], variadic: .any) { a throws(GoError) in try sliceList(a[0], Array(a.dropFirst())) })
    }
}
