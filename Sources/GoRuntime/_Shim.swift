// TEMPORARY: replaced by the real fmt/strconv implementation when branch `fmt` merges.
public enum GoStrconv {
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
public enum GoFmt {
    public static func sprint(_ args: [Value]) -> String { args.map { $0.goDescription }.joined(separator: " ") }
    public static func sprintln(_ args: [Value]) -> String { args.map { $0.goDescription }.joined(separator: " ") + "\n" }
    public static func sprintf(_ format: String, _ args: [Value]) -> String { format }
}
extension Value {
    public var goDescription: String {
        switch self {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i, _): return String(i)
        case .float(let f): return String(f)
        case .string(let s): return s
        case .slice(let a, _): return "[" + a.map { $0.goDescription }.joined(separator: " ") + "]"
        case .map(let m, _): return "map[" + m.keys.sorted().map { "\($0):\(m[$0]!.goDescription)" }.joined(separator: " ") + "]"
        case .bytes(let b): return "\(b)"
        case .object(let o): return o.stringer ?? "{}"
        }
    }
}
