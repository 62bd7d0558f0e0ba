// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// A template parse error, in Go's words: `template: NAME:LINE: MESSAGE`.
public struct ParseError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The name of the file (Go's ParseName) the error is in.
    public var name: String
    public var line: Int
    /// The message after the location, such as `unexpected "}" in operand`.
    public var message: String

    public var description: String { "template: \(name):\(line): \(message)" }
}

/// The source text of one parsed file, shared by its tree and the trees of the templates it defines,
/// so that execution errors can say `NAME:LINE:COL`.
public final class Source: Sendable {
    public let name: String
    let bytes: [UInt8]

    init(name: String, text: String) {
        self.name = name
        self.bytes = Array(text.utf8)
    }

    /// Go's `ErrorContext` location: `NAME:LINE:COL`, where COL is the byte offset from the start of the line
    /// (0-based — and on the first line, the offset itself — exactly as Go computes it).
    func location(of pos: Int) -> String {
        let p = min(pos, bytes.count)
        var line = 1
        var lastNewline = -1
        var i = 0
        while i < p {
            if bytes[i] == 0x0A { line += 1; lastNewline = i }
            i += 1
        }
        let col = lastNewline < 0 ? p : p - (lastNewline + 1)
        return "\(name):\(line):\(col)"
    }
}

/// One named template: its tree and the file it came from.
public final class Tree: Sendable {
    public let name: String
    public let source: Source
    public let root: Node
    /// The function-table index of every function this tree names, one per call site, in source order
    /// (recorded by the parser, so questions such as "does any template call `set`?" need no tree walk).
    let calledFunctions: [Int]

    init(name: String, source: Source, root: Node, calledFunctions: [Int] = []) {
        self.name = name
        self.source = source
        self.root = root
        self.calledFunctions = calledFunctions
    }

    /// Go's `parse.IsEmptyTree`: only white space text (and comments) — such a tree never replaces another.
    var isEmpty: Bool { Tree.isEmpty(root) }

    static func isEmpty(_ n: Node) -> Bool {
        switch n {
        case .list(_, let nodes):
            return nodes.allSatisfy(isEmpty)
        case .text(_, let t):
            return t.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C }
        default:
            return false
        }
    }
}

/// Named limits of the parser.
enum ParseLimits {
    /// Go's maxStackDepth for nested parentheses / control structures in one template.
    static let maxStackDepth = 10000
}

/// Go's recursive-descent parser for one file, producing the file's tree and the trees it defines.
struct Parser {
    private var lexer: Lexer
    private let source: Source
    private let functions: FunctionTable
    /// Go's three-token look-ahead buffer: `token[0]` is the last read, `peekCount` how many are pushed back.
    private var token: [Token]
    private var peekCount = 0
    private var vars: [String] = ["$"]
    /// Function indices named so far in the tree being parsed (see `Tree.calledFunctions`).
    private var calls: [Int] = []
    private var rangeDepth = 0
    private var actionLine = 0
    private var depth = 0
    /// The trees defined so far in this file, in Go's `treeSet`.
    private(set) var treeSet: [String: Tree] = [:]
    private var treeOrder: [String] = []

    init(name: String, text: String, functions: FunctionTable) {
        self.source = Source(name: name, text: text)
        self.functions = functions
        self.lexer = Lexer(text, breakOK: !functions.has("break"), continueOK: !functions.has("continue"))
        let empty = Token(kind: .eof, pos: 0, line: 1, text: "")
        self.token = [empty, empty, empty]
    }

    /// Parses the whole file. Returns every tree it produced, the file's own tree (named `name`) last.
    static func parse(name: String, text: String, functions: FunctionTable) throws(ParseError) -> [(String, Tree)] {
        var p = Parser(name: name, text: text, functions: functions)
        let root = try p.parseTop()
        try p.add(name: name, root: root, calls: p.calls)
        return p.treeOrder.compactMap { n in p.treeSet[n].map { (n, $0) } }
    }

