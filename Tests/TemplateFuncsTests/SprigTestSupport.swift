// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate
import Testing

@testable import TemplateFuncs

/// One row: a template, its `.Values`, and the exact output or execution error (template named "t").
struct RenderCase: CustomTestStringConvertible, Sendable {
    var template: String
    var values: [String: Value] = [:]
    var output: String? = nil
    var error: String? = nil
    var testDescription: String { template }

    init(_ template: String, _ output: String, values: [String: Value] = [:]) {
        self.template = template
        self.output = output
        self.values = values
    }

    init(_ template: String, error: String, values: [String: Value] = [:]) {
        self.template = template
        self.error = error
        self.values = values
    }
}

enum Render {
    /// Renders a template with Helm's function library, returning its output or its error text. `pooled`:
    /// with a `RenderState` whose RSA keys come from the set's `RSAKeyPool`, as Engine renders.
    static func run(_ template: String, values: [String: Value] = [:], pooled: Bool = false) -> Result<String, GoError> {
        var set = TemplateSet(name: "gotpl", functions: FunctionLibrary.helm)
        do {
            try set.parse(name: "t", text: template)
        } catch {
            return .failure(GoError("parse: \(error)"))
        }
        do {
            let state = pooled ? RenderState(keys: RSAKeyPool(for: set)) : nil
            return .success(try set.execute("t", data: .dict(["Values": .dict(values)]), context: state))
        } catch {
            return .failure(error)
        }
    }

    static func output(_ template: String, values: [String: Value] = [:], pooled: Bool = false) -> String {
        switch run(template, values: values, pooled: pooled) {
        case .success(let s): return s
        case .failure(let e): return "ERROR: " + e.message
        }
    }

    /// Checks a row: the output, or the error, exactly.
    static func check(_ c: RenderCase) -> (got: String, want: String) {
        switch run(c.template, values: c.values) {
        case .success(let s): return (s, c.output ?? "ERROR: " + (c.error ?? ""))
        case .failure(let e): return ("ERROR: " + e.message, c.error.map { "ERROR: " + $0 } ?? (c.output ?? ""))
        }
    }
}
