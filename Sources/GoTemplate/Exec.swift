// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// Named limits of execution.
public enum ExecLimits {
    /// Go's maxExecDepth: nested `{{template}}` calls allowed before "exceeded maximum template depth".
    public static let maxExecDepth = 100000
}

/// A value during evaluation, with whether its static Go type is `interface{}`.
///
/// Go distinguishes a nil stored in an `interface{}` slot (an element of `map[string]interface{}`, reached
/// through a field chain or as a range element) from an untyped nil: `.a.b` on the first is
/// "nil pointer evaluating interface {}.b", on the second it is empty; passing the first to a `string`
/// parameter says "got interface {}", the second "invalid value". Pipelines unwrap to the concrete value.
struct EV {
    var value: Value
    var iface: Bool

    init(_ value: Value, _ iface: Bool = false) {
        self.value = value
        self.iface = iface
    }
}

/// Non-local exits of the tree walk: an error, or `{{break}}` / `{{continue}}` unwinding to their range.
enum Signal: Error {
    case error(GoError)
    case breakLoop
    case continueLoop
}

/// What the executor was evaluating, for error messages (Go's `state.node`).
enum At {
    case node(Node)
    case expr(Expr)
    case pipe(Pipeline)
    case command(Command)

    var pos: Int {
        switch self {
        case .node(let n): return n.pos
        case .expr(let e): return e.pos
        case .pipe(let p): return p.pos
        case .command(let c): return c.pos
        }
    }

    var description: String {
        switch self {
        case .node(let n): return n.description
        case .expr(let e): return e.description
        case .pipe(let p): return p.description
        case .command(let c): return c.description
        }
    }
}

/// One run of a template: the output so far, the variable stack and the current position.
/// Execution state lives here, outside the immutable trees, so a set can render concurrently.
public final class Execution {
    /// The template set being executed (for `tpl`, a clone that also holds the parsed text).
    public let set: TemplateSet
    /// An object supplied by the caller of `execute`, for functions such as `include` that keep state per render.
    public let context: (any AnyObject & Sendable)?
    var output = ""
    private var tree: Tree
    /// The variable stack. A variable keeps whether its value sits in an `interface{}` slot: Go's range
    /// variables hold the element's reflect.Value as is, pipeline declarations the unwrapped value.
    private var vars: [(name: String, value: EV)] = []
    private var at: At?
    private var depth = 0

    init(set: TemplateSet, tree: Tree, context: (any AnyObject & Sendable)?) {
        self.set = set
        self.tree = tree
        self.context = context
    }

    /// The name of the template being executed (Go's `s.tmpl.Name()`).
    public var templateName: String { tree.name }

    /// Executes another template of the set with a fresh state (Go's `ExecuteTemplate`, as Helm's `include` does).
    public func executeTemplate(_ name: String, data: Value) throws(GoError) -> String {
        try set.execute(name, data: data, context: context)
    }

    func run(_ root: Tree, data: Value) throws(GoError) {
        vars = [("$", EV(data))]
        do {
            try walk(EV(data), root.root)
        } catch {
            switch error {
            case .error(let e): throw e
            case .breakLoop, .continueLoop: return
            }
        }
    }

    // MARK: errors

    /// Go's `state.errorf`: `template: LOC: executing "NAME" at <CONTEXT>: MESSAGE`.
    private func fail(_ message: String, wrapping cause: GoError? = nil) -> Signal {
        let text: String
        if let at {
            let loc = tree.source.location(of: at.pos)
            text = "template: \(loc): executing \(GoStrconv.quote(tree.name)) at <\(at.description)>: \(message)"
        } else {
            text = "template: \(tree.name): \(message)"
        }
        return .error(GoError(text, wrapping: cause, isExecError: true))
    }

    // MARK: variables

    private func push(_ name: String, _ value: EV) { vars.append((name, value)) }

    private func pop(to mark: Int) {
        if vars.count > mark { vars.removeSubrange(mark...) }
    }

    private func setVar(_ name: String, _ value: EV) throws(Signal) {
        var i = vars.count - 1
        while i >= 0 {
            if vars[i].name == name { vars[i].value = value; return }
            i -= 1
        }
        throw fail("undefined variable: \(name)")
    }

    private func setTopVar(_ n: Int, _ value: EV) { vars[vars.count - n].value = value }

