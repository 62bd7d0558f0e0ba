// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's reflection functions (reflect.go): Go type names as `%T` prints them, `reflect.Kind` names.
    static func registerReflect(into t: inout FunctionTable) {
        t.register("typeOf", GoFunction([.any]) { a in .string(typeName(a[0])) })
        t.register("typeIs", GoFunction([.string, .any]) { a in .bool(str(a[0]) == typeName(a[1])) })
        t.register(
            "typeIsLike",
            GoFunction([.string, .any]) { a in
                let n = typeName(a[1]), target = str(a[0])
                return .bool(target == n || "*" + target == n)
            })
        t.register("kindOf", GoFunction([.any]) { a in .string(a[0].kindName) })
        t.register("kindIs", GoFunction([.string, .any]) { a in .bool(str(a[0]) == a[1].kindName) })
        t.register("deepEqual", GoFunction([.any, .any]) { a in .bool(deepEqual(a[0], a[1])) })
    }

    /// `fmt.Sprintf("%T", v)`.
    static func typeName(_ v: Value) -> String { v.goType?.name ?? "<nil>" }
}
