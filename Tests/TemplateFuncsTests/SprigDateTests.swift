// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import TemplateFuncs

private let t0 = "(toDate \"2006-01-02T15:04:05Z07:00\" \"2024-03-05T07:08:09Z\")"

// Recorded with TZ=UTC, as these tests assume the local zone is UTC.
let dateCases: [RenderCase] = [
    RenderCase("{{ toDate \"2006-01-02T15:04:05Z07:00\" \"2024-03-05T07:08:09Z\" }}", "2024-03-05 07:08:09 +0000 UTC"),
    RenderCase("{{ toDate \"2006-01-02\" \"not a date\" }}", "0001-01-01 00:00:00 +0000 UTC"),
    RenderCase(
        "{{ mustToDate \"2006-01-02\" \"not a date\" }}",
        error:
            "template: t:1:3: executing \"t\" at <mustToDate \"2006-01-02\" \"not a date\">: error calling mustToDate: parsing time \"not a date\" as \"2006-01-02\": cannot parse \"not a date\" as \"2006\""
    ),
    RenderCase("{{ date \"2006-01-02 15:04:05\" \(t0) }}", "2024-03-05 07:08:09"),
    RenderCase("{{ date \"Mon Jan 2 2006 3:04PM\" \(t0) }}", "Tue Mar 5 2024 7:08AM"),
    RenderCase("{{ date \"2006-01-02T15:04:05Z07:00\" \(t0) }}", "2024-03-05T07:08:09Z"),
    RenderCase("{{ date \"2006-01-02 15:04 MST\" (toDate \"2006-01-02T15:04:05Z07:00\" \"2024-03-05T07:08:09+02:00\") }}", "2024-03-05 05:08 UTC"),
    RenderCase("{{ toDate \"2006-01-02T15:04:05Z07:00\" \"2024-03-05T07:08:09+02:00\" }}", "2024-03-05 07:08:09 +0200 +0200"),
    RenderCase("{{ dateInZone \"2006-01-02 15:04 MST\" \(t0) \"UTC\" }}", "2024-03-05 07:08 UTC"),
    RenderCase("{{ dateInZone \"2006-01-02 15:04 -0700\" \(t0) \"Asia/Tokyo\" }}", "2024-03-05 16:08 +0900"),
    RenderCase("{{ dateInZone \"2006-01-02 15:04 MST\" \(t0) \"Asia/Tokyo\" }}", "2024-03-05 16:08 JST"),
    RenderCase("{{ date_in_zone \"15:04 MST\" \(t0) \"America/New_York\" }}", "02:08 EST"),
    RenderCase("{{ dateInZone \"15:04 MST\" (toDate \"2006-01-02\" \"2024-07-01\") \"America/New_York\" }}", "20:00 EDT"),
    RenderCase("{{ dateInZone \"2006-01-02 15:04 MST\" \(t0) \"Not/AZone\" }}", "2024-03-05 07:08 UTC"),
    RenderCase("{{ date \"2006-01-02T15:04:05Z\" 86400 }}", "1970-01-02T00:00:00Z"),
    RenderCase("{{ date \"2006-01-02\" (int64 1700000000) }}", "2023-11-14"),
    RenderCase("{{ unixEpoch \(t0) }}", "1709622489"),
    RenderCase("{{ htmlDate \(t0) }}", "2024-03-05"),
    RenderCase("{{ htmlDateInZone \(t0) \"Asia/Tokyo\" }}", "2024-03-05"),
    RenderCase("{{ \(t0) | dateModify \"+1h30m\" | date \"15:04\" }}", "08:38"),
    RenderCase("{{ \(t0) | dateModify \"-48h\" | date \"2006-01-02\" }}", "2024-03-03"),
    RenderCase("{{ \(t0) | dateModify \"+1d\" | date \"2006-01-02\" }}", "2024-03-05"),
    RenderCase(
        "{{ \(t0) | mustDateModify \"bogus\" }}",
        error: "template: t:1:65: executing \"t\" at <mustDateModify \"bogus\">: error calling mustDateModify: time: invalid duration \"bogus\""),
    RenderCase(
        "{{ \(t0) | mustDateModify \"1x\" }}",
        error: "template: t:1:65: executing \"t\" at <mustDateModify \"1x\">: error calling mustDateModify: time: unknown unit \"x\" in duration \"1x\""),
    RenderCase(
        "{{ \(t0) | mustDateModify \"1\" }}",
        error: "template: t:1:65: executing \"t\" at <mustDateModify \"1\">: error calling mustDateModify: time: missing unit in duration \"1\""),
    RenderCase("{{ durationRound \"2h10m5s\" }}", "2h"),
    RenderCase("{{ durationRound \"45s\" }}", "45s"),
    RenderCase("{{ durationRound \"100h\" }}", "4d"),
    RenderCase("{{ durationRound \"9000h\" }}", "1y"),
    RenderCase("{{ durationRound \"-800h\" }}", "1mo"),
    RenderCase("{{ durationRound 3600000000000 }}", "0s"),
    RenderCase("{{ durationRound (int64 3600000000001) }}", "1h"),
    RenderCase("{{ duration \"3600\" }}", "1h0m0s"),
    RenderCase("{{ duration 3600 }}", "0s"),
    RenderCase("{{ duration (int64 3723) }}", "1h2m3s"),
    RenderCase("{{ duration \"-61\" }}", "-1m1s"),
    RenderCase("{{ (toDate \"2006-01-02T15:04:05Z07:00\" \"2024-03-05T07:08:09Z\").Format \"Jan 2\" }}", "Mar 5"),
    RenderCase("{{ \(t0).Year }} {{ \(t0).Month }} {{ \(t0).Weekday }} {{ \(t0).YearDay }} {{ \(t0).Unix }}", "2024 March Tuesday 65 1709622489"),
    RenderCase("{{ now | date \"2006\" | len }}", "4"),
    RenderCase("{{ ago (now) }}", "0s"),
]

