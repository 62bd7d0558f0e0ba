// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

/// Sprig v3.3.0's functions as Helm registers them. Each family lives in its own file (`Sprig+Strings.swift` …)
/// and registers itself here.
enum Sprig {
    static func register(into t: inout FunctionTable) {
        registerStrings(into: &t)
        registerLists(into: &t)
        registerDicts(into: &t)
        registerDefaults(into: &t)
        registerConversion(into: &t)
        registerMath(into: &t)
        registerReflect(into: &t)
        registerRegex(into: &t)
        registerURL(into: &t)
        registerPath(into: &t)
        registerDate(into: &t)
        registerSemver(into: &t)
        registerEncoding(into: &t)
        registerRandom(into: &t)
        registerCrypto(into: &t)
    }

    /// Sprig's `empty`: nil, zero numbers, false, and empty strings, slices and maps; structs never.
    static func isEmpty(_ v: Value) -> Bool {
        switch v {
        case .object(let o): return o.isNilPointer
        default: return !v.isTruthy
        }
    }

    /// Go's strings.TrimSpace.
    static func trimSpace(_ s: String) -> String { s.goTrimSpace() }
}
