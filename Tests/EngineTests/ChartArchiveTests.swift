// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import Engine
import Foundation
import Testing

@testable import Chart

/// Packaged charts: a .tgz with a PAX long name, a BOM, a directory entry and a .tgz subchart under charts/,
/// rendered as `helm template r ./top-archive.tgz -n ns` rendered it (recorded from Helm v4.1.4), and
/// Helm's errors for files that are not chart archives.
@Suite struct ChartArchiveTests {
    /// Built with Python's tarfile (PAX format) around `helm package`'s sub-0.1.0.tgz.
    static let archive =
        "H4sIAAAAAAACAyvJL9AvSc0tyEksSS3WZ6AJMAACc1NTMA0E6DQm29DA1MSUQcGUgQ6gtLgksQhoPcPIBCXA+HfOSCwq0atMzM2hXfybmZjgjH9DI2P0+DcxN2BQMBiNf5qDxILMsNSi4sz8PCuFMiOuvMTcVCsFYKLgKoOJGuoZ6BlwpaQWpOalpOYlZ6YWW3HpKkAUFpcmcSkowJUa6AEVczGMgqGV/8sSc0pTi2lXABDK/wamZuj539zYeDT/0wOk5+QnJeZYAXMxMCVYKVSmFuuCcj8wY4PE0otSU0sy89KtFDJSc3LyR7P2sMz/iPYfbQoBQvnfxNwQLf8bmpmbjuZ/utf/hlzZmXkpVgrBqclFqSVcuakliSmJJYmgkgBS31dXK+gFpeakJhan6vkBRRRqa8HFhYJCYl5efkliCdCcYpByBYWcfFCxAdLglpkDrF3cU0sUlNJATP0UCoB+KgVAr6SiREmhRqGkKDMXSBWW5peAvAB2b1J+LoZzQZ7HpWcY5X+YN2llB8H639AEvf43AgqN5n86gPe79zv5+yqAMuZo7T4CgZ6+nr5DQGKFR2piSmoR7fI/lnwPz/NGRoaY+R/Y/68Yzf80B4YmpgoFiSUZtqCKYBBUz6OFEP3rf1pHO8H638gINf8bGxqZjbb/6QLSivJzFRKBRUAFsIsPqgJGM+CIy//JoPF/YOe/NEkXPIKrV5JeRc/2vynG+L+RgcFo+58uQL6bQwTM+K/JoJ3oEWSQ7OFr5lNpaZpkHGaQEmyaGRVsaeYfFmbmG56TlZiXUhkSmG/rkZqTy/Bm2t68ZgeehpnvNf8w7f3xw1Pl2pm3FxR3Z8YUvZJVeOewSune3kUdjNN4RDtX3dkecWiagcf83Ouiux+3RunvPzkrQ1hA8HvmL2nBQllB456QaQrL2iW+R7Z4yW5yZtnha+1t9Xxl74fz76Pq79g3StU+uvZy16mF/a6u04oLYhV//dT0Ug202XX+gFnPv+8pVmW3eRtm/1ud87ReZnXth/9yU3Q3Xw+dediV/eT8/ov157cZPrn51u6NWPCDaf83eoX9U+/0av7/PWHj/6k/Ll21bE+OrX31aapU4s3LM22eMiXs4l0XPuF9zgyZ0+abeA5/MLrHXRxqOXXOsrlG/eISbIwPXqfNNC11dPu1S/Jz/z/RRgeFDyF/WIDh9788Vechg8BokTIKRsEoGAWjYBSMglEwCgYxAACH1cxwACgAAA=="

    static let helmOutput =
        "---\n# Source: top/templates/s.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: r-top\n  annotations:\n    long: \"from a pax header\"\n    bom: \"BOM file\"\n---\n# Source: top/charts/sub/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r-sub\ndata:\n  g: hello\n  top: yes-top\n"

    func withFile(_ name: String, _ bytes: [UInt8], _ body: (String) throws -> Void) throws {
        let dir = NSTemporaryDirectory() + "tenantctl-archive-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
        try body(dir)
    }

    @Test func rendersLikeHelm() throws {
        let bytes = [UInt8](Data(base64Encoded: Self.archive) ?? Data())
        try withFile("top-archive.tgz", bytes) { dir in
            var o = TemplateOptions(arguments: ["r", "./top-archive.tgz"])
            o.namespace = "ns"
            o.baseDirectory = dir
            let out = HelmTemplate.run(o)
            #expect(out.error == nil)
            #expect(out.stdout == Self.helmOutput, "\(Corpus.firstDifference(got: out.stdout, want: Self.helmOutput))")
        }
    }

    @Test func archiveFilesDropTheTopDirectoryAndTheBOM() throws {
        let bytes = [UInt8](Data(base64Encoded: Self.archive) ?? Data())
        let files = try ChartArchive.loadArchiveFiles(bytes)
        #expect(files.map(\.name).contains("charts/sub-0.1.0.tgz"))
        #expect(files.first { $0.name == "data.txt" }?.text == "BOM file\n")
        #expect(!files.contains { $0.name == "templates" })
    }

    struct ErrorRow: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var message: String
        var testDescription: String { name }
    }

    static let errorRows: [ErrorRow] = [
        .init(
            name: "bad.tgz", bytes: Array("not gzip".utf8),
            message: "file 'DIR/bad.tgz' does not appear to be a gzipped archive; got 'application/octet-stream'"),
        .init(
            name: "v.yaml", bytes: Array("a: 1".utf8),
            message: "file 'DIR/v.yaml' seems to be a YAML file, but expected a gzipped archive"),
        .init(
            name: "trunc.tgz", bytes: [0x1F, 0x8B, 0x08] + Array("garbage-garbage".utf8),
            message: "unable to load chart archive"),
    ]

    @Test(arguments: errorRows)
    func notAnArchive(_ row: ErrorRow) throws {
        try withFile(row.name, row.bytes) { dir in
            var o = TemplateOptions(arguments: ["r", "./" + row.name])
            o.baseDirectory = dir
            let out = HelmTemplate.run(o)
            #expect(out.error == row.message.replacingOccurrences(of: "DIR", with: dir))
            #expect(out.stdout == "")
        }
    }
}
