// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import TemplateFuncs

private let nums: [String: Value] = ["a": .float(7), "b": .float(2), "f": .float(2.5), "g": .float(-2.5), "s": .string("3")]

let mathCases: [RenderCase] = [
    RenderCase("{{ add .Values.a .Values.b }}", "9", values: nums),
    RenderCase("{{ add .Values.f .Values.f }}", "4", values: nums),
    RenderCase("{{ add \"3\" 4 }}", "7"),
    RenderCase("{{ add \"x\" 4 }}", "4"),
    RenderCase("{{ add nil 4 }}", "4"),
    RenderCase("{{ add true 1 }}", "2"),
    RenderCase("{{ add1 .Values.f }}", "3", values: nums),
    RenderCase("{{ sub 3 10 }}", "-7"),
    RenderCase("{{ sub \"10\" \"4\" }}", "6"),
    RenderCase("{{ mul 2 3 4 }}", "24"),
    RenderCase("{{ div -7 2 }}", "-3"),
    RenderCase("{{ div 7.9 2 }}", "3"),
    RenderCase("{{ mod -7 3 }}", "-1"),
    RenderCase("{{ mul 9223372036854775807 2 }}", "-2"),
    RenderCase("{{ add 9223372036854775807 1 }}", "-9223372036854775808"),
    RenderCase("{{ div -9223372036854775808 -1 }}", "-9223372036854775808"),
    RenderCase("{{ mod -9223372036854775808 -1 }}", "0"),
    RenderCase("{{ div 1 0 }}", error: "template: t:1:3: executing \"t\" at <div 1 0>: error calling div: runtime error: integer divide by zero"),
    RenderCase("{{ mod 1 0 }}", error: "template: t:1:3: executing \"t\" at <mod 1 0>: error calling mod: runtime error: integer divide by zero"),
    RenderCase("{{ min 4 -2 8 }}", "-2"),
    RenderCase("{{ max .Values.f 1 }}", "2", values: nums),
    RenderCase("{{ max 5 }}", "5"),
    RenderCase("{{ biggest 3 8 1 }}", "8"),
    RenderCase("{{ 5 | add 1 | mul 2 }}", "12"),
    RenderCase("{{ seq 5 }}", "1 2 3 4 5"),
    RenderCase("{{ seq 2 5 }}", "2 3 4 5"),
    RenderCase("{{ seq 0 3 10 }}", "0 3 6 9"),
    RenderCase("{{ seq 5 2 }}", "5 4 3 2"),
    RenderCase("{{ seq -2 }}", "1 0 -1 -2"),
    RenderCase("{{ seq 10 -3 1 }}", "10 7 4 1"),
    RenderCase("{{ seq 10 3 1 }}", ""),
    RenderCase("{{ seq 1 0 5 }}", ""),
    RenderCase("{{ seq }}", ""),
    RenderCase("{{ seq 1 2 3 4 }}", ""),
    RenderCase("{{ seq 1 }}", "1"),
    RenderCase("{{ untilStep 10 0 -4 }}", "[10 6 2]"),
    RenderCase("{{ untilStep 0 10 0 }}", "[]"),
    RenderCase("{{ randInt 5 6 }}", "5"),
    RenderCase("{{ randInt 5 5 }}", error: "template: t:1:3: executing \"t\" at <randInt 5 5>: error calling randInt: invalid argument to Intn"),
    RenderCase("{{ divf 1 0 }}", error: "template: t:1:3: executing \"t\" at <divf 1 0>: error calling divf: decimal division by 0"),
]

@Test(arguments: mathCases)
func sprigMath(_ c: RenderCase) {
    let r = Render.check(c)
    #expect(r.got == r.want)
}

/// Float results checked as float64 values (printing belongs to fmt).
let decimalCases: [(String, [Double], Double)] = [
    ("add", [0, 1.5, 2], 3.5),
    ("add", [0, 0.1, 0.2], 0.3),  // decimal, not 0.30000000000000004
    ("sub", [5, 1.5, 0.25], 3.25),
    ("mul", [1.5, 2, 3], 9),
    ("mul", [1000, 1000], 1e6),
    ("mul", [0.1, 3], 0.3),
    ("div", [7, 2], 3.5),
    ("div", [1, 3], 0.3333333333333333),
    ("div", [2, 3], 0.6666666666666667),
    ("div", [-2, 3], -0.6666666666666667),
    ("div", [20000, 3], 6666.6666666666666667),
    ("div", [1, 7], 0.1428571428571429),
    ("div", [1e20, 3], 33333333333333333333.3333333333333333),
    ("add", [1e300, 1e300], 2e300),
]

@Test(arguments: decimalCases.indices)
func decimalArithmetic(_ i: Int) throws {
    let (op, args, want) = decimalCases[i]
    let got = try Sprig.decimalOp(.float(args[0]), args.dropFirst().map { .float($0) }) { x, y throws(GoError) in
        switch op {
        case "add": return x + y
        case "sub": return x - y
        case "mul": return x * y
        default:
            guard let q = x.divided(by: y, places: 16) else { throw GoError("decimal division by 0") }
            return q
        }
    }
    #expect(got == want)
}

@Test func decimalFromFloat() throws {
    #expect(try GoDecimal(float: 2.5) == GoDecimal(negative: false, digits: [2, 5], exponent: -1))
    #expect(try GoDecimal(float: 1e21) == GoDecimal(negative: false, digits: [1], exponent: 21))
    #expect(try GoDecimal(float: -0.001) == GoDecimal(negative: true, digits: [1], exponent: -3))
    #expect(throws: GoError.self) { try GoDecimal(float: .infinity) }
}

@Test(arguments: [
    (2.7, 0, 0.5, 3.0), (2.5, 0, 0.5, 3.0), (2.4, 0, 0.5, 2.0), (-2.5, 0, 0.5, -3.0), (2.4, 0, 0.3, 3.0),
    (3.14159, 2, 0.5, 3.14), (123.456, -1, 0.5, 120.0),
])
func sprigRound(_ v: Double, _ places: Int, _ on: Double, _ want: Double) {
    #expect(Sprig.round(v, places: places, roundOn: on) == want)
}

@Test func goMinMax() {
    #expect(Sprig.goMax(1.5, 2.5) == 2.5)
    #expect(Sprig.goMin(-1, 2.5) == -1)
    #expect(Sprig.goMax(.nan, 1).isNaN)
    #expect(Sprig.goMin(0, -0.0).sign == .minus)
}
