// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// A function callable from templates, with the Go signature the executor needs to convert its arguments
/// exactly as Go's reflection-based `evalArg` does.
public struct GoFunction: Sendable {
    /// What the function does when called.
    public enum Body: Sendable {
        /// A function of its converted arguments.
        case plain(@Sendable ([Value]) throws(GoError) -> Value)
        /// A function that needs the running execution (`include`, `tpl`, …).
        case contextual(@Sendable (Execution, [Value]) throws(GoError) -> Value)
        /// Go's short-circuit builtins and `call`, evaluated by the executor itself.
        case and, or, call
    }

    /// Fixed parameters.
    public var params: [GoParam]
    /// The element type of a final `...T` parameter.
    public var variadic: GoParam?
    /// Whether the Go function's result type is `interface{}` (a nil result is then an interface-typed nil,
    /// which matters to Go's error texts when it is passed straight to another function).
    public var returnsInterface: Bool
    public var body: Body

    public init(params: [GoParam], variadic: GoParam? = nil, returnsInterface: Bool = false, body: Body) {
        self.params = params
        self.variadic = variadic
        self.returnsInterface = returnsInterface
        self.body = body
    }

    /// A plain function.
    public init(
        _ params: [GoParam], variadic: GoParam? = nil, returnsInterface: Bool = false,
        _ fn: @escaping @Sendable ([Value]) throws(GoError) -> Value
    ) {
        self.init(params: params, variadic: variadic, returnsInterface: returnsInterface, body: .plain(fn))
    }
}

/// The functions a template set can call, by name. Parsing resolves each name to its slot once, so execution
/// never looks names up.
public struct FunctionTable: Sendable {
    private var slots: [String: Int] = [:]
    private(set) var functions: [GoFunction] = []

    public init() {}

    /// Adds or replaces a function (later registrations override earlier ones, as Go's `Funcs` does).
    public mutating func register(_ name: String, _ fn: GoFunction) {
        if let i = slots[name] {
            functions[i] = fn
        } else {
            slots[name] = functions.count
            functions.append(fn)
        }
    }

    public func has(_ name: String) -> Bool { slots[name] != nil }
    func index(of name: String) -> Int? { slots[name] }
    public var names: [String] { slots.keys.sorted() }

    /// Go's builtin functions (`and`, `or`, `not`, `len`, `index`, `slice`, `print`, `printf`, `println`,
    /// `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `html`, `js`, `urlquery`, `call`).
    public static let builtins: FunctionTable = {
        var t = FunctionTable()
        Builtins.register(into: &t)
        return t
    }()
}
