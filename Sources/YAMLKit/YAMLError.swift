// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// A failure to load YAML, carrying the exact text Helm prints.
///
/// Helm's messages nest: `cannot unmarshal yaml document: ` (Helm's values loader) wraps sigs.k8s.io/yaml's
/// `error converting YAML to JSON: ` or `error unmarshaling JSON: while decoding JSON: `, which wraps the
/// innermost Go error (`yaml: line 3: mapping values are not allowed in this context`,
/// `json: unsupported value: +Inf`). ``message`` is the innermost text, ``description`` the whole text the
/// Go function behind the API that was called returns.
public struct YAMLError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Which step of Helm's load failed; it decides the prefix Go puts before ``message``.
    public enum Stage: Sendable, Equatable {
        /// apimachinery's YAMLReader rejected a `---` line (`error reading yaml document: `, values loader only).
        case splitting
        /// go-yaml v2, sigs.k8s.io/yaml's key conversion or json.Marshal failed (`error converting YAML to JSON: `).
        case yamlToJSON
        /// encoding/json could not decode into the target type (`error unmarshaling JSON: while decoding JSON: `).
        case jsonToTarget
    }

    /// The failing step.
    public var stage: Stage
    /// The innermost Go error text, e.g. `yaml: line 3: mapping values are not allowed in this context`.
    public var message: String
    /// The line number Go prints in `yaml: line N:` (go-yaml's own numbering), when there is one.
    public var line: Int?
    /// The 1-based column of libyaml's problem mark, when known (Go does not print it).
    public var column: Int?
    /// Whether the error came through Helm's values loader (`loadValues`), which adds its own prefixes.
    public var fromValuesLoader: Bool

    /// Creates an error; ``description`` is derived from the stage and the loader flag.
    public init(stage: Stage, message: String, line: Int? = nil, column: Int? = nil, fromValuesLoader: Bool = false) {
        self.stage = stage
        self.message = message
        self.line = line
        self.column = column
        self.fromValuesLoader = fromValuesLoader
    }

    /// The text of sigs.k8s.io/yaml's `Unmarshal` error, as Helm's `fromYaml` stores it under `Error`:
    /// `error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'`.
    public var unmarshalDescription: String {
        switch stage {
        case .splitting: return message
        case .yamlToJSON: return "error converting YAML to JSON: " + message
        case .jsonToTarget: return "error unmarshaling JSON: while decoding JSON: " + message
        }
    }

    /// The full Go error text of the called API: for ``YAML/loadValues(_:)`` Helm's `loader.LoadValues`
    /// (`cannot unmarshal yaml document: error converting YAML to JSON: json: unsupported value: +Inf`),
    /// otherwise sigs.k8s.io/yaml's `Unmarshal`. Helm's chart loader adds `cannot load values.yaml: ` in front.
    public var description: String {
        guard fromValuesLoader else { return unmarshalDescription }
        if stage == .splitting { return "error reading yaml document: " + message }
        return "cannot unmarshal yaml document: " + unmarshalDescription
    }
}
