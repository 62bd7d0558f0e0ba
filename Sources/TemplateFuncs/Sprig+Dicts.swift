import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's dicts functions.
    static func registerDicts(into t: inout FunctionTable) {
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
    }
}
