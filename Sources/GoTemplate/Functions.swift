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
        /// Go's `len`, evaluated by the executor: its argument is a reflect.Value, and Go's error for a nil one
        /// depends on where the nil came from (a nil held in an `interface{}` slot is "len of nil pointer",
        /// an untyped nil — a literal `nil` or a pipeline's result — panics in reflect.Value.Type).
        case length
    }

    /// Fixed parameters.
    public var params: [GoParam]
    /// The element type of a final `...T` parameter.
    public var variadic: GoParam?
    /// Whether the Go function's result type is `interface{}` (a nil result is then an interface-typed nil,
    /// which matters to Go's error texts when it is passed straight to another function).
    public var returnsInterface: Bool
    /// What a call does besides computing its result (see `Effects`); empty for most functions.
    public var effects: Effects
    public var body: Body

    public init(params: [GoParam], variadic: GoParam? = nil, returnsInterface: Bool = false, effects: Effects = [], body: Body) {
        self.params = params
        self.variadic = variadic
        self.returnsInterface = returnsInterface
        self.effects = effects
        self.body = body
    }

    /// A plain function.
    public init(
        _ params: [GoParam], variadic: GoParam? = nil, returnsInterface: Bool = false, effects: Effects = [],
        _ fn: @escaping @Sendable ([Value]) throws(GoError) -> Value
    ) {
        self.init(params: params, variadic: variadic, returnsInterface: returnsInterface, effects: effects, body: .plain(fn))
    }

    /// What a call of the function does besides computing its result, recorded on the function's own entry
    /// of the table (as Go's builtin table carries everything about a builtin in one place), so that whoever
    /// adds a function says it there, and whoever runs a template set asks the set (`TemplateSet.calls(anyWith:)`,
    /// `callSites(with:)`) instead of keeping a list of names.
    ///
    /// The low 16 bits are GoTemplate's; libraries that register functions define their own effects from
    /// bit 16 up (`Effects(rawValue: 1 << 16)` …).
    public struct Effects: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Changes a map it is given, in place (Go maps are references: every variable and field holding the
        /// map sees the change), e.g. Sprig's `set`, `unset`, `merge`.
        public static let changesMaps = Effects(rawValue: 1 << 0)
        /// Parses and runs template text that exists only at render time (Helm's `tpl`): it may call any
        /// function of the table, whatever the parsed templates name.
        public static let runsTemplateText = Effects(rawValue: 1 << 1)
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
    /// The function registered under `name`.
    public subscript(name: String) -> GoFunction? { slots[name].map { functions[$0] } }
    public var names: [String] { slots.keys.sorted() }

    /// Go's builtin functions (`and`, `or`, `not`, `len`, `index`, `slice`, `print`, `printf`, `println`,
    /// `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `html`, `js`, `urlquery`, `call`).
    public static let builtins: FunctionTable = {
        var t = FunctionTable()
        Builtins.register(into: &t)
        return t
    }()
}
