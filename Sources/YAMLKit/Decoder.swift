// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// libyaml (the system's libyaml-dev, through the CYAML system-library target); its types never leave this file.
import CYAML

/// go-yaml v2's `yaml.Unmarshal(data, &v)` with `v interface{}`, on libyaml's event stream.
///
/// go-yaml v2 is a Go port of libyaml: it parses the *first* document of the stream into a node tree
/// (`parser.parse`), then decodes the tree (`decoder.unmarshal`). We decode while the events stream in, keeping
/// go-yaml's observable order: every syntax error of the first document (and an alias to an unknown anchor,
/// which go-yaml reports while parsing) wins over every decode error; the first decode error in document order
/// is the one reported.
struct GoYAMLDecoder {
    /// go-yaml's scanner limits (`max_flow_level`, `max_indents`).
    static let maxDepth = 10000
    /// go-yaml's billion-laughs guard (`allowedAliasRatio`).
    static let aliasRatioRangeLow = 400_000
    static let aliasRatioRangeHigh = 4_000_000

    /// Decodes the first document of `text`; nil when the stream has no document (empty or only comments).
    static func unmarshal(_ text: String) throws(YAMLError) -> GoValue? {
        try unmarshal(bytes: Array(text.utf8))
    }

    /// `unmarshal` of raw bytes: libyaml's reader checks the encoding, so bytes that are not UTF-8 fail as
    /// go-yaml's reader fails (`yaml: invalid leading UTF-8 octet`), where a `String` would have replaced them.
    static func unmarshal(bytes: [UInt8]) throws(YAMLError) -> GoValue? {
        var decoder = GoYAMLDecoder()
        return try decoder.run(bytes)
    }

    /// What `skim` found.
    enum Skimmed {
        /// The document, with the collections under top-level keys that are not kept left out (`.null`).
        case value(GoValue?)
        /// The document has something whose errors or value need the whole tree (an anchor, an alias, a merge
        /// key, a decode failure, a non-finite float, a key JSON cannot take): decode it in full.
        case needsFullDecode
    }

    /// `unmarshal` for a reader that needs only some top-level keys of a mapping: the collections under the
    /// other keys are parsed and their scalars resolved (every syntax and scalar error is met), but no value
    /// is built for them. Anything whose outcome could depend on those values asks for the full decode.
    static func skim(_ text: String, keepingTopLevel keep: @escaping (String) -> Bool) throws(YAMLError) -> Skimmed {
        var decoder = GoYAMLDecoder()
        decoder.keep = keep
        let value = try decoder.run(Array(text.utf8))
        return decoder.needsFull ? .needsFullDecode : .value(value)
    }

    // MARK: - State

    private enum NodeKind { case scalar, mapping, sequence, alias }

    /// A finished node, handed to its parent.
    private struct Item {
        var value: GoValue
        /// How many `decoder.unmarshal` calls go-yaml makes to decode this node (alias expansions included).
        var visits: Int
        var kind: NodeKind
        /// For aliases: whether the anchored node is a mapping (go-yaml's merge checks look at the node kind).
        var targetIsMapping = false
        /// A plain `<<` or a `!!merge`-tagged scalar (go-yaml's `isMerge`).
        var isMergeKey = false
        /// For sequences: every element is a mapping or an alias of one (valid as a merge value).
        var allMappings = false
    }

    private struct Frame {
        var isMapping: Bool
        var anchor: String?
        var id: Int
        var visits = 1
        var items: [GoValue] = []
        var allMappings = true
        var map = GoMap()
        var pendingKey: Item?
        /// This sequence is the value of a merge key: go-yaml walks its elements without visiting it.
        var isMergeSequence = false
        var flow: Bool
        var column: Int
        /// Nesting depth of flow collections / indentation levels, for go-yaml's 10000 limits.
        var flowDepth: Int
        var indentDepth: Int
        /// A collection under a top-level key that is not kept (`skim`): nothing is built in it.
        var skim = false
    }

    private struct Anchor {
        var value: GoValue = .null
        var visits = 0
        var isMapping = false
        /// The id of the collection still being parsed under this anchor, or nil once complete.
        var openID: Int?
    }

    private var stack: [Frame] = []
    private var anchors: [String: Anchor] = [:]
    private var nextID = 0
    private var root: Item?
    /// The first decode failure; parsing continues so that syntax errors can take precedence.
    private var failure: String?
    private var decodeCount = 0
    private var aliasCount = 0
    /// `skim`'s top-level key filter, and whether the skim met something that needs the full decode.
    private var keep: ((String) -> Bool)?
    private var needsFull = false

