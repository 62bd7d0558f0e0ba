// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// A value as Go templates see it: the dynamic value behind an `interface{}`.
///
/// Helm hands templates `map[string]interface{}` trees built from YAML→JSON, so almost every value is one of
/// nil, bool, float64, string, `[]interface {}` or `map[string]interface {}`. Sprig and Go's builtins add a
/// few more concrete types (`int`, `int64`, `[]string`, `map[string]string`, `time.Time`, `*semver.Version` …),
/// and Go prints their type names (`%T`, `typeOf`) and compares them by type (`eq 1 1.0` is an error), so every
/// case carries enough of its Go type to reproduce that.
public enum Value: Sendable {
    /// Untyped nil: a missing map key, YAML `null`, Go's `nil`.
    case null
    case bool(Bool)
    /// A Go integer of the given kind (`int` for template literals and `len`, `int64` for Sprig math …).
    case int(Int, IntKind)
    /// A Go `float64` (every number loaded from YAML or JSON).
    case float(Double)
    case string(String)
    /// A Go slice. The type is the slice's own type, such as `[]interface {}` or `[]string`.
    case slice([Value], GoType)
    /// A Go map with string keys — a reference, as in Go (see `GoMap`). The type is the map's own type, such
    /// as `map[string]interface {}`, `map[string]string` or a named map type such as `common.Values`.
    case map(GoMap, GoType)
    /// A Go `[]byte` (`[]uint8`).
    case bytes([UInt8])
    /// A struct or pointer with fields and methods (`.Capabilities`, `.Files`, `time.Time`, `*semver.Version` …).
    /// Boxed (`indirect`): an existential is five words, and inline it would make every `Value` that large;
    /// boxed, a `Value` is two words and a tag, which is what the executor copies all the time.
    indirect case object(any GoObject)
}

extension Value {
    /// `[]interface {}`.
    public static func list(_ items: [Value]) -> Value { .slice(items, .anySlice) }
    /// `map[string]interface {}`.
    public static func dict(_ entries: [String: Value]) -> Value { .map(GoMap(entries), .anyMap) }
    /// A Go `int`.
    public static func goInt(_ i: Int) -> Value { .int(i, .int) }
    /// A Go `int64`.
    public static func int64(_ i: Int) -> Value { .int(i, .int64) }
    /// A `[]string`.
    public static func strings(_ items: [String]) -> Value { .slice(items.map { .string($0) }, .stringSlice) }
    /// Go's nil slice of the given slice type (`[]interface {}` unless said): empty, and `null` to encoding/json.
    public static func nilSlice(_ type: GoType = .anySlice) -> Value { .slice([], .nilSlice(type)) }

    /// Whether the value is a nil slice or a nil map (Go's typed nils that encoding/json writes as `null`).
    public var isTypedNil: Bool {
        switch self {
        case .slice(let items, let t): return items.isEmpty && t.isNilSlice
        case .map(let m, _): return m.isNil
        default: return false
        }
    }

    /// The Go type of the value, as `%T` prints it. `nil` has no type (`%T` prints `<nil>`).
    public var goType: GoType? {
        switch self {
        case .null: return nil
        case .bool: return .bool
        case .int(_, let k): return .int(k)
        case .float: return .float64
        case .string: return .string
        case .slice(_, let t): return t
        case .map(_, let t): return t
        case .bytes: return .slice(.int(.uint8))
        case .object(let o): return .named(o.goTypeName, underlying: o.kind == .pointer ? .pointer : .structure)
        }
    }

    /// Go's `reflect.Kind` name of the value, as Sprig's `kindOf` prints it (`invalid` for nil).
    public var kindName: String {
        guard let t = goType else { return "invalid" }
        return t.kindName
    }

    /// Go's truthiness (text/template `if`): false, 0, nil, and empty strings, slices and maps are false.
    /// Structs are always true.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i, _): return i != 0
        case .float(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .slice(let a, _): return !a.isEmpty
        case .map(let m, _): return !m.isEmpty
        case .bytes(let b): return !b.isEmpty
        case .object(let o): return !o.isNilPointer
        }
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The string inside a `.string`, or nil.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
}

/// Go's integer kinds; `int` is 64-bit as on every platform Helm ships for.
public enum IntKind: Sendable, Hashable {
    case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr

