// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import ProcessSupport

/// A set of named templates sharing one function table: Go's `*template.Template` with its associates.
///
/// Parsing is done once; the set is an immutable value afterwards and can render concurrently.
/// Adding a file follows Go's rules: the file's own tree is named after the file, every `define` adds a tree,
/// and a later definition replaces an earlier one unless it is empty.
public struct TemplateSet: Sendable {
    /// The set's own name (Go's root template name; Helm calls it `gotpl`), used in some error texts.
    public let name: String
    public let functions: FunctionTable
    /// Methods of named map and slice types (Go finds a method before a map key: `.Values.AsMap`,
    /// `.Files.Get`). Consulted only for receivers whose type is named.
    public let methodResolver: (@Sendable (Value, String) -> GoMethod?)?
    private(set) var trees: [String: Tree] = [:]

    public init(
        name: String = "", functions: FunctionTable = .builtins,
        methodResolver: (@Sendable (Value, String) -> GoMethod?)? = nil
    ) {
        self.name = name
        self.functions = functions
        self.methodResolver = methodResolver
    }

    /// Parses `text` as the template `name` (and the templates it defines) into the set.
    public mutating func parse(name: String, text: String) throws(ParseError) {
        add(try Parser.parse(name: name, text: text, functions: functions))
    }

    /// Parses many files into the set, as calling `parse` on each in order would, with the lexing and parsing
    /// of the files spread over the machine's cores (each file parses on its own; only adding the trees to
    /// the set is ordered).
    ///
    /// - Throws: the error of the first file (in order) that does not parse, with its index.
    public mutating func parseAll(_ files: [(name: String, text: String)]) throws(IndexedParseError) {
        let functions = self.functions
        let parsed = Parallel.map(files.count) { i -> Result<[(String, Tree)], ParseError> in
            do throws(ParseError) {
                return .success(try Parser.parse(name: files[i].name, text: files[i].text, functions: functions))
            } catch {
                return .failure(error)
            }
        }
        for (i, result) in parsed.enumerated() {
            switch result {
            case .success(let trees): add(trees)
            case .failure(let error): throw IndexedParseError(index: i, error: error)
            }
        }
    }

    private mutating func add(_ parsed: [(String, Tree)]) {
        for (n, tree) in parsed {
            // Go's `associate`: an empty tree never replaces an existing one.
            if let old = trees[n], tree.isEmpty, !old.isEmpty { continue }
            trees[n] = tree
        }
    }

    /// Whether a template of that name is defined.
    public func has(_ name: String) -> Bool { trees[name] != nil }

    /// The names of all templates in the set.
    public var templateNames: [String] { trees.keys.sorted() }

    func tree(_ name: String) -> Tree? { trees[name] }

    /// Executes the template `name` with `data` as dot (Go's `ExecuteTemplate`).
    /// - Parameter context: an object that functions such as `include` can reach through `Execution.context`.
    public func execute(_ name: String, data: Value, context: (any AnyObject & Sendable)? = nil) throws(GoError) -> String {
        guard let tree = trees[name] else {
            throw GoError("template: no template \(GoStrconv.quote(name)) associated with template \(GoStrconv.quote(self.name))")
        }
        let exec = Execution(set: self, tree: tree, context: context)
        try exec.run(tree, data: data)
        return exec.output
    }
}

/// A parse error of one file of `TemplateSet.parseAll`.
public struct IndexedParseError: Error, Sendable {
    /// The file's position in the list given.
    public var index: Int
    public var error: ParseError
}

extension TemplateSet {
    /// Whether any template of the set calls a function with one of these effects (anywhere: actions,
    /// branches, arguments, nested pipelines). A set that names no such function can never run one.
    public func calls(anyWith effects: GoFunction.Effects) -> Bool {
        callSites(with: effects) > 0
    }

    /// How many times the set's templates call a function with one of these effects (each call site once).
    public func callSites(with effects: GoFunction.Effects) -> Int {
        var count = 0
        for tree in trees.values {
            for f in tree.calledFunctions where !functions.functions[f].effects.isDisjoint(with: effects) { count += 1 }
        }
        return count
    }
}
