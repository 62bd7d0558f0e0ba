// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

@testable import Targets

/// A Helm-style manifest of the given objects: `("ConfigMap", "a", "x: 1")`.
func manifest(_ objects: [(kind: String, name: String, data: String)]) -> String {
    objects.map { o in
        "---\n# Source: tenant-app/templates/\(o.kind.lowercased()).yaml\napiVersion: v1\nkind: \(o.kind)\n"
            + "metadata:\n  name: \(o.name)\n  namespace: acme\ndata:\n  \(o.data)\n"
    }.joined()
}

func temporaryRoot() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-deploy-\(UUID().uuidString)/deploy")
}

/// Every file under the tenant's folder (hidden ones included) and its text.
func snapshot(_ target: DirectoryTarget, _ tenant: String = "acme") -> [String: String] {
    let dir = target.directory(tenant: tenant)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [:] }
    var out: [String: String] = [:]
    for name in names {
        let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path)
        out[name] = data.map { String(decoding: $0, as: UTF8.self) } ?? "<directory>"
    }
    return out
}

@Suite("Manifest splitting")
struct ManifestTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let manifest: String
        let files: [String]
        var error: String? = nil
    }

    static let cases: [Case] = [
        Case(
            description: "Helm's layout: one object per document, file names from kind and name",
            manifest: manifest([("Namespace", "acme", "x: 1"), ("ConfigMap", "Acme-Config", "y: 2")]),
            files: ["namespace-acme.yaml", "configmap-acme-config.yaml"]),
        Case(
            description: "empty and comment-only documents are skipped",
            manifest: "---\n# Source: x.yaml\n\n---\n\n---\nkind: Service\nmetadata:\n  name: web\n---\n",
            files: ["service-web.yaml"]),
        Case(
            description: "a separator with a trailing comment still splits; a --- inside a block scalar line does not",
            manifest: "kind: A\nmetadata:\n  name: a\ndata:\n  s: |\n    ---x\n--- # next\nkind: B\nmetadata:\n  name: b\n",
            files: ["a-a.yaml", "b-b.yaml"]),
        Case(
            description: "names that are not file-safe become underscores",
            manifest: "kind: ClusterRole\nmetadata:\n  name: system:metrics/reader\n",
            files: ["clusterrole-system_metrics_reader.yaml"]),
        Case(description: "no manifest, no objects", manifest: "", files: []),
        Case(
            description: "a document without kind is refused, naming its source",
            manifest: "---\n# Source: tenant-app/templates/bad.yaml\nmetadata:\n  name: x\n", files: [],
            error: "manifest document 1 (Source: tenant-app/templates/bad.yaml) has no kind"),
        Case(
            description: "a document without metadata.name is refused",
            manifest: "kind: A\nmetadata:\n  name: a\n---\nkind: Service\nmetadata: {}\n", files: [],
            error: "manifest document 2 (Service) has no metadata.name"),
        Case(
            description: "a document that is not a mapping is refused",
            manifest: "- a\n- b\n", files: [],
            error: "manifest document 1 is not a Kubernetes object (not a YAML mapping)"),
        Case(
            description: "the same object twice is refused",
            manifest: "kind: A\nmetadata:\n  name: a\n---\nkind: a\nmetadata:\n  name: A\n", files: [],
            error: "manifest document 2: a A is already in the manifest as A a"),
    ]

    @Test(arguments: cases)
    func split(_ c: Case) {
        do throws(TargetError) {
            let objects = try Manifest.objects(c.manifest)
            #expect(objects.map(\.fileName) == c.files)
            #expect(c.error == nil)
        } catch {
            #expect(error.message == c.error)
        }
    }

    @Test func invalidYAMLIsRefusedWithYAMLKitsMessage() {
        #expect(throws: TargetError.self) { try Manifest.objects("kind: [a\nmetadata: x\n") }
    }

    @Test func aFileHoldsItsDocumentWithoutTheSeparator() throws {
        let objects = try Manifest.objects("---\n# Source: s.yaml\nkind: A\nmetadata:\n  name: a\n\n\n")
        #expect(objects.first?.text == "# Source: s.yaml\nkind: A\nmetadata:\n  name: a\n")
    }
}

