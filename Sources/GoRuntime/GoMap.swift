// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// A Go map with string keys: a **reference**, as in Go.
///
/// Templates rely on it: `{{ $_ := set $d "k" 1 }}` changes `$d` and every other place that holds the same
/// map, and a `set .Values …` in one template is seen by the templates Helm renders after it. Copying a
/// `GoMap` copies the reference; `copy()` and `deepCopy()` make new maps.
///
/// Thread safety: like Go's maps, a map must not be mutated while another thread uses it. Renders that may run
/// concurrently work on their own deep copies of shared data.
public struct GoMap: @unchecked Sendable, ExpressibleByDictionaryLiteral, Sequence {
    final class Storage {
        var dict: [String: Value]
        /// When the map was made (see `SharedMapGuard`).
        let generation: UInt64
        /// Made as Go's nil map (see `GoMap.nilMap()`).
        let madeNil: Bool
        init(_ dict: [String: Value], madeNil: Bool = false) {
            self.dict = dict
            self.madeNil = madeNil
            generation = SharedMapGuard.nextGeneration()
        }
    }

    let storage: Storage

    public init() { storage = Storage([:]) }
    public init(_ dict: [String: Value]) { storage = Storage(dict) }
    private init(storage: Storage) { self.storage = storage }

    /// Go's nil map (`fromJson "null"`): empty, printed `map[]`, but `null` to encoding/json and
    /// `map[string]interface {}(nil)` to `%#v`; Go refuses to store in it ("assignment to entry in nil map"),
    /// which `set` checks with `isNil`. Functions that fill it in place (mergo's `merge`) make it a map.
    public static func nilMap() -> GoMap { GoMap(storage: Storage([:], madeNil: true)) }

    /// Whether the map is Go's nil map: made by `nilMap()` and still empty.
    public var isNil: Bool { storage.madeNil && storage.dict.isEmpty }
    public init(dictionaryLiteral elements: (String, Value)...) {
        var d: [String: Value] = [:]
        d.reserveCapacity(elements.count)
        for (k, v) in elements { d[k] = v }
        storage = Storage(d)
    }

    /// Reads or writes an entry; writing mutates the shared map (Go's `m[k] = v`).
    public subscript(key: String) -> Value? {
        get { storage.dict[key] }
        nonmutating set {
            guard SharedMapGuard.allowsWrite(to: storage) else { return }
            storage.dict[key] = newValue
        }
    }

    public subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
        storage.dict[key] ?? defaultValue()
    }

    public var count: Int { storage.dict.count }
    public var isEmpty: Bool { storage.dict.isEmpty }
    public var keys: Dictionary<String, Value>.Keys { storage.dict.keys }
    public var values: Dictionary<String, Value>.Values { storage.dict.values }
    /// A snapshot of the entries as a Swift dictionary (a value: later changes to the map do not show in it).
    public var dictionary: [String: Value] { storage.dict }

    /// Go's `delete(m, k)`.
    @discardableResult
    public func removeValue(forKey key: String) -> Value? {
        guard SharedMapGuard.allowsWrite(to: storage) else { return nil }
        return storage.dict.removeValue(forKey: key)
    }

    /// Replaces every entry (mutates the shared map).
    public func replaceAll(with dict: [String: Value]) {
        guard SharedMapGuard.allowsWrite(to: storage) else { return }
        storage.dict = dict
    }

    /// Whether two maps are the same Go map.
    public func isIdentical(to other: GoMap) -> Bool { storage === other.storage }

    /// A new map with the same entries (values are shared, as a Go shallow copy).
    public func copy() -> GoMap { GoMap(storage.dict) }

    public func makeIterator() -> Dictionary<String, Value>.Iterator { storage.dict.makeIterator() }

    /// A new map whose nested maps are new too; maps reached twice stay shared in the copy.
    public func deepCopy() -> GoMap {
        var memo = CopyMemo()
        return deepCopy(memo: &memo)
    }

    public func deepCopy(memo: inout CopyMemo) -> GoMap {
        let id = ObjectIdentifier(storage)
        if let done = memo.copies[id] { return done.copy }
        let out = isNil ? GoMap.nilMap() : GoMap()
        // The source is kept alive by the memo, so its identifier cannot be reused by another map meanwhile.
        memo.copies[id] = (self, out)
        var d: [String: Value] = [:]
        d.reserveCapacity(storage.dict.count)
        for (k, v) in storage.dict { d[k] = v.deepCopy(memo: &memo) }
        out.storage.dict = d
        return out
    }
}

extension Value {
    /// A map value from a Swift dictionary (a new Go map).
    public static func map(_ entries: [String: Value], _ type: GoType) -> Value { .map(GoMap(entries), type) }

    /// A copy in which every map is new (the structure of shared maps is kept).
    public func deepCopy() -> Value {
        var memo = CopyMemo()
        return deepCopy(memo: &memo)
    }

    public func deepCopy(memo: inout CopyMemo) -> Value {
        switch self {
        case .map(let m, let t): return .map(m.deepCopy(memo: &memo), t)
        case .slice(let items, let t):
            guard items.contains(where: \.containsMap) else { return self }
            return .slice(items.map { $0.deepCopy(memo: &memo) }, t)
        default: return self
        }
    }

    /// Whether the value is a map or a slice holding one at some depth.
    public var containsMap: Bool {
        switch self {
        case .map: return true
        case .slice(let items, _): return items.contains(where: \.containsMap)
        default: return false
        }
    }
}

/// The maps already copied by a deep copy (source → copy), so that a map reached twice is copied once.
public struct CopyMemo {
    var copies: [ObjectIdentifier: (source: GoMap, copy: GoMap)] = [:]
    public init() {}
}
