// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// A Kubernetes resource quantity (apimachinery's `resource.Quantity`): `500m`, `2`, `1.5Gi`, `128974848`,
/// `1e3`. Only what comparing quotas needs: the exact value and the text it came from.
///
/// The grammar is apimachinery's `ParseQuantity`: an optional sign, digits with an optional fraction (`1.`,
/// `.5`), then a binary suffix (`Ki` … `Ei`, powers of 1024), a decimal suffix (`n`, `u`, `m`, none, `k`, `M`,
/// `G`, `T`, `P`, `E`) or a decimal exponent (`e3`, `E-2`). As there, a lone `E` is exa, not an exponent.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text as given (`1500m`).
    public let text: String
    /// The value in base units (cores, bytes, objects), exact for every quantity a quota holds.
    public let value: Decimal

    /// Parses `text`.
    /// - Throws: ``QuantityError`` naming the text when it is not a quantity.
    public init(_ text: String) throws(QuantityError) {
        self.text = text
        guard let value = Self.parse(text) else { throw QuantityError(text: text) }
        self.value = value
    }

    /// Compares values (`1000m` == `1`).
    public static func < (a: Quantity, b: Quantity) -> Bool { a.value < b.value }

    /// Equal values (`1000m` == `1`), whatever the text.
    public static func == (a: Quantity, b: Quantity) -> Bool { a.value == b.value }

    /// Hashes the value.
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }

    /// The text.
    public var description: String { text }

    private static let binary: [String: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]
    private static let decimal: [String: Int] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]

    private static func parse(_ text: String) -> Decimal? {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        let numberStart = i
        var digits = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            i += 1
            digits += 1
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                i += 1
                digits += 1
            }
        }
        guard digits > 0 else { return nil }
        var number = String(decoding: bytes[numberStart..<i], as: UTF8.self)
        if number.hasPrefix(".") { number = "0" + number }
        if number.hasSuffix(".") { number += "0" }
        guard var value = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        let suffix = String(decoding: bytes[i...], as: UTF8.self)
        if let power = binary[suffix] {
            for _ in 0..<power { value *= 1024 }
        } else if let exponent = decimal[suffix] {
            value = scaled(value, exponent)
        } else if let first = suffix.first, first == "e" || first == "E" {
            // A decimal exponent: an optional sign and digits, nothing else.
            let rest = suffix.dropFirst()
            let unsigned = rest.hasPrefix("+") || rest.hasPrefix("-") ? rest.dropFirst() : rest
            guard !unsigned.isEmpty, unsigned.allSatisfy({ $0.isASCII && $0.isNumber }), let exponent = Int(rest), abs(exponent) <= 100 else {
                return nil
            }
            value = scaled(value, exponent)
        } else {
            return nil
        }
        return negative ? -value : value
    }

    private static func scaled(_ value: Decimal, _ exponent: Int) -> Decimal {
        var out = value
        if exponent >= 0 {
            for _ in 0..<exponent { out *= 10 }
        } else {
            for _ in 0..<(-exponent) { out /= 10 }
        }
        return out
    }
}

/// A text that is not a Kubernetes quantity.
public struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text.
    public var text: String
    /// `quantities must match the regular expression …`, as apimachinery says it.
    public var description: String {
        "\"\(text)\" is not a quantity (quantities must match the regular expression "
            + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', e.g. 500m, 2, 1.5Gi)"
    }
}
