// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate
import Synchronization

/// Per-render state Helm's `include` keeps: how deep each template name is nested.
/// Reached by the functions through `Execution.context`.
public final class RenderState: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    /// Where key-making functions take their RSA keys (the parsed set's pool); nil: each call makes its own.
    public let keys: RSAKeyPool?

    public init(keys: RSAKeyPool? = nil) {
        self.keys = keys
    }

    /// Increments the count for `name`; returns false when Helm's recursion limit is passed.
    func enter(_ name: String) -> Bool {
        counts.withLock { c in
            if let v = c[name], v > HelmFunctions.recursionMaxNums { return false }
            c[name, default: 0] += 1
            return true
        }
    }

    func leave(_ name: String) {
        counts.withLock { c in c[name, default: 1] -= 1 }
    }
}

/// Helm's own template functions (pkg/engine/funcs.go and engine.go), with Helm's error texts.
public enum HelmFunctions {
    /// Helm's limit on nested `include` of one name.
    static let recursionMaxNums = 1000
    /// Helm wraps `required` and `fail` messages in these markers, then lifts the message out of the
    /// execution error ("execution error at (file:line:col): message").
    public static let warnStart = "HELM_ERR_START"
    public static let warnEnd = "HELM_ERR_END"

    static func warnWrap(_ s: String) -> String { warnStart + s + warnEnd }

    static func register(into t: inout FunctionTable) {
        t.register(
            "include",
            GoFunction(
                params: [.string, .any],
                body: .contextual { exec, a throws(GoError) in
                    try include(exec, name: a[0].stringValue ?? "", data: a[1])
                }))
        t.register(
            "tpl",
            GoFunction(
                params: [.string, .any], effects: .runsTemplateText,
                body: .contextual { exec, a throws(GoError) in
                    try tpl(exec, text: a[0].stringValue ?? "", data: a[1])
                }))
        t.register(
            "required",
            GoFunction([.string, .any], returnsInterface: true) { a throws(GoError) in
                let warn = a[0].stringValue ?? ""
                switch a[1] {
                case .null: throw GoError(warnWrap(warn))
                case .string(let s) where s.isEmpty: throw GoError(warnWrap(warn))
                default: return a[1]
                }
            })
        t.register(
            "fail",
            GoFunction([.string]) { a throws(GoError) in
                throw GoError(warnWrap(a[0].stringValue ?? ""))
            })
        // Without a cluster (helm template, --dry-run=client), lookup finds nothing.
        t.register("lookup", GoFunction([.string, .string, .string, .string]) { _ in .dict([:]) })
        // Without --enable-dns, Helm answers every name with "".
        t.register("getHostByName", GoFunction([.string]) { _ in .string("") })
    }

    static func include(_ exec: Execution, name: String, data: Value) throws(GoError) -> Value {
        let state = exec.context as? RenderState
        if let state {
            guard state.enter(name) else {
                throw GoError(
                    "rendering template has a nested reference name: \(name): unable to execute template",
                    wrapping: GoError("unable to execute template"))
            }
        }
        defer { state?.leave(name) }
        return .string(try exec.executeTemplate(name, data: data))
    }

    static func tpl(_ exec: Execution, text: String, data: Value) throws(GoError) -> Value {
        // Helm clones the template set and parses the text under the set's own name, so `define`s inside the
        // text are visible to `include` within it, and errors name the template "gotpl".
        var clone = exec.set
        do {
            try clone.parse(name: clone.name, text: text)
        } catch {
            let inner = GoError(error.description)
            throw GoError("cannot parse template \(GoStrconv.quote(text)): \(error.description)", wrapping: inner)
        }
        do {
            let out = try clone.execute(clone.name, data: data, context: exec.context)
            // Helm removes "<no value>" from tpl's output, as from rendered files.
            return .string(out.replacingAll("<no value>", with: ""))
        } catch {
            throw GoError("error during tpl function execution for \(GoStrconv.quote(text)): \(error.message)", wrapping: error)
        }
    }
}

extension String {
    /// Go's strings.ReplaceAll for a non-empty needle, without Foundation. Returns `self` untouched (no copy)
    /// when the needle does not occur — the common case for Helm's `<no value>` removal.
    public func replacingAll(_ needle: String, with replacement: String) -> String {
        let n = Array(needle.utf8)
        guard let first = n.first else { return self }
        var text = self
        return text.withUTF8 { buf -> String in
            guard buf.count >= n.count else { return self }
            var out: [UInt8] = []
            var found = false
            var copied = 0
            var i = 0
            let last = buf.count - n.count
            while i <= last {
                if buf[i] == first {
                    var k = 1
                    while k < n.count && buf[i + k] == n[k] { k += 1 }
                    if k == n.count {
                        if !found { found = true; out.reserveCapacity(buf.count) }
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[copied..<i]))
                        out.append(contentsOf: replacement.utf8)
                        i += n.count
                        copied = i
                        continue
                    }
                }
                i += 1
            }
            guard found else { return self }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[copied...]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
