// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import YAMLKit

/// The one place the Chart target calls YAMLKit, so API adjustments stay local.
enum YAMLBridge {
    /// go-yaml v2 decoding (ints stay ints), as sigs.k8s.io/yaml sees YAML before converting it to JSON.
    /// The error text is go-yaml's (`yaml: line 2: …`).
    static func load(_ text: String) throws(YAMLError) -> Value {
        try YAML.load(text)
    }

    /// Helm's values typing of one YAML document (YAML → JSON → `interface{}`: numbers are float64).
    /// The error text is sigs.k8s.io/yaml's (`error converting YAML to JSON: …`).
    static func loadValues(_ text: String) throws(YAMLError) -> Value {
        try YAML.loadValues(text)
    }

    /// `loadValues` of raw bytes (go-yaml's reader rejects bytes that are not UTF-8).
    static func loadValues(bytes: [UInt8]) throws(YAMLError) -> Value {
        try YAML.loadValues(bytes: bytes)
    }
}