    private func varValue(_ name: String) throws(Signal) -> EV {
        var i = vars.count - 1
        while i >= 0 {
            if vars[i].name == name { return vars[i].value }
            i -= 1
        }
        throw fail("undefined variable: \(name)")
    }

    // MARK: walking

    private func walk(_ dot: EV, _ node: Node) throws(Signal) {
        at = .node(node)
        switch node {
        case .text(_, let t):
            output += t
        case .action(_, _, let pipe):
            // Variables declared by an action persist until the enclosing {{end}}; a declaration prints nothing.
            let v = try evalPipeline(dot, pipe)
            if pipe.decls.isEmpty { try printValue(node, v) }
        case .ifNode(let b):
            try walkIfOrWith(with: false, dot, b)
        case .withNode(let b):
            try walkIfOrWith(with: true, dot, b)
        case .list(_, let nodes):
            for n in nodes { try walk(dot, n) }
        case .rangeNode(let b):
            try walkRange(dot, node, b)
        case .template(_, _, let name, let pipe):
            try walkTemplate(dot, node, name, pipe)
        case .breakNode:
            throw .breakLoop
        case .continueNode:
            throw .continueLoop
        case .end, .elseNode:
            throw fail("unknown node: \(node)")
        }
    }

    private func walkIfOrWith(with: Bool, _ dot: EV, _ b: Branch) throws(Signal) {
        let mark = vars.count
        defer { pop(to: mark) }
        let val = try evalPipeline(dot, b.pipe)
        if val.isTruthy {
            try walk(with ? EV(val) : dot, b.list)
        } else if let e = b.elseList {
            try walk(dot, e)
        }
    }

    private func walkRange(_ dot: EV, _ node: Node, _ r: Branch) throws(Signal) {
        at = .node(node)
        let outer = vars.count
        defer { pop(to: outer) }
        let val = try evalPipeline(dot, r.pipe)
        let mark = vars.count
        let decls = r.pipe.decls

        /// One iteration; returns false when the body said {{break}}.
        func iteration(_ index: Value, _ elem: EV) throws(Signal) -> Bool {
            if !decls.isEmpty {
                if r.pipe.isAssign {
                    try setVar(decls[0].name, decls.count > 1 ? EV(index) : elem)
                } else {
                    setTopVar(1, elem)
                }
            }
            if decls.count > 1 {
                if r.pipe.isAssign {
                    try setVar(decls[1].name, elem)
                } else {
                    setTopVar(2, EV(index))
                }
            }
            defer { pop(to: mark) }
            do {
                try walk(elem, r.list)
            } catch {
                switch error {
                case .continueLoop: return true
                case .breakLoop: return false
                case .error: throw error
                }
            }
            return true
        }

        switch val {
        case .slice(let items, let type):
            if !items.isEmpty {
                let iface = type.elementType == .interface
                for (i, item) in items.enumerated() where !(try iteration(.goInt(i), EV(item, iface))) { break }
                return
            }
        case .bytes(let bytes):
            if !bytes.isEmpty {
                for (i, b) in bytes.enumerated() where !(try iteration(.goInt(i), EV(.int(Int(b), .uint8)))) { break }
                return
            }
        case .map(let m, let type):
            if !m.isEmpty {
                let iface = type.elementType == .interface
                for k in m.keys.sorted(by: GoSort.less) where !(try iteration(.string(k), EV(m[k] ?? .null, iface))) { break }
                return
            }
        case .int(let n, let kind):
            if decls.count > 1 {
                throw fail("can't use \(val.goDescription) to iterate over more than one variable")
            }
            if n > 0 {
                for i in 0..<n where !(try iteration(.null, EV(.int(i, kind)))) { break }
                return
            }
        case .null:
            break
        default:
            throw fail("range can't iterate over \(val.goDescription)")
        }
        if let e = r.elseList {
            try walk(dot, e)
        }
    }

