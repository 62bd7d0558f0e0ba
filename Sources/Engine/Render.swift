// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Foundation
import GoRuntime
import GoTemplate
import ProcessSupport
import TemplateFuncs
import YAMLKit

/// A chart tree's templates parsed once into one template set, ready to render any number of times.
///
/// Mirrors Helm's engine: every file of the tree is parsed into one set (deepest paths first, then reverse
/// alphabetical, so the alphabetically first file's `define` wins), then every file whose base name does not
/// start with `_` is executed, and `<no value>` is removed from each result.
public struct ParsedTemplates: Sendable {
    public let set: TemplateSet
    /// The templates in Helm's parse and execution order.
    public let entries: [TemplateEntry]
    private let index: [String: Int]
    /// Whether a template can change the maps it is given: only then does a render work on its own copy.
    private let mayMutateData: Bool
    /// The RSA keys of the set's key-making calls, made ahead (`RSAKeyPool`).
    private let keys: RSAKeyPool

    /// The effects of functions that can change a map the template is given: changing one in place (Go maps
    /// are references), or running template text that only exists at render time (`tpl`), which can call any.
    static let mutatingEffects: GoFunction.Effects = [.changesMaps, .runsTemplateText]

    /// Parses every template of the plan, failing with Helm's `parse error at (file:line): message`.
    public static func parse(_ plan: RenderPlan, functions: FunctionTable = FunctionLibrary.helm) throws(RenderError) -> ParsedTemplates {
        try parse(entries: plan.templates, functions: functions)
    }

    /// Parses entries that are already in Helm's order.
    public static func parse(entries: [TemplateEntry], functions: FunctionTable = FunctionLibrary.helm) throws(RenderError) -> ParsedTemplates {
        let resolver = HelmMethodResolver(toYAML: HelmRenderer.toYAML)
        var set = TemplateSet(name: "gotpl", functions: functions, methodResolver: { v, name in resolver.method(name, on: v) })
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() { index[e.name] = i }
        do {
            try set.parseAll(entries.map { ($0.name, $0.text) })
        } catch {
            throw cleanupParseError(entries[error.index].name, error.error.description)
        }
        return ParsedTemplates(
            set: set, entries: entries, index: index,
            mayMutateData: set.calls(anyWith: mutatingEffects), keys: RSAKeyPool(for: set))
    }

    /// The same parsed set bound to another plan of the same chart tree (another release's values), without
    /// parsing again; nil when the plan's templates are not the very ones parsed (names and texts in the same
    /// order: a subchart enabled for one release only changes them), so that the caller parses anew.
    public func rebinding(_ plan: RenderPlan) -> ParsedTemplates? {
        let templates = plan.templates
        guard templates.count == entries.count,
            zip(templates, entries).allSatisfy({ $0.name == $1.name && $0.text == $1.text })
        else { return nil }
        return ParsedTemplates(set: set, entries: templates, index: index, mayMutateData: mayMutateData, keys: keys)
    }

    private init(set: TemplateSet, entries: [TemplateEntry], index: [String: Int], mayMutateData: Bool, keys: RSAKeyPool) {
        self.set = set
        self.entries = entries
        self.index = index
        self.mayMutateData = mayMutateData
        self.keys = keys
    }

    /// Renders every non-partial template in Helm's order (name, output). Stops at the first error.
    public func render() throws(RenderError) -> [(name: String, output: String)] {
        if let out = try renderInParallel() { return out }
        return try onLargeStack { () throws(RenderError) in
            var out: [(String, String)] = []
            out.reserveCapacity(entries.count)
            let state = RenderState(keys: keys)
            // Templates may change maps (`set .Values …`), and later templates of the same render see that, as in
            // Helm; each render works on its own copy so that renders stay independent. Templates that call no
            // map-changing function share the values as they are.
            var memo = CopyMemo()
            for e in entries where e.isRendered {
                let data = mayMutateData ? e.dot.deepCopy(memo: &memo) : e.dot
                out.append((e.name, try execute(e.name, data: data, state: state)))
            }
            return out
        }
    }

