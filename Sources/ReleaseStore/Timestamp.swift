// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// RFC 3339 timestamps in UTC with microseconds (`2026-03-01T10:00:00.250000Z`): how the SQL drivers keep
/// dates, readable in the `sqlite3` shell, sortable as text, portable to PostgreSQL's `timestamptz` input.
/// Dates round to the microsecond on the way in.
public enum Timestamp {
    /// Formats `date` in UTC; with `fractional`, six digits of fraction.
    public static func format(_ date: Date, fractional: Bool = true) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = Int(floor(micros / 1_000_000))
        let fraction = Int(micros - Double(seconds) * 1_000_000)
        var parts = tm()
        var t = time_t(seconds)
        gmtime_r(&t, &parts)
        let head = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        return fractional ? head + String(format: ".%06dZ", fraction) : head + "Z"
    }

    /// Parses what ``format(_:fractional:)`` writes (any number of fraction digits, `Z` only); nil otherwise.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var n = 0
            for b in bytes[from..<(from + count)] {
                guard b >= 48, b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
            bytes.last == 90,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            guard bytes[19] == 46, bytes.count > 21 else { return nil }
            let digits = bytes.count - 21
            guard let f = number(20, digits), digits <= 9 else { return nil }
            fraction = Double(f) / pow(10, Double(digits))
        } else if bytes[19] != 90 {
            return nil
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
