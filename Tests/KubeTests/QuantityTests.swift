// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

/// Resource quantities as apimachinery's `resource.ParseQuantity` reads them: its grammar and suffix table
/// (binary Ki…Ei, decimal n…E, a decimal exponent), values compared exactly.
@Suite struct QuantityTests {
    @Test(arguments: [
        ("1", "1"), ("0", "0"), ("500m", "0.5"), ("1500m", "1.5"), ("2.5", "2.5"), (".5", "0.5"), ("1.", "1"), ("+3", "3"), ("-2", "-2"),
        ("1k", "1000"), ("1M", "1000000"), ("1G", "1000000000"), ("1T", "1000000000000"), ("1P", "1000000000000000"),
        ("1E", "1000000000000000000"), ("100n", "0.0000001"), ("5u", "0.000005"),
        ("1Ki", "1024"), ("64Mi", "67108864"), ("1.5Gi", "1610612736"), ("16Gi", "17179869184"), ("1Ti", "1099511627776"),
        ("1Pi", "1125899906842624"), ("1Ei", "1152921504606846976"),
        ("1e3", "1000"), ("1E3", "1000"), ("12e-3", "0.012"), ("2e+2", "200"), ("128974848", "128974848"),
    ])
    func parses(_ text: String, _ value: String) throws {
        let q = try Quantity(text)
        #expect(q.value == Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")), "\(text) → \(q.value)")
        #expect(q.text == text)
    }

    @Test(arguments: ["", "m", "Gi", "1.2.3", "1 Gi", "1gi", "1KiB", "1e", "1e+", "1e3m", "abc", "--1", "1mm", "0x10", "1,5"])
    func refuses(_ text: String) {
        #expect(throws: QuantityError.self) { try Quantity(text) }
    }

    @Test(arguments: [
        ("1000m", "1", 0), ("1", "2", -1), ("2500m", "2", 1), ("4Gi", "4096Mi", 0), ("8Gi", "4Gi", 1), ("1G", "1Gi", -1), ("999m", "1", -1),
        ("20", "12", 1),
    ])
    func compares(_ a: String, _ b: String, _ order: Int) throws {
        let x = try Quantity(a), y = try Quantity(b)
        #expect((x < y ? -1 : x == y ? 0 : 1) == order, "\(a) vs \(b)")
    }
}
