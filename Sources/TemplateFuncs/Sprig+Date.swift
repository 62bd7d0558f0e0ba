// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

/// A Go `time.Time` as templates see it: prints through `String()`, with Go's methods.
struct TimeObject: GoObject {
    var time: GoTime

    static let goType: GoType = .named("time.Time", underlying: .structure)

    var goTypeName: String { "time.Time" }
    var fields: [(name: String, value: Value)] { [] }
    var stringer: String? { GoTimeLayout.string(time) }
    /// Go's `Time.GoString` (`%#v`): `time.Date(2024, time.March, 5, 0, 0, 0, 0, time.Local)`.
    var goStringer: String? {
        let f = time.fields
        let loc: String
        if time.loc.isLocal {
            loc = "time.Local"
        } else if time.loc.isUTC {
            loc = "time.UTC"
        } else {
            loc = "time.Location(\(GoStrconv.quote(time.loc.name)))"
        }
        let month = (1...12).contains(f.month) ? "time." + GoTimeLayout.longMonths[f.month - 1] : String(f.month)
        return "time.Date(\(f.year), \(month), \(f.day), \(f.hour), \(f.minute), \(f.second), \(time.nsec), \(loc))"
    }

    func method(_ name: String) -> GoMethod? {
        let t = time
        let f = t.fields
        func int(_ v: Int) -> GoMethod { GoMethod(params: []) { _ in .goInt(v) } }
        let timeParam = GoParam.exact(Self.goType)
        switch name {
        case "Unix": return GoMethod(params: []) { _ in .int64(Int(t.sec)) }
        case "UnixMilli": return GoMethod(params: []) { _ in .int64(Int(t.sec) &* 1000 &+ t.nsec / 1_000_000) }
        case "UnixMicro": return GoMethod(params: []) { _ in .int64(Int(t.sec) &* 1_000_000 &+ t.nsec / 1000) }
        case "UnixNano": return GoMethod(params: []) { _ in .int64(Int(t.sec) &* 1_000_000_000 &+ t.nsec) }
        case "Year": return int(f.year)
        case "Month": return GoMethod(params: []) { _ in .object(NamedIntObject(typeName: "time.Month", text: GoTimeLayout.longMonths[f.month - 1])) }
        case "Weekday": return GoMethod(params: []) { _ in .object(NamedIntObject(typeName: "time.Weekday", text: GoTimeLayout.longDays[f.weekday])) }
        case "Day": return int(f.day)
        case "Hour": return int(f.hour)
        case "Minute": return int(f.minute)
        case "Second": return int(f.second)
        case "Nanosecond": return int(t.nsec)
        case "YearDay": return int(f.yday)
        case "IsZero": return GoMethod(params: []) { _ in .bool(t.isZero) }
        case "String": return GoMethod(params: []) { _ in .string(GoTimeLayout.string(t)) }
        case "Format": return GoMethod(params: [.string]) { a in .string(GoTimeLayout.format(t, a[0].stringValue ?? "")) }
        case "UTC": return GoMethod(params: []) { _ in .object(TimeObject(time: t.in(.utc))) }
        case "Local": return GoMethod(params: []) { _ in .object(TimeObject(time: t.in(.local))) }
        case "AddDate":
            return GoMethod(params: [.int, .int, .int]) { a in
                let n = a.map { if case .int(let i, _) = $0 { return i } else { return 0 } }
                let base = GoTime.date(
                    year: f.year + n[0], month: f.month + n[1], day: f.day + n[2], hour: f.hour,
                    min: f.minute, sec: f.second, nsec: t.nsec, loc: t.loc)
                return .object(TimeObject(time: base))
            }
        case "Before", "After", "Equal", "Compare":
            return GoMethod(params: [timeParam]) { a in
                guard case .object(let o) = a[0], let u = (o as? TimeObject)?.time else { return .bool(false) }
                let c = t.sec != u.sec ? (t.sec < u.sec ? -1 : 1) : (t.nsec != u.nsec ? (t.nsec < u.nsec ? -1 : 1) : 0)
                switch name {
                case "Before": return .bool(c < 0)
                case "After": return .bool(c > 0)
                case "Equal": return .bool(c == 0)
                default: return .goInt(c)
                }
            }
        default: return nil
        }
    }
}

/// A named Go integer type with a String method (`time.Month`, `time.Weekday`), printed by name.
struct NamedIntObject: GoObject {
    var typeName: String
    var text: String
    var goTypeName: String { typeName }
    var fields: [(name: String, value: Value)] { [] }
    var stringer: String? { text }
}

extension Sprig {
    static let timeParam = GoParam.exact(TimeObject.goType)