    /// The files rendered on every core, or nil when one of them changed a map the files share.
    ///
    /// A file's render can affect another's only through a shared map (`set .Values …`, or a `merge` into a
    /// map reached from the values): the files render on every core under a `SharedMapGuard`, each on a
    /// large-stack thread with its own `include` depth count (which Helm's balanced enter/leave brings back
    /// to zero between files anyway). If any file tried to change a shared map — the change is not made —
    /// the results are dropped and the caller renders one file after another, as Helm does. Otherwise the
    /// results are in Helm's order, and the error reported is the first in that order: the one Helm,
    /// rendering one file after another, stops at.
    private func renderInParallel() throws(RenderError) -> [(name: String, output: String)]? {
        let rendered = entries.filter(\.isRendered)
        guard rendered.count > 1, Parallel.processorCount > 1 else { return nil }
        // The dots first, so that they count as shared too (a `set $ …` goes the one-after-another way).
        let dots = rendered.map(\.dot)
        let sharedGuard = SharedMapGuard.Guard()
        let results = Parallel.map(rendered.count) { i -> Result<String, RenderError> in
            SharedMapGuard.run(under: sharedGuard) {
                Result { () throws(RenderError) in try execute(rendered[i].name, data: dots[i], state: RenderState(keys: keys)) }
            }
        }
        if sharedGuard.blockedWrite { return nil }
        var out: [(String, String)] = []
        out.reserveCapacity(rendered.count)
        for (e, r) in zip(rendered, results) { out.append((e.name, try r.get())) }
        return out
    }

    /// Renders one template file as Helm would inside this chart tree (only that file is executed).
    public func renderFile(_ name: String) throws(RenderError) -> String {
        guard let i = index[name] else {
            throw RenderError("template: no template \(GoStrconv.quote(name)) associated with template \"gotpl\"")
        }
        let data = mayMutateData ? entries[i].dot.deepCopy() : entries[i].dot
        return try onLargeStack { () throws(RenderError) in try execute(name, data: data, state: RenderState(keys: keys)) }
    }

    private func execute(_ name: String, data: Value, state: RenderState) throws(RenderError) -> String {
        do {
            let output = try set.execute(name, data: data, context: state)
            // Go prints "<no value>" for missing values even with missingkey=zero; Helm deletes it. Bytes that
            // are not UTF-8 (GoByteString) leave as U+FFFD, as a UTF-8 reader of Helm's output sees them.
            return GoByteString.display(output.replacingAll("<no value>", with: ""))
        } catch {
            var e = reformatExecError(name, error)
            e.message = GoByteString.display(e.message)
            throw e
        }
    }

    /// Runs `body` on one thread with a large stack, once per render, not per file: Go lets templates nest
    /// 100000 `{{template}}` calls deep before it reports "exceeded maximum template depth", far past a
    /// default thread stack.
    private func onLargeStack<T>(_ body: @escaping () throws(RenderError) -> T) throws(RenderError) -> T {
        let box = RenderBox<T>(body)
        Parallel.onLargeStack { box.run() }
        switch box.result {
        case .success(let v)?: return v
        case .failure(let e)?: throw e
        case nil: throw RenderError("template execution did not complete")
        }
    }
}

/// Carries a render and its result across the large-stack thread; `pthread_join` orders the accesses.
private final class RenderBox<T>: @unchecked Sendable {
    let body: () throws(RenderError) -> T
    var result: Result<T, RenderError>?
    init(_ body: @escaping () throws(RenderError) -> T) { self.body = body }
    func run() {
        do throws(RenderError) {
            result = .success(try body())
        } catch {
            result = .failure(error)
        }
    }
}