    // MARK: tokens

    private mutating func next() -> Token {
        if peekCount > 0 {
            peekCount -= 1
        } else {
            token[0] = lexer.next()
        }
        return token[peekCount]
    }

    private mutating func backup() { peekCount += 1 }

    private mutating func backup2(_ t1: Token) {
        token[1] = t1
        peekCount = 2
    }

    private mutating func backup3(_ t2: Token, _ t1: Token) {
        token[1] = t1
        token[2] = t2
        peekCount = 3
    }

    private mutating func peek() -> Token {
        if peekCount > 0 { return token[peekCount - 1] }
        peekCount = 1
        token[0] = lexer.next()
        return token[0]
    }

    private mutating func nextNonSpace() -> Token {
        var t: Token
        repeat { t = next() } while t.kind == .space
        return t
    }

    private mutating func peekNonSpace() -> Token {
        let t = nextNonSpace()
        backup()
        return t
    }

    /// The kind of `peek()`, without copying the token's text.
    private mutating func peekKind() -> Token.Kind {
        if peekCount == 0 {
            peekCount = 1
            token[0] = lexer.next()
        }
        return token[peekCount - 1].kind
    }

    /// The kind of `peekNonSpace()`, without copying the token's text.
    private mutating func peekNonSpaceKind() -> Token.Kind {
        while true {
            if peekCount == 0 { token[0] = lexer.next() } else { peekCount -= 1 }
            let kind = token[peekCount].kind
            if kind != .space {
                peekCount += 1
                return kind
            }
        }
    }

    // MARK: errors

    private func errorf(_ message: String) -> ParseError {
        ParseError(name: source.name, line: token[0].line, message: message)
    }

