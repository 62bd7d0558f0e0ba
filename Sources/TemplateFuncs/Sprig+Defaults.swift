// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's defaults functions (defaults.go; `compact` lives with the lists, JSON with its own family).
    static func registerDefaults(into t: inout FunctionTable) {
        t.register("empty", GoFunction([.any]) { a in .bool(isEmpty(a[0])) })
        t.register(
            "default",
            GoFunction([.any], variadic: .any, returnsInterface: true) { a in
                if a.count < 2 || isEmpty(a[1]) { return a[0] }
                return a[1]
            })
        t.register(
            "coalesce",
            GoFunction([], variadic: .any, returnsInterface: true) { a in
                a.first(where: { !isEmpty($0) }) ?? .null
            })
        t.register("all", GoFunction([], variadic: .any) { a in .bool(a.allSatisfy { !isEmpty($0) }) })
        t.register("any", GoFunction([], variadic: .any) { a in .bool(a.contains { !isEmpty($0) }) })
        t.register(
            "ternary",
            GoFunction([.any, .any, .bool], returnsInterface: true) { a in
                if case .bool(true) = a[2] { return a[0] }
                return a[1]
            })
    }
}