@Suite("Directory target")
struct DirectoryTargetTests {
    let v1 = manifest([("Namespace", "acme", "x: 1"), ("ConfigMap", "a", "x: 1"), ("ConfigMap", "b", "x: 1")])
    let v2 = manifest([("Namespace", "acme", "x: 1"), ("ConfigMap", "a", "x: 2"), ("ConfigMap", "c", "x: 1")])

    @Test func applyWritesOneFilePerObject() throws {
        let target = DirectoryTarget(root: temporaryRoot())
        let report = try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1))
        #expect(report.created == ["namespace-acme.yaml", "configmap-a.yaml", "configmap-b.yaml"])
        let files = snapshot(target)
        #expect(files.keys.sorted() == [".tenantctl-owned", "configmap-a.yaml", "configmap-b.yaml", "namespace-acme.yaml"])
        #expect(files[".tenantctl-owned"]?.hasSuffix("\nconfigmap-a.yaml\nconfigmap-b.yaml\nnamespace-acme.yaml\n") == true)
        #expect(
            files["configmap-a.yaml"] == "# Source: tenant-app/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: a\n  namespace: acme\ndata:\n  x: 1\n")
    }

    @Test func reapplyUpdatesChangedRemovesStaleAndLeavesTheRest() throws {
        let target = DirectoryTarget(root: temporaryRoot())
        try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1))
        let report = try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v2))
        #expect(report.created == ["configmap-c.yaml"])
        #expect(report.updated == ["configmap-a.yaml"])
        #expect(report.unchanged == ["namespace-acme.yaml"])
        #expect(report.removed == ["configmap-b.yaml"])
        #expect(snapshot(target).keys.sorted() == [".tenantctl-owned", "configmap-a.yaml", "configmap-c.yaml", "namespace-acme.yaml"])
        #expect(snapshot(target)[".tenantctl-owned"]?.hasSuffix("\nconfigmap-a.yaml\nconfigmap-c.yaml\nnamespace-acme.yaml\n") == true)
        #expect(try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v2)).changed == false)
    }

    @Test func filesThatAreNotObjectsAreLeftAlone() throws {
        let target = DirectoryTarget(root: temporaryRoot())
        try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1))
        let dir = target.directory(tenant: "acme")
        try "keep".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v2))
        #expect(snapshot(target)["README.md"] == "keep")
        try target.remove(RemoveRequest(tenant: "acme", namespace: "tenant-acme", manifest: ""))
        #expect(snapshot(target) == ["README.md": "keep"])
    }

    @Test func removeDeletesTheTenantsFolder() throws {
        let target = DirectoryTarget(root: temporaryRoot())
        try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1))
        try target.apply(ApplyRequest(tenant: "globex", namespace: "tenant-globex", manifest: v1))
        let report = try target.remove(RemoveRequest(tenant: "acme", namespace: "tenant-acme", manifest: ""))
        #expect(report.removed.count == 3)
        #expect(!FileManager.default.fileExists(atPath: target.directory(tenant: "acme").path))
        #expect(snapshot(target, "globex").count == 4, "three objects and the ownership index")
        #expect(try target.remove(RemoveRequest(tenant: "initech", namespace: "tenant-initech", manifest: "")) == ApplyReport())
    }

    @Test func aBadManifestTouchesNothing() throws {
        let target = DirectoryTarget(root: temporaryRoot())
        try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1))
        let before = snapshot(target)
        #expect(throws: TargetError.self) { try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v2 + "---\nkind: X\n")) }
        #expect(snapshot(target) == before)
        #expect(throws: TargetError.self) { try target.apply(ApplyRequest(tenant: "new", namespace: "tenant-new", manifest: "kind: X\n")) }
        #expect(!FileManager.default.fileExists(atPath: target.directory(tenant: "new").path))
    }

    @Test(arguments: ["", "Acme", "../etc", "a/b", "-acme", "acme-", String(repeating: "a", count: 64)])
    func invalidTenantNamesAreRefused(_ tenant: String) {
        let root = temporaryRoot()
        let target = DirectoryTarget(root: root)
        do throws(TargetError) {
            try target.apply(ApplyRequest(tenant: tenant, namespace: "tenant-\(tenant)", manifest: v1))
            Issue.record("accepted \(tenant)")
        } catch {
            #expect(error.code == .invalidTenant)
        }
        #expect(!FileManager.default.fileExists(atPath: root.path))
    }

    /// v1 → v2 commits in 3 steps (2 renames, 1 removal); failing after k of them, for every k < 3, puts the
    /// previous set back and leaves no temporaries.
    @Test(arguments: 0...2)
    func aFailureMidCommitRestoresThePreviousSet(_ steps: Int) throws {
        let root = temporaryRoot()
        try DirectoryTarget(root: root).apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1))
        let before = snapshot(DirectoryTarget(root: root))
        let failing = DirectoryTarget(root: root, failAfterCommitSteps: steps)
        #expect(throws: TargetError.self) { try failing.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v2)) }
        #expect(snapshot(failing) == before)
    }

    /// Something the target did not write where an object must go (a folder, or a hand-written file) is
    /// refused before anything changes (issue 16): the target never writes over what it does not own.
    @Test(arguments: [true, false])
    func somethingNotOwnedInTheWayIsRefusedBeforeAnythingChanges(folder: Bool) throws {
        let target = DirectoryTarget(root: temporaryRoot())
        try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1))
        let blocker = target.directory(tenant: "acme").appendingPathComponent("configmap-c.yaml")
        if folder {
            try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
            try "x".write(to: blocker.appendingPathComponent("inside"), atomically: true, encoding: .utf8)
        } else {
            try "hand: written\n".write(to: blocker, atomically: true, encoding: .utf8)
        }
        let before = snapshot(target)
        do throws(TargetError) {
            try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v2))
            Issue.record("expected the apply to fail")
        } catch {
            #expect(error.code == .notOwned)
            #expect(error.message.contains("configmap-c.yaml") && error.message.contains("tenantctl did not write it"))
        }
        #expect(snapshot(target) == before)
        #expect(try target.objects(tenant: "acme").map(\.fileName) == ["configmap-a.yaml", "configmap-b.yaml", "namespace-acme.yaml"])
    }

    @Test func strayTemporariesOfAKilledApplyAreCleanedUp() throws {
        let target = DirectoryTarget(root: temporaryRoot())
        try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1))
        let stray = target.directory(tenant: "acme").appendingPathComponent(".tenantctl-configmap-a.yaml.tmp")
        try "half".write(to: stray, atomically: false, encoding: .utf8)
        try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v2))
        #expect(!FileManager.default.fileExists(atPath: stray.path))
        #expect(try target.objects(tenant: "acme").map(\.fileName) == ["configmap-a.yaml", "configmap-c.yaml", "namespace-acme.yaml"])
        #expect(try target.objects(tenant: "acme").first?.kind == "ConfigMap")
    }

    /// A dry run reports what the apply or remove would change and writes nothing, for a new and an existing
    /// tenant; the directory target is atomic.
    @Test(arguments: [false, true])
    func aDryRunChangesNothing(existing: Bool) throws {
        let target = DirectoryTarget(root: temporaryRoot())
        #expect(target.isAtomic)
        if existing { try target.apply(ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1)) }
        let before = snapshot(target)
        let report = try target.apply(
            ApplyRequest(tenant: "acme", namespace: "tenant-acme", manifest: v2, options: ApplyOptions(dryRun: true)))
        #expect(snapshot(target) == before)
        if existing {
            #expect(report.created == ["configmap-c.yaml"] && report.updated == ["configmap-a.yaml"])
            #expect(report.removed == ["configmap-b.yaml"] && report.unchanged == ["namespace-acme.yaml"])
        } else {
            #expect(report.created == ["namespace-acme.yaml", "configmap-a.yaml", "configmap-c.yaml"])
            #expect(!FileManager.default.fileExists(atPath: target.root.path))
        }
        let removal = try target.remove(
            RemoveRequest(tenant: "acme", namespace: "tenant-acme", manifest: v1, options: ApplyOptions(dryRun: true)))
        #expect(removal.removed.count == (existing ? 3 : 0))
        #expect(snapshot(target) == before)
    }
}