    private func walkTemplate(_ dot: EV, _ node: Node, _ name: String, _ pipe: Pipeline?) throws(Signal) {
        at = .node(node)
        guard let tmpl = set.tree(name) else {
            throw fail("template \(GoStrconv.quote(name)) not defined")
        }
        if depth == ExecLimits.maxExecDepth {
            throw fail("exceeded maximum template depth (\(ExecLimits.maxExecDepth))")
        }
        let newDot = pipe == nil ? Value.null : try evalPipeline(dot, pipe!)
        // No dynamic scoping: the template sees only `$`, set to its dot.
        let savedTree = tree, savedVars = vars, savedAt = at
        tree = tmpl
        vars = [("$", EV(newDot))]
        depth += 1
        defer {
            depth -= 1
            tree = savedTree
            vars = savedVars
            at = savedAt
        }
        try walk(EV(newDot), tmpl.root)
    }

    private func printValue(_ node: Node, _ v: Value) throws(Signal) {
        at = .node(node)
        // Go prints an invalid (nil) value as "<no value>"; Helm removes that text from rendered files.
        if case .null = v {
            output += "<no value>"
        } else if case .object(let o) = v, let s = o.pointerStringer {
            // Go's printValue takes the address of an addressable value whose pointer type is a Stringer.
            output += s
        } else {
            // Go's fmt overflows its stack on a map that holds itself; fail the template instead.
            do throws(GoError) { try GoFmt.checkPrintable([v]) } catch { throw fail(error.message) }
            output += v.goDescription
        }
    }

    // MARK: evaluation

    private func evalPipeline(_ dot: EV, _ pipe: Pipeline) throws(Signal) -> Value {
        at = .pipe(pipe)
        var value: EV?
        for cmd in pipe.cmds {
            // The previous value is this command's final argument; interface values are unwrapped.
            value = EV(try evalCommand(dot, cmd, final: value).value)
        }
        let v = value?.value ?? .null
        for d in pipe.decls {
            if pipe.isAssign {
                try setVar(d.name, EV(v))
            } else {
                push(d.name, EV(v))
            }
        }
        return v
    }

    private func notAFunction(_ args: [Expr]?, _ final: EV?, _ node: Expr? = nil) throws(Signal) {
        let count = args?.count ?? 0
        if count > 1 || final != nil {
            let first = args?.first.map(\.description) ?? node?.description ?? ""
            throw fail("can't give argument to non-function \(first)")
        }
    }

    private func evalCommand(_ dot: EV, _ cmd: Command, final: EV?) throws(Signal) -> EV {
        let first = cmd.args[0]
        switch first {
        case .field(_, let idents):
            return try evalFieldNode(dot, first, idents, args: cmd.args, final: final)
        case .chain(_, let node, let fields):
            return try evalChainNode(dot, first, node, fields, args: cmd.args, final: final)
        case .identifier(_, let ref):
            return try evalFunction(dot, first, ref, node: .command(cmd), args: cmd.args, final: final)
        case .pipe(let p):
            try notAFunction(cmd.args, final)
            return EV(try evalPipeline(dot, p))
        case .variable(_, let idents):
            return try evalVariableNode(dot, first, idents, args: cmd.args, final: final)
        default:
            break
        }
        at = .expr(first)
        try notAFunction(cmd.args, final)
        switch first {
        case .bool(_, let b):
            return EV(.bool(b))
        case .dot:
            return dot
        case .nilLiteral:
            throw fail("nil is not a command")
        case .number(_, let n):
            return EV(try idealConstant(first, n))
        case .string(_, _, let s):
            return EV(.string(s))
        default:
            throw fail("can't evaluate command \(GoStrconv.quote(first.description))")
        }
    }

    /// A number with no type context: Go's syntax decides (int unless it has a '.', exponent, …).
    private func idealConstant(_ e: Expr, _ n: NumberLiteral) throws(Signal) -> Value {
        at = .expr(e)
        let t = n.text
        let isHexInt =
            t.utf8.count > 2 && t.hasPrefix("0") && (t.dropFirst().hasPrefix("x") || t.dropFirst().hasPrefix("X"))
            && !t.contains(where: { $0 == "p" || $0 == "P" })
        let isRuneInt = t.hasPrefix("'")
        if n.isFloat && !isHexInt && !isRuneInt && t.contains(where: { ".eEpP".contains($0) }) {
            return .float(n.float64)
        }
        if n.isInt {
            return .int(Int(n.int64), .int)
        }
        if n.isUint {
            throw fail("\(t) overflows int")
        }
        return .null
    }

