import Testing
@testable import GoRuntime

@Test func smoke() {
    #expect(GoFmt.sprintf("%v", [.float(1000000)]) == "1e+06")
}
