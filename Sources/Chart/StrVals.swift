import GoRuntime

/// Helm's `--set` / `--set-string` parser (pkg/strvals): `a.b[0].c=x,d={1,2}` into a values map,
/// with Helm's typing (`true`, `false`, `null`, integers as int64) and its error messages.
public struct StrVals {
    /// How values are typed.
    public enum Mode: Sendable {
        /// `--set`: booleans, null and int64 are inferred.
        case typed
        /// `--set-string`: every value is a string.
        case string
    }

    /// Helm's limits.
    public static let maxIndex = 65536
    public static let maxNestedNameLevel = 30

    /// A `--set` parse error, in Helm's words.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    private var input: [Unicode.Scalar]
    private var pos = 0
    private let mode: Mode

    private init(_ s: String, mode: Mode) {
        input = Array(s.unicodeScalars)
        self.mode = mode
    }

    /// Parses `line` and merges it into `dest` (Helm's ParseInto / ParseIntoString).
    public static func parse(_ line: String, into dest: inout [String: Value], mode: Mode = .typed) throws(ParseError) {
        var p = StrVals(line, mode: mode)
        while true {
            switch p.key(&dest, 0) {
            case .ok: continue
            case .eof: return
            case .fail(let m): throw ParseError(message: m)
            }
        }
    }

    private enum Outcome {
        case ok
        case eof
        case fail(String)
    }

    private mutating func readRune() -> Unicode.Scalar? {
        guard pos < input.count else { return nil }
        defer { pos += 1 }
        return input[pos]
    }

    /// Reads up to (and consumes) a stop rune; backslash escapes the next rune. nil `last` means EOF.
    private mutating func runesUntil(_ stop: Set<Unicode.Scalar>) -> (String, Unicode.Scalar?) {
        var v = String.UnicodeScalarView()
        while let r = readRune() {
            if stop.contains(r) { return (String(v), r) }
            if r == "\\" {
                guard let next = readRune() else { return (String(v), nil) }
                v.append(next)
            } else {
                v.append(r)
            }
        }
        return (String(v), nil)
    }

    private func typedVal(_ val: String) -> Value {
        if mode == .string { return .string(val) }
        let lower = val.lowercased()
        if lower == "true" { return .bool(true) }
        if lower == "false" { return .bool(false) }
        if lower == "null" { return .null }
        if val == "0" { return .int64(0) }
        if let f = val.unicodeScalars.first, f != "0", let i = Int(val) {
            return .int64(i)
        }
        return .string(val)
    }

    private mutating func key(_ data: inout [String: Value], _ level: Int) -> Outcome {
        let (k, last) = runesUntil(["=", "[", ",", "."])
        guard let last else {
            if k.isEmpty { return .eof }
            return .fail("key \(GoStrconv.quote(k)) has no value")
        }
        switch last {
        case "[":
            let i: Int
            switch keyIndex() {
            case .success(let v): i = v
            case .failure(let e): return .fail("error parsing index: \(e.message)")
            }
            var list: [Value] = []
            if let existing = data[k] {
                guard case .slice(let items, _) = existing else {
                    return .fail("unable to parse key: interface conversion: interface {} is \(existing.goType?.name ?? "nil"), not []interface {}")
                }
                list = items
            }
            let outcome = listItem(&list, i, level)
            if !k.isEmpty { data[k] = .list(list) }
            return outcome
        case "=":
            switch valList() {
            case .list(let vl):
                if !k.isEmpty { data[k] = .list(vl) }
                return .ok
            case .eof:
                if !k.isEmpty { data[k] = .string("") }
                return .eof
            case .notList:
                let (rs, _) = runesUntil([","])
                if !k.isEmpty { data[k] = typedVal(rs) }
                return pos >= input.count ? .eof : .ok
            case .error(let m):
                return .fail(m)
            }
        case ",":
            if !k.isEmpty { data[k] = .string("") }
            return .fail("key \(GoStrconv.quote(k)) has no value (cannot end with ,)")
        default: // "."
            let next = level + 1
            if next > StrVals.maxNestedNameLevel {
                return .fail("value name nested level is greater than maximum supported nested level of \(StrVals.maxNestedNameLevel)")
            }
            var inner: [String: Value] = [:]
            if let existing = data[k] {
                guard case .map(let m, _) = existing else {
                    return .fail("unable to parse key: interface conversion: interface {} is \(existing.goType?.name ?? "nil"), not map[string]interface {}")
                }
                inner = m.dictionary
            }
            let e = key(&inner, next)
            if case .ok = e, inner.isEmpty { return .fail("key map \(GoStrconv.quote(k)) has no value") }
            if !inner.isEmpty, !k.isEmpty { data[k] = .dict(inner) }
            return e
        }
    }

