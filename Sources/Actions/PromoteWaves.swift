// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// The waves of a promotion: `--wave NAME=SELECTOR` (or the project file's `promote.waves`), and how the
// selected tenants are shared out among them.
import GoRuntime
import ReleaseStore
import Tenancy

/// One wave as asked for: `--wave canary=acme,globex`, `--wave premium=tier=premium`, `--wave eu=region=eu`,
/// or a bare `--wave rest` (last) taking whoever is left.
public struct WaveSpec: Sendable, Hashable {
    /// The wave's name.
    public var name: String
    /// `a,b,c` (tenant names) or `key=value` (`tier` is the tier, any other key a label); nil takes the rest.
    public var selector: String?

    /// Creates a wave.
    public init(name: String, selector: String? = nil) {
        self.name = name
        self.selector = selector
    }

    /// Parses `NAME=SELECTOR` or `NAME` (the selector is everything after the first `=`).
    /// - Throws: ``ActionError/Code/invalidInput`` for an empty name or selector.
    public static func parse(_ text: String) throws(ActionError) -> WaveSpec {
        guard let eq = text.firstIndex(of: "=") else {
            guard !text.isEmpty else { throw ActionError(.invalidInput, "--wave: a wave needs a name (--wave NAME=SELECTOR, or --wave NAME last)") }
            return WaveSpec(name: text)
        }
        let name = String(text[..<eq]), selector = String(text[text.index(after: eq)...])
        if name.isEmpty { throw ActionError(.invalidInput, "--wave \(goQuoted(text)): a wave needs a name before =") }
        if selector.isEmpty {
            throw ActionError(.invalidInput, "--wave \(goQuoted(text)): empty selector (a bare --wave \(name) takes whoever is left)")
        }
        return WaveSpec(name: name, selector: selector)
    }

    /// The waves of the project file's `promote:` section (`promote: {waves: [{name: canary, selector:
    /// "acme,globex"}, {name: rest}]}`); empty when there is none.
    /// - Throws: ``ActionError/Code/invalidInput`` naming the file and the entry.
    public static func fromProjectFile(_ sections: [String: Value], path: String) throws(ActionError) -> [WaveSpec] {
        let promote: GoMap
        switch sections["promote"] {
        case nil, .null?: return []
        case .map(let m, _)?: promote = m
        default: throw ActionError(.invalidInput, "\(path): `promote:` must be a map")
        }
        let list: [Value]
        switch promote["waves"] {
        case nil, .null?: return []
        case .slice(let l, _)?: list = l
        default: throw ActionError(.invalidInput, "\(path): `promote.waves:` must be a list of {name, selector}")
        }
        var out: [WaveSpec] = []
        for (i, entry) in list.enumerated() {
            guard case .map(let m, _) = entry, let name = m["name"]?.stringValue, !name.isEmpty else {
                throw ActionError(.invalidInput, "\(path): promote.waves[\(i)] needs a `name:`")
            }
            switch m["selector"] {
            case nil, .null?: out.append(WaveSpec(name: name))
            case .string(let s)? where !s.isEmpty: out.append(WaveSpec(name: name, selector: s))
            default: throw ActionError(.invalidInput, "\(path): promote.waves[\(i)] (\(name)): `selector:` must be a non-empty string")
            }
        }
        return out
    }
}

/// The selected tenants shared out among the waves.
struct WaveAssignment {
    var waves: [PromotionRecord.Wave]
    var warnings: [String]

    /// Each wave's tenants, in order; the bare last wave takes whoever is left. A tenant file that does not load
    /// (`files[name]` a failure) can only be matched by name; otherwise it goes to the wave taking the rest, or
    /// else the last wave, so that the report shows it failing.
    /// - Throws: ``ActionError/Code/invalidInput`` for a tenant two waves match, two waves of one name, or a
    ///   bare wave before the last.
    static func assign(
        _ specs: [WaveSpec], selection: [String], files: [String: Result<TenantFile, ActionError>]
    ) throws(ActionError) -> WaveAssignment {
        var names = Set<String>()
        for (i, spec) in specs.enumerated() {
            if !names.insert(spec.name).inserted { throw ActionError(.invalidInput, "--wave: two waves are named \(goQuoted(spec.name))") }
            if spec.selector == nil, i != specs.count - 1 {
                throw ActionError(.invalidInput, "--wave \(spec.name): only the last wave may take the rest (give it a selector, or move it last)")
            }
        }
        let selected = Set(selection)
        var owner: [String: String] = [:]
        var members: [[String]] = []
        var warnings: [String] = []
        for spec in specs {
            guard let selector = spec.selector else {
                members.append([])
                continue
            }
            var matched: [String] = []
            if let eq = selector.firstIndex(of: "=") {
                let key = String(selector[..<eq]), value = String(selector[selector.index(after: eq)...])
                for name in selection {
                    guard case .success(let file)? = files[name] else { continue }
                    if key == "tier" ? file.tier == value : file.labels[key] == value { matched.append(name) }
                }
            } else {
                for name in selector.split(separator: ",", omittingEmptySubsequences: true).map({ String($0).trimmingCharacters(in: .whitespaces) }) {
                    if selected.contains(name) {
                        if !matched.contains(name) { matched.append(name) }
                    } else {
                        warnings.append("wave \(spec.name): tenant \(goQuoted(name)) is not among the selected tenants")
                    }
                }
            }
            for name in matched {
                if let first = owner[name] {
                    throw ActionError(
                        .invalidInput, "tenant \(goQuoted(name)) is in two waves, \(first) and \(spec.name): each tenant belongs to one wave")
                }
                owner[name] = spec.name
            }
            members.append(matched)
        }
        let left = selection.filter { owner[$0] == nil }
        if let last = specs.last, last.selector == nil {
            members[members.count - 1] = left
        } else if !left.isEmpty {
            // Only tenant files that do not load join the last wave uninvited: they fail there, in the report.
            let broken = left.filter { if case .failure? = files[$0] { return true } else { return false } }
            members[members.count - 1] += broken
            let alone = left.filter { !broken.contains($0) }
            if !alone.isEmpty {
                let shown = alone.prefix(10).joined(separator: ", ") + (alone.count > 10 ? ", …" : "")
                warnings.append(
                    "\(alone.count) selected tenant\(alone.count == 1 ? " is" : "s are") in no wave and left alone (\(shown)); a bare last --wave NAME takes them"
                )
            }
        }
        var waves: [PromotionRecord.Wave] = []
        for (spec, tenants) in zip(specs, members) {
            if tenants.isEmpty, !selection.isEmpty {
                let what = spec.selector.map { "selector \(goQuoted($0))" } ?? "the rest"
                warnings.append("wave \(spec.name): \(what) matches no tenant")
            }
            waves.append(PromotionRecord.Wave(name: spec.name, selector: spec.selector ?? "", tenants: tenants.sorted()))
        }
        return WaveAssignment(waves: waves, warnings: warnings)
    }
}
