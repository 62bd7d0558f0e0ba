// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Chart
import GoRuntime
import Testing

/// Helm's --set parsing: the line, and the resulting values printed as Go's %v, or the error.
let strValsCases: [(line: String, mode: StrVals.Mode, expect: String)] = [
    ("name=value", .typed, "map[name:value]"),
    ("a=1,b=2", .typed, "map[a:1 b:2]"),
    ("a.b.c=x", .typed, "map[a:map[b:map[c:x]]]"),
    ("a[0]=x,a[1]=y", .typed, "map[a:[x y]]"),
    ("a[2]=z", .typed, "map[a:[<nil> <nil> z]]"),
    ("a={x,y,3}", .typed, "map[a:[x y 3]]"),
    ("a=", .typed, "map[a:]"),
    ("a=true,b=FALSE,c=null", .typed, "map[a:true b:false c:<nil>]"),
    ("a=0,b=01,c=-5,d=1.5", .typed, "map[a:0 b:01 c:-5 d:1.5]"),
    ("a=1", .string, "map[a:1]"),
    ("a\\.b=c", .typed, "map[a.b:c]"),
    ("a=b\\,c", .typed, "map[a:b,c]"),
    ("list[0].name=x,list[0].v=1", .typed, "map[list:[map[name:x v:1]]]"),
    ("m[0][1]=x", .typed, "map[m:[[<nil> x]]]"),
    ("name", .typed, "error: key \"name\" has no value"),
    ("a,b=c", .typed, "error: key \"a\" has no value (cannot end with ,)"),
    ("a[x]=1", .typed, "error: error parsing index: strconv.Atoi: parsing \"x\": invalid syntax"),
    ("a={x,y", .typed, "error: list must terminate with '}'"),
    ("a[-1]=1", .typed, "error: negative -1 index not allowed"),
]

@Test(arguments: strValsCases.indices)
func strVals(_ i: Int) {
    let c = strValsCases[i]
    var dest: [String: Value] = [:]
    do {
        try StrVals.parse(c.line, into: &dest, mode: c.mode)
        #expect(Value.dict(dest).goDescription == c.expect, "\(c.line)")
    } catch {
        #expect("error: " + error.message == c.expect, "\(c.line)")
    }
}

@Test func strValsIntegersAreInt64() throws {
    var dest: [String: Value] = [:]
    try StrVals.parse("n=3", into: &dest)
    #expect(dest["n"]?.goType?.name == "int64")
}
