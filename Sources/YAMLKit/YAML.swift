// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// Helm's YAML loading: go-yaml v2 (YAML 1.1) decoding, sigs.k8s.io/yaml's conversion to JSON, and
/// encoding/json's decoding, so that values come out typed exactly as templates see them in Helm — every
/// number a float64, `yes`/`no`/`on`/`off`/`y`/`n` booleans, map keys strings.
public enum YAML {
    /// Loads a values file as Helm's `loader.LoadValues` does (chart `values.yaml` and `-f` files).
    ///
    /// The text is split into documents at lines starting with `---` (apimachinery's YAMLReader), each document
    /// is unmarshalled into `map[string]interface{}` by sigs.k8s.io/yaml, and the documents are merged with
    /// Helm's `MergeMaps` (later documents win; nested maps merge). Returns a `.map(…, .anyMap)`; an empty
    /// file gives an empty map. Errors read as Helm's (`cannot unmarshal yaml document: error converting
    /// YAML to JSON: …`) — Helm's chart loader prefixes them with `cannot load values.yaml: `.
    public static func loadValues(_ text: String) throws(YAMLError) -> Value {
        try loadValues(bytes: Array(text.utf8))
    }

    /// `loadValues` of a file's raw bytes, as Helm reads them: bytes that are not UTF-8 are refused by
    /// go-yaml's reader (`cannot unmarshal yaml document: error converting YAML to JSON: yaml: invalid leading
    /// UTF-8 octet`) instead of being replaced with U+FFFD.
    public static func loadValues(bytes: [UInt8]) throws(YAMLError) -> Value {
        var values: [String: Value] = [:]
        do {
            for document in try DocumentSplitter.split(bytes) {
                let current = try JSONBridge.toMap(try GoYAMLDecoder.unmarshal(bytes: document) ?? .null)
                values = mergeMaps(values, current)
            }
        } catch {
            var e = error
            e.fromValuesLoader = true
            throw e
        }
        return .map(values, .anyMap)
    }

    /// Decodes the first YAML document of `text` as sigs.k8s.io/yaml's `Unmarshal` into `interface{}` does:
    /// any top-level node (map, list, scalar; `.null` for an empty document), numbers as float64.
    public static func load(_ text: String) throws(YAMLError) -> Value {
        try JSONBridge.toValue(try decode(text))
    }

    /// `load` for a reader of a few top-level keys (Helm's `SimpleHead`: apiVersion, kind, metadata): the
    /// whole document is parsed and checked as `load` does, with the same errors, but only the top-level keys
    /// that `keep` accepts are built into the result.
    public static func load(_ text: String, keepingTopLevel keep: @escaping (String) -> Bool) throws(YAMLError) -> Value {
        // The other keys' collections are skimmed (parsed, scalars checked, nothing built) unless the
        // document needs the whole tree for its errors.
        if case .value(let skimmed) = try GoYAMLDecoder.skim(text, keepingTopLevel: keep) {
            return try JSONBridge.toValue(skimmed ?? .null, keepingTopLevel: keep)
        }
        return try JSONBridge.toValue(try decode(text), keepingTopLevel: keep)
    }

    /// sigs.k8s.io/yaml's `Unmarshal` into `map[string]interface{}`, as Helm's `fromYaml` calls it.
    /// An empty or null document gives an empty map; a list or scalar fails with encoding/json's error
    /// (`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type
    /// map[string]interface {}`), which `fromYaml` stores under the key `Error`.
    public static func loadMap(_ text: String) throws(YAMLError) -> [String: Value] {
        try JSONBridge.toMap(try decode(text))
    }

    /// sigs.k8s.io/yaml's `Unmarshal` into `[]interface{}`, as Helm's `fromYamlArray` calls it.
    /// An empty or null document gives an empty list; a map or scalar fails with encoding/json's error.
    public static func loadArray(_ text: String) throws(YAMLError) -> [Value] {
        try JSONBridge.toArray(try decode(text))
    }

    private static func decode(_ text: String) throws(YAMLError) -> GoValue {
        try GoYAMLDecoder.unmarshal(text) ?? .null
    }

    /// Helm's `MergeMaps`: keys of `b` replace those of `a`, except that two maps under the same key merge
    /// recursively. A null in `b` replaces (it does not delete).
    static func mergeMaps(_ a: [String: Value], _ b: [String: Value]) -> [String: Value] {
        var out = a
        for (k, v) in b {
            if case .map(let bm, _) = v, case .map(let am, _)? = out[k] {
                out[k] = .map(mergeMaps(am.dictionary, bm.dictionary), .anyMap)
            } else {
                out[k] = v
            }
        }
        return out
    }
}

/// apimachinery's `YAMLReader` over a `LineReader`, as Helm's values loader reads documents.
///
/// Lines are read with bufio's `ReadLine` (which drops `\n` or `\r\n`) and re-terminated with `\n`. A line that
/// starts with `---` ends the current document when the document has content; it may be followed only by
/// blanks or a `#` comment (anything else fails with `invalid Yaml document separator: …`). A separator met
/// while the buffer is still empty is kept as the first line of the next document.
enum DocumentSplitter {
    static func split(_ bytes: [UInt8]) throws(YAMLError) -> [[UInt8]] {
        var documents: [[UInt8]] = []
        var buffer: [UInt8] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            var lineEnd = end
            if end < bytes.count, lineEnd > start, bytes[lineEnd - 1] == 13 { lineEnd -= 1 }  // \r\n
            let line = bytes[start..<lineEnd]
            start = end + 1
            if line.count >= 3, line.starts(with: [45, 45, 45]) {
                let rest = String(decoding: line.dropFirst(3), as: UTF8.self)
                let trimmed = rest.goTrimSpace()
                if let first = trimmed.utf8.first, first != UInt8(ascii: "#") {
                    throw YAMLError(stage: .splitting, message: "invalid Yaml document separator: " + trimmed)
                }
                if !buffer.isEmpty {
                    documents.append(buffer)
                    buffer.removeAll(keepingCapacity: true)
                    continue
                }
            }
            buffer.append(contentsOf: line)
            buffer.append(10)
        }
        if !buffer.isEmpty { documents.append(buffer) }
        return documents
    }
}
