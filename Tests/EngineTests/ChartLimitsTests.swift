// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// Helm's size limits (`MaxDecompressedFileSize` 5 MiB per file, `MaxDecompressedChartSize` 100 MiB in all)
/// and its log of followed symbolic links, through the built binary. Hostile archives are generated here (a
/// gzip stream of many members, so a 2 GiB file costs 2 MB and no time to build); the expected standard error
/// and exit status of every row were recorded from `helm template` / `helm package` v4.1.4 on the same trees
/// (`DIR` stands for the test's directory).
@Suite struct ChartLimitsTests {
    static let mib = 1 << 20

    /// What a row puts in its directory before running.
    enum Step: Sendable {
        /// A file with this text.
        case text(String, String)
        /// A file of this many `a` bytes.
        case filler(String, Int)
        /// A symbolic link to a path under the test directory.
        case link(String, to: String)
        /// A chart archive (top directory `big`, a Chart.yaml, then files of `a` bytes of these sizes).
        case archive(String, [(String, Int)])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var steps: [Step]
        var arguments: [String]
        var status: Int32
        var stderr: String
        var stdout: String?
        var testDescription: String { name }
    }

    static let chartYAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
    static let parent = Step.text("p/Chart.yaml", "apiVersion: v2\nname: p\nversion: 0.1.0\n")
    static let linkLine = "level=INFO msg=\"found symbolic link in path. Contents of linked file included and used\""
    static let tooBig = "decompressed chart is larger than the maximum size 104857600"
    static let twentyOne = (0..<21).map { ("big/f\($0)", 5 * mib) }

    static let cases: [Case] = [
        Case(
            name: "a chart directory's file over 5 MiB",
            steps: [.text("c/Chart.yaml", chartYAML), .filler("c/big.yaml", 5 * mib + 1)],
            arguments: ["template", "r", "DIR/c"], status: 1,
            stderr: "Error: chart file \"big.yaml\" is larger than the maximum file size 5242880\n"),
        Case(
            name: "a chart directory's file of exactly 5 MiB",
            steps: [.text("c/Chart.yaml", chartYAML), .filler("c/big.yaml", 5 * mib)],
            arguments: ["template", "r", "DIR/c"], status: 0, stderr: "", stdout: "\n"),
        Case(
            name: "a big file the .helmignore leaves out",
            steps: [.text("c/Chart.yaml", chartYAML), .text("c/.helmignore", "big.yaml\n"), .filler("c/big.yaml", 5 * mib + 1)],
            arguments: ["template", "r", "DIR/c"], status: 0, stderr: "", stdout: "\n"),
        Case(
            name: "a link to a big file outside the chart (named by its target, logged first)",
            steps: [
                .text("c/Chart.yaml", chartYAML), .filler("outside/huge.txt", 5 * mib + 1),
                .link("c/link.yaml", to: "outside/huge.txt"),
            ],
            arguments: ["template", "r", "DIR/c"], status: 1,
            stderr: linkLine + " path=DIR/c/link.yaml resolved=DIR/outside/huge.txt\n"
                + "Error: chart file \"huge.txt\" is larger than the maximum file size 5242880\n"),
        Case(
            name: "an ignored link is still logged",
            steps: [
                .text("c/Chart.yaml", chartYAML), .text("c/.helmignore", "link.yaml\n"),
                .filler("outside/huge.txt", 5 * mib + 1), .link("c/link.yaml", to: "outside/huge.txt"),
            ],
            arguments: ["template", "r", "DIR/c"], status: 0,
            stderr: linkLine + " path=DIR/c/link.yaml resolved=DIR/outside/huge.txt\n", stdout: "\n"),
        Case(
            name: "a 2 MB archive holding a 2 GiB file",
            steps: [.archive("h.tgz", [("big/huge.bin", 2048 * mib)])],
            arguments: ["template", "r", "DIR/h.tgz"], status: 1, stderr: "Error: unable to load chart archive\n"),
        Case(
            name: "an archive holding 21 files of 5 MiB",
            steps: [.archive("h.tgz", twentyOne)],
            arguments: ["template", "r", "DIR/h.tgz"], status: 1, stderr: "Error: unable to load chart archive\n"),
        Case(
            name: "a subchart archive holding a 2 GiB file",
            steps: [parent, .archive("p/charts/h1.tgz", [("big/huge.bin", 2048 * mib)])],
            arguments: ["template", "r", "DIR/p"], status: 1,
            stderr: "Error: error unpacking subchart h1.tgz in p: \(tooBig)\n"),
        Case(
            name: "a subchart archive holding 21 files of 5 MiB",
            steps: [parent, .archive("p/charts/h2.tgz", twentyOne)],
            arguments: ["template", "r", "DIR/p"], status: 1,
            stderr: "Error: error unpacking subchart h2.tgz in p: \(tooBig)\n"),
        Case(
            name: "a subchart archive of exactly 100 MiB of files and a Chart.yaml",
            steps: [parent, .archive("p/charts/h3.tgz", Array(twentyOne.dropLast()))],
            arguments: ["template", "r", "DIR/p"], status: 1,
            stderr: "Error: error unpacking subchart h3.tgz in p: \(tooBig)\n"),
        Case(
            name: "a subchart archive's file over 5 MiB",
            steps: [parent, .archive("p/charts/file.tgz", [("big/big.yaml", 5 * mib + 1)])],
            arguments: ["template", "r", "DIR/p"], status: 1,
            stderr: "Error: error unpacking subchart file.tgz in p: decompressed chart file \"big/big.yaml\" is larger than the maximum file size 5242880\n"),
        Case(
            name: ".Files.Get and .Files.Glob through links out of the chart",
            steps: [
                .text("c/Chart.yaml", chartYAML), .text("outside/secret.txt", "secret: yes\n"),
                .text("outside/d/x.txt", "hi\n"), .link("c/leak.txt", to: "outside/secret.txt"),
                .link("c/linkdir", to: "outside/d"),
                .text(
                    "c/templates/cm.yaml",
                    "data:\n  a: {{ .Files.Get \"leak.txt\" | quote }}\n  g: {{ range $p, $_ := .Files.Glob \"**\" }}{{ $p }} {{ end }}\n"),
            ],
            arguments: ["template", "r", "DIR/c"], status: 0,
            stderr: linkLine + " path=DIR/c/leak.txt resolved=DIR/outside/secret.txt\n"
                + linkLine + " path=DIR/c/linkdir resolved=DIR/outside/d\n",
            stdout: "---\n# Source: c/templates/cm.yaml\ndata:\n  a: \"secret: yes\\n\"\n  g: leak.txt linkdir/x.txt\n"),
        Case(
            name: "package through a link out of the chart",
            steps: [
                .text("c/Chart.yaml", chartYAML), .text("outside/secret.txt", "secret: yes\n"),
                .link("c/leak.txt", to: "outside/secret.txt"),
            ],
            arguments: ["package", "DIR/c", "-d", "DIR/out"], status: 0,
            stderr: linkLine + " path=DIR/c/leak.txt resolved=DIR/outside/secret.txt\n"),
    ]

