// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// The parse tree of a template, as Go's text/template/parse builds it.
///
/// Every node knows its byte offset in the template text (`pos`) and prints itself back as Go does
/// (`description`), which is how execution errors say `at <.Values.foo>`. Trees are immutable and `Sendable`:
/// a parsed template set is shared by every render.
public indirect enum Node: Sendable {
    case text(pos: Int, String)
    case action(pos: Int, line: Int, Pipeline)
    case ifNode(Branch)
    case rangeNode(Branch)
    case withNode(Branch)
    /// `{{template "name" pipeline}}`; `pos` is the name's offset.
    case template(pos: Int, line: Int, name: String, pipe: Pipeline?)
    case breakNode(pos: Int, line: Int)
    case continueNode(pos: Int, line: Int)
    case list(pos: Int, [Node])
    /// Only produced internally by the parser while reading lists.
    case end(pos: Int)
    case elseNode(pos: Int, line: Int)

    public var pos: Int {
        switch self {
        case .text(let p, _), .action(let p, _, _), .template(let p, _, _, _), .breakNode(let p, _),
            .continueNode(let p, _), .list(let p, _), .end(let p), .elseNode(let p, _):
            return p
        case .ifNode(let b), .rangeNode(let b), .withNode(let b):
            return b.pos
        }
    }
}

/// The shared shape of `if`, `range` and `with`.
public struct Branch: Sendable {
    public var pos: Int
    public var line: Int
    public var pipe: Pipeline
    public var list: Node
    public var elseList: Node?
}

/// A variable named in a declaration (`$x := …`).
public struct VariableDecl: Sendable {
    public var pos: Int
    public var name: String
}

/// `declarations? command ('|' command)*`.
public final class Pipeline: Sendable {
    public let pos: Int
    public let line: Int
    public let isAssign: Bool
    public let decls: [VariableDecl]
    public let cmds: [Command]

    init(pos: Int, line: Int, isAssign: Bool, decls: [VariableDecl], cmds: [Command]) {
        self.pos = pos
        self.line = line
        self.isAssign = isAssign
        self.decls = decls
        self.cmds = cmds
    }
}

/// `operand (space operand)*`.
public struct Command: Sendable {
    public var pos: Int
    public var args: [Expr]
}

/// A literal number with every interpretation Go's parser derives from its text.
public struct NumberLiteral: Sendable {
    public var text: String
    public var isInt = false
    public var isUint = false
    public var isFloat = false
    public var isComplex = false
    public var int64: Int64 = 0
    public var uint64: UInt64 = 0
    public var float64: Double = 0
}

/// A resolved function reference: the parser checks the name exists and keeps its slot in the table.
public struct FunctionRef: Sendable {
    public var name: String
    public var index: Int
}

/// An operand of a command.
public indirect enum Expr: Sendable {
    /// `.A.B.C`
    case field(pos: Int, idents: [String])
    /// `$x.A.B` (idents[0] is the variable's name, with `$`).
    case variable(pos: Int, idents: [String])
    /// `(pipe).A.B` or `fn.A`: a term followed by fields.
    case chain(pos: Int, node: Expr, fields: [String])
    case identifier(pos: Int, FunctionRef)
    case dot(pos: Int)
    case nilLiteral(pos: Int)
    case bool(pos: Int, Bool)
    case number(pos: Int, NumberLiteral)
    /// The quoted source text and the unquoted value.
    case string(pos: Int, quoted: String, text: String)
    case pipe(Pipeline)

    public var pos: Int {
        switch self {
        case .field(let p, _), .variable(let p, _), .chain(let p, _, _), .identifier(let p, _), .dot(let p),
            .nilLiteral(let p), .bool(let p, _), .number(let p, _), .string(let p, _, _):
            return p
        case .pipe(let pl):
            return pl.pos
        }
    }
}

// MARK: - Printing back as source (Go's Node.String)

extension Expr: CustomStringConvertible {
    public var description: String {
        var s = ""
        write(to: &s)
        return s
    }

    func write(to s: inout String) {
        switch self {
        case .field(_, let idents):
            for id in idents { s += "."; s += id }
        case .variable(_, let idents):
            s += idents.joined(separator: ".")
        case .chain(_, let node, let fields):
            if case .pipe = node {
                s += "("
                node.write(to: &s)
                s += ")"
            } else {
                node.write(to: &s)
            }
            for f in fields { s += "."; s += f }
        case .identifier(_, let f):
            s += f.name
        case .dot:
            s += "."
        case .nilLiteral:
            s += "nil"
        case .bool(_, let b):
            s += b ? "true" : "false"
        case .number(_, let n):
            s += n.text
        case .string(_, let quoted, _):
            s += quoted
        case .pipe(let p):
            p.write(to: &s)
        }
    }
}

extension Command: CustomStringConvertible {
    public var description: String {
        var s = ""
        write(to: &s)
        return s
    }

    func write(to s: inout String) {
        for (i, arg) in args.enumerated() {
            if i > 0 { s += " " }
            if case .pipe(let p) = arg {
                s += "("
                p.write(to: &s)
                s += ")"
            } else {
                arg.write(to: &s)
            }
        }
    }
}

extension Pipeline: CustomStringConvertible {
    public var description: String {
        var s = ""
        write(to: &s)
        return s
    }

    func write(to s: inout String) {
        if !decls.isEmpty {
            s += decls.map(\.name).joined(separator: ", ")
            s += isAssign ? " = " : " := "
        }
        for (i, c) in cmds.enumerated() {
            if i > 0 { s += " | " }
            c.write(to: &s)
        }
    }
}

extension Node: CustomStringConvertible {
    public var description: String {
        var s = ""
        write(to: &s)
        return s
    }

    func write(to s: inout String) {
        switch self {
        case .text(_, let t):
            s += t
        case .action(_, _, let p):
            s += "{{"
            p.write(to: &s)
            s += "}}"
        case .ifNode(let b):
            writeBranch("if", b, to: &s)
        case .rangeNode(let b):
            writeBranch("range", b, to: &s)
        case .withNode(let b):
            writeBranch("with", b, to: &s)
        case .template(_, _, let name, let pipe):
            s += "{{template "
            s += GoStrconv.quote(name)
            if let pipe {
                s += " "
                pipe.write(to: &s)
            }
            s += "}}"
        case .breakNode:
            s += "{{break}}"
        case .continueNode:
            s += "{{continue}}"
        case .list(_, let nodes):
            for n in nodes { n.write(to: &s) }
        case .end:
            s += "{{end}}"
        case .elseNode:
            s += "{{else}}"
        }
    }

    private func writeBranch(_ name: String, _ b: Branch, to s: inout String) {
        s += "{{\(name) "
        b.pipe.write(to: &s)
        s += "}}"
        b.list.write(to: &s)
        if let e = b.elseList {
            s += "{{else}}"
            e.write(to: &s)
        }
        s += "{{end}}"
    }
}