    private func evalFieldNode(_ dot: EV, _ node: Expr, _ idents: [String], args: [Expr]?, final: EV?) throws(Signal) -> EV {
        at = .expr(node)
        return try evalFieldChain(dot, dot, node, idents[...], args: args, final: final)
    }

    private func evalChainNode(_ dot: EV, _ chain: Expr, _ node: Expr, _ fields: [String], args: [Expr]?, final: EV?) throws(Signal) -> EV {
        at = .expr(chain)
        if case .nilLiteral = node {
            throw fail("indirection through explicit nil in \(chain)")
        }
        // (pipe).Field1.Field2 has pipe as the node: evaluate it, then the fields.
        let pipe = try evalArg(dot, nil, node)
        return try evalFieldChain(dot, EV(pipe), chain, fields[...], args: args, final: final)
    }

    private func evalVariableNode(_ dot: EV, _ node: Expr, _ idents: [String], args: [Expr]?, final: EV?) throws(Signal) -> EV {
        at = .expr(node)
        let value = try varValue(idents[0])
        if idents.count == 1 {
            try notAFunction(args, final, node)
            return value
        }
        return try evalFieldChain(dot, value, node, idents[1...], args: args, final: final)
    }

    private func evalFieldChain(_ dot: EV, _ receiver: EV, _ node: Expr, _ idents: ArraySlice<String>, args: [Expr]?, final: EV?) throws(Signal) -> EV {
        var r = receiver
        for id in idents.dropLast() {
            r = try evalField(dot, id, node, args: nil, final: nil, receiver: r)
        }
        return try evalField(dot, idents.last!, node, args: args, final: final, receiver: r)
    }

    private func evalField(_ dot: EV, _ fieldName: String, _ node: Expr, args: [Expr]?, final: EV?, receiver: EV) throws(Signal) -> EV {
        if case .null = receiver.value {
            if receiver.iface {
                throw fail("nil pointer evaluating interface {}.\(fieldName)")
            }
            return EV(.null)
        }
        let hasArgs = (args?.count ?? 0) > 1 || final != nil
        if let resolver = set.methodResolver {
            switch receiver.value {
            case .map(_, .named), .slice(_, .named):
                if let m = resolver(receiver.value, fieldName) {
                    let fn = GoFunction(params: m.params, variadic: m.variadic, body: .plain(m.call))
                    return try evalCall(dot, fn, node: .expr(node), name: fieldName, args: args, final: final)
                }
            default:
                break
            }
        }
        switch receiver.value {
        case .object(let o):
            if let m = o.method(fieldName) {
                let fn = GoFunction(params: m.params, variadic: m.variadic, body: .plain(m.call))
                return try evalCall(dot, fn, node: .expr(node), name: fieldName, args: args, final: final)
            }
            if o.isNilPointer {
                throw fail("nil pointer evaluating \(receiver.iface ? "interface {}" : o.goTypeName).\(fieldName)")
            }
            if let f = o.field(fieldName) {
                if hasArgs { throw fail("\(fieldName) has arguments but cannot be invoked as function") }
                return EV(f, f.isNull)
            }
        case .map(let m, let type):
            if hasArgs { throw fail("\(fieldName) is not a method but has arguments") }
            let elem = type.elementType ?? .interface
            if let v = m[fieldName] { return EV(v, elem == .interface) }
            // missingkey=zero: the zero value of the element type (nil for interface{}).
            return EV(Value.zero(of: elem), elem == .interface)
        default:
            break
        }
        let typ = receiver.iface ? "interface {}" : (receiver.value.goType?.name ?? "interface {}")
        throw fail("can't evaluate field \(fieldName) in type \(typ)")
    }

    private func evalFunction(_ dot: EV, _ node: Expr, _ ref: FunctionRef, node callNode: At, args: [Expr]?, final: EV?) throws(Signal) -> EV {
        at = .expr(node)
        let fn = set.functions.functions[ref.index]
        return try evalCall(dot, fn, node: callNode, name: ref.name, args: args, final: final)
    }