    private func unexpected(_ t: Token, _ context: String) -> ParseError {
        if t.kind == .error {
            let msg = t.text
            var extra = ""
            if actionLine != 0 && actionLine != t.line {
                extra = " in action started at \(source.name):\(actionLine)"
                if msg.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return errorf(msg + extra)
        }
        return errorf("unexpected \(t.description) in \(context)")
    }

    private mutating func expect(_ kind: Token.Kind, _ context: String) throws(ParseError) -> Token {
        let t = nextNonSpace()
        if t.kind != kind { throw unexpected(t, context) }
        return t
    }

    // MARK: trees

    /// Go's `Tree.add`: a non-empty tree may not be defined twice in one file.
    private mutating func add(name: String, root: Node, calls: [Int]) throws(ParseError) {
        let tree = Tree(name: name, source: source, root: root, calledFunctions: calls)
        if let existing = treeSet[name], !existing.isEmpty {
            if !tree.isEmpty {
                throw errorf("template: multiple definition of template \(GoStrconv.quote(name))")
            }
            return
        }
        if treeSet[name] == nil { treeOrder.append(name) }
        treeSet[name] = tree
    }

    // MARK: grammar

    /// parse: (textOrAction | define)* EOF
    private mutating func parseTop() throws(ParseError) -> Node {
        let startPos = peek().pos
        var nodes: [Node] = []
        while peekKind() != .eof {
            if peekKind() == .leftDelim {
                let delim = next()
                if nextNonSpace().kind == .define {
                    try parseDefinition()
                    continue
                }
                backup2(delim)
            }
            let n = try textOrAction()
            switch n {
            case .end, .elseNode:
                throw errorf("unexpected \(n)")
            default:
                nodes.append(n)
            }
        }
        return .list(pos: startPos, nodes)
    }

    /// define: {{define "name"}} itemList {{end}}
    private mutating func parseDefinition() throws(ParseError) {
        let context = "define clause"
        let nameTok = nextNonSpace()
        guard nameTok.kind == .string || nameTok.kind == .rawString else { throw unexpected(nameTok, context) }
        let name = try unquote(nameTok.text)
        _ = try expect(.rightDelim, context)
        try definedTemplate(name, context)
    }

    /// The body of a template this file defines (`define`, `block`), up to its `{{end}}`, added to the file's
    /// trees: it sees only `$`, no enclosing `range`, and the functions it calls are its own tree's.
    private mutating func definedTemplate(_ name: String, _ context: String) throws(ParseError) {
        let savedVars = vars
        let savedRange = rangeDepth
        let savedCalls = calls
        vars = ["$"]
        rangeDepth = 0
        calls = []
        let (list, end) = try itemList()
        let own = calls
        vars = savedVars
        rangeDepth = savedRange
        calls = savedCalls
        guard case .end = end else { throw errorf("unexpected \(end) in \(context)") }
        try add(name: name, root: list, calls: own)
    }

    /// itemList: textOrAction* — ends at {{end}} or {{else}}, which is returned separately.
    private mutating func itemList() throws(ParseError) -> (Node, Node) {
        let startPos = peekNonSpace().pos
        var nodes: [Node] = []
        while peekNonSpaceKind() != .eof {
            let n = try textOrAction()
            switch n {
            case .end, .elseNode:
                return (.list(pos: startPos, nodes), n)
            default:
                nodes.append(n)
            }
        }
        throw errorf("unexpected EOF")
    }

    /// textOrAction: text | action
    private mutating func textOrAction() throws(ParseError) -> Node {
        let t = nextNonSpace()
        switch t.kind {
        case .text:
            return .text(pos: t.pos, t.text)
        case .leftDelim:
            actionLine = t.line
            defer { actionLine = 0 }
            return try action()
        default:
            throw unexpected(t, "input")
        }
    }

    /// action: control | command ("|" command)*
    private mutating func action() throws(ParseError) -> Node {
        let t = nextNonSpace()
        switch t.kind {
        case .block: return try blockControl()
        case .breakKw: return try breakControl(t, "break")
        case .continueKw: return try breakControl(t, "continue")
        case .elseKw: return try elseControl()
        case .end: return try endControl()
        case .ifKw: return try control("if")
        case .range: return try control("range")
        case .template: return try templateControl()
        case .with: return try control("with")
        default: break
        }
        backup()
        let p = peek()
        return .action(pos: p.pos, line: p.line, try pipeline("command", end: .rightDelim))
    }

    private mutating func breakControl(_ kw: Token, _ word: String) throws(ParseError) -> Node {
        let t = nextNonSpace()
        if t.kind != .rightDelim { throw unexpected(t, "{{\(word)}}") }
        if rangeDepth == 0 { throw errorf("{{\(word)}} outside {{range}}") }
        return word == "break" ? .breakNode(pos: kw.pos, line: kw.line) : .continueNode(pos: kw.pos, line: kw.line)
    }

    /// pipeline: declarations? command ('|' command)*
    private mutating func pipeline(_ context: String, end: Token.Kind) throws(ParseError) -> Pipeline {
        let first = peekNonSpace()
        var decls: [VariableDecl] = []
        var isAssign = false
        decls: while true {
            let v = peekNonSpace()
            guard v.kind == .variable else { break }
            _ = next()
            let tokenAfterVariable = peek()
            let nxt = peekNonSpace()
            if nxt.kind == .assign || nxt.kind == .declare {
                isAssign = nxt.kind == .assign
                _ = nextNonSpace()
                decls.append(VariableDecl(pos: v.pos, name: v.text))
                vars.append(v.text)
                break
            } else if nxt.kind == .char && nxt.text == "," {
                _ = nextNonSpace()
                decls.append(VariableDecl(pos: v.pos, name: v.text))
                vars.append(v.text)
                if context == "range" && decls.count < 2 {
                    switch peekNonSpaceKind() {
                    case .variable, .rightDelim, .rightParen:
                        continue decls
                    default:
                        throw errorf("range can only initialize variables")
                    }
                }
                throw errorf("too many declarations in \(context)")
            } else if tokenAfterVariable.kind == .space {
                backup3(v, tokenAfterVariable)
                break
            } else {
                backup2(v)
                break
            }
        }
        var cmds: [Command] = []
        while true {
            let t = nextNonSpace()
            if t.kind == end {
                let pipe = Pipeline(pos: first.pos, line: first.line, isAssign: isAssign, decls: decls, cmds: cmds)
                try checkPipeline(pipe, context)
                return pipe
            }
            switch t.kind {
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nilKw, .rawString, .string,
                .variable, .leftParen:
                backup()
                cmds.append(try command())
            default:
                throw unexpected(t, context)
            }
        }
    }

    private func checkPipeline(_ pipe: Pipeline, _ context: String) throws(ParseError) {
        if pipe.cmds.isEmpty { throw errorf("missing value for \(context)") }
        for (i, c) in pipe.cmds.enumerated().dropFirst() {
            switch c.args.first {
            case .bool, .dot, .nilLiteral, .number, .string:
                throw errorf("non executable command in pipeline stage \(i + 1)")
            default:
                break
            }
        }
    }

    /// if/range/with: {{kw pipeline}} itemList ({{else}} itemList | {{else if/with …}})? {{end}}
    private mutating func control(_ context: String) throws(ParseError) -> Node {
        depth += 1
        defer { depth -= 1 }
        if depth > ParseLimits.maxStackDepth { throw errorf("max depth exceeded") }
        let savedVars = vars.count
        defer { vars.removeSubrange(savedVars...) }
        let pipe = try pipeline(context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        var (list, next) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: Node?
        if case .elseNode(let epos, _) = next {
            if context == "if" && peekKind() == .ifKw {
                _ = self.next()
                elseList = .list(pos: epos, [try control("if")])
            } else if context == "with" && peekKind() == .with {
                _ = self.next()
                elseList = .list(pos: epos, [try control("with")])
            } else {
                let (el, n2) = try itemList()
                elseList = el
                next = n2
                guard case .end = next else { throw errorf("expected end; found \(next)") }
            }
        }
        _ = list
        let b = Branch(pos: pipe.pos, line: pipe.line, pipe: pipe, list: list, elseList: elseList)
        switch context {
        case "if": return .ifNode(b)
        case "range": return .rangeNode(b)
        default: return .withNode(b)
        }
    }

    private mutating func endControl() throws(ParseError) -> Node {
        .end(pos: try expect(.rightDelim, "end").pos)
    }

    private mutating func elseControl() throws(ParseError) -> Node {
        let p = peekNonSpace()
        if p.kind == .ifKw || p.kind == .with {
            return .elseNode(pos: p.pos, line: p.line)
        }
        let t = try expect(.rightDelim, "else")
        return .elseNode(pos: t.pos, line: t.line)
    }

    /// block: {{block "name" pipeline}} itemList {{end}} — defines the template and executes it in place.
    private mutating func blockControl() throws(ParseError) -> Node {
        let context = "block clause"
        let t = nextNonSpace()
        let name = try templateName(t, context)
        let pipe = try pipeline(context, end: .rightDelim)
        try definedTemplate(name, context)
        return .template(pos: t.pos, line: t.line, name: name, pipe: pipe)
    }

    /// template: {{template "name" pipeline?}}
    private mutating func templateControl() throws(ParseError) -> Node {
        let context = "template clause"
        let t = nextNonSpace()
        let name = try templateName(t, context)
        var pipe: Pipeline?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context, end: .rightDelim)
        }
        return .template(pos: t.pos, line: t.line, name: name, pipe: pipe)
    }

