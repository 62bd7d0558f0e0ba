// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// `tenantctl template` through the built binary: the recorded pipeline cases (stdout, stderr, exit status
/// byte for byte), `--output-dir` as Helm lays it out, and the help text.
@Suite struct TemplateCLITests {
    func materialise(_ files: [String: String], in dir: String) throws {
        for (rel, text) in files {
            let url = URL(fileURLWithPath: dir + "/pipe/" + rel)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func tempDirectory(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-template-cli-\(getpid())-\(name)").path
    }

    @Test(arguments: templatePipelineCases.filter { ["default", "exec-error", "yaml-error", "show-only-glob"].contains($0.name) })
    func matchesHelm(_ c: TemplatePipelineCase) throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else {
            Issue.record("tenantctl is not built at \(EvalCLITests.binary); run `swift build` first")
            return
        }
        let dir = tempDirectory(c.name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try materialise(c.files, in: dir)
        let (status, out, err) = try run(["template", c.release, "./pipe"] + c.flags, in: dir)
        #expect(out == c.stdout)
        #expect(err == c.stderr)
        #expect(status == c.exitCode)
    }

    /// Recorded from `helm template rel ./pipe --output-dir out --include-crds` (Helm v4.1.4).
    @Test func outputDirectoryLayout() throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else { return }
        let dir = tempDirectory("output-dir")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try materialise(
            [
                "Chart.yaml": "apiVersion: v2\nname: pipe\nversion: 0.1.0\n",
                "templates/a.yaml": "kind: ConfigMap\n---\nkind: Secret\n",
                "templates/t.yaml": "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n",
                "crds/c.yaml": "kind: CustomResourceDefinition\n",
            ], in: dir)
        let (status, out, err) = try run(["template", "rel", "./pipe", "--output-dir", "out", "--include-crds"], in: dir)
        #expect(status == 0, "\(err)")
        #expect(
            out == "wrote out/pipe/crds/c.yaml\nwrote out/pipe/templates/a.yaml\nwrote out/pipe/templates/a.yaml\n"
                + "wrote out/pipe/templates/t.yaml\n\n")
        let files: [(String, String)] = [
            ("out/pipe/crds/c.yaml", "---\n# Source: pipe/crds/c.yaml\nkind: CustomResourceDefinition\n\n"),
            ("out/pipe/templates/a.yaml", "---\n# Source: pipe/templates/a.yaml\nkind: Secret\n---\n# Source: pipe/templates/a.yaml\nkind: ConfigMap\n"),
            ("out/pipe/templates/t.yaml", "---\n# Source: pipe/templates/t.yaml\nkind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n"),
        ]
        for (path, want) in files {
            let got = (try? String(contentsOfFile: dir + "/" + path, encoding: .utf8)) ?? "<missing>"
            #expect(got == want, "\(path)")
        }
        let (status2, out2, _) = try run(["template", "rel", "./pipe", "--output-dir", "./out2", "--release-name"], in: dir)
        #expect(status2 == 0)
        #expect(
            out2 == "wrote out2/rel/pipe/templates/a.yaml\nwrote out2/rel/pipe/templates/a.yaml\n"
                + "wrote out2/rel/pipe/templates/t.yaml\n\n")
    }

    @Test func helpTeaches() throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else { return }
        let (status, out, _) = try run(["template", "--help"], in: nil)
        #expect(status == 0)
        #expect(out.contains("Examples:"))
        #expect(out.contains("--show-only"))
    }

    /// The --set family through the binary: the recorded cases that read standard input, the full
    /// precedence case and a --set-json error (Helm's stdout, stderr and exit status byte for byte); and
    /// `eval` printing the same template's raw output.
    @Test(
        arguments: setFlagCases.filter {
            !$0.stdin.isEmpty || $0.flags.count >= 12 || $0.flags == ["--set-json", "a=tru"]
                || $0.flags == ["--set-file", "a={f.txt,g.txt}"]
        })
    func setFlagsMatchHelm(_ c: SetFlagCase) throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else {
            Issue.record("tenantctl is not built at \(EvalCLITests.binary); run `swift build` first")
            return
        }
        let dir = tempDirectory("setflags-\(abs(c.testDescription.hashValue))")
        try c.materialise(in: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (status, out, err) = try run(["template", "rel", "./vals"] + c.flags, in: dir, stdin: c.stdin)
        #expect(out == c.stdout)
        #expect(err == c.stderr)
        #expect(status == c.exitCode)

        let (evalStatus, evalOut, evalErr) = try run(
            ["eval", "./vals", "templates/dump.yaml"] + c.flags, in: dir,
            stdin: c.stdin)
        let header = "---\n# Source: vals/templates/dump.yaml\n"
        #expect(evalOut == (c.stdout.hasPrefix(header) ? String(c.stdout.dropFirst(header.count)) : c.stdout))
        #expect(evalErr == c.stderr)
        #expect(evalStatus == c.exitCode)
    }

    @Test func setFlagsHelpTeaches() throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else { return }
        for command in ["template", "eval", "install", "upgrade", "diff", "render"] {
            let (status, out, _) = try run([command, "--help"], in: nil)
            #expect(status == 0, "\(command)")
            for flag in ["--set-json <key=json>", "--set-file <key=path>", "--set-literal <key=text>", "--set-string"] {
                #expect(out.contains(flag), "\(command) --help lacks \(flag)")
            }
        }
        let (_, out, _) = try run(["template", "--help"], in: nil)
        let flat = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("--set-json, --set, --set-string, --set-file, --set-literal"))
        #expect(flat.contains("tenantctl template acme ./mychart --set-json"))
    }

    func run(_ args: [String], in directory: String?, stdin: String? = nil) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: EvalCLITests.binary)
        p.arguments = args
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        if stdin != nil { p.standardInput = input }
        try p.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
