// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoTemplate
import Testing

@testable import TemplateFuncs

/// Every function Helm v4.1.4 gives templates is registered, and the two Helm removes (`env`, `expandenv`)
/// are not. The expected names are data (`Data/helm-function-names.txt`, from Sprig's function map and Helm's
/// engine); the registered names come from the table itself.
@Suite struct FunctionCoverageTests {
    static var expected: [String] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data/helm-function-names.txt").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    @Test func everyHelmFunctionIsRegistered() {
        let names = Set(FunctionLibrary.helm.names)
        #expect(Self.expected.count > 200)
        let missing = Self.expected.filter { !names.contains($0) }
        #expect(missing.isEmpty, "not registered: \(missing.joined(separator: " "))")
    }

    @Test func helmRemovesEnvironmentAccess() {
        let names = Set(FunctionLibrary.helm.names)
        #expect(!names.contains("env"))
        #expect(!names.contains("expandenv"))
    }

    /// Prints the table's names (`FUNCTION_TABLE=1`), for the issue note's generated list.
    @Test func printTable() {
        if ProcessInfo.processInfo.environment["FUNCTION_TABLE"] == "1" {
            print("FUNCTIONS \(FunctionLibrary.helm.names.count): " + FunctionLibrary.helm.names.joined(separator: " "))
        }
    }
}