    private func templateName(_ t: Token, _ context: String) throws(ParseError) -> String {
        switch t.kind {
        case .string, .rawString: return try unquote(t.text)
        default: throw unexpected(t, context)
        }
    }

    /// command: operand (space operand)*
    private mutating func command() throws(ParseError) -> Command {
        let startPos = peekNonSpace().pos
        var args: [Expr] = []
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { args.append(operand) }
            let t = next()
            switch t.kind {
            case .space:
                continue
            case .rightDelim, .rightParen:
                backup()
            case .pipe:
                break
            default:
                throw unexpected(t, "operand")
            }
            break
        }
        if args.isEmpty { throw errorf("empty command") }
        return Command(pos: startPos, args: args)
    }

    /// operand: term .Field*
    private mutating func operand() throws(ParseError) -> Expr? {
        guard let node = try term() else { return nil }
        guard peekKind() == .field else { return node }
        let chainPos = peek().pos
        var fields: [String] = []
        while peekKind() == .field { fields.append(Parser.fieldName(next().text)) }
        switch node {
        case .field(_, let idents):
            return .field(pos: chainPos, idents: idents + fields)
        case .variable(_, let idents):
            return .variable(pos: chainPos, idents: idents + fields)
        case .bool, .string, .number, .nilLiteral, .dot:
            throw errorf("unexpected . after term \(GoStrconv.quote(node.description))")
        default:
            return .chain(pos: chainPos, node: node, fields: fields)
        }
    }

    /// A field or variable with the fields that follow it (`.Values.a.b`, `$x.a`), gathered into one list as
    /// `operand` would join them, and the node's position: the first following field's, as Go's chain takes.
    private mutating func chainedFields(first: String, at pos: Int) -> (Int, [String]) {
        guard peekKind() == .field else { return (pos, [first]) }
        var idents = [first]
        idents.reserveCapacity(4)
        let chainPos = peek().pos
        while peekKind() == .field { idents.append(Parser.fieldName(next().text)) }
        return (chainPos, idents)
    }

    /// A field token's name: its text after the dot (sliced as bytes; the dot is one byte).
    @inline(__always) static func fieldName(_ text: String) -> String {
        String(Substring(text.utf8.dropFirst()))
    }

    /// term: literal | function | . | .Field | $var | '(' pipeline ')'
    private mutating func term() throws(ParseError) -> Expr? {
        let t = nextNonSpace()
        switch t.kind {
        case .identifier:
            guard let idx = functions.index(of: t.text) else {
                throw errorf("function \(GoStrconv.quote(t.text)) not defined")
            }
            calls.append(idx)
            return .identifier(pos: t.pos, FunctionRef(name: t.text, index: idx))
        case .dot:
            return .dot(pos: t.pos)
        case .nilKw:
            return .nilLiteral(pos: t.pos)
        case .variable:
            let name = t.text
            if !vars.contains(name) { throw errorf("undefined variable \(GoStrconv.quote(name))") }
            let (pos, idents) = chainedFields(first: name, at: t.pos)
            return .variable(pos: pos, idents: idents)
        case .field:
            let (pos, idents) = chainedFields(first: Parser.fieldName(t.text), at: t.pos)
            return .field(pos: pos, idents: idents)
        case .bool:
            return .bool(pos: t.pos, t.text == "true")
        case .charConstant, .complex, .number:
            return .number(pos: t.pos, try NumberParser.parse(t.text, kind: t.kind).get(orThrow: errorf))
        case .leftParen:
            depth += 1
            defer { depth -= 1 }
            if depth > ParseLimits.maxStackDepth { throw errorf("max depth exceeded") }
            return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            return .string(pos: t.pos, quoted: t.text, text: try unquote(t.text))
        default:
            backup()
            return nil
        }
    }

    private func unquote(_ s: String) throws(ParseError) -> String {
        switch GoUnquote.unquote(s) {
        case .success(let v): return v
        case .failure: throw errorf("invalid syntax")
        }
    }
}

extension Result where Failure == NumberParser.Failure {
    func get(orThrow make: (String) -> ParseError) throws(ParseError) -> Success {
        switch self {
        case .success(let v): return v
        case .failure(let f): throw make(f.message)
        }
    }
}
