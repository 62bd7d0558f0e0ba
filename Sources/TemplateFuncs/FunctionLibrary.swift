// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

/// The function table Helm gives templates: Go's builtins, Sprig's functions (less `env` and `expandenv`),
/// then Helm's own, each later set overriding the earlier (Sprig's `slice` replaces Go's builtin).
public enum FunctionLibrary {
    public static let helm: FunctionTable = {
        var t = FunctionTable.builtins
        Sprig.register(into: &t)
        HelmData.register(into: &t)
        HelmFunctions.register(into: &t)
        return t
    }()
}