    public var name: String {
        switch self {
        case .int: "int"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint: "uint"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .uintptr: "uintptr"
        }
    }

    public var isUnsigned: Bool {
        switch self {
        case .uint, .uint8, .uint16, .uint32, .uint64, .uintptr: true
        default: false
        }
    }
}

/// A Go type, enough of it to print its name (`%T`, `%#v`, `typeOf`) and know its kind.
public indirect enum GoType: Sendable, Hashable {
    /// `interface {}`.
    case interface
    case bool
    case int(IntKind)
    case float64
    case float32
    case string
    /// `[]T`.
    case slice(GoType)
    /// `map[K]V`.
    case map(GoType, GoType)
    /// A named type (`common.Values`, `time.Time`, `*semver.Version`) and the kind of type it names.
    case named(String, underlying: GoType)
    /// Placeholders for the kind of a named struct or pointer type.
    case structure
    case pointer
    case function
    /// The wrapped slice type, for a value that is Go's nil slice of it (Sprig's `rest` of an empty list,
    /// `regexFindAll` with no match, `fromJsonArray "null"`). It prints, converts and compares as the wrapped
    /// type; only encoders and `%#v` tell it apart: encoding/json writes a nil slice as `null` (an empty one
    /// as `[]`), and fmt's `%#v` as `[]interface {}(nil)`.
    case nilSlice(GoType)

    public static let anySlice: GoType = .slice(.interface)
    public static let stringSlice: GoType = .slice(.string)
    public static let anyMap: GoType = .map(.string, .interface)
    public static let stringMap: GoType = .map(.string, .string)

    /// The name as Go's `%T` prints it.
    public var name: String {
        switch self {
        case .interface: return "interface {}"
        case .bool: return "bool"
        case .int(let k): return k.name
        case .float64: return "float64"
        case .float32: return "float32"
        case .string: return "string"
        case .slice(let e): return "[]" + e.name
        case .map(let k, let v): return "map[\(k.name)]\(v.name)"
        case .named(let n, _): return n
        case .structure: return "struct {}"
        case .pointer: return "unsafe.Pointer"
        case .function: return "func()"
        case .nilSlice(let t): return t.name
        }
    }

    /// Go's `reflect.Kind` name.
    public var kindName: String {
        switch self {
        case .interface: return "interface"
        case .bool: return "bool"
        case .int(let k): return k.name
        case .float64: return "float64"
        case .float32: return "float32"
        case .string: return "string"
        case .slice: return "slice"
        case .map: return "map"
        case .named(_, let u): return u.kindName
        case .structure: return "struct"
        case .pointer: return "ptr"
        case .function: return "func"
        case .nilSlice(let t): return t.kindName
        }
    }

    /// The type behind a named type.
    public var underlying: GoType {
        if case .named(_, let u) = self { return u.underlying }
        if case .nilSlice(let t) = self { return t.underlying }
        return self
    }

    /// Whether the type is that of a nil slice (see `nilSlice`).
    public var isNilSlice: Bool {
        if case .nilSlice = self { return true }
        return false
    }

    /// For slices, the element type; for maps, the value type.
    public var elementType: GoType? {
        switch underlying {
        case .slice(let e): return e
        case .map(_, let v): return v
        default: return nil
        }
    }
}

/// Whether a Go object is a struct value or a pointer to one (matters to `kindOf` and to nil checks).
public enum ObjectKind: Sendable { case structure, pointer }

