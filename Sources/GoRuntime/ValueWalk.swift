// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// Limits for code that walks a value's maps and slices (serialisers, printing): a template can make a map that
/// holds itself (`{{ $_ := set $m "s" $m }}`), and Go's walkers answer that in their own ways.
public enum ValueWalk {
    /// encoding/json's `startDetectingCyclesAfter`: a walker looks for a cycle only once it is this many maps
    /// and slices deep, so ordinary values cost nothing.
    public static let cycleCheckDepth = 1000

    /// The deepest nesting a walker follows in a value without a cycle before it gives up with an error.
    /// Go has no such limit (its stacks grow to 1 GB); values loaded from YAML or JSON stop at 10,000 levels
    /// already (go-yaml's and encoding/json's max depth), so only values built by a template reach it.
    public static let maxDepth = 10_000

    /// The Go type encoding/json names in `json: unsupported value: encountered a cycle via T`, or nil when
    /// `root` holds no cycle.
    ///
    /// encoding/json counts every map and slice it enters and, past `cycleCheckDepth`, remembers each one; the
    /// first it meets twice is named. Along the endless path through the first cycle in encoding order (map
    /// keys sorted bytewise), that is the container at position `cycleCheckDepth + 2`.
    public static func jsonCycleTypeName(_ root: Value) -> String? {
        guard let path = firstCyclePath(root) else { return nil }
        let index = cycleCheckDepth + 1
        let position = index < path.entries.count ? index : path.start + (index - path.start) % (path.entries.count - path.start)
        return path.entries[position].name
    }

    /// Whether `root` holds a map that contains itself.
    public static func hasCycle(_ root: Value) -> Bool { firstCyclePath(root) != nil }

    /// The containers from `root` to the first map met again on its own path (in encoding/json's order), and
    /// where the repeating part starts.
    static func firstCyclePath(_ root: Value) -> (entries: [GoType], start: Int)? {
        var onPath: [ObjectIdentifier: Int] = [:]
        var types: [GoType] = []
        func walk(_ v: Value) -> Int? {
            switch v {
            case .map(let m, let t):
                let id = ObjectIdentifier(m.storage)
                if let at = onPath[id] { return at }
                onPath[id] = types.count
                types.append(t)
                for k in m.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    if let value = m[k], let at = walk(value) { return at }
                }
                types.removeLast()
                onPath[id] = nil
                return nil
            case .slice(let items, let t):
                guard items.contains(where: \.containsMap) else { return nil }
                types.append(t)
                for item in items {
                    if let at = walk(item) { return at }
                }
                types.removeLast()
                return nil
            default:
                return nil
            }
        }
        guard let start = walk(root) else { return nil }
        return (types, start)
    }
}