/// Helm's render entry points over a loaded chart.
public enum HelmRenderer {
    /// Helm's `toYAML` for `.Files.AsConfig`, `.Values.YAML` … (set once the YAML emitter lands).
    static let toYAML: (@Sendable (Value) -> String)? = { v in
        // sigs.k8s.io/yaml Marshal, trailing newline trimmed, "" on error (Helm's toYAML).
        guard let s = try? GoYAML.marshal(v) else { return "" }
        return s.hasSuffix("\n") ? String(s.dropLast()) : s
    }

    /// Helm's values.Options.MergeValues: each `-f` file in order (read as Helm reads it: `-` is standard
    /// input), merged with `loader.MergeMaps`, then the `--set…` arguments in Helm's order.
    /// - Parameter directory: where relative paths are resolved (nil: the current directory).
    /// - Throws: Helm's error: `open x.yaml: no such file or directory`, `failed to parse x.yaml: …`,
    ///   `failed parsing --set data: …`.
    public static func mergeValues(
        valueFiles: [String], setValues: SetValues = SetValues(),
        relativeTo directory: String? = nil,
        standardInput: StandardInput = StandardInput()
    ) throws(RenderError) -> [String: Value] {
        var base = try ValuesLoader.mergeFiles(valueFiles) { path throws(RenderError) in
            let data: [UInt8]
            do throws(ChartError) {
                data = try ValuesSource.read(path, relativeTo: directory, standardInput: standardInput)
            } catch {
                throw RenderError(error)
            }
            do throws(ChartError) {
                return try ValuesLoader.load(bytes: data)
            } catch {
                throw RenderError("failed to parse \(path): \(error.message)")
            }
        }
        do {
            try setValues.apply(to: &base, relativeTo: directory, standardInput: standardInput)
        } catch {
            throw RenderError(error.message)
        }
        return base
    }

    /// Renders the whole chart as `helm install --dry-run`/`helm template` do (every file, in Helm's order,
    /// failing at the first error), and returns the output of one file, named as Helm names it
    /// (`conf/templates/NOTES.txt`).
    public static func renderFile(
        chart: LoadedChart, valueFiles: [String], file: String,
        options: ReleaseOptions
    ) throws(RenderError) -> String {
        let values = try mergeValues(valueFiles: valueFiles)
        let plan = try makeRenderValues(chart: chart, values: .dict(values), options: options)
        let parsed = try ParsedTemplates.parse(plan)
        var result: String?
        for (name, output) in try parsed.render() where name == file { result = output }
        guard let result else {
            throw RenderError("template: no template \(GoStrconv.quote(file)) associated with template \"gotpl\"")
        }
        return result
    }

    /// `tenantctl eval`: renders only the one file (given relative to the chart, like `templates/NOTES.txt`).
    /// The values are `mergeValues(valueFiles:setValues:)`, as `helm template` merges them. Every symbolic link
    /// followed in the chart directory is reported to `followedLink`, also before a failure.
    public static func evalFile(
        chartDirectory: String, template: String, valueFiles: [String],
        setValues: SetValues = SetValues(), options: ReleaseOptions,
        followedLink: (FollowedLink) -> Void = { _ in }
    ) throws(RenderError) -> String {
        let chart: LoadedChart
        do {
            chart = try ChartDirectory.load(directory: chartDirectory, followedLink: followedLink)
        } catch {
            throw RenderError(error)
        }
        let values = try mergeValues(valueFiles: valueFiles, setValues: setValues)
        let plan = try makeRenderValues(chart: chart, values: .dict(values), options: options)
        let parsed = try ParsedTemplates.parse(plan)
        var rel = template
        while rel.hasPrefix("./") { rel.removeFirst(2) }
        let name = chart.fullPath + "/" + rel
        guard parsed.entries.contains(where: { $0.name == name }) else {
            throw RenderError("\(rel): no such template in chart \(chart.metadata.name) (templates are files under templates/, e.g. templates/NOTES.txt)")
        }
        return try parsed.renderFile(name)
    }
}

/// Helm's cleanupParseError: `parse error at (LOCATION): LAST-PART`.
func cleanupParseError(_ filename: String, _ text: String) -> RenderError {
    let tokens = text.splitAll(": ")
    if tokens.count == 1 {
        return RenderError("parse error in (\(filename)): \(text)")
    }
    return RenderError("parse error at (\(tokens[1])): \(tokens[tokens.count - 1])")
}

