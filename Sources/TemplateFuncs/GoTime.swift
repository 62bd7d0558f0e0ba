// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime

/// A Go time zone (`*time.Location`): its zones, transitions and POSIX TZ rule for times past the last
/// transition, read from the system's TZif files as Go's `time.LoadLocation` does.
struct GoLocation: Sendable {
    struct Zone: Sendable { var name: String; var offset: Int; var isDST: Bool }
    struct Transition: Sendable { var when: Int64; var index: Int }

    var name: String
    var zones: [Zone]
    var transitions: [Transition]
    var extend: String
    /// Whether this is `time.Local` itself (Go compares the pointer: `%#v` of a time says `time.Local`, even
    /// when Local is UTC).
    var isLocal = false

    static let alpha = Int64.min
    static let omega = Int64.max

    static let utc = GoLocation(name: "UTC", zones: [], transitions: [], extend: "")

    /// `time.FixedZone(name, offset)`.
    static func fixed(_ name: String, _ offset: Int) -> GoLocation {
        GoLocation(
            name: name, zones: [Zone(name: name, offset: offset, isDST: false)],
            transitions: [Transition(when: alpha, index: 0)], extend: "")
    }

    var isUTC: Bool { zones.isEmpty }

    /// `time.Local`, initialised from `TZ` and `/etc/localtime` as Go's initLocal does.
    static let local: GoLocation = {
        var loc = initialLocal()
        loc.isLocal = true
        return loc
    }()

    private static func initialLocal() -> GoLocation {
        let env = ProcessInfo.processInfo.environment
        var fallback = GoLocation.utc
        fallback.name = "UTC"
        guard let tzEnv = env["TZ"] else {
            if var z = loadFile("/etc/localtime", name: "Local") { z.name = "Local"; return z }
            return fallback
        }
        var tz = Substring(tzEnv)
        if tz.first == ":" { tz = tz.dropFirst() }
        if tz.first == "/" {
            if var z = loadFile(String(tz), name: String(tz)) {
                z.name = tz == "/etc/localtime" ? "Local" : String(tz)
                return z
            }
        } else if !tz.isEmpty && tz != "UTC" {
            if let z = loadZoneinfo(String(tz)) { return z }
        }
        return fallback
    }

    /// `time.LoadLocation(name)`: nil when Go would return an error.
    static func load(_ name: String) -> GoLocation? {
        if name == "" || name == "UTC" { return .utc }
        if name == "Local" { return local }
        // containsDotDot / absolute names are refused.
        if name.hasPrefix("/") || name.hasPrefix("\\") || name.split(separator: "/").contains("..") || name.contains("\\") {
            return nil
        }
        return loadZoneinfo(name)
    }

    private static func loadZoneinfo(_ name: String) -> GoLocation? {
        var dirs = ["/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo/"]
        if let zi = ProcessInfo.processInfo.environment["ZONEINFO"], !zi.isEmpty { dirs.insert(zi + "/", at: 0) }
        for d in dirs {
            if let z = loadFile(d + name, name: name) { return z }
        }
        return nil
    }

