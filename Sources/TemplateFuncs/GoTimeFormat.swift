// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// Go's layout-based time formatting and parsing (`time.Format`, `time.ParseInLocation`), with its
/// chunking of the layout into reference-time elements and its exact error texts.
enum GoTimeLayout {
    enum Std: Equatable {
        case longMonth, month, numMonth, zeroMonth
        case longWeekDay, weekDay
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12
        case minute, zeroMinute, second, zeroSecond
        case longYear, year
        case pm, lowerPM
        case tz
        case iso8601TZ, iso8601SecondsTZ, iso8601ShortTZ, iso8601ColonTZ, iso8601ColonSecondsTZ
        case numTZ, numSecondsTZ, numShortTZ, numColonTZ, numColonSecondsTZ
        /// Fractional seconds: digit count, whether trailing zeros are trimmed (`9`), and the separator.
        case frac(digits: Int, trim: Bool, sep: UInt8)
    }

    static let longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let shortDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let longMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func has(_ l: ArraySlice<UInt8>, _ i: Int, _ s: String) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= l.endIndex && l[i..<(i + u.count)].elementsEqual(u)
    }

    private static func isDigit(_ l: ArraySlice<UInt8>, _ i: Int) -> Bool {
        i >= l.startIndex && i < l.endIndex && l[i] >= 48 && l[i] <= 57
    }

    /// Go's nextStdChunk: the literal prefix, the element, and the rest of the layout.
    static func nextChunk(_ l: ArraySlice<UInt8>) -> (prefix: ArraySlice<UInt8>, std: Std?, suffix: ArraySlice<UInt8>) {
        var i = l.startIndex
        func r(_ std: Std, _ len: Int, from: Int? = nil) -> (ArraySlice<UInt8>, Std?, ArraySlice<UInt8>) {
            (l[l.startIndex..<(from ?? i)], std, l[(i + len)...])
        }
        while i < l.endIndex {
            switch l[i] {
            case UInt8(ascii: "J"):
                if has(l, i, "Jan") {
                    if has(l, i, "January") { return r(.longMonth, 7) }
                    if !(i + 3 < l.endIndex && l[i + 3] >= 97 && l[i + 3] <= 122) { return r(.month, 3) }
                }
            case UInt8(ascii: "M"):
                if has(l, i, "Mon") {
                    if has(l, i, "Monday") { return r(.longWeekDay, 6) }
                    if !(i + 3 < l.endIndex && l[i + 3] >= 97 && l[i + 3] <= 122) { return r(.weekDay, 3) }
                }
                if has(l, i, "MST") { return r(.tz, 3) }
            case UInt8(ascii: "0"):
                if i + 1 < l.endIndex, l[i + 1] >= 49, l[i + 1] <= 54 {
                    let std: [Std] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                    return r(std[Int(l[i + 1] - 49)], 2)
                }
                if has(l, i, "002") { return r(.zeroYearDay, 3) }
            case UInt8(ascii: "1"):
                if i + 1 < l.endIndex, l[i + 1] == UInt8(ascii: "5") { return r(.hour, 2) }
                return r(.numMonth, 1)
            case UInt8(ascii: "2"):
                if has(l, i, "2006") { return r(.longYear, 4) }
                return r(.day, 1)
            case UInt8(ascii: "_"):
                if i + 1 < l.endIndex, l[i + 1] == UInt8(ascii: "2") {
                    if has(l, i + 1, "2006") {
                        return (l[l.startIndex..<(i + 1)], .longYear, l[(i + 5)...])
                    }
                    return r(.underDay, 2)
                }
                if has(l, i, "__2") { return r(.underYearDay, 3) }
            case UInt8(ascii: "3"): return r(.hour12, 1)
            case UInt8(ascii: "4"): return r(.minute, 1)
            case UInt8(ascii: "5"): return r(.second, 1)
            case UInt8(ascii: "P"):
                if i + 1 < l.endIndex, l[i + 1] == UInt8(ascii: "M") { return r(.pm, 2) }
            case UInt8(ascii: "p"):
                if i + 1 < l.endIndex, l[i + 1] == UInt8(ascii: "m") { return r(.lowerPM, 2) }
            case UInt8(ascii: "-"):
                if has(l, i, "-070000") { return r(.numSecondsTZ, 7) }
                if has(l, i, "-07:00:00") { return r(.numColonSecondsTZ, 9) }
                if has(l, i, "-0700") { return r(.numTZ, 5) }
                if has(l, i, "-07:00") { return r(.numColonTZ, 6) }
                if has(l, i, "-07") { return r(.numShortTZ, 3) }
            case UInt8(ascii: "Z"):
                if has(l, i, "Z070000") { return r(.iso8601SecondsTZ, 7) }
                if has(l, i, "Z07:00:00") { return r(.iso8601ColonSecondsTZ, 9) }
                if has(l, i, "Z0700") { return r(.iso8601TZ, 5) }
                if has(l, i, "Z07:00") { return r(.iso8601ColonTZ, 6) }
                if has(l, i, "Z07") { return r(.iso8601ShortTZ, 3) }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if i + 1 < l.endIndex, l[i + 1] == UInt8(ascii: "0") || l[i + 1] == UInt8(ascii: "9") {
                    let ch = l[i + 1]
                    var j = i + 1
                    while j < l.endIndex && l[j] == ch { j += 1 }
                    if !isDigit(l, j) {
                        return (l[l.startIndex..<i], .frac(digits: j - (i + 1), trim: ch == UInt8(ascii: "9"), sep: l[i]), l[j...])
                    }
                }
            default: break
            }
            i += 1
        }
        return (l, nil, l[l.endIndex...])
    }

    // MARK: Format

    private static func pad(_ v: Int, _ width: Int) -> String {
        var s = String(v.magnitude)
        if s.count < width { s = String(repeating: "0", count: width - s.count) + s }
        return v < 0 ? "-" + s : s
    }

    /// `t.Format(layout)`.
    static func format(_ t: GoTime, _ layout: String) -> String {
        let f = t.fields
        let (zname, offset) = t.zoneInfo
        var out: [UInt8] = []
        var l = Array(layout.utf8)[...]
        func add(_ s: String) { out.append(contentsOf: s.utf8) }
        while !l.isEmpty {
            let (prefix, std, suffix) = nextChunk(l)
            out.append(contentsOf: prefix)
            guard let std else { break }
            l = suffix
            switch std {
            case .year: add(pad(abs(f.year % 100), 2))
            case .longYear: add(pad(f.year, 4))
            case .month: add(String(longMonths[f.month - 1].prefix(3)))
            case .longMonth: add(longMonths[f.month - 1])
            case .numMonth: add(String(f.month))
            case .zeroMonth: add(pad(f.month, 2))
            case .weekDay: add(String(longDays[f.weekday].prefix(3)))
            case .longWeekDay: add(longDays[f.weekday])
            case .day: add(String(f.day))
            case .underDay: add((f.day < 10 ? " " : "") + String(f.day))
            case .zeroDay: add(pad(f.day, 2))
            case .underYearDay: add((f.yday < 100 ? " " : "") + (f.yday < 10 ? " " : "") + String(f.yday))
            case .zeroYearDay: add(pad(f.yday, 3))
            case .hour: add(pad(f.hour, 2))
            case .hour12: add(String(f.hour % 12 == 0 ? 12 : f.hour % 12))
            case .zeroHour12: add(pad(f.hour % 12 == 0 ? 12 : f.hour % 12, 2))
            case .minute: add(String(f.minute))
            case .zeroMinute: add(pad(f.minute, 2))
            case .second: add(String(f.second))
            case .zeroSecond: add(pad(f.second, 2))
            case .pm: add(f.hour >= 12 ? "PM" : "AM")
            case .lowerPM: add(f.hour >= 12 ? "pm" : "am")
            case .iso8601TZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonSecondsTZ,
                .numTZ, .numColonTZ, .numSecondsTZ, .numShortTZ, .numColonSecondsTZ:
                let iso = [Std.iso8601TZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonSecondsTZ].contains(std)
                if offset == 0 && iso { add("Z"); break }
                var zone = offset / 60
                var absoff = offset
                if zone < 0 { add("-"); zone = -zone; absoff = -absoff } else { add("+") }
                add(pad(zone / 60, 2))
                let colon = [Std.iso8601ColonTZ, .numColonTZ, .iso8601ColonSecondsTZ, .numColonSecondsTZ].contains(std)
                if colon { add(":") }
                if std != .numShortTZ && std != .iso8601ShortTZ { add(pad(zone % 60, 2)) }
                if [Std.iso8601SecondsTZ, .numSecondsTZ, .numColonSecondsTZ, .iso8601ColonSecondsTZ].contains(std) {
                    if colon { add(":") }
                    add(pad(absoff % 60, 2))
                }
            case .tz:
                if !zname.isEmpty { add(zname); break }
                var zone = offset / 60
                if zone < 0 { add("-"); zone = -zone } else { add("+") }
                add(pad(zone / 60, 2))
                add(pad(zone % 60, 2))
            case .frac(let n, let trim, let sep):
                if trim && (n == 0 || t.nsec == 0) { break }
                var digits = Array(pad(t.nsec, 9).utf8)
                if n < 9 { digits.removeLast(9 - n) }
                if trim { while digits.last == UInt8(ascii: "0") { digits.removeLast() } }
                if !digits.isEmpty { out.append(sep); out.append(contentsOf: digits) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `t.String()`: the default layout plus a monotonic clock suffix when present.
    static func string(_ t: GoTime) -> String {
        var s = format(t, "2006-01-02 15:04:05.999999999 -0700 MST")
        if let m = t.mono {
            let sign = m < 0 ? "-" : "+"
            let u = m.magnitude
            s += " m=" + sign + String(u / 1_000_000_000) + "." + pad(Int(u % 1_000_000_000), 9)
        }
        return s
    }

    // MARK: Parse

    /// `time.ParseInLocation(layout, value, loc)`, with `local` standing for time.Local.
    static func parse(
        _ layoutString: String, _ valueString: String, in defaultLoc: GoLocation,
        local: GoLocation = .local
    ) -> Result<GoTime, GoError> {
        let alayout = layoutString, avalue = valueString
        var layout = Array(layoutString.utf8)[...]
        var value = Array(valueString.utf8)[...]
        func str(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }
        func perr(_ layoutElem: ArraySlice<UInt8>, _ valueElem: ArraySlice<UInt8>, _ msg: String) -> Result<GoTime, GoError> {
            if msg.isEmpty {
                return .failure(
                    GoError(
                        "parsing time " + GoTime.goQuote(avalue) + " as " + GoTime.goQuote(alayout)
                            + ": cannot parse " + GoTime.goQuote(str(valueElem)) + " as " + GoTime.goQuote(str(layoutElem))))
            }
            return .failure(GoError("parsing time " + GoTime.goQuote(avalue) + msg))
        }
        var rangeErr = ""
        var amSet = false, pmSet = false
        var year = 0, month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0
        var z: GoLocation?
        var zoneOffset = -1
        var zoneName = ""

        while true {
            let (prefix, stdOpt, suffix) = nextChunk(layout)
            let stdstr = layout[prefix.endIndex..<suffix.startIndex]
            guard let rest = skip(value, prefix) else {
                return perr(prefix, skipFailure(value, prefix), "")
            }
            value = rest
            guard let std = stdOpt else {
                if !value.isEmpty { return perr([], value, ": extra text: " + GoTime.goQuote(str(value))) }
                break
            }
            layout = suffix
            let hold = value
            var bad = false
            switch std {
            case .year:
                guard value.count >= 2, let y = atoi(value.prefix(2)) else { bad = true; break }
                value = value.dropFirst(2)
                year = y >= 69 ? y + 1900 : y + 2000
            case .longYear:
                guard value.count >= 4, isDigit(value, value.startIndex), let y = atoi(value.prefix(4)) else { bad = true; break }
                value = value.dropFirst(4)
                year = y
            case .month, .longMonth:
                let tab = std == .month ? shortMonths : longMonths
                guard let (i, r) = lookup(tab, value) else { bad = true; break }
                month = i + 1; value = r
            case .numMonth, .zeroMonth:
                guard let (n, r) = getnum(value, fixed: std == .zeroMonth) else { bad = true; break }
                month = n; value = r
                if month <= 0 || month > 12 { rangeErr = "month" }
            case .weekDay, .longWeekDay:
                guard let (_, r) = lookup(std == .weekDay ? shortDays : longDays, value) else { bad = true; break }
                value = r
            case .day, .underDay, .zeroDay:
                if std == .underDay, value.first == UInt8(ascii: " ") { value = value.dropFirst() }
                guard let (n, r) = getnum(value, fixed: std == .zeroDay) else { bad = true; break }
                day = n; value = r
            case .underYearDay, .zeroYearDay:
                for _ in 0..<2 where std == .underYearDay && value.first == UInt8(ascii: " ") { value = value.dropFirst() }
                guard let (n, r) = getnum3(value, fixed: std == .zeroYearDay) else { bad = true; break }
                yday = n; value = r
            case .hour:
                guard let (n, r) = getnum(value, fixed: false) else { bad = true; break }
                hour = n; value = r
                if hour < 0 || hour >= 24 { rangeErr = "hour" }
            case .hour12, .zeroHour12:
                guard let (n, r) = getnum(value, fixed: std == .zeroHour12) else { bad = true; break }
                hour = n; value = r
                if hour < 0 || hour > 12 { rangeErr = "hour" }
            case .minute, .zeroMinute:
                guard let (n, r) = getnum(value, fixed: std == .zeroMinute) else { bad = true; break }
                min = n; value = r
                if min < 0 || min >= 60 { rangeErr = "minute" }
            case .second, .zeroSecond:
                guard let (n, r) = getnum(value, fixed: std == .zeroSecond) else { bad = true; break }
                sec = n; value = r
                if sec < 0 || sec >= 60 { rangeErr = "second"; break }
                if value.count >= 2, isCommaOrPeriod(value.first), isDigit(value, value.startIndex + 1) {
                    if case .frac = nextChunk(layout).std { break }
                    var n = 2
                    while n < value.count && isDigit(value, value.startIndex + n) { n += 1 }
                    switch parseNanoseconds(value, n) {
                    case .ok(let ns): nsec = ns
                    case .range: rangeErr = "fractional second"
                    case .bad: bad = true
                    }
                    value = value.dropFirst(n)
                }
            case .pm, .lowerPM:
                guard value.count >= 2 else { bad = true; break }
                let p = str(value.prefix(2))
                value = value.dropFirst(2)
                if p == (std == .pm ? "PM" : "pm") { pmSet = true } else if p == (std == .pm ? "AM" : "am") { amSet = true } else { bad = true }
            case .iso8601TZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ColonSecondsTZ,
                .numTZ, .numShortTZ, .numColonTZ, .numSecondsTZ, .numColonSecondsTZ:
                let iso = [Std.iso8601TZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ColonSecondsTZ].contains(std)
                if iso, value.first == UInt8(ascii: "Z") {
                    value = value.dropFirst()
                    z = .utc
                    break
                }
                let v = Array(value)
                var sign: UInt8 = 0, hh: [UInt8] = [], mm: [UInt8] = [], ss: [UInt8] = [48, 48]
                var consumed = 0
                switch std {
                case .iso8601ColonTZ, .numColonTZ:
                    guard v.count >= 6, v[3] == UInt8(ascii: ":") else { bad = true; break }
                    sign = v[0]; hh = Array(v[1..<3]); mm = Array(v[4..<6]); consumed = 6
                case .numShortTZ, .iso8601ShortTZ:
                    guard v.count >= 3 else { bad = true; break }
                    sign = v[0]; hh = Array(v[1..<3]); mm = [48, 48]; consumed = 3
                case .iso8601ColonSecondsTZ, .numColonSecondsTZ:
                    guard v.count >= 9, v[3] == UInt8(ascii: ":"), v[6] == UInt8(ascii: ":") else { bad = true; break }
                    sign = v[0]; hh = Array(v[1..<3]); mm = Array(v[4..<6]); ss = Array(v[7..<9]); consumed = 9
                case .iso8601SecondsTZ, .numSecondsTZ:
                    guard v.count >= 7 else { bad = true; break }
                    sign = v[0]; hh = Array(v[1..<3]); mm = Array(v[3..<5]); ss = Array(v[5..<7]); consumed = 7
                default:
                    guard v.count >= 5 else { bad = true; break }
                    sign = v[0]; hh = Array(v[1..<3]); mm = Array(v[3..<5]); consumed = 5
                }
                if bad { break }
                value = value.dropFirst(consumed)
                guard let (hr, _) = getnum(hh[...], fixed: true), let (mi, _) = getnum(mm[...], fixed: true),
                    let (se, _) = getnum(ss[...], fixed: true)
                else { bad = true; break }
                if hr > 24 { rangeErr = "time zone offset hour" }
                if mi > 60 { rangeErr = "time zone offset minute" }
                if se > 60 { rangeErr = "time zone offset second" }
                zoneOffset = (hr * 60 + mi) * 60 + se
                if sign == UInt8(ascii: "-") { zoneOffset = -zoneOffset } else if sign != UInt8(ascii: "+") { bad = true }
            case .tz:
                if value.count >= 3, str(value.prefix(3)) == "UTC" {
                    z = .utc
                    value = value.dropFirst(3)
                    break
                }
                guard let n = parseTimeZone(value) else { bad = true; break }
                zoneName = str(value.prefix(n))
                value = value.dropFirst(n)
            case .frac(let digits, let trim, _):
                if !trim {
                    let ndigit = 1 + digits
                    guard value.count >= ndigit else { bad = true; break }
                    switch parseNanoseconds(value, ndigit) {
                    case .ok(let ns): nsec = ns
                    case .range: rangeErr = "fractional second"
                    case .bad: bad = true
                    }
                    value = value.dropFirst(ndigit)
                } else {
                    guard value.count >= 2, isCommaOrPeriod(value.first), isDigit(value, value.startIndex + 1) else { break }
                    var i = 0
                    while i + 1 < value.count && isDigit(value, value.startIndex + i + 1) { i += 1 }
                    switch parseNanoseconds(value, 1 + i) {
                    case .ok(let ns): nsec = ns
                    case .range: rangeErr = "fractional second"
                    case .bad: bad = true
                    }
                    value = value.dropFirst(1 + i)
                }
            }
            if !rangeErr.isEmpty { return perr(stdstr, value, ": " + rangeErr + " out of range") }
            if bad { return perr(stdstr, hold, "") }
        }
        if pmSet && hour < 12 { hour += 12 } else if amSet && hour == 12 { hour = 0 }

        if yday >= 0 {
            var d = 0, m = 0
            if GoTime.isLeap(year) {
                if yday == 31 + 29 { m = 2; d = 29 } else if yday > 31 + 29 { yday -= 1 }
            }
            if yday < 1 || yday > 365 { return perr([], value, ": day-of-year out of range") }
            if m == 0 {
                m = (yday - 1) / 31 + 1
                if GoTime.daysBefore(month: m + 1, year: 2001) < yday { m += 1 }
                d = yday - GoTime.daysBefore(month: m, year: 2001)
            }
            if month >= 0 && month != m { return perr([], value, ": day-of-year does not match month") }
            month = m
            if day >= 0 && day != d { return perr([], value, ": day-of-year does not match day") }
            day = d
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }
        if day < 1 || day > GoTime.daysIn(month: month, year: year) {
            return perr([], value, ": day out of range")
        }
        if let z {
            return .success(GoTime.date(year: year, month: month, day: day, hour: hour, min: min, sec: sec, nsec: nsec, loc: z))
        }
        if zoneOffset != -1 {
            var t = GoTime.date(year: year, month: month, day: day, hour: hour, min: min, sec: sec, nsec: nsec, loc: .utc)
            t.sec -= Int64(zoneOffset)
            let lz = local.lookup(t.sec)
            if lz.offset == zoneOffset && (zoneName.isEmpty || lz.name == zoneName) {
                t.loc = local
                return .success(t)
            }
            t.loc = .fixed(zoneName, zoneOffset)
            return .success(t)
        }
        if !zoneName.isEmpty {
            var t = GoTime.date(year: year, month: month, day: day, hour: hour, min: min, sec: sec, nsec: nsec, loc: .utc)
            if let off = local.lookupName(zoneName, unix: t.sec) {
                t.sec -= Int64(off)
                t.loc = local
                return .success(t)
            }
            var offset = 0
            if zoneName.count > 3, zoneName.hasPrefix("GMT") { offset = (atoi(Array(zoneName.utf8).dropFirst(3)) ?? 0) * 3600 }
            t.loc = .fixed(zoneName, offset)
            return .success(t)
        }
        return .success(GoTime.date(year: year, month: month, day: day, hour: hour, min: min, sec: sec, nsec: nsec, loc: defaultLoc))
    }

    private static func isCommaOrPeriod(_ c: UInt8?) -> Bool { c == UInt8(ascii: ".") || c == UInt8(ascii: ",") }

    /// Go's skip: the value after the literal prefix, or nil on mismatch.
    private static func skip(_ v: ArraySlice<UInt8>, _ p: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var v = v, p = p
        while let c = p.first {
            if c == UInt8(ascii: " ") {
                if let f = v.first, f != UInt8(ascii: " ") { return nil }
                while p.first == UInt8(ascii: " ") { p = p.dropFirst() }
                while v.first == UInt8(ascii: " ") { v = v.dropFirst() }
                continue
            }
            guard v.first == c else { return nil }
            p = p.dropFirst(); v = v.dropFirst()
        }
        return v
    }

    /// The value where skip stopped (Go reports the partially consumed value).
    private static func skipFailure(_ v: ArraySlice<UInt8>, _ p: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var v = v, p = p
        while let c = p.first {
            if c == UInt8(ascii: " ") {
                if let f = v.first, f != UInt8(ascii: " ") { return v }
                while p.first == UInt8(ascii: " ") { p = p.dropFirst() }
                while v.first == UInt8(ascii: " ") { v = v.dropFirst() }
                continue
            }
            guard v.first == c else { return v }
            p = p.dropFirst(); v = v.dropFirst()
        }
        return v
    }

    private static func atoi(_ s: ArraySlice<UInt8>) -> Int? {
        var s = s, neg = false
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { neg = c == UInt8(ascii: "-"); s = s.dropFirst() }
        guard !s.isEmpty, s.allSatisfy({ $0 >= 48 && $0 <= 57 }), s.count < 19 else { return nil }
        let v = s.reduce(0) { $0 * 10 + Int($1 - 48) }
        return neg ? -v : v
    }

    private static func getnum(_ s: ArraySlice<UInt8>, fixed: Bool) -> (Int, ArraySlice<UInt8>)? {
        guard isDigit(s, s.startIndex) else { return nil }
        if !isDigit(s, s.startIndex + 1) {
            if fixed { return nil }
            return (Int(s[s.startIndex] - 48), s.dropFirst())
        }
        return (Int(s[s.startIndex] - 48) * 10 + Int(s[s.startIndex + 1] - 48), s.dropFirst(2))
    }

    private static func getnum3(_ s: ArraySlice<UInt8>, fixed: Bool) -> (Int, ArraySlice<UInt8>)? {
        var n = 0, i = 0
        while i < 3 && isDigit(s, s.startIndex + i) { n = n * 10 + Int(s[s.startIndex + i] - 48); i += 1 }
        if i == 0 || (fixed && i != 3) { return nil }
        return (n, s.dropFirst(i))
    }

    private static func lookup(_ tab: [String], _ v: ArraySlice<UInt8>) -> (Int, ArraySlice<UInt8>)? {
        for (i, name) in tab.enumerated() {
            let n = Array(name.utf8)
            if v.count >= n.count && zip(v.prefix(n.count), n).allSatisfy({ lowerASCII($0) == lowerASCII($1) }) {
                return (i, v.dropFirst(n.count))
            }
        }
        return nil
    }

    private static func lowerASCII(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }

    enum NanoResult {
        case ok(Int)
        case range
        case bad
    }

    private static func parseNanoseconds(_ value: ArraySlice<UInt8>, _ nbytes: Int) -> NanoResult {
        guard isCommaOrPeriod(value.first) else { return .bad }
        let n = Swift.min(nbytes, 10)
        guard var ns = atoi(value.dropFirst().prefix(n - 1)) else { return .bad }
        if ns < 0 { return .range }
        for _ in 0..<(10 - n) { ns *= 10 }
        return .ok(ns)
    }

    /// Go's parseTimeZone: the length of a zone abbreviation at the start of the value.
    private static func parseTimeZone(_ v: ArraySlice<UInt8>) -> Int? {
        guard v.count >= 3 else { return nil }
        let s = String(decoding: v.prefix(4), as: UTF8.self)
        if v.count >= 4 && (s == "ChST" || s == "MeST") { return 4 }
        if s.hasPrefix("GMT") {
            let rest = v.dropFirst(3)
            if rest.isEmpty { return 3 }
            return 3 + signedOffset(rest)
        }
        if v.first == UInt8(ascii: "+") || v.first == UInt8(ascii: "-") {
            let n = signedOffset(v)
            return n > 0 ? n : nil
        }
        var nUpper = 0
        while nUpper < 6 && nUpper < v.count {
            let c = v[v.startIndex + nUpper]
            if c < 65 || c > 90 { break }
            nUpper += 1
        }
        switch nUpper {
        case 5: return v[v.startIndex + 4] == UInt8(ascii: "T") ? 5 : nil
        case 4: return v[v.startIndex + 3] == UInt8(ascii: "T") || s == "WITA" ? 4 : nil
        case 3: return 3
        default: return nil
        }
    }

    private static func signedOffset(_ v: ArraySlice<UInt8>) -> Int {
        guard let sign = v.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") else { return 0 }
        var x = 0, i = v.startIndex + 1
        while i < v.endIndex, v[i] >= 48, v[i] <= 57 {
            x = x * 10 + Int(v[i] - 48)
            if x > 1 << 40 { return 0 }
            i += 1
        }
        if i == v.startIndex + 1 || x > 23 { return 0 }
        return i - v.startIndex
    }
}
