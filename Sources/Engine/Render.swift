import GoRuntime
import GoTemplate
import TemplateFuncs
#if canImport(Glibc)
import Glibc
#endif

/// One template file of a chart tree, ready to render: Helm's `renderable`.
public struct Renderable: Sendable {
    /// The full template name, such as `mychart/templates/deployment.yaml` or `mychart/charts/sub/templates/x.yaml`.
    public var name: String
    public var text: String
    /// The top-level object the template sees (`.Values`, `.Chart`, `.Release`, `.Capabilities`, `.Files`,
    /// `.Subcharts`); `.Template` is added per file at render time.
    public var data: Value
    /// `mychart/templates`, for `.Template.BasePath`.
    public var basePath: String

    public init(name: String, text: String, data: Value, basePath: String) {
        self.name = name
        self.text = text
        self.data = data
        self.basePath = basePath
    }
}

/// A render failure, worded as Helm words it (without Helm's `Error: ` prefix).
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A chart tree's templates parsed once into one template set, ready to render any number of times.
///
/// Mirrors Helm's engine: every file of the tree is parsed into one set (deepest paths first, then reverse
/// alphabetical, so the alphabetically first file's `define` wins), then every file whose base name does not
/// start with `_` is executed, and `<no value>` is removed from each result.
public struct ParsedTemplates: Sendable {
    public let set: TemplateSet
    /// Template names in Helm's parse and execution order.
    public let order: [String]
    let renderables: [String: Renderable]

    /// Parses every template, failing with Helm's `parse error at (file:line): message`.
    public static func parse(_ templates: [Renderable], functions: FunctionTable = FunctionLibrary.helm) throws(RenderError) -> ParsedTemplates {
        var byName: [String: Renderable] = [:]
        for t in templates { byName[t.name] = t }
        let order = sortTemplates(Array(byName.keys))
        var set = TemplateSet(name: "gotpl", functions: functions)
        for name in order {
            do {
                try set.parse(name: name, text: byName[name]!.text)
            } catch {
                throw cleanupParseError(name, error.description)
            }
        }
        return ParsedTemplates(set: set, order: order, renderables: byName)
    }

    /// Renders every non-partial template (Helm's `render`): name → output. Stops at the first error.
    public func render() throws(RenderError) -> [(name: String, output: String)] {
        var out: [(String, String)] = []
        out.reserveCapacity(order.count)
        let state = RenderState()
        for name in order where !HelmPaths.baseName(name).hasPrefix("_") {
            out.append((name, try renderFile(name, state: state)))
        }
        return out
    }

    /// Renders one template file as Helm would inside this chart tree.
    public func renderFile(_ name: String, state: RenderState = RenderState()) throws(RenderError) -> String {
        guard let r = renderables[name] else {
            throw RenderError("template: no template \(GoStrconv.quote(name)) associated with template \"gotpl\"")
        }
        var data = r.data
        if case .map(var m, let t) = data {
            m["Template"] = .map(["Name": .string(name), "BasePath": .string(r.basePath)], .named("common.Values", underlying: .anyMap))
            data = .map(m, t)
        }
        do {
            let output = try set.execute(name, data: data, context: state)
            // Go prints "<no value>" for missing values even with missingkey=zero; Helm deletes it.
            return output.replacingAll("<no value>", with: "")
        } catch {
            throw reformatExecError(name, error)
        }
    }
}

/// Path helpers for template names.
enum HelmPaths {
    static func baseName(_ p: String) -> Substring {
        if let i = p.lastIndex(of: "/") { return p[p.index(after: i)...] }
        return p[...]
    }
}

/// Helm's template order: more path segments first; among equals, reverse byte order.
func sortTemplates(_ names: [String]) -> [String] {
    names.sorted { a, b in
        let ca = a.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
        let cb = b.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
        if ca != cb { return ca > cb }
        return b.utf8.lexicographicallyPrecedes(a.utf8)
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
       let end = tokens[2].lastRange(of: HelmFunctions.warnEnd), start.upperBound <= end.lowerBound {
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
    return RenderError(String(joined.trimmingGoSpace()))
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

    /// Go's strings.TrimSpace for ASCII white space.
    func trimmingGoSpace() -> Substring {
        let ws: Set<Character> = [" ", "\n", "\t", "\r", "\u{0B}", "\u{0C}"]
        var s = self[...]
        while let f = s.first, ws.contains(f) { s = s.dropFirst() }
        while let l = s.last, ws.contains(l) { s = s.dropLast() }
        return s
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

/// Runs `body` on a thread with a large stack, and waits for it: Go lets templates nest 100000 `{{template}}`
/// calls deep before it reports "exceeded maximum template depth", far past a default thread stack.
public func withLargeStack(_ body: @escaping @Sendable () -> Void) {
    #if canImport(Glibc)
    let box = StackBox(body)
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    pthread_attr_setstacksize(&attr, 4 << 30)
    var thread = pthread_t()
    let rc = pthread_create(&thread, &attr, { raw in
        Unmanaged<StackBox>.fromOpaque(raw!).takeUnretainedValue().body()
        return nil
    }, Unmanaged.passUnretained(box).toOpaque())
    pthread_attr_destroy(&attr)
    if rc != 0 {
        body()
        return
    }
    pthread_join(thread, nil)
    #else
    body()
    #endif
}

/// Carries the closure across the thread boundary.
private final class StackBox: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
