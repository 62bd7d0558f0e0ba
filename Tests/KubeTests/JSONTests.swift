// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Kube
import Testing

@Suite struct JSONTests {
    @Test(arguments: [
        #"{"metadata":{"resourceVersion":"123","generation":9223372036854775807}}"#,
        #"{"a":[1,2.5,-3,1e10,true,false,null],"b":"x\"y\\z\n"}"#,
        #"[9007199254740993,{"z":1,"a":2}]"#,
        #"{"u":"é☃😀"}"#,
    ])
    func roundTrip(_ text: String) throws {
        #expect(try JSON.parse(text).text == text)
    }

    @Test(arguments: [
        ("{", "expected a member name"), (#"{"a":"#, "unexpected end of input"), (#"{"a":1,}"#, "expected a member name"), ("[01]", "leading zero in number"),
        ("tru", "invalid literal"), (#""\x""#, "invalid escape"), ("1 2", "unexpected data after the value"),
    ])
    func malformed(_ text: String, _ message: String) {
        #expect(throws: JSONError.self) { try JSON.parse(text) }
        do { _ = try JSON.parse(text) } catch { #expect(error.message == message) }
    }

    @Test func escapesAndLookups() throws {
        let j = try JSON.parse(#"{"s":"\u00e9\ud83d\ude00","m":{"n":{"k":"v"}},"i":42}"#)
        #expect(j["s"]?.string == "é😀")
        #expect(j[["m", "n", "k"]]?.string == "v")
        #expect(j["i"]?.int == 42)
        #expect(j.setting(path: ["m", "n", "k"], .string("w"))[["m", "n", "k"]]?.string == "w")
    }
}
