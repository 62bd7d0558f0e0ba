// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// go-yaml v2's `parseTimestamp`: whether text parses with Go's `time.Parse` in one of the layouts
/// `2006-1-2T15:4:5.999999999Z07:00`, `2006-1-2t15:4:5.999999999Z07:00`, `2006-1-2 15:4:5.999999999`, `2006-1-2`.
///
/// Decoding into `interface{}` keeps a timestamp's text either way, so this only decides whether an explicit
/// `!!timestamp` tag is accepted.
enum Timestamp {
    static func isTimestamp(_ text: String.UTF8View) -> Bool {
        let b = Array(text)
        var i = 0
        // Quick check, as go-yaml: four digits then '-'.
        while i < b.count, isDigit(b[i]) { i += 1 }
        guard i == 4, i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        let year = b[0..<4].reduce(0) { $0 * 10 + Int($1 - 48) }
        guard let month = getnum(b, &i), month >= 1, month <= 12 else { return false }
        guard i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let day = getnum(b, &i) else { return false }
        // time.Parse validates the day of the month after the whole layout matched.
        guard day >= 1, day <= daysIn(month: month, year: year) else { return false }
        if i == b.count { return true }  // 2006-1-2
        let sep = b[i]
        let zoned: Bool
        switch sep {
        case UInt8(ascii: "T"), UInt8(ascii: "t"):
            zoned = true
            i += 1
        case UInt8(ascii: " "):
            zoned = false
            while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }  // time.Parse's skip() folds runs of spaces
        default:
            return false
        }
        guard let hour = getnum(b, &i), hour < 24, i < b.count, b[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let minute = getnum(b, &i), minute < 60, i < b.count, b[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let second = getnum(b, &i), second < 60 else { return false }
        // Optional fraction: '.' or ',' and at least one digit.
        if i + 1 < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ","), isDigit(b[i + 1]) {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if !zoned { return i == b.count }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        // ±hh:mm
        guard b.count - i == 6, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: ":"),
            isDigit(b[i + 1]), isDigit(b[i + 2]), isDigit(b[i + 4]), isDigit(b[i + 5])
        else { return false }
        let hh = Int(b[i + 1] - 48) * 10 + Int(b[i + 2] - 48)
        let mm = Int(b[i + 4] - 48) * 10 + Int(b[i + 5] - 48)
        return hh <= 24 && mm <= 60
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Go's `getnum(s, false)`: one or two digits.
    private static func getnum(_ b: [UInt8], _ i: inout Int) -> Int? {
        guard i < b.count, isDigit(b[i]) else { return nil }
        var n = Int(b[i] - 48)
        i += 1
        if i < b.count, isDigit(b[i]) {
            n = n * 10 + Int(b[i] - 48)
            i += 1
        }
        return n
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
