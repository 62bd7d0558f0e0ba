import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's conversion functions.
    static func registerConversion(into t: inout FunctionTable) {
        t.register("toString", GoFunction([.any]) { a in .string(Cast.strval(a[0])) })
        t.register("int", GoFunction([.any]) { a in .goInt(Cast.toInt64(a[0])) })
        t.register("int64", GoFunction([.any]) { a in .int64(Cast.toInt64(a[0])) })
        t.register("float64", GoFunction([.any]) { a in .float(Cast.toFloat64(a[0])) })
    }
}
