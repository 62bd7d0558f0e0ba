import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's math functions.
    static func registerMath(into t: inout FunctionTable) {
        t.register("add", GoFunction([], variadic: .any) { a in .int64(a.reduce(0) { $0 &+ Cast.toInt64($1) }) })
        t.register("add1", GoFunction([.any]) { a in .int64(Cast.toInt64(a[0]) &+ 1) })
        t.register("sub", GoFunction([.any, .any]) { a in .int64(Cast.toInt64(a[0]) &- Cast.toInt64(a[1])) })
        t.register("mul", GoFunction([.any], variadic: .any) { a in
            .int64(a.dropFirst().reduce(Cast.toInt64(a[0])) { $0 &* Cast.toInt64($1) })
        })
        t.register("div", GoFunction([.any, .any]) { a throws(GoError) in
            let d = Cast.toInt64(a[1])
            if d == 0 { throw GoError("runtime error: integer divide by zero") }
            return .int64(Cast.toInt64(a[0]).dividedReportingOverflow(by: d).partialValue)
        })
        t.register("mod", GoFunction([.any, .any]) { a throws(GoError) in
            let d = Cast.toInt64(a[1])
            if d == 0 { throw GoError("runtime error: integer divide by zero") }
            return .int64(Cast.toInt64(a[0]).remainderReportingOverflow(dividingBy: d).partialValue)
        })
    }
}