    /// A gzip stream of many members (Go's reader and ours read them as one): the tar headers, then the same
    /// compressed MiB of `a` as often as needed.
    static let archiveScript = """
        import gzip, json, sys, tarfile
        spec = json.loads(sys.argv[2])
        def member(data): return gzip.compress(data, compresslevel=9, mtime=0)
        def pad(n): return b'\\0' * ((512 - n % 512) % 512)
        def header(name, size):
            ti = tarfile.TarInfo(name); ti.size = size; ti.mode = 0o644
            return ti.tobuf(format=tarfile.GNU_FORMAT)
        chart = b'apiVersion: v2\\nname: big\\nversion: 0.1.0\\n'
        MiB = 1 << 20
        out = [member(header('big/Chart.yaml', len(chart)) + chart + pad(len(chart)))]
        mib = member(b'a' * MiB)
        for name, size in spec:
            out.append(member(header(name, size)))
            out += [mib] * (size // MiB)
            out.append(member(b'a' * (size % MiB) + pad(size)))
        out.append(member(b'\\0' * 1024))
        open(sys.argv[1], 'wb').write(b''.join(out))
        """

    static func prepare(_ steps: [Step], in dir: String) throws {
        let fm = FileManager.default
        for step in steps {
            switch step {
            case .text(let path, let text):
                try fm.createDirectory(atPath: (dir + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + path))
            case .filler(let path, let size):
                try fm.createDirectory(atPath: (dir + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(repeating: UInt8(ascii: "a"), count: size).write(to: URL(fileURLWithPath: dir + "/" + path))
            case .link(let path, let target):
                try fm.createDirectory(atPath: (dir + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try fm.createSymbolicLink(atPath: dir + "/" + path, withDestinationPath: dir + "/" + target)
            case .archive(let path, let entries):
                try fm.createDirectory(atPath: (dir + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let spec = "[" + entries.map { "[\"\($0.0)\", \($0.1)]" }.joined(separator: ",") + "]"
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                p.arguments = ["python3", "-c", archiveScript, dir + "/" + path, spec]
                try p.run()
                p.waitUntilExit()
                guard p.terminationStatus == 0 else {
                    Issue.record("python3 could not build \(path)")
                    return
                }
            }
        }
    }

    @Test(arguments: cases)
    func limitsAndLinks(_ c: Case) throws {
        guard FileManager.default.isExecutableFile(atPath: EvalCLITests.binary) else {
            Issue.record("tenantctl is not built at \(EvalCLITests.binary); run `swift build` first")
            return
        }
        // Resolved, so the logged paths (Helm resolves links in them) match whatever /tmp is.
        let base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
        let dir = base + "/tenantctl-limits-\(getpid())-\(abs(c.name.hashValue))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Self.prepare(c.steps, in: dir)
        let started = Date()
        let (status, out, err) = try EvalCLITests().run(c.arguments.map { $0.replacingOccurrences(of: "DIR", with: dir) })
        let seconds = Date().timeIntervalSince(started)
        #expect(status == c.status)
        #expect(err == c.stderr.replacingOccurrences(of: "DIR", with: dir))
        if let want = c.stdout { #expect(out == want) }
        // Refused from the headers: no 2 GiB inflated first.
        #expect(seconds < 10, "took \(seconds) s")
    }
}
