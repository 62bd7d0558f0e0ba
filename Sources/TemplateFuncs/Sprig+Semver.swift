// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate
import Semver

/// A `*semver.Version` as templates see it.
struct SemverObject: GoObject {
    var version: SemVersion

    static let goType: GoType = .named("*semver.Version", underlying: .pointer)

    var goTypeName: String { "*semver.Version" }
    var kind: ObjectKind { .pointer }
    var fields: [(name: String, value: Value)] { [] }
    var stringer: String? { version.string }

    func method(_ name: String) -> GoMethod? {
        let v = version
        let other = GoParam.exact(Self.goType)
        func cmp(_ f: @escaping @Sendable (Int) -> Bool) -> GoMethod {
            GoMethod(params: [other]) { a in
                guard case .object(let o as SemverObject) = a[0] else { return .bool(false) }
                return .bool(f(v.compare(o.version)))
            }
        }
        switch name {
        case "Major": return GoMethod(params: []) { _ in .int(Int(truncatingIfNeeded: v.major), .uint64) }
        case "Minor": return GoMethod(params: []) { _ in .int(Int(truncatingIfNeeded: v.minor), .uint64) }
        case "Patch": return GoMethod(params: []) { _ in .int(Int(truncatingIfNeeded: v.patch), .uint64) }
        case "Prerelease": return GoMethod(params: []) { _ in .string(v.pre) }
        case "Metadata": return GoMethod(params: []) { _ in .string(v.metadata) }
        case "Original": return GoMethod(params: []) { _ in .string(v.original) }
        case "String": return GoMethod(params: []) { _ in .string(v.string) }
        case "LessThan": return cmp { $0 < 0 }
        case "LessThanEqual": return cmp { $0 <= 0 }
        case "GreaterThan": return cmp { $0 > 0 }
        case "GreaterThanEqual": return cmp { $0 >= 0 }
        case "Equal": return cmp { $0 == 0 }
        case "Compare":
            return GoMethod(params: [other]) { a in
                guard case .object(let o as SemverObject) = a[0] else { return .goInt(0) }
                return .goInt(v.compare(o.version))
            }
        default: return nil
        }
    }
}

extension Sprig {
    /// Sprig's semver functions.
    static func registerSemver(into t: inout FunctionTable) {
        t.register(
            "semver",
            GoFunction([.string]) { a throws(GoError) in
                switch SemVersion.parse(a[0].stringValue ?? "") {
                case .success(let v): return .object(SemverObject(version: v))
                case .failure(let e): throw e
                }
            })
        t.register(
            "semverCompare",
            GoFunction([.string, .string]) { a throws(GoError) in
                let c: SemConstraints
                switch SemConstraints.parse(a[0].stringValue ?? "") {
                case .success(let x): c = x
                case .failure(let e): throw e
                }
                switch SemVersion.parse(a[1].stringValue ?? "") {
                case .success(let v): return .bool(c.check(v))
                case .failure(let e): throw e
                }
            })
    }
}
