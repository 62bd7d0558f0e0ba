// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import Foundation
import Testing
import YAMLKit

/// One recorded `helm template` run for a values.schema.json `format` (tools/gen-schema-format-cases.py).
struct SchemaFormatCase: Sendable, CustomStringConvertible {
    var schema: String
    var values: String
    var stderr: String
    var exitCode: Int32
    var description: String { "\(schema) with \(values)" }
}

/// `format` assertions (santhosh-tekuri/jsonschema asserts them for drafts 4, 6 and 7 only) against Helm v4.1.4's
/// recorded output: the validator's text under Helm's header, or no error when Helm rendered.
@Suite struct SchemaFormatTests {
    static let header = "Error: values don't meet the specifications of the schema(s) in the following chart(s):\ndemo:\n"

    @Test(arguments: schemaFormatCases)
    func matchesHelm(_ c: SchemaFormatCase) throws {
        let values = try YAML.loadValues(c.values)
        let validator = try JSONSchemaValidator(json: Array(c.schema.utf8))
        let got = validator.validate(values)
        if c.exitCode == 0 {
            #expect(c.stderr.isEmpty)
            #expect(got == nil)
        } else {
            #expect(got.map { Self.header + $0 + "\n" } == c.stderr)
        }
    }
}
