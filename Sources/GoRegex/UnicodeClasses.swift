// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Synchronization

extension RE2 {
    private static let categoryNames: [String: [Unicode.GeneralCategory]] = {
        let l: [Unicode.GeneralCategory] = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
        let m: [Unicode.GeneralCategory] = [.nonspacingMark, .spacingMark, .enclosingMark]
        let n: [Unicode.GeneralCategory] = [.decimalNumber, .letterNumber, .otherNumber]
        let p: [Unicode.GeneralCategory] = [
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
        ]
        let s: [Unicode.GeneralCategory] = [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol]
        let z: [Unicode.GeneralCategory] = [.spaceSeparator, .lineSeparator, .paragraphSeparator]
        let c: [Unicode.GeneralCategory] = [.control, .format, .privateUse, .surrogate]
        return [
            "L": l, "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter],
            "Lm": [.modifierLetter], "Lo": [.otherLetter],
            "M": m, "Mn": [.nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
            "N": n, "Nd": [.decimalNumber], "Nl": [.letterNumber], "No": [.otherNumber],
            "P": p, "Pc": [.connectorPunctuation], "Pd": [.dashPunctuation], "Ps": [.openPunctuation],
            "Pe": [.closePunctuation], "Pi": [.initialPunctuation], "Pf": [.finalPunctuation], "Po": [.otherPunctuation],
            "S": s, "Sm": [.mathSymbol], "Sc": [.currencySymbol], "Sk": [.modifierSymbol], "So": [.otherSymbol],
            "Z": z, "Zs": [.spaceSeparator], "Zl": [.lineSeparator], "Zp": [.paragraphSeparator],
            "C": c, "Cc": [.control], "Cf": [.format], "Co": [.privateUse], "Cs": [.surrogate],
        ]
    }()

    /// Go's script names (`unicode.Scripts`), which `\p{Name}` accepts besides `Any` and the categories.
    private static let scriptNames: Set<String> = [
        "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah",
        "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal",
        "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform",
        "Cypriot", "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan",
        "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic", "Gothic", "Grantha",
        "Greek", "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran",
        "Hebrew", "Hiragana", "Imperial_Aramaic", "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian",
        "Javanese", "Kaithi", "Kannada", "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer",
        "Khojki", "Khudawadi", "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian",
        "Mahajani", "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin",
        "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro",
        "Multani", "Myanmar", "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu",
        "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian", "Old_Permic",
        "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic", "Old_Uyghur", "Oriya", "Osage", "Osmanya",
        "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic",
        "Samaritan", "Saurashtra", "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng",
        "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet",
        "Takri", "Tamil", "Tangsa", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto",
        "Ugaritic", "Vai", "Vithkuqi", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
    ]

    private static let scriptCache = Mutex<[String: [ClosedRange<UInt32>]]>([:])

    /// The predicate for `\p{name}`, or nil when Go knows no such class.
    static func unicodeClass(_ name: String) -> RunePredicate? {
        if name == "Any" { return .any }
        if let cats = categoryNames[name] { return .categories(cats) }
        guard scriptNames.contains(name) else { return nil }
        if let cached = scriptCache.withLock({ $0[name] }) { return .script(cached) }
        let ranges = scriptRanges(name)
        scriptCache.withLock { $0[name] = ranges }
        return .script(ranges)
    }

    /// The runes of a script, found once through ICU's script property over every scalar.
    private static func scriptRanges(_ name: String) -> [ClosedRange<UInt32>] {
        guard let re = try? NSRegularExpression(pattern: "\\p{Script=\(name)}+") else { return [] }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(0x110000 * 2)
        for v in UInt32(0)...0x10FFFF {
            if let u = Unicode.Scalar(v) { scalars.append(u) }
        }
        // Every scalar in order: UTF-16 offsets map back to scalars arithmetically (surrogates are skipped).
        func scalar(at o: Int) -> UInt32 {
            if o < 0xD800 { return UInt32(o) }
            if o < 0xF800 { return UInt32(o + 0x800) }
            return UInt32(0x10000 + (o - 0xF800) / 2)
        }
        let text = String(scalars)
        let length = (text as NSString).length
        var out: [ClosedRange<UInt32>] = []
        for m in re.matches(in: text, range: NSRange(location: 0, length: length)) {
            out.append(scalar(at: m.range.location)...scalar(at: m.range.location + m.range.length - 1))
        }
        return out
    }
}
