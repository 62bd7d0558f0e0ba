// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

@testable import TemplateFuncs

/// What a template run produced: its output, or its error text.
enum Outcome: Equatable, CustomStringConvertible {
    case success(String)
    case failure(String)

    var description: String {
        switch self {
        case .success(let s): "output \(s.debugDescription)"
        case .failure(let e): "error \(e.debugDescription)"
        }
    }
}

/// Parses and runs `template` with Helm's function table and `data` as dot.
func render(_ template: String, _ data: Value = .dict([:])) -> Outcome {
    var set = TemplateSet(name: "gotpl", functions: FunctionLibrary.helm)
    do {
        try set.parse(name: "t", text: template)
    } catch {
        return .failure(error.description)
    }
    do {
        return .success(try set.execute("t", data: data))
    } catch {
        return .failure(error.message)
    }
}
