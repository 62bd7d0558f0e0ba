// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// Go's `unicode` predicates and simple case mappings, as Sprig's string functions and their libraries
/// (goutils, xstrings, `strings`) use them. Go works on single runes with Unicode's *simple* case mappings,
/// so a rune never maps to more than one rune (`ToUpper('ß')` is `ß`).
package enum GoUnicode {
    /// `unicode.IsSpace`: the Latin-1 spaces Go lists, then the White_Space property.
    package static func isSpace(_ r: Unicode.Scalar) -> Bool {
        switch r.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0: return true
        case 0..<0x100: return false
        default: return r.properties.isWhitespace
        }
    }

    /// `unicode.IsUpper` (category Lu).
    package static func isUpper(_ r: Unicode.Scalar) -> Bool { r.properties.generalCategory == .uppercaseLetter }
    /// `unicode.IsLower` (category Ll).
    package static func isLower(_ r: Unicode.Scalar) -> Bool { r.properties.generalCategory == .lowercaseLetter }
    /// `unicode.IsTitle` (category Lt).
    package static func isTitle(_ r: Unicode.Scalar) -> Bool { r.properties.generalCategory == .titlecaseLetter }

    /// `unicode.IsLetter` (category L).
    package static func isLetter(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// `unicode.IsDigit` (category Nd).
    package static func isDigit(_ r: Unicode.Scalar) -> Bool { r.properties.generalCategory == .decimalNumber }

    /// `unicode.IsNumber` (category N).
    package static func isNumber(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// `unicode.IsPunct` (category P).
    package static func isPunct(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// A simple (one-rune) mapping from a full mapping; runes whose full mapping has several runes keep their
    /// simple mapping where Unicode has one that differs, else stay as they are.
    private static func simple(_ r: Unicode.Scalar, _ full: String, lower: Bool) -> Unicode.Scalar {
        let scalars = full.unicodeScalars
        if scalars.count == 1, let m = scalars.first { return m }
        if lower && r.value == 0x130 { return "i" }
        return r
    }

    /// `unicode.ToUpper`.
    package static func toUpper(_ r: Unicode.Scalar) -> Unicode.Scalar {
        if r.isASCII {
            return (r.value >= 0x61 && r.value <= 0x7A) ? Unicode.Scalar(r.value - 32)! : r
        }
        return simple(r, r.properties.uppercaseMapping, lower: false)
    }

    /// `unicode.ToLower`.
    package static func toLower(_ r: Unicode.Scalar) -> Unicode.Scalar {
        if r.isASCII {
            return (r.value >= 0x41 && r.value <= 0x5A) ? Unicode.Scalar(r.value + 32)! : r
        }
        return simple(r, r.properties.lowercaseMapping, lower: true)
    }

    /// `unicode.ToTitle`.
    package static func toTitle(_ r: Unicode.Scalar) -> Unicode.Scalar {
        if r.isASCII { return toUpper(r) }
        return simple(r, r.properties.titlecaseMapping, lower: false)
    }

    /// Maps every rune of `s` (Go's `strings.Map`).
    package static func map(_ s: String, _ f: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        for r in s.unicodeScalars { out.append(f(r)) }
        return String(out)
    }

    /// The scalar Go's `rune(str[i])` makes of one byte (Latin-1), as goutils' byte-wise loops do.
    package static func latin1(_ b: UInt8) -> Unicode.Scalar { Unicode.Scalar(b) }
}

extension String {
    /// Go's `s[a:b]` on the string's UTF-8 bytes.
    package func goBytes(_ a: Int, _ b: Int) -> String {
        let u = Array(utf8)
        return String(decoding: u[a..<b], as: UTF8.self)
    }

    /// Go's `len(s)`.
    package var goLen: Int { utf8.count }
}