    /// Calls a function or method. `args`, when present, includes the function's own node first (as in Go).
    private func evalCall(_ dot: EV, _ fn: GoFunction, node: At, name: String, args allArgs: [Expr]?, final: EV?) throws(Signal) -> EV {
        // A slice, not a copy: a call allocates only its argument values.
        let args: ArraySlice<Expr> = allArgs?.dropFirst() ?? []
        let base = args.startIndex
        let numIn = args.count + (final != nil ? 1 : 0)
        var numFixed = args.count
        if fn.variadic != nil {
            numFixed = fn.params.count
            if numIn < numFixed {
                throw fail("wrong number of args for \(name): want at least \(fn.params.count) got \(args.count)")
            }
        } else if numIn != fn.params.count {
            throw fail("wrong number of args for \(name): want \(fn.params.count) got \(numIn)")
        }

        // and/or short-circuit and return the deciding operand itself.
        switch fn.body {
        case .and, .or:
            let isOr: Bool
            if case .or = fn.body { isOr = true } else { isOr = false }
            var v = Value.null
            for a in args {
                v = try evalArg(dot, .any, a)
                if v.isTruthy == isOr { return EV(v) }
            }
            if let final { v = final.value }
            return EV(v)
        default:
            break
        }

        if case .length = fn.body {
            // One argument (the count was checked above): the written one, or the pipeline's final value.
            let item = args.isEmpty ? EV(try validateType(final ?? EV(.null), .any), final?.iface ?? false) : try evalArgSlot(dot, .any, args[base])
            do {
                return EV(try Builtins.length(item.value, nilInInterface: item.iface))
            } catch {
                at = node
                throw fail("error calling \(name): \(error.message)", wrapping: error)
            }
        }

        var argv: [Value] = []
        argv.reserveCapacity(numIn)
        var i = 0
        while i < numFixed && i < args.count {
            argv.append(try evalArg(dot, fn.params[i], args[base + i]))
            i += 1
        }
        if let variadic = fn.variadic {
            while i < args.count {
                argv.append(try evalArg(dot, variadic, args[base + i]))
                i += 1
            }
        }
        if let final {
            let t: GoParam
            if let variadic = fn.variadic {
                t = numIn - 1 < numFixed ? fn.params[numIn - 1] : variadic
            } else {
                t = fn.params[fn.params.count - 1]
            }
            argv.append(try validateType(final, t))
        }

        let result: Value
        do {
            switch fn.body {
            case .plain(let f):
                result = try f(argv)
            case .contextual(let f):
                result = try f(self, argv)
            case .call:
                // Go inserts the callee's source text; there are no function values in templates here.
                let callee = args.first?.description ?? ""
                result = try Builtins.call(callee, argv)
            case .and, .or, .length:
                result = .null
            }
        } catch {
            at = node
            throw fail("error calling \(name): \(error.message)", wrapping: error)
        }
        return EV(result, fn.returnsInterface)
    }

    private func evalArg(_ dot: EV, _ typ: GoParam?, _ n: Expr) throws(Signal) -> Value {
        try evalArgSlot(dot, typ, n).value
    }

    /// Go's `evalArg`, keeping whether the value sits in an `interface{}` slot (what `len` of a nil reports
    /// depends on it).
    private func evalArgSlot(_ dot: EV, _ typ: GoParam?, _ n: Expr) throws(Signal) -> EV {
        at = .expr(n)
        let slot: EV
        switch n {
        case .dot:
            slot = dot
        case .nilLiteral:
            guard let typ else { return EV(.null) }
            if typ.canBeNil { return EV(typ.zero) }
            throw fail("cannot assign nil to \(typ.typeName)")
        case .field(_, let idents):
            slot = try evalFieldNode(dot, n, idents, args: [n], final: nil)
        case .variable(_, let idents):
            slot = try evalVariableNode(dot, n, idents, args: nil, final: nil)
        case .pipe(let p):
            slot = EV(try evalPipeline(dot, p))
        case .identifier(_, let ref):
            slot = try evalFunction(dot, n, ref, node: .expr(n), args: nil, final: nil)
        case .chain(_, let node, let fields):
            slot = try evalChainNode(dot, n, node, fields, args: nil, final: nil)
        default:
            return EV(try evalLiteralArg(dot, typ, n))
        }
        return EV(try validateType(slot, typ), slot.iface)
    }