    private struct IndexError: Error { var message: String }

    private mutating func keyIndex() -> Result<Int, IndexError> {
        let (v, last) = runesUntil(["]"])
        if last == nil { return .failure(IndexError(message: "EOF")) }
        guard let i = Int(v) else {
            return .failure(IndexError(message: "strconv.Atoi: parsing \(GoStrconv.quote(v)): invalid syntax"))
        }
        return .success(i)
    }

    private func setIndex(_ list: inout [Value], _ index: Int, _ val: Value) -> Outcome {
        if index < 0 { return .fail("negative \(index) index not allowed") }
        if index > StrVals.maxIndex {
            return .fail("index of \(index) is greater than maximum supported index of \(StrVals.maxIndex)")
        }
        while list.count <= index { list.append(.null) }
        list[index] = val
        return .ok
    }

    private mutating func listItem(_ list: inout [Value], _ i: Int, _ level: Int) -> Outcome {
        if i < 0 { return .fail("negative \(i) index not allowed") }
        let (k, last) = runesUntil(["[", ".", "="])
        if !k.isEmpty { return .fail("unexpected data at end of array index: \(GoStrconv.quote(k))") }
        guard let last else { return .eof }
        switch last {
        case "=":
            switch valList() {
            case .list(let vl): return setIndex(&list, i, .list(vl))
            case .eof:
                _ = setIndex(&list, i, .string(""))
                return .eof
            case .notList:
                let (rs, _) = runesUntil([","])
                let r = setIndex(&list, i, typedVal(rs))
                if case .ok = r, pos >= input.count { return .eof }
                return r
            case .error(let m): return .fail(m)
            }
        case "[":
            let nextI: Int
            switch keyIndex() {
            case .success(let v): nextI = v
            case .failure(let e): return .fail("error parsing index: \(e.message)")
            }
            var crt: [Value] = []
            if list.count > i, case .slice(let items, _) = list[i] { crt = items }
            let r = listItem(&crt, nextI, level)
            if case .fail = r { return r }
            let s = setIndex(&list, i, .list(crt))
            if case .ok = s { return r }
            return s
        default: // "."
            var inner: [String: Value] = [:]
            if list.count > i, case .map(let m, _) = list[i] { inner = m.dictionary }
            let e = key(&inner, level)
            if case .fail = e { return e }
            let s = setIndex(&list, i, .dict(inner))
            if case .ok = s { return e }
            return s
        }
    }

    private enum ListOutcome {
        case list([Value])
        case eof
        case notList
        case error(String)
    }

    private mutating func valList() -> ListOutcome {
        guard let r = readRune() else { return .eof }
        if r != "{" {
            pos -= 1
            return .notList
        }
        var list: [Value] = []
        while true {
            let (rs, last) = runesUntil([",", "}"])
            guard let last else { return .error("list must terminate with '}'") }
            if last == "}" {
                if let n = readRune(), n != "," { pos -= 1 }
                list.append(typedVal(rs))
                return .list(list)
            }
            list.append(typedVal(rs))
        }
    }
}