@Test(arguments: dateCases)
func sprigDate(_ c: RenderCase) {
    let r = Render.check(c)
    #expect(r.got == r.want)
}

private func at(_ s: String) -> GoTime {
    switch GoTimeLayout.parse("2006-01-02T15:04:05.999999999Z07:00", s, in: .utc, local: .utc) {
    case .success(let t): return t
    case .failure: return .zero
    }
}

@Test(arguments: [
    ("2006-01-02T15:04:05.000Z07:00", "2024-03-05T07:08:09.120Z"),
    ("Monday, 02-Jan-06 15:04:05 MST", "Tuesday, 05-Mar-24 07:08:09 UTC"),
    ("Mon, 02 Jan 2006 15:04:05 -0700", "Tue, 05 Mar 2024 07:08:09 +0000"),
    ("Jan _2 15:04:05.000000", "Mar  5 07:08:09.120000"),
    ("3:04:05 pm", "7:08:09 am"),
    ("2006-01-02 15:04:05.999999999 -0700 MST", "2024-03-05 07:08:09.12 +0000 UTC"),
    ("January 2, 2006 at 03PM", "March 5, 2024 at 07AM"),
    ("06 002 __2 Z0700 -07", "24 065  65 Z +00"),
    ("2006-01-02T15:04:05,999", "2024-03-05T07:08:09,12"),
    ("Jan", "Mar"),
    ("Janet 1", "Janet 3"),
])
func formatLayouts(_ layout: String, _ want: String) {
    #expect(GoTimeLayout.format(at("2024-03-05T07:08:09.12Z"), layout) == want)
}

@Test(arguments: [
    ("2006-01-02", "2024-02-30", "parsing time \"2024-02-30\": day out of range"),
    ("2006-01-02", "2024-13-01", "parsing time \"2024-13-01\": month out of range"),
    ("2006-01-02", "2024-01-01x", "parsing time \"2024-01-01x\": extra text: \"x\""),
    ("2006-01-02 15:04", "2024-01-01 25:00", "parsing time \"2024-01-01 25:00\": hour out of range"),
    ("2006-01-02", "2024/01/01", "parsing time \"2024/01/01\" as \"2006-01-02\": cannot parse \"/01/01\" as \"-\""),
    ("Jan 2", "Foo 2", "parsing time \"Foo 2\" as \"Jan 2\": cannot parse \"Foo 2\" as \"Jan\""),
    ("01/02", "1/02", "parsing time \"1/02\" as \"01/02\": cannot parse \"1/02\" as \"01\""),
])
func parseErrors(_ layout: String, _ value: String, _ want: String) {
    switch GoTimeLayout.parse(layout, value, in: .utc, local: .utc) {
    case .success(let t): Issue.record("parsed \(GoTimeLayout.string(t))")
    case .failure(let e): #expect(e.message == want)
    }
}

@Test(arguments: [
    ("2006-01-02 15:04:05.999999999 -0700 MST", "2024-03-05 07:08:09.5 +0000 UTC", Int64(1_709_622_489), 500_000_000),
    ("2006-01-02T15:04:05Z07:00", "2024-03-05T07:08:09-05:30", 1_709_642_289, 0),
    ("02 Jan 06 15:04 MST", "05 Mar 24 07:08 PST", 1_709_622_480, 0),
    ("2006-01-02 15:04:05", "2024-03-05 07:08:09.25", 1_709_622_489, 250_000_000),
    ("2006 002", "2024 060", 1_709_164_800, 0),
    ("3:04PM 2006-01-02", "12:30AM 2024-03-05", 1_709_598_600, 0),
])
func parseValues(_ layout: String, _ value: String, _ sec: Int64, _ nsec: Int) {
    switch GoTimeLayout.parse(layout, value, in: .utc, local: .utc) {
    case .success(let t):
        #expect(t.sec == sec)
        #expect(t.nsec == nsec)
    case .failure(let e): Issue.record(Comment(rawValue: e.message))
    }
}

@Test(arguments: [
    (Int64(0), "0s"), (1, "1ns"), (1500, "1.5µs"), (1_500_000, "1.5ms"), (1_000_000_000, "1s"),
    (3_723_000_000_000, "1h2m3s"), (90_000_000_000, "1m30s"), (-5_400_000_000_000, "-1h30m0s"),
    (1_000_000_001, "1.000000001s"), (Int64.min, "-2562047h47m16.854775808s"),
])
func durationStrings(_ d: Int64, _ want: String) {
    #expect(GoTime.durationString(d) == want)
}

@Test(arguments: [
    ("-1h30m", Int64(-5_400_000_000_000)), ("1.5h", 5_400_000_000_000), ("300ms", 300_000_000), ("0", 0),
    ("+2us", 2000), ("1µs", 1000), (".5s", 500_000_000), ("1h1m1s1ms1us1ns", 3_661_001_001_001),
])
func parseDurations(_ s: String, _ want: Int64) {
    #expect((try? GoTime.parseDuration(s).get()) == want)
}

@Test(arguments: ["", "-", "1", ".s", "1.2.3s", "9223372036854775808ns", "1hh"])
func badDurations(_ s: String) {
    #expect((try? GoTime.parseDuration(s).get()) == nil)
}

@Test func monotonicSuffix() {
    let s = Render.output("{{ now }}")
    #expect(s.contains(" m=+"))
    #expect(s.count > 40)
}