    /// The rest of Go's `evalArg`: a constant written in the template, converted to the parameter's type.
    private func evalLiteralArg(_ dot: EV, _ typ: GoParam?, _ n: Expr) throws(Signal) -> Value {
        guard let typ else { return try evalEmptyInterface(dot, n) }
        switch typ {
        case .bool:
            if case .bool(_, let b) = n { return .bool(b) }
            throw fail("expected bool; found \(n)")
        case .float64, .float32:
            if case .number(_, let num) = n, num.isFloat { return .float(num.float64) }
            throw fail("expected float; found \(n)")
        case .int(let kind):
            if kind.isUnsigned {
                if case .number(_, let num) = n, num.isUint { return .int(Int(truncatingIfNeeded: num.uint64), kind) }
                throw fail("expected unsigned integer; found \(n)")
            }
            if case .number(_, let num) = n, num.isInt { return .int(Int(num.int64), kind) }
            throw fail("expected integer; found \(n)")
        case .any:
            return try evalEmptyInterface(dot, n)
        case .string:
            if case .string(_, _, let s) = n { return .string(s) }
            throw fail("expected string; found \(n)")
        default:
            throw fail("can't handle \(n) for arg of type \(typ.typeName)")
        }
    }

    private func evalEmptyInterface(_ dot: EV, _ n: Expr) throws(Signal) -> Value {
        at = .expr(n)
        switch n {
        case .bool(_, let b): return .bool(b)
        case .number(_, let num): return try idealConstant(n, num)
        case .string(_, _, let s): return .string(s)
        default: throw fail("can't handle assignment of \(n) to empty interface argument")
        }
    }

    /// Go's `validateType`: the value must be assignable to the parameter's type.
    private func validateType(_ ev: EV, _ typ: GoParam?) throws(Signal) -> Value {
        guard let typ else { return ev.value }
        if case .null = ev.value {
            if typ == .any { return .null }
            if !ev.iface {
                if typ.canBeNil { return typ.zero }
                throw fail("invalid value; expected \(typ.typeName)")
            }
            // A nil held in an interface{} slot is a valid value of type interface{}, assignable to nothing else.
            throw fail("wrong type for value; expected \(typ.typeName); got interface {}")
        }
        if typ.accepts(ev.value) { return ev.value }
        throw fail("wrong type for value; expected \(typ.typeName); got \(ev.value.goType?.name ?? "<nil>")")
    }
}

extension GoParam {
    /// Whether Go can assign an untyped nil to this type.
    var canBeNil: Bool {
        switch self {
        case .any, .slice, .map: return true
        case .exact(let t):
            switch t.underlying {
            case .slice, .map, .pointer, .interface, .function: return true
            default: return false
            }
        default: return false
        }
    }

    /// The zero value of the type (nil slices and maps are empty values here).
    var zero: Value {
        switch self {
        case .any: return .null
        case .string: return .string("")
        case .bool: return .bool(false)
        case .int(let k): return .int(0, k)
        case .float64, .float32: return .float(0)
        case .slice(let t): return .slice([], t)
        case .map(let t): return .map([:], t)
        case .exact: return .null
        }
    }

    /// Go's assignability of a (non-nil) value to this parameter type.
    func accepts(_ v: Value) -> Bool {
        switch (self, v) {
        case (.any, _): return true
        case (.string, .string), (.bool, .bool), (.float64, .float): return true
        case (.int(let k), .int(_, let k2)): return k == k2
        case (.slice(let t), .slice(_, let t2)): return GoParam.assignable(t2, to: t)
        case (.slice(let t), .bytes): return t == .slice(.int(.uint8))
        case (.map(let t), .map(_, let t2)): return GoParam.assignable(t2, to: t)
        case (.exact(let t), _): return v.goType.map { GoParam.assignable($0, to: t) } ?? false
        default: return false
        }
    }

    /// Go's assignability between types: identical, or identical underlying types when one side is unnamed.
    static func assignable(_ from: GoType, to: GoType) -> Bool {
        if from == to { return true }
        if case .named = from, case .named = to { return false }
        return from.underlying == to.underlying
    }
}

extension Value {
    /// The zero value of a Go type (nil for interfaces, empty for slices and maps).
    static func zero(of type: GoType) -> Value {
        switch type.underlying {
        case .interface: return .null
        case .bool: return .bool(false)
        case .int(let k): return .int(0, k)
        case .float64, .float32: return .float(0)
        case .string: return .string("")
        case .slice: return .slice([], type)
        case .map: return .map([:], type)
        default: return .null
        }
    }
}