    /// Sprig's date functions, with Go's time formatting, parsing and durations.
    static func registerDate(into t: inout FunctionTable) {
        t.register("now", GoFunction([]) { _ in .object(TimeObject(time: .now())) })
        t.register(
            "date",
            GoFunction([.string, .any]) { a in
                .string(dateInZone(a[0].stringValue ?? "", a[1], "Local"))
            })
        let inZone = GoFunction([.string, .any, .string]) { a in
            .string(dateInZone(a[0].stringValue ?? "", a[1], a[2].stringValue ?? ""))
        }
        t.register("dateInZone", inZone)
        t.register("date_in_zone", inZone)
        t.register("htmlDate", GoFunction([.any]) { a in .string(dateInZone("2006-01-02", a[0], "Local")) })
        t.register(
            "htmlDateInZone",
            GoFunction([.any, .string]) { a in
                .string(dateInZone("2006-01-02", a[0], a[1].stringValue ?? ""))
            })
        let modify = GoFunction([.string, timeParam]) { a in
            guard let tm = time(a[1]) else { return a[1] }
            guard case .success(let d) = GoTime.parseDuration(a[0].stringValue ?? "") else { return a[1] }
            return .object(TimeObject(time: tm.adding(d)))
        }
        t.register("dateModify", modify)
        t.register("date_modify", modify)
        let mustModify = GoFunction([.string, timeParam]) { a throws(GoError) in
            guard let tm = time(a[1]) else { return a[1] }
            switch GoTime.parseDuration(a[0].stringValue ?? "") {
            case .success(let d): return .object(TimeObject(time: tm.adding(d)))
            case .failure(let e): throw e
            }
        }
        t.register("mustDateModify", mustModify)
        t.register("must_date_modify", mustModify)
        t.register(
            "toDate",
            GoFunction([.string, .string]) { a in
                switch GoTimeLayout.parse(a[0].stringValue ?? "", a[1].stringValue ?? "", in: .local) {
                case .success(let tm): return .object(TimeObject(time: tm))
                case .failure: return .object(TimeObject(time: .zero))
                }
            })
        t.register(
            "mustToDate",
            GoFunction([.string, .string]) { a throws(GoError) in
                switch GoTimeLayout.parse(a[0].stringValue ?? "", a[1].stringValue ?? "", in: .local) {
                case .success(let tm): return .object(TimeObject(time: tm))
                case .failure(let e): throw e
                }
            })
        t.register(
            "unixEpoch",
            GoFunction([timeParam]) { a in
                .string(String(time(a[0])?.sec ?? 0))
            })
        t.register(
            "ago",
            GoFunction([.any]) { a in
                let tm: GoTime
                switch a[0] {
                case .object(let o as TimeObject): tm = o.time
                case .int(let i, .int64), .int(let i, .int): tm = .unix(Int64(i))
                default: tm = .now()
                }
                let since = GoTime.now().sub(tm)
                return .string(GoTime.durationString(GoTime.durationRound(since, 1_000_000_000)))
            })
        t.register(
            "duration",
            GoFunction([.any]) { a in
                var n: Int64 = 0
                switch a[0] {
                case .string(let s): n = parseInt64(s) ?? 0
                case .int(let i, .int64): n = Int64(i)
                default: n = 0
                }
                return .string(GoTime.durationString(n &* 1_000_000_000))
            })
        t.register(
            "durationRound",
            GoFunction([.any]) { a in
                var d: Int64 = 0
                switch a[0] {
                case .string(let s): if case .success(let v) = GoTime.parseDuration(s) { d = v }
                case .int(let i, .int64): d = Int64(i)
                case .object(let o as TimeObject): d = GoTime.now().sub(o.time)
                default: d = 0
                }
                return .string(durationRound(d))
            })
    }

    static func time(_ v: Value) -> GoTime? {
        if case .object(let o as TimeObject) = v { return o.time }
        return nil
    }

    /// strconv.ParseInt(s, 10, 64), nil on any error.
    static func parseInt64(_ s: String) -> Int64? {
        var t = Substring(s)
        var neg = false
        if t.first == "+" || t.first == "-" { neg = t.first == "-"; t = t.dropFirst() }
        guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        guard let m = UInt64(t) else { return nil }
        if neg { return m <= UInt64(1) << 63 ? Int64(bitPattern: 0 &- m) : nil }
        return m <= UInt64(Int64.max) ? Int64(m) : nil
    }

    /// Sprig's dateInZone: times as they are, int/int32/int64 as Unix seconds, anything else now.
    static func dateInZone(_ layout: String, _ date: Value, _ zone: String) -> String {
        let tm: GoTime
        switch date {
        case .object(let o as TimeObject): tm = o.time
        case .int(let i, .int64), .int(let i, .int), .int(let i, .int32): tm = .unix(Int64(i))
        default: tm = .now()
        }
        let loc = GoLocation.load(zone) ?? .utc
        return GoTimeLayout.format(tm.in(loc), layout)
    }

    /// Sprig's durationRound: the largest whole unit (y, mo, d, h, m, s) strictly exceeded.
    static func durationRound(_ d: Int64) -> String {
        let u = d.magnitude
        let second: UInt64 = 1_000_000_000, minute = 60 * second, hour = 60 * minute
        let day = 24 * hour, month = 30 * day, year = 365 * day
        if u > year { return String(u / year) + "y" }
        if u > month { return String(u / month) + "mo" }
        if u > day { return String(u / day) + "d" }
        if u > hour { return String(u / hour) + "h" }
        if u > minute { return String(u / minute) + "m" }
        if u > second { return String(u / second) + "s" }
        return "0s"
    }
}