/// A Go struct (or pointer to one) that templates can read fields of and call methods on.
///
/// Helm exposes `.Capabilities`, `.Files`, Sprig's `*semver.Version` and `time.Time` this way. Field and method
/// names are Go's exported names (`.KubeVersion.Major`, `.Files.Get`).
public protocol GoObject: Sendable {
    /// The type name as `%T` prints it, e.g. `common.KubeVersion`, `*semver.Version`, `time.Time`.
    var goTypeName: String { get }
    var kind: ObjectKind { get }
    /// A nil pointer of this type (prints `<nil>`, is false).
    var isNilPointer: Bool { get }
    /// The value of an exported field, or nil when the type has no such field.
    func field(_ name: String) -> Value?
    /// An exported method, or nil when the type has no such method.
    func method(_ name: String) -> GoMethod?
    /// The struct's fields in declaration order, for `%v` (`{a b}`) and `%+v` (`{A:a B:b}`).
    var fields: [(name: String, value: Value)] { get }
    /// The result of the type's `String()` method, when it has one (fmt prefers it for `%v` and `%s`).
    var stringer: String? { get }
    /// The result of the type's `Error()` method, when it has one (fmt prefers it over String()).
    var errorText: String? { get }
    /// The result of a `String()` method declared on the *pointer* type, which Go's text/template uses only
    /// when it prints an addressable value (a field reached through a pointer, such as
    /// `{{ .Capabilities.KubeVersion }}`); a copy passed to a function (`printf "%v"`, `toString`) prints as
    /// a struct.
    var pointerStringer: String? { get }
    /// The result of the type's `GoString()` method, which fmt's `%#v` prefers (`time.Time` has one:
    /// `time.Date(2024, time.March, 5, 0, 0, 0, 0, time.UTC)`).
    var goStringer: String? { get }
    /// The fields encoding/json writes, under their JSON names, in order: by default the exported fields
    /// (Go's json skips unexported ones, such as `common.KubeVersion`'s `normalizedVersion`) under their
    /// Go names; types with `json:"…"` tags list their tagged names.
    var jsonFields: [(name: String, value: Value)] { get }
}

extension GoObject {
    public var kind: ObjectKind { .structure }
    public var isNilPointer: Bool { false }
    public func method(_ name: String) -> GoMethod? { nil }
    public var stringer: String? { nil }
    public var errorText: String? { nil }
    public var pointerStringer: String? { nil }
    public var goStringer: String? { nil }
    public var jsonFields: [(name: String, value: Value)] {
        fields.filter { f in f.name.first.map { $0.isUppercase } ?? false }
    }
    public func field(_ name: String) -> Value? {
        fields.first(where: { $0.name == name })?.value
    }
}

/// A method bound to its receiver: Go's type rules for its arguments, and the call.
public struct GoMethod: Sendable {
    /// The parameter types (the executor converts and checks arguments as Go's reflection would).
    public var params: [GoParam]
    /// The element type of a final variadic parameter (`...T`), if any.
    public var variadic: GoParam?
    /// Whether Go's signature returns a second `error` result.
    public var returnsError: Bool
    public var call: @Sendable ([Value]) throws(GoError) -> Value

    public init(
        params: [GoParam], variadic: GoParam? = nil, returnsError: Bool = false,
        call: @escaping @Sendable ([Value]) throws(GoError) -> Value
    ) {
        self.params = params
        self.variadic = variadic
        self.returnsError = returnsError
        self.call = call
    }
}

/// The declared type of a Go function parameter, which decides how template arguments are converted.
///
/// Go's text/template converts an untyped constant to the parameter's type (`3` to an int or a float64),
/// accepts any value for `interface{}`, and otherwise requires the value's type to be assignable
/// ("wrong type for value; expected string; got float64").
public enum GoParam: Sendable, Hashable {
    case any
    case string
    case bool
    case int(IntKind)
    case float64
    case float32
    /// `[]interface {}`, `[]string` …: a slice of the given type.
    case slice(GoType)
    /// `map[string]interface {}` and friends.
    case map(GoType)
    /// A value of exactly this Go type (structs, named types).
    case exact(GoType)

    public static let int: GoParam = .int(.int)
    public static let int64: GoParam = .int(.int64)

    /// The Go type name, as error messages print it.
    public var typeName: String {
        switch self {
        case .any: "interface {}"
        case .string: "string"
        case .bool: "bool"
        case .int(let k): k.name
        case .float64: "float64"
        case .float32: "float32"
        case .slice(let t): t.name
        case .map(let t): t.name
        case .exact(let t): t.name
        }
    }
}

/// A Go `error`: its text, and the error it wraps (Go's `%w`), which Helm walks to format execution errors.
public struct GoError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Whether this is a text/template `ExecError` (Helm only reformats those).
    public var isExecError: Bool
    private var causes: [GoError]

    public init(_ message: String, wrapping cause: GoError? = nil, isExecError: Bool = false) {
        self.message = message
        self.causes = cause.map { [$0] } ?? []
        self.isExecError = isExecError
    }

    /// The wrapped error (`errors.Unwrap`), if any.
    public var cause: GoError? { causes.first }
    public var description: String { message }
}
