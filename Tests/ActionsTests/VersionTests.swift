// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// `tenantctl --version` and `tenantctl version` through the built binary.
@Suite struct VersionTests {
    /// One invocation: its arguments, the exit status, and what standard output must look like.
    struct Case: Sendable, CustomTestStringConvertible {
        var args: [String]
        var status: Int32
        /// A regular expression for the whole of standard output (nil: not checked, the error is on stderr).
        var stdout: String?
        var testDescription: String { "tenantctl " + args.joined(separator: " ") }
    }

    static let line = #"tenantctl 0\.1\.0 \(commit ([0-9a-f]{12}|unknown), Swift [0-9]+\.[0-9]+( or later)?\)\n"#

    static let cases: [Case] = [
        Case(args: ["--version"], status: 0, stdout: line),
        Case(args: ["version"], status: 0, stdout: line),
        Case(args: ["version", "-o", "table"], status: 0, stdout: line),
        Case(
            args: ["version", "-o", "json"], status: 0,
            stdout: #"\{\n  "commit" : "([0-9a-f]{12}|unknown)",\n  "swift" : "[0-9.]+( or later)?",\n  "version" : "0\.1\.0"\n\}\n"#),
        Case(
            args: ["version", "--output", "yaml"], status: 0,
            stdout: #"commit: "?([0-9a-f]{12}|unknown)"?\nswift: "?[0-9.]+( or later)?"?\nversion: "?0\.1\.0"?\n"#),
        Case(args: ["version", "-o", "xml"], status: 64, stdout: nil),
        Case(args: ["version", "extra"], status: 64, stdout: nil),
    ]

    @Test(arguments: cases)
    func version(_ c: Case) throws {
        let dir = FileManager.default.temporaryDirectory
        let r = try EndToEndTests.run(c.args, in: dir)
        #expect(r.status == c.status, "stderr: \(r.err)")
        if let pattern = c.stdout {
            let whole = try Regex("^" + pattern + "$")
            #expect(r.out.wholeMatch(of: whole) != nil, "stdout: \(r.out)")
            #expect(r.err.isEmpty)
        } else {
            #expect(r.out.isEmpty)
            #expect(!r.err.isEmpty)
        }
    }

    /// The commit printed is one of the checkout's own (the one built, which is HEAD on a fresh clone; a
    /// commit made since the last build is not yet in the binary), or `unknown` outside a git checkout.
    @Test func commitIsTheCheckouts() throws {
        let r = try EndToEndTests.run(["version"], in: FileManager.default.temporaryDirectory)
        guard let open = r.out.range(of: "(commit "), let comma = r.out[open.upperBound...].firstIndex(of: ",") else {
            Issue.record("no commit in: \(r.out)")
            return
        }
        let commit = String(r.out[open.upperBound..<comma])
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", EndToEndTests.repo.path, "rev-parse", "--verify", "--quiet", commit + "^{commit}"]
        git.standardOutput = FileHandle.nullDevice
        git.standardError = FileHandle.nullDevice
        try git.run()
        git.waitUntilExit()
        let inCheckout = FileManager.default.fileExists(atPath: EndToEndTests.repo.appendingPathComponent(".git").path)
        if inCheckout {
            #expect(commit.count == 12 && git.terminationStatus == 0, "\(commit) is not a commit of this checkout")
        } else {
            #expect(commit == "unknown")
        }
    }
}