    // MARK: - Event loop

    private mutating func run(_ input: [UInt8]) throws(YAMLError) -> GoValue? {
        var bytes = input
        if bytes.isEmpty { bytes = [10] }  // go-yaml's newParser: an empty input is read as "\n"
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError(stage: .yamlToJSON, message: "yaml: failed to initialize YAML parser")
        }
        defer { yaml_parser_delete(parser) }
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }

        return try bytes.withUnsafeBufferPointer { (buf) throws(YAMLError) -> GoValue? in
            yaml_parser_set_input_string(parser, buf.baseAddress, buf.count)
            while true {
                guard yaml_parser_parse(parser, event) == 1 else { throw Self.syntaxError(parser) }
                defer { yaml_event_delete(event) }
                let e = event.pointee
                switch e.type {
                case YAML_STREAM_START_EVENT:
                    continue
                case YAML_STREAM_END_EVENT:
                    // No document at all (go-yaml's parse returns nil).
                    return nil
                case YAML_DOCUMENT_START_EVENT:
                    if let v = e.data.document_start.version_directive, v.pointee.minor != 1 {
                        // libyaml accepts %YAML 1.2; go-yaml v2 only 1.1.
                        throw Self.syntaxError(message: "found incompatible YAML document", mark: e.start_mark, scanner: false)
                    }
                    decodeCount = 1  // the document node
                case YAML_DOCUMENT_END_EVENT:
                    // go-yaml decodes only the first document and never reads past its end.
                    // (A skim that met something needing the full decode leaves the errors to it.)
                    if needsFull { return nil }
                    if let failure { throw YAMLError(stage: .yamlToJSON, message: "yaml: " + failure) }
                    return root?.value ?? .null
                case YAML_ALIAS_EVENT:
                    if keep != nil { needsFull = true }
                    let name = String(cString: e.data.alias.anchor)
                    guard let anchor = anchors[name] else {
                        throw YAMLError(stage: .yamlToJSON, message: "yaml: unknown anchor '\(name)' referenced")
                    }
                    if failure == nil && anchor.openID != nil {
                        // The alias sits inside the node it names: go-yaml recurses into it while decoding.
                        failure = "anchor '\(name)' value contains itself"
                    }
                    var item = Item(value: anchor.value, visits: 1 + anchor.visits, kind: .alias)
                    item.targetIsMapping = anchor.isMapping
                    if failure == nil {
                        decodeCount += 1 + anchor.visits
                        aliasCount += anchor.visits
                        checkAliasRatio()
                    }
                    deliver(item)
                case YAML_SCALAR_EVENT:
                    let s = e.data.scalar
                    if let top = stack.indices.last, stack[top].skim {
                        skimScalar(
                            value: UnsafeBufferPointer(start: s.value, count: s.length), tag: s.tag,
                            anchor: s.anchor, implicit: s.plain_implicit != 0, in: top)
                        continue
                    }
                    let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                    let tag = s.tag.map { String(cString: $0) } ?? ""
                    let implicit = s.plain_implicit != 0
                    let isMergeKey = value == "<<" && (implicit || tag == Tags.merge)
                    var item = Item(value: .null, visits: 1, kind: .scalar)
                    if isMergeKey, let top = stack.indices.last {
                        item.isMergeKey = stack[top].isMapping && stack[top].pendingKey == nil
                    }
                    if failure == nil {
                        do throws(DecodeFailure) {
                            item.value = try Resolver.decodeScalar(tag: tag, value: value, implicit: implicit)
                        } catch {
                            failure = error.message
                        }
                        if item.isMergeKey {
                            item.visits = 0  // go-yaml does not unmarshal a merge key
                        } else {
                            decodeCount += 1
                            checkAliasRatio()
                        }
                    }
                    if let a = s.anchor {
                        if keep != nil { needsFull = true }
                        anchors[String(cString: a)] = Anchor(value: item.value, visits: item.visits, isMapping: false)
                    }
                    deliver(item)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMapping = e.type == YAML_MAPPING_START_EVENT
                    let flow =
                        isMapping
                        ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                        : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                    let anchorPtr = isMapping ? e.data.mapping_start.anchor : e.data.sequence_start.anchor
                    try open(isMapping: isMapping, flow: flow, anchor: anchorPtr.map { String(cString: $0) }, mark: e.start_mark)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    close()
                default:
                    continue
                }
            }
        }
    }

    // MARK: - Collections

    private mutating func open(isMapping: Bool, flow: Bool, anchor: String?, mark: yaml_mark_t) throws(YAMLError) {
        let parent = stack.indices.last
        var flowDepth = parent.map { stack[$0].flowDepth } ?? 0
        var indentDepth = parent.map { stack[$0].indentDepth } ?? 0
        let column = Int(mark.column)
        if flow {
            flowDepth += 1
            if flowDepth > Self.maxDepth {
                throw Self.syntaxError(message: "exceeded max depth of \(Self.maxDepth)", mark: mark, scanner: true)
            }
        } else if parent.map({ stack[$0].flow || column > stack[$0].column }) ?? true {
            // A block collection indented further pushes an indentation level (an indentless sequence does not).
            indentDepth += 1
            if indentDepth > Self.maxDepth {
                throw Self.syntaxError(message: "exceeded max depth of \(Self.maxDepth)", mark: mark, scanner: true)
            }
        }
        // A skimmed collection builds nothing, so the JSON nesting limit is judged on the full decode.
        if keep != nil, stack.count + 1 > JSONBridge.maxNestingDepth { needsFull = true }
        nextID += 1
        var frame = Frame(
            isMapping: isMapping, anchor: anchor, id: nextID, flow: flow, column: column,
            flowDepth: flowDepth, indentDepth: indentDepth)
        if !isMapping, let p = parent, stack[p].isMapping, stack[p].pendingKey?.isMergeKey == true {
            frame.isMergeSequence = true
        }
        if let keep, let p = parent {
            if stack[p].skim {
                frame.skim = true
            } else if p == 0, stack[p].isMapping, case .string(let key)? = stack[p].pendingKey?.value,
                stack[p].pendingKey?.isMergeKey == false, !keep(key)
            {
                frame.skim = true
            }
        }
        if let anchor {
            if keep != nil { needsFull = true }
            anchors[anchor] = Anchor(openID: frame.id)
        }
        if failure == nil && !frame.isMergeSequence {
            decodeCount += 1
            checkAliasRatio()
        }
        stack.append(frame)
    }

    private mutating func close() {
        guard let frame = stack.popLast() else { return }
        if frame.skim {
            let kind: NodeKind = frame.isMapping ? .mapping : .sequence
            if let top = stack.indices.last, stack[top].skim {
                skimDeliver(kind, in: top)
            } else {
                // A top-level key's skimmed value: a placeholder the reader does not keep.
                deliver(Item(value: .null, visits: 1, kind: kind))
            }
            return
        }
        var item = Item(
            value: frame.isMapping ? .map(frame.map) : .seq(frame.items), visits: frame.visits,
            kind: frame.isMapping ? .mapping : .sequence)
        item.allMappings = frame.allMappings
        if let a = frame.anchor, anchors[a]?.openID == frame.id {
            anchors[a] = Anchor(value: item.value, visits: item.visits, isMapping: frame.isMapping)
        }
        deliver(item)
    }

    /// Hands a finished node to the enclosing collection (or makes it the document's root).
    private mutating func deliver(_ item: Item) {
        guard !stack.isEmpty else {
            root = item
            return
        }
        let top = stack.count - 1
        if !stack[top].isMapping {
            stack[top].visits += item.visits
            if failure == nil { stack[top].items.append(item.value) }
            let isMap = item.kind == .mapping || (item.kind == .alias && item.targetIsMapping)
            if !isMap { stack[top].allMappings = false }
            return
        }
        guard let key = stack[top].pendingKey else {
            stack[top].visits += item.visits
            if failure == nil, !item.isMergeKey, item.value.isCollection {
                failure = "invalid map key: " + GoFormat.goSyntax(item.value)
            }
            stack[top].pendingKey = item
            return
        }
        stack[top].pendingKey = nil
        if key.isMergeKey {
            // A merge value is walked, not visited, when it is a sequence.
            stack[top].visits += item.kind == .sequence ? item.visits - 1 : item.visits
            if failure == nil { merge(item, into: top) }
        } else {
            stack[top].visits += item.visits
            if failure == nil { stack[top].map.set(key.value, item.value) }
        }
    }

    /// A scalar inside a skimmed collection: resolved for its errors and for the values JSON cannot take,
    /// not kept. A quoted or block scalar without a tag is a string and needs no look.
    private mutating func skimScalar(
        value bytes: UnsafeBufferPointer<yaml_char_t>, tag tagPointer: UnsafeMutablePointer<yaml_char_t>?,
        anchor: UnsafeMutablePointer<yaml_char_t>?, implicit: Bool, in top: Int
    ) {
        if let anchor {
            // Known to later aliases (an alias of an unknown anchor is a parse error), valued by the full decode.
            anchors[String(cString: anchor)] = Anchor()
            needsFull = true
        }
        let isKey = stack[top].isMapping && stack[top].pendingKey == nil
        if tagPointer == nil && !implicit {
            skimDeliver(.scalar, in: top)
            return
        }
        let value = String(decoding: bytes, as: UTF8.self)
        let tag = tagPointer.map { String(cString: $0) } ?? ""
        if value == "<<" && (implicit || tag == Tags.merge) { needsFull = true }
        do throws(DecodeFailure) {
            switch try Resolver.decodeScalar(tag: tag, value: value, implicit: implicit) {
            case .float(let f) where !f.isFinite: needsFull = true
            case .null, .uint: if isKey { needsFull = true }  // keys JSON conversion rejects
            default: break
            }
        } catch {
            needsFull = true
        }
        skimDeliver(.scalar, in: top)
    }

    /// A finished node inside a skimmed collection: only a mapping's key/value alternation is tracked (a
    /// collection as a key is go-yaml's "invalid map key", reported by the full decode).
    private mutating func skimDeliver(_ kind: NodeKind, in top: Int) {
        guard stack[top].isMapping else { return }
        if stack[top].pendingKey == nil {
            if kind != .scalar { needsFull = true }
            stack[top].pendingKey = Item(value: .null, visits: 0, kind: kind)
        } else {
            stack[top].pendingKey = nil
        }
    }

    /// go-yaml v2's `decoder.merge`: a mapping, an alias of one, or a sequence of those, whose earlier
    /// elements take precedence. Merged keys overwrite keys already set, and later keys overwrite merged ones.
    private mutating func merge(_ item: Item, into top: Int) {
        let ok: Bool
        switch item.kind {
        case .mapping: ok = true
        case .alias: ok = item.targetIsMapping
        case .sequence: ok = item.allMappings
        case .scalar: ok = false
        }
        guard ok else {
            failure = "map merge requires map or sequence of maps as the value"
            return
        }
        switch item.value {
        case .map(let m):
            stack[top].map.merge(m)
        case .seq(let elements):
            for e in elements.reversed() {
                if case .map(let m) = e { stack[top].map.merge(m) }
            }
        default:
            break
        }
    }

    /// go-yaml's `allowedAliasRatio` check, run at each unmarshal call.
    private mutating func checkAliasRatio() {
        guard aliasCount > 100, decodeCount > 1000 else { return }
        let allowed: Double
        if decodeCount <= Self.aliasRatioRangeLow {
            allowed = 0.99
        } else if decodeCount >= Self.aliasRatioRangeHigh {
            allowed = 0.10
        } else {
            let range = Double(Self.aliasRatioRangeHigh - Self.aliasRatioRangeLow)
            allowed = 0.99 - 0.89 * (Double(decodeCount - Self.aliasRatioRangeLow) / range)
        }
        if Double(aliasCount) / Double(decodeCount) > allowed {
            failure = "document contains excessive aliasing"
        }
    }

    // MARK: - Errors

    /// go-yaml's `parser.fail`: `line N` is the problem mark's 0-based line, plus one for scanner errors only;
    /// without a problem line, the context mark's 0-based line; no `line` at all when both are 0.
    private static func syntaxError(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> YAMLError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML content"
        var line = 0
        var column: Int?
        if p.problem_mark.line != 0 {
            line = Int(p.problem_mark.line)
            if p.error == YAML_SCANNER_ERROR { line += 1 }
            column = Int(p.problem_mark.column) + 1
        } else if p.context_mark.line != 0 {
            line = Int(p.context_mark.line)
            column = Int(p.context_mark.column) + 1
        }
        return error(problem, line: line, column: column)
    }

    private static func syntaxError(message: String, mark: yaml_mark_t, scanner: Bool) -> YAMLError {
        var line = Int(mark.line)
        if line != 0 && scanner { line += 1 }
        return error(message, line: line, column: line != 0 ? Int(mark.column) + 1 : nil)
    }

    private static func error(_ problem: String, line: Int, column: Int?) -> YAMLError {
        if line == 0 { return YAMLError(stage: .yamlToJSON, message: "yaml: " + problem) }
        return YAMLError(stage: .yamlToJSON, message: "yaml: line \(line): " + problem, line: line, column: column)
    }
}
