import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's defaults functions.
    static func registerDefaults(into t: inout FunctionTable) {
        t.register("empty", GoFunction([.any]) { a in .bool(isEmpty(a[0])) })
        t.register("default", GoFunction([.any], variadic: .any, returnsInterface: true) { a in
            if a.count < 2 || isEmpty(a[1]) { return a[0] }
            return a[1]
        })
    }
}
