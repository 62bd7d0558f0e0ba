// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's path functions: Go's `path` package (`base`, `dir`, `clean`, `ext`, `isAbs`) and `path/filepath`
    /// (`osBase` …), which are the same on Unix; and `hello`.
    static func registerPath(into t: inout FunctionTable) {
        let fns: [(String, @Sendable (String) -> Value)] = [
            ("base", { .string(GoPath.base($0)) }), ("osBase", { .string(GoPath.base($0)) }),
            ("dir", { .string(GoPath.dir($0)) }), ("osDir", { .string(GoPath.dir($0)) }),
            ("clean", { .string(GoPath.clean($0)) }), ("osClean", { .string(GoPath.clean($0)) }),
            ("ext", { .string(GoPath.ext($0)) }), ("osExt", { .string(GoPath.ext($0)) }),
            ("isAbs", { .bool($0.hasPrefix("/")) }), ("osIsAbs", { .bool($0.hasPrefix("/")) }),
        ]
        for (name, f) in fns {
            t.register(name, GoFunction([.string]) { a in f(a[0].stringValue ?? "") })
        }
        t.register("hello", GoFunction([]) { _ in .string("Hello!") })
    }
}