/// One element of Helm's reformatted execution error.
struct TraceableError: Equatable {
    var location = ""
    var message = ""
    var executedFunction = ""

    var text: String {
        var s = ""
        if !location.isEmpty { s += location + "\n  " }
        if !executedFunction.isEmpty { s += executedFunction + "\n    " }
        if !message.isEmpty { s += message + "\n" }
        return s
    }

    /// Helm's parseTemplateExecErrorString.
    init?(parsing s: String) {
        let prefix = "template: "
        guard s.hasPrefix(prefix) else { return nil }
        let remainder = String(s.dropFirst(prefix.count))
        if remainder.hasPrefix("no template ") {
            message = s
            return
        }
        if let idx = remainder.firstRange(of: ": executing ") {
            location = String(remainder[..<idx.lowerBound])
            let after = remainder[idx.upperBound...]
            guard after.first == "\"", let endQuote = after.dropFirst().firstIndex(of: "\"") else { return nil }
            let function = after[after.index(after: after.startIndex)..<endQuote]
            let afterFunc = after[after.index(after: endQuote)...]
            guard afterFunc.hasPrefix(" at <") else { return nil }
            let afterAt = afterFunc.dropFirst(5)
            guard let endLoc = afterAt.firstRange(of: ">: ") else { return nil }
            let loc = afterAt[..<endLoc.lowerBound]
            var msg = afterAt[endLoc.upperBound...]
            if let cut = msg.firstRange(of: " template:") { msg = msg[..<cut.lowerBound] }
            message = String(msg)
            executedFunction = "executing \"\(function)\" at <\(loc)>:"
            return
        }
        if let sep = remainder.lastRange(of: ": ") {
            location = String(remainder[..<sep.lowerBound])
            var msg = remainder[sep.upperBound...]
            if let cut = msg.firstRange(of: " template:") { msg = msg[..<cut.lowerBound] }
            message = String(msg)
            return
        }
        return nil
    }
}

/// Helm's reformatExecErrorMsg: `fail`/`required` become `execution error at (LOC): message`; other
/// execution errors become an indented trace when every error in the chain is a template error.
func reformatExecError(_ filename: String, _ err: GoError) -> RenderError {
    guard err.isExecError else { return RenderError(err.message) }
    let tokens = err.message.splitAll(": ", limit: 3)
    guard tokens.count == 3 else {
        return RenderError("execution error in (\(filename)): \(err.message)")
    }
    let location = tokens[1]
    if let start = tokens[2].firstRange(of: HelmFunctions.warnStart),
        let end = tokens[2].lastRange(of: HelmFunctions.warnEnd), start.upperBound <= end.lowerBound
    {
        return RenderError("execution error at (\(location)): \(tokens[2][start.upperBound..<end.lowerBound])")
    }
    var trace: [TraceableError] = []
    var current: GoError? = err
    while let c = current {
        guard let t = TraceableError(parsing: c.message) else { return RenderError(err.message) }
        if trace.last != t { trace.append(t) }
        current = c.cause
    }
    let joined = trace.map(\.text).joined()
    return RenderError(String(joined.goTrimSpace()))
}

extension String {
    /// Go's strings.SplitN(s, sep, n) (n < 0: all).
    func splitAll(_ sep: String, limit: Int = -1) -> [String] {
        var out: [String] = []
        var rest = self[...]
        while limit < 0 || out.count < limit - 1, let r = rest.firstRange(of: sep) {
            out.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }

}

extension StringProtocol {
    func lastRange(of needle: String) -> Range<Index>? {
        var found: Range<Index>?
        var searchFrom = startIndex
        while searchFrom < endIndex, let r = self[searchFrom...].firstRange(of: needle) {
            found = r
            searchFrom = index(after: r.lowerBound)
        }
        return found
    }
}
