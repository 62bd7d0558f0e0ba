// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import Engine
import Foundation
import Testing

/// `charts/tenant-app` renders byte-identically to the reference Helm for every tenant: the golden files in
/// `Tests/Golden/tenant-app/` were written by `scripts/helm-golden.sh` (Helm v4.1.4, with the layered values
/// it committed beside them).
@Suite struct AppChartGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static var tenants: [String] {
        let dir = root + "/Tests/Golden/tenant-app"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".values.yaml") }.map { String($0.dropLast(".values.yaml".count)) }.sorted()
    }

    @Test func goldensExist() {
        #expect(Self.tenants.count >= 3)
    }

    @Test(arguments: AppChartGoldenTests.tenants)
    func rendersLikeHelm(_ tenant: String) throws {
        let golden = Self.root + "/Tests/Golden/tenant-app/"
        var o = TemplateOptions(arguments: [tenant, "charts/tenant-app"])
        o.namespace = "tenant-" + tenant
        o.valueFiles = [golden + tenant + ".values.yaml"]
        o.baseDirectory = Self.root
        let out = HelmTemplate.run(o)
        let want = try String(contentsOfFile: golden + tenant + ".yaml", encoding: .utf8)
        #expect(out.error == nil)
        #expect(out.stdout == want, "\(Corpus.firstDifference(got: out.stdout, want: want))")
    }
}