    private static func loadFile(_ path: String, name: String) -> GoLocation? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return parseTZif([UInt8](data), name: name)
    }

    /// Parses TZif data (version 1, 2 or 3), preferring the 64-bit block as Go does.
    static func parseTZif(_ b: [UInt8], name: String) -> GoLocation? {
        var p = 0
        func u32() -> Int? {
            guard p + 4 <= b.count else { return nil }
            defer { p += 4 }
            return Int(UInt32(b[p]) << 24 | UInt32(b[p + 1]) << 16 | UInt32(b[p + 2]) << 8 | UInt32(b[p + 3]))
        }
        func i32() -> Int64? { u32().map { Int64(Int32(bitPattern: UInt32($0))) } }
        func i64() -> Int64? {
            guard let hi = u32(), let lo = u32() else { return nil }
            return Int64(bitPattern: UInt64(hi) << 32 | UInt64(lo))
        }
        func header() -> (version: UInt8, counts: [Int])? {
            guard p + 20 <= b.count, b[p..<(p + 4)].elementsEqual("TZif".utf8) else { return nil }
            let v = b[p + 4]
            p += 20
            var c: [Int] = []
            for _ in 0..<6 { guard let x = u32() else { return nil }; c.append(x) }
            return (v, c)
        }
        guard var (version, counts) = header() else { return nil }
        var wide = false
        if version >= 0x32 {
            // Skip the 32-bit block.
            let (isut, isstd, leap, timecnt, typecnt, charcnt) = (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
            p += timecnt * 4 + timecnt + typecnt * 6 + charcnt + leap * 8 + isstd + isut
            guard let h = header() else { return nil }
            (version, counts) = h
            wide = true
        }
        let (isut, isstd, leap, timecnt, typecnt, charcnt) = (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
        var whens: [Int64] = []
        for _ in 0..<timecnt {
            guard let w = wide ? i64() : i32() else { return nil }
            whens.append(w)
        }
        guard p + timecnt <= b.count else { return nil }
        let idx = b[p..<(p + timecnt)].map { Int($0) }
        p += timecnt
        var raw: [(off: Int, dst: Bool, abbr: Int)] = []
        for _ in 0..<typecnt {
            guard let o = i32(), p + 2 <= b.count else { return nil }
            raw.append((Int(o), b[p] != 0, Int(b[p + 1])))
            p += 2
        }
        guard p + charcnt <= b.count else { return nil }
        let chars = Array(b[p..<(p + charcnt)])
        p += charcnt
        p += leap * (wide ? 12 : 8) + isstd + isut
        var extend = ""
        if wide, p < b.count, b[p] == 0x0A {
            let rest = b[(p + 1)...]
            if let nl = rest.firstIndex(of: 0x0A) { extend = String(decoding: b[(p + 1)..<nl], as: UTF8.self) }
        }
        var zones: [Zone] = []
        for r in raw {
            var end = r.abbr
            while end < chars.count && chars[end] != 0 { end += 1 }
            let abbr = r.abbr < chars.count ? String(decoding: chars[r.abbr..<end], as: UTF8.self) : ""
            zones.append(Zone(name: abbr, offset: r.off, isDST: r.dst))
        }
        guard !zones.isEmpty else { return nil }
        var tx: [Transition] = []
        for (w, i) in zip(whens, idx) where i < zones.count { tx.append(Transition(when: w, index: i)) }
        if tx.isEmpty { tx.append(Transition(when: alpha, index: 0)) }
        return GoLocation(name: name, zones: zones, transitions: tx, extend: extend)
    }

    /// Go's Location.lookup: the zone in effect at `sec` (Unix seconds) and the range it covers.
    func lookup(_ sec: Int64) -> (name: String, offset: Int, start: Int64, end: Int64, isDST: Bool) {
        if zones.isEmpty { return ("UTC", 0, Self.alpha, Self.omega, false) }
        if transitions.isEmpty || sec < transitions[0].when {
            let z = zones[lookupFirstZone()]
            return (z.name, z.offset, Self.alpha, transitions.first?.when ?? Self.omega, z.isDST)
        }
        var end = Self.omega
        var lo = 0, hi = transitions.count
        while hi - lo > 1 {
            let m = (lo + hi) / 2
            let lim = transitions[m].when
            if sec < lim { end = lim; hi = m } else { lo = m }
        }
        let z = zones[transitions[lo].index]
        let start = transitions[lo].when
        if lo == transitions.count - 1 && !extend.isEmpty,
            let r = GoTZRule.lookup(extend, lastTxSec: start, sec: sec)
        {
            return r
        }
        return (z.name, z.offset, start, end, z.isDST)
    }

    private func lookupFirstZone() -> Int {
        let firstUsed = transitions.contains { $0.index == 0 }
        if !firstUsed { return 0 }
        if let t0 = transitions.first, zones[t0.index].isDST {
            var zi = t0.index - 1
            while zi >= 0 { if !zones[zi].isDST { return zi }; zi -= 1 }
        }
        return zones.firstIndex { !$0.isDST } ?? 0
    }

    /// Go's Location.lookupName: the offset of a zone abbreviation in effect near `unix`.
    func lookupName(_ name: String, unix: Int64) -> Int? {
        for z in zones where z.name == name {
            let r = lookup(unix - Int64(z.offset))
            if r.name == z.name { return r.offset }
        }
        for z in zones where z.name == name { return z.offset }
        return nil
    }
}

/// POSIX TZ strings (the TZif footer), as Go's tzset evaluates them.
enum GoTZRule {
    static func lookup(_ s: String, lastTxSec: Int64, sec: Int64) -> (String, Int, Int64, Int64, Bool)? {
        var b = Substring(s)
        guard let stdName = name(&b), let stdOff0 = offset(&b) else { return nil }
        let stdOffset = -stdOff0
        if b.isEmpty || b.first == "," {
            return (stdName, stdOffset, lastTxSec, GoLocation.omega, false)
        }
        guard let dstName = name(&b) else { return nil }
        var dstOffset = stdOffset + 3600
        if !b.isEmpty && b.first != "," {
            guard let o = offset(&b) else { return nil }
            dstOffset = -o
        }
        if b.isEmpty { b = ",M3.2.0,M11.1.0" }
        guard b.first == "," else { return nil }
        b = b.dropFirst()
        guard var startRule = rule(&b), b.first == "," else { return nil }
        b = b.dropFirst()
        guard var endRule = rule(&b), b.isEmpty else { return nil }

        let (year, _, _, _, _, _, _) = GoTime.civil(unix: sec)
        let ysec0 = GoTime.unixFromCivil(year: year, month: 1, day: 1)
        let ysec = sec - ysec0
        // Rule times are local times; convert to UTC-relative seconds within the year.
        startRule.time -= stdOffset
        endRule.time -= dstOffset
        var startSec = Int64(ruleDay(year, startRule)) * 86400 + Int64(startRule.time)
        var endSec = Int64(ruleDay(year, endRule)) * 86400 + Int64(endRule.time)
        var dstIsDST = true, stdIsDST = false
        var sName = stdName, dName = dstName, sOff = stdOffset, dOff = dstOffset
        if endSec < startSec {
            swap(&startSec, &endSec)
            swap(&sName, &dName)
            swap(&sOff, &dOff)
            swap(&stdIsDST, &dstIsDST)
        }
        let yearEnd = GoTime.unixFromCivil(year: year + 1, month: 1, day: 1) - ysec0
        if ysec < startSec {
            return (sName, sOff, ysec0, startSec + ysec0, stdIsDST)
        } else if ysec >= endSec {
            return (sName, sOff, endSec + ysec0, yearEnd + ysec0, stdIsDST)
        } else {
            return (dName, dOff, startSec + ysec0, endSec + ysec0, dstIsDST)
        }
    }

    struct Rule { var kind: Character; var day = 0, week = 0, mon = 0; var time = 7200 }

    private static func name(_ b: inout Substring) -> String? {
        if b.first == "<" {
            guard let close = b.firstIndex(of: ">") else { return nil }
            let n = String(b[b.index(after: b.startIndex)..<close])
            b = b[b.index(after: close)...]
            return n
        }
        var n = ""
        while let c = b.first, c.isLetter { n.append(c); b = b.dropFirst() }
        return n.count >= 3 ? n : nil
    }

    private static func num(_ b: inout Substring) -> Int? {
        var v = 0, any = false
        while let c = b.first, let d = c.wholeNumberValue, c.isASCII { v = v * 10 + d; any = true; b = b.dropFirst() }
        return any ? v : nil
    }

    /// `[+-]hh[:mm[:ss]]` in seconds.
    private static func offset(_ b: inout Substring) -> Int? {
        var neg = false
        if b.first == "+" { b = b.dropFirst() } else if b.first == "-" { neg = true; b = b.dropFirst() }
        guard let h = num(&b) else { return nil }
        var s = h * 3600
        if b.first == ":" {
            b = b.dropFirst(); guard let m = num(&b) else { return nil }; s += m * 60
            if b.first == ":" { b = b.dropFirst(); guard let x = num(&b) else { return nil }; s += x }
        }
        return neg ? -s : s
    }

    private static func rule(_ b: inout Substring) -> Rule? {
        var r: Rule
        if b.first == "J" {
            b = b.dropFirst(); guard let d = num(&b) else { return nil }
            r = Rule(kind: "J"); r.day = d
        } else if b.first == "M" {
            b = b.dropFirst()
            guard let m = num(&b), b.first == "." else { return nil }
            b = b.dropFirst(); guard let w = num(&b), b.first == "." else { return nil }
            b = b.dropFirst(); guard let d = num(&b) else { return nil }
            r = Rule(kind: "M"); r.mon = m; r.week = w; r.day = d
        } else {
            guard let d = num(&b) else { return nil }
            r = Rule(kind: "D"); r.day = d
        }
        if b.first == "/" {
            b = b.dropFirst()
            guard let t = offset(&b) else { return nil }
            r.time = t
        }
        return r
    }

    /// Day of the year (0-based) a rule names.
    private static func ruleDay(_ year: Int, _ r: Rule) -> Int {
        switch r.kind {
        case "J":
            var d = r.day - 1
            if GoTime.isLeap(year) && d >= 59 { d += 1 }
            return d
        case "D":
            return r.day
        default:
            let first = GoTime.daysBefore(month: r.mon, year: year)
            // Weekday of the first of the month.
            let dow = GoTime.weekday(unix: GoTime.unixFromCivil(year: year, month: r.mon, day: 1))
            var d = r.day - dow
            if d < 0 { d += 7 }
            for _ in 1..<r.week {
                if d + 7 >= GoTime.daysIn(month: r.mon, year: year) { break }
                d += 7
            }
            return first + d
        }
    }
}

/// A Go `time.Time`: an instant (Unix seconds and nanoseconds), its location, and whether it carries a
/// monotonic clock reading (only `time.Now` values do; they print an `m=±…` suffix).
struct GoTime: Sendable {
    var sec: Int64
    var nsec: Int
    var loc: GoLocation
    /// Monotonic reading in nanoseconds since the process started, when present.
    var mono: Int64?

    /// Unix seconds of Go's zero time, January 1, year 1, 00:00:00 UTC.
    static let zeroUnix: Int64 = -62_135_596_800
    static let zero = GoTime(sec: zeroUnix, nsec: 0, loc: .utc, mono: nil)

    static let processStart = Date()

    /// `time.Now()`, in the local zone, with a monotonic reading.
    static func now() -> GoTime {
        let d = Date()
        let t = d.timeIntervalSince1970
        var s = Int64(t.rounded(.down))
        var ns = Int(((t - Double(s)) * 1e9).rounded())
        if ns >= 1_000_000_000 { s += 1; ns -= 1_000_000_000 }
        let mono = Int64((d.timeIntervalSince(processStart) * 1e9).rounded())
        return GoTime(sec: s, nsec: ns, loc: .local, mono: Swift.max(1, mono))
    }

    /// `time.Unix(sec, 0)` in the local zone.
    static func unix(_ s: Int64) -> GoTime { GoTime(sec: s, nsec: 0, loc: .local, mono: nil) }

    var isZero: Bool { sec == Self.zeroUnix && nsec == 0 }

    /// `t.In(loc)` (drops the monotonic reading).
    func `in`(_ l: GoLocation) -> GoTime { GoTime(sec: sec, nsec: nsec, loc: l, mono: nil) }

    /// `t.Add(d)`.
    func adding(_ d: Int64) -> GoTime {
        var s = sec &+ d / 1_000_000_000
        var ns = nsec + Int(d % 1_000_000_000)
        if ns >= 1_000_000_000 { s &+= 1; ns -= 1_000_000_000 } else if ns < 0 { s &-= 1; ns += 1_000_000_000 }
        return GoTime(sec: s, nsec: ns, loc: loc, mono: mono.map { $0 &+ d })
    }

    /// `t.Sub(u)`, saturating as Go does.
    func sub(_ u: GoTime) -> Int64 {
        if let a = mono, let b = u.mono { return a &- b }
        let ds = sec - u.sec
        let (m, o) = ds.multipliedReportingOverflow(by: 1_000_000_000)
        let (r, o2) = m.addingReportingOverflow(Int64(nsec - u.nsec))
        if o || o2 { return ds < 0 ? Int64.min : Int64.max }
        return r
    }

    /// Local wall-clock seconds (Unix seconds shifted by the zone offset) and the zone.
    var zoneInfo: (name: String, offset: Int) {
        let z = loc.lookup(sec)
        return (z.name, z.offset)
    }

    /// Civil fields in the time's own zone.
    var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, yday: Int, weekday: Int) {
        let local = sec + Int64(zoneInfo.offset)
        let (y, m, d, hh, mm, ss, yd) = Self.civil(unix: local)
        return (y, m, d, hh, mm, ss, yd, Self.weekday(unix: local))
    }

    // MARK: Calendar arithmetic

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysBefore(month m: Int, year y: Int) -> Int {
        var d = 0
        for i in 1..<Swift.max(1, m) { d += daysIn(month: i, year: y) }
        return d
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func unixFromCivil(year: Int, month: Int, day: Int) -> Int64 { days(year: year, month: month, day: day) * 86400 }

    /// Civil date and time of Unix seconds (UTC), with the 1-based day of the year.
    static func civil(unix s: Int64) -> (Int, Int, Int, Int, Int, Int, Int) {
        var z = s / 86400
        var rem = s % 86400
        if rem < 0 { rem += 86400; z -= 1 }
        z += 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        var y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        if m <= 2 { y += 1 }
        let yy = Int(y), mm = Int(m), dd = Int(d)
        let yday = daysBefore(month: mm, year: yy) + dd
        return (yy, mm, dd, Int(rem / 3600), Int(rem % 3600 / 60), Int(rem % 60), yday)
    }

    /// 0 = Sunday.
    static func weekday(unix s: Int64) -> Int {
        var d = s / 86400
        if s % 86400 < 0 { d -= 1 }
        let w = (d + 4) % 7
        return Int(w < 0 ? w + 7 : w)
    }

    /// `time.Date(...)` in a location, normalising out-of-range fields as Go does.
    static func date(year: Int, month: Int, day: Int, hour: Int, min: Int, sec: Int, nsec: Int, loc: GoLocation) -> GoTime {
        var m = month - 1, y = year
        y += m >= 0 ? m / 12 : (m - 11) / 12
        m -= (m >= 0 ? m / 12 : (m - 11) / 12) * 12
        var s = Int64(sec) + Int64(nsec / 1_000_000_000)
        var ns = nsec % 1_000_000_000
        if ns < 0 { ns += 1_000_000_000; s -= 1 }
        let base = days(year: y, month: m + 1, day: 1) + Int64(day - 1)
        var unix = base * 86400 + Int64(hour) * 3600 + Int64(min) * 60 + s
        let z = loc.lookup(unix)
        if z.offset != 0 {
            let utc = unix - Int64(z.offset)
            var off = z.offset
            if utc < z.start || utc >= z.end { off = loc.lookup(utc).offset }
            unix -= Int64(off)
        }
        return GoTime(sec: unix, nsec: ns, loc: loc, mono: nil)
    }

    // MARK: Durations

    /// Go's Duration.String().
    static func durationString(_ d: Int64) -> String {
        var u = d.magnitude
        let neg = d < 0
        var out = ""
        func frac(_ v: UInt64, _ prec: Int) -> (String, UInt64) {
            var v = v, s = "", printed = false
            for _ in 0..<prec {
                let digit = v % 10
                printed = printed || digit != 0
                if printed { s = String(digit) + s }
                v /= 10
            }
            return (printed ? "." + s : "", v)
        }
        if u < 1_000_000_000 {
            let unit: String, prec: Int
            if u == 0 { return "0s" }
            if u < 1000 { unit = "ns"; prec = 0 } else if u < 1_000_000 { unit = "µs"; prec = 3 } else { unit = "ms"; prec = 6 }
            let (f, rest) = frac(u, prec)
            out = String(rest) + f + unit
        } else {
            let (f, rest) = frac(u, 9)
            u = rest
            out = String(u % 60) + f + "s"
            u /= 60
            if u > 0 {
                out = String(u % 60) + "m" + out
                u /= 60
                if u > 0 { out = String(u) + "h" + out }
            }
        }
        return neg ? "-" + out : out
    }

    /// Go's Duration.Round(m): halfway values away from zero, saturating.
    static func durationRound(_ d: Int64, _ m: Int64) -> Int64 {
        if m <= 0 { return d }
        var r = d % m
        if d < 0 {
            r = -r
            if r + r < m { return d + r }
            let (v, o) = d.subtractingReportingOverflow(m - r)
            return o ? Int64.min : v
        }
        if r + r < m { return d - r }
        let (v, o) = d.addingReportingOverflow(m - r)
        return o ? Int64.max : v
    }

    /// Go's time.ParseDuration (GoRuntime's ``GoDuration/parse(_:)``); the error text on failure.
    static func parseDuration(_ orig: String) -> Result<Int64, GoError> {
        GoDuration.parse(orig).mapError { GoError($0.message) }
    }

    /// The time package's quote (``GoDuration/timeQuote(_:)``).
    static func goQuote(_ s: String) -> String { GoDuration.timeQuote(s) }
}
