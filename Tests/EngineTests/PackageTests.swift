// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import Engine
import Foundation
import Testing
import YAMLKit

@testable import Chart

/// `tenantctl package`: Helm's archive layout, the repository index.yaml, and `--version` resolution.
@Suite struct PackageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let appChart = root + "/charts/tenant-app"

    static func tempDir() -> String {
        let dir = NSTemporaryDirectory() + "tenantctl-pkg-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func render(_ chart: String, tenant: String) -> (stdout: String, error: String?) {
        let golden = root + "/Tests/Golden/tenant-app/"
        var o = TemplateOptions(arguments: [tenant, chart])
        o.namespace = "tenant-" + tenant
        o.valueFiles = [golden + tenant + ".values.yaml"]
        o.baseDirectory = root
        let out = HelmTemplate.run(o)
        return (out.stdout, out.error.map { "\($0)" })
    }

    @Test func archiveRendersLikeTheDirectory() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let chart = try ChartDirectory.load(directory: Self.appChart)
        let path = try RepoIndex.package(chart, into: dir)
        #expect(path == dir + "/" + ChartPackage.fileName(chart))
        #expect(path.hasSuffix("tenant-app-\(chart.metadata.version).tgz"))

        // Layout: gzip'd tar, top directory = chart name, Chart.yaml first, all names under it.
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let tar = try ChartArchive.gunzip(bytes)
        var reader = TarReader(tar)
        var names: [String] = []
        while let e = try reader.next() { names.append(e.name) }
        #expect(names.first == "tenant-app/Chart.yaml")
        #expect(names.allSatisfy { $0.hasPrefix("tenant-app/") })
        #expect(Set(names).count == names.count)

        let reloaded = try ChartArchive.load(file: path)
        #expect(reloaded.metadata.name == chart.metadata.name)
        #expect(reloaded.metadata.version == chart.metadata.version)
        #expect(reloaded.templates.map(\.name) == chart.templates.map(\.name))
        #expect(reloaded.files.map(\.name) == chart.files.map(\.name))

        let tenants = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/Tests/Golden/tenant-app")
            .filter { $0.hasSuffix(".values.yaml") }.map { String($0.dropLast(".values.yaml".count)) }.sorted()
        #expect(!tenants.isEmpty)
        for tenant in tenants {
            let a = Self.render("charts/tenant-app", tenant: tenant)
            let b = Self.render(path, tenant: tenant)
            #expect(a.error == nil)
            #expect(b.error == nil)
            #expect(a.stdout == b.stdout, "tenant \(tenant)")
        }

        // Same chart, same bytes.
        let again = try ChartPackage.archive(chart)
        #expect(again == bytes)
    }

    /// A copy of the app chart at another version.
    static func chart(version: String) throws -> LoadedChart {
        var c = try ChartDirectory.load(directory: appChart)
        c.metadata.version = version
        return c
    }

    @Test func indexHasEntriesNewestFirstWithDigests() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = Date(timeIntervalSince1970: 1_700_000_000.5)
        _ = try RepoIndex.package(try Self.chart(version: "1.0.0"), into: dir, now: t)
        _ = try RepoIndex.package(try Self.chart(version: "1.2.0"), into: dir, now: t)
        _ = try RepoIndex.package(try Self.chart(version: "1.1.0"), into: dir, now: t)
        // Re-packaging a version replaces its entry.
        _ = try RepoIndex.package(try Self.chart(version: "1.1.0"), into: dir, now: t)

        let text = try String(contentsOfFile: dir + "/index.yaml", encoding: .utf8)
        #expect(text.hasPrefix("apiVersion: v1\nentries:\n  tenant-app:\n"))
        #expect(text.contains("generated: \"2023-11-14T22:13:20.5Z\"") || text.contains("generated: 2023-11-14T22:13:20.5Z"))
        let index = try RepoIndex.parse(text)
        let versions = index.entries["tenant-app"] ?? []
        #expect(versions.map(\.version) == ["1.2.0", "1.1.0", "1.0.0"])
        for v in versions {
            #expect(v.urls == ["tenant-app-\(v.version).tgz"])
            let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + v.urls[0])))
            #expect(v.digest == RepoIndex.sha256Hex(data))
            #expect(v.digest.count == 64)
            #expect(v.fields["apiVersion"] != nil && v.fields["created"] != nil && v.fields["name"] != nil)
        }
    }

    @Test func constraintResolution() throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for v in ["1.0.0", "1.1.0", "1.2.3", "2.0.0", "2.1.0-rc.1"] {
            _ = try RepoIndex.package(try Self.chart(version: v), into: dir)
        }
        let table: [(String, String?)] = [
            ("", "2.0.0"),
            ("1.1.0", "1.1.0"),
            ("^1.0", "1.2.3"),
            ("~1.1", "1.1.0"),
            (">=1.0.0 <1.2", "1.1.0"),
            ("1.x", "1.2.3"),
            ("*", "2.0.0"),
            (">=2.1.0-0", "2.1.0-rc.1"),
            ("2.1.0-rc.1", "2.1.0-rc.1"),
            ("1.0.0 - 1.1.5", "1.1.0"),
            ("9.9.9", nil),
            ("<1.0.0", nil),
        ]
        for (constraint, want) in table {
            do {
                let path = try RepoIndex.resolve(name: "tenant-app", constraint: constraint, directory: dir)
                #expect(want.map { dir + "/tenant-app-\($0).tgz" } == path, "constraint \(constraint)")
                let loaded = try ChartArchive.load(file: path)
                #expect(loaded.metadata.version == want)
            } catch {
                #expect(want == nil, "constraint \(constraint): \(error.message)")
                #expect(error.message.hasPrefix("chart \"tenant-app\" matching \(constraint) not found in \(dir) index"))
            }
        }
        #expect(throws: ChartError.self) { try RepoIndex.resolve(name: "other", constraint: "1.0.0", directory: dir) }
        #expect(throws: ChartError.self) { try RepoIndex.resolve(name: "tenant-app", constraint: "1.0.0", directory: dir + "/missing") }
    }
}
