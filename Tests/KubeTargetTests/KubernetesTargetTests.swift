// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

@testable import Targets

/// A tenant's small release: its Namespace, ConfigMaps, a Deployment and a Service, as Helm renders them.
struct TenantManifest {
    var tenant: String
    var replicas = 1
    /// ConfigMaps by name; `keep` ones carry `helm.sh/resource-policy: keep`.
    var configMaps: [(name: String, keep: Bool)] = [("web-config", false)]
    /// A label value of the Deployment (an invalid one makes the server refuse it with a 422).
    var label = "web"
    var namespaceObject = true

    var namespace: String { "tenant-\(tenant)" }

    var text: String {
        var docs: [String] = []
        if namespaceObject {
            docs.append("# Source: tenant-app/templates/namespace.yaml\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(namespace)\n")
        }
        for cm in configMaps {
            let keep = cm.keep ? "  annotations:\n    helm.sh/resource-policy: keep\n" : ""
            docs.append(
                "# Source: tenant-app/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(cm.name)\n\(keep)"
                    + "data:\n  greeting: hello\n")
        }
        docs.append(
            """
            # Source: tenant-app/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                tier: "\(label)"
            spec:
              replicas: \(replicas)
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
                    ports:
                    - containerPort: 80
                      protocol: TCP

            """)
        docs.append(
            """
            # Source: tenant-app/templates/service.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector:
                app: web
              ports:
              - port: 80
                targetPort: 80
                protocol: TCP

            """)
        return docs.map { "---\n" + $0 }.joined()
    }

    func request(previous: TenantManifest? = nil, _ options: ApplyOptions = ApplyOptions()) -> ApplyRequest {
        ApplyRequest(tenant: tenant, namespace: namespace, manifest: text, previousManifest: previous?.text, options: options)
    }
}

enum Refs {
    static let namespaces = ResourceRef(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
    static let configMaps = ResourceRef(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    static let services = ResourceRef(group: "", version: "v1", resource: "services", kind: "Service", namespaced: true)
    static let deployments = ResourceRef(group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)
    static let roles = ResourceRef(group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", kind: "Role", namespaced: true)
    static let roleBindings = ResourceRef(
        group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", kind: "RoleBinding", namespaced: true)
    static let crds = ResourceRef(
        group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions", kind: "CustomResourceDefinition",
        namespaced: false)
}

/// The live object, or nil when it does not exist.
func live(_ c: KubeClient, _ r: ResourceRef, _ name: String, _ namespace: String? = nil) throws -> JSON? {
    do {
        return try c.get(r, name: name, namespace: namespace)
    } catch  where error.isNotFound {
        return nil
    }
}

/// Deletes a test's namespace (and so its objects); errors ignored.
func cleanUp(_ c: KubeClient, _ namespace: String) {
    _ = try? c.delete(Refs.namespaces, name: namespace, propagationPolicy: .background)
}

@Suite(.enabled(if: TestCluster.dir != nil, TestCluster.reason), .serialized)
struct KubernetesTargetTests {
    /// Install: every object exists with Helm's ownership marks, in install order, in two requests each
    /// (discovery warm); a second apply of the same manifest changes nothing.
    @Test func installMarksObjectsAndReapplyIsUnchanged() throws {
        let c = try TestCluster.client()
        let m = TenantManifest(tenant: TestCluster.uniqueName("acme"))
        defer { cleanUp(c, m.namespace) }
        let target = KubernetesTarget(client: c)
        _ = try c.discovery()
        let before = c.requestCount
        let report = try target.apply(m.request())
        #expect(c.requestCount - before == 8, "one GET and one PATCH per object")
        let ns = m.namespace
        #expect(report.created == ["Namespace/\(ns)", "ConfigMap/\(ns)/web-config", "Service/\(ns)/web", "Deployment/\(ns)/web"])
        #expect(report.updated.isEmpty && report.unchanged.isEmpty && report.removed.isEmpty)
        for (r, name, namespace) in [
            (Refs.namespaces, ns, nil), (Refs.configMaps, "web-config", ns), (Refs.services, "web", ns), (Refs.deployments, "web", ns),
        ] as [(ResourceRef, String, String?)] {
            let object = try #require(try live(c, r, name, namespace), "\(r) \(name)")
            #expect(object[["metadata", "labels", "app.kubernetes.io/managed-by"]]?.string == "Helm")
            #expect(object[["metadata", "annotations", "meta.helm.sh/release-name"]]?.string == m.tenant)
            #expect(object[["metadata", "annotations", "meta.helm.sh/release-namespace"]]?.string == "tenantctl-system")
            let managers = (object[["metadata", "managedFields"]]?.array ?? []).compactMap { $0["manager"]?.string }
            #expect(managers.contains("tenantctl"))
        }
        let again = try target.apply(m.request(previous: m))
        #expect(!again.changed, "\(again)")
        #expect(again.unchanged.count == 4)

        // As in Helm's upgrade, an object of the previous revision is not checked: marks someone removed come back.
        let unmark = try JSON.parse(#"{"metadata":{"annotations":{"meta.helm.sh/release-name":null}}}"#)
        _ = try c.patch(Refs.configMaps, name: "web-config", namespace: ns, type: .merge, patch: unmark, fieldManager: "kubectl-edit")
        #expect(try target.apply(m.request(previous: m)).updated == ["ConfigMap/\(ns)/web-config"])
        #expect(try live(c, Refs.configMaps, "web-config", ns)?[["metadata", "annotations", "meta.helm.sh/release-name"]]?.string == m.tenant)
    }

    /// An upgrade that drops two ConfigMaps deletes the plain one and keeps the one annotated
    /// `helm.sh/resource-policy: keep`; a changed object is reported updated.
    @Test func upgradePrunesRemovedObjectsButKeepsKeepAnnotatedOnes() throws {
        let c = try TestCluster.client()
        let tenant = TestCluster.uniqueName("prune")
        let v1 = TenantManifest(tenant: tenant, configMaps: [("web-config", false), ("data", true)])
        let v2 = TenantManifest(tenant: tenant, replicas: 2, configMaps: [])
        defer { cleanUp(c, v1.namespace) }
        let target = KubernetesTarget(client: c)
        try target.apply(v1.request())
        let report = try target.apply(v2.request(previous: v1))
        let ns = v1.namespace
        #expect(report.removed == ["ConfigMap/\(ns)/web-config"])
        #expect(report.updated == ["Deployment/\(ns)/web"])
        #expect(report.created.isEmpty)
        #expect(try live(c, Refs.configMaps, "web-config", ns) == nil)
        #expect(try live(c, Refs.configMaps, "data", ns) != nil)
        #expect(try live(c, Refs.deployments, "web", ns)?[["spec", "replicas"]]?.int == 2)
    }

    /// Who holds an existing object: nobody's marks (made by kubectl), another release's, or this release's
    /// name recorded in another namespace.
    struct OwnerCase: Sendable, CustomStringConvertible {
        let description: String
        let labels: [String: String]
        let annotations: [String: String]
        /// Helm's validation errors expected in the message.
        let expected: [String]
    }

    static let ownerCases: [OwnerCase] = [
        OwnerCase(
            description: "made outside Helm", labels: [:], annotations: [:],
            expected: [
                #"label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm""#,
                #"annotation validation error: missing key "meta.helm.sh/release-name": must be set to"#,
                "it has no release's ownership marks", #"written by "kubectl-create""#,
            ]),
        OwnerCase(
            description: "another release's",
            labels: ["app.kubernetes.io/managed-by": "Helm"],
            annotations: ["meta.helm.sh/release-name": "globex", "meta.helm.sh/release-namespace": "tenantctl-system"],
            expected: [
                #"annotation validation error: key "meta.helm.sh/release-name" must equal"#, #"current value is "globex""#,
                #"it belongs to release "globex""#,
            ]),
        OwnerCase(
            description: "this release recorded elsewhere",
            labels: ["app.kubernetes.io/managed-by": "Helm"],
            annotations: ["meta.helm.sh/release-namespace": "default"],
            expected: [#"key "meta.helm.sh/release-namespace" must equal "tenantctl-system": current value is "default""#]),
    ]

    /// An existing object that is not this release's is refused before anything changes, in Helm's words and
    /// naming `--take-ownership`; with `takeOwnership` it is adopted (its marks become ours, even where another
    /// field manager set them). Its data agrees with the chart: a field another manager set to another value
    /// would still be a conflict without `--force-conflicts`, as in Helm v4.
    @Test(arguments: ownerCases)
    func ownershipIsCheckedBeforeAnyWrite(_ owner: OwnerCase) throws {
        let c = try TestCluster.client()
        var m = TenantManifest(tenant: TestCluster.uniqueName("own"))
        m.namespaceObject = false
        defer { cleanUp(c, m.namespace) }
        _ = try c.create(
            Refs.namespaces,
            object: .object([("apiVersion", .string("v1")), ("kind", .string("Namespace")), ("metadata", .object([("name", .string(m.namespace))]))]))
        let ownerAnnotations = owner.annotations.merging(
            owner.annotations["meta.helm.sh/release-namespace"] == "default" ? ["meta.helm.sh/release-name": m.tenant] : [:]
        ) { a, _ in a }
        let foreign = JSON.object([
            ("apiVersion", .string("v1")), ("kind", .string("ConfigMap")),
            (
                "metadata",
                .object([
                    ("name", .string("web-config")), ("namespace", .string(m.namespace)),
                    ("labels", .object(owner.labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                    ("annotations", .object(ownerAnnotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                ])
            ),
            ("data", .object([("greeting", .string("hello"))])),
        ])
        _ = try c.create(Refs.configMaps, object: foreign, fieldManager: owner.labels.isEmpty ? "kubectl-create" : "helm")
        let target = KubernetesTarget(client: c)
        do throws(TargetError) {
            try target.apply(m.request())
            Issue.record("the apply should have been refused")
        } catch {
            #expect(error.code == .notOwned)
            #expect(error.partial == nil)
            #expect(
                error.message.hasPrefix(
                    #"unable to continue with install: ConfigMap "web-config" in namespace "\#(m.namespace)" exists and cannot be imported into the current release: invalid ownership metadata; "#
                ), "\(error.message)")
            for text in owner.expected { #expect(error.message.contains(text), "\(text) in \(error.message)") }
            #expect(error.message.contains("--take-ownership"))
        }
        #expect(try live(c, Refs.deployments, "web", m.namespace) == nil, "nothing was written")
        let untouched = try #require(try live(c, Refs.configMaps, "web-config", m.namespace))
        #expect(KubeApplyPlan.ownershipProblem(untouched, release: m.tenant, recordsNamespace: "tenantctl-system") != nil)

        let dryRun = try target.apply(m.request(ApplyOptions(dryRun: true, takeOwnership: true)))
        #expect(dryRun.updated == ["ConfigMap/\(m.namespace)/web-config"] && dryRun.created.count == 2, "\(dryRun)")
        #expect(try live(c, Refs.deployments, "web", m.namespace) == nil, "a dry run writes nothing")
        let report = try target.apply(m.request(ApplyOptions(takeOwnership: true)))
        #expect(report.updated == ["ConfigMap/\(m.namespace)/web-config"])
        let adopted = try #require(try live(c, Refs.configMaps, "web-config", m.namespace))
        #expect(KubeApplyPlan.ownershipProblem(adopted, release: m.tenant, recordsNamespace: "tenantctl-system") == nil)
        #expect(try target.apply(m.request(previous: m)).updated.isEmpty, "adopted: the next apply needs no flag")
    }

    /// A field another manager set (as `kubectl edit` would) is a conflict naming the manager and the field;
    /// `forceConflicts` takes it over.
    @Test func fieldOwnedByAnotherManagerIsAConflictUnlessForced() throws {
        let c = try TestCluster.client()
        let m = TenantManifest(tenant: TestCluster.uniqueName("ssa"))
        defer { cleanUp(c, m.namespace) }
        let target = KubernetesTarget(client: c)
        try target.apply(m.request())
        let edit = try JSON.parse(
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"\#(m.namespace)"},"spec":{"replicas":5}}"#)
        _ = try c.apply(Refs.deployments, object: edit, fieldManager: "kubectl-edit", force: true)
        var v2 = m
        v2.replicas = 2
        do throws(TargetError) {
            try target.apply(v2.request(previous: m))
            Issue.record("expected a conflict")
        } catch {
            #expect(error.code == .conflict)
            #expect(error.message.contains(#"Deployment "web" in namespace "\#(m.namespace)""#), "\(error.message)")
            #expect(error.message.contains(#".spec.replicas is owned by field manager "kubectl-edit""#), "\(error.message)")
            #expect(error.message.contains("--force-conflicts"))
            #expect(error.partial == nil, "the objects before the Deployment were unchanged")
        }
        #expect(try live(c, Refs.deployments, "web", m.namespace)?[["spec", "replicas"]]?.int == 5)
        let report = try target.apply(v2.request(previous: m, ApplyOptions(forceConflicts: true)))
        #expect(report.updated == ["Deployment/\(m.namespace)/web"])
        #expect(try live(c, Refs.deployments, "web", m.namespace)?[["spec", "replicas"]]?.int == 2)
    }

    /// A dry run of an install and of an upgrade reports what would change and changes nothing.
    @Test func dryRunChangesNothing() throws {
        let c = try TestCluster.client()
        let m = TenantManifest(tenant: TestCluster.uniqueName("dry"))
        defer { cleanUp(c, m.namespace) }
        let target = KubernetesTarget(client: c)
        let install = try target.apply(m.request(ApplyOptions(dryRun: true)))
        #expect(install.created.count == 4)
        #expect(try live(c, Refs.namespaces, m.namespace) == nil)

        try target.apply(m.request())
        var v2 = m
        v2.replicas = 3
        v2.configMaps = []
        let upgrade = try target.apply(v2.request(previous: m, ApplyOptions(dryRun: true)))
        #expect(upgrade.updated == ["Deployment/\(m.namespace)/web"], "\(upgrade)")
        #expect(upgrade.removed == ["ConfigMap/\(m.namespace)/web-config"])
        #expect(upgrade.unchanged.count == 2)
        #expect(try live(c, Refs.deployments, "web", m.namespace)?[["spec", "replicas"]]?.int == 1)
        #expect(try live(c, Refs.configMaps, "web-config", m.namespace) != nil)
        let removal = try target.remove(
            RemoveRequest(tenant: m.tenant, namespace: m.namespace, manifest: m.text, options: ApplyOptions(dryRun: true)))
        #expect(removal.removed.count == 4)
        #expect(try live(c, Refs.deployments, "web", m.namespace) != nil)
    }

    /// An object the server refuses (422) stops the apply: the error names the object, the field path and what
    /// had been applied before it.
    @Test func anInvalidObjectFailsWithItsFieldPathAndThePartialReport() throws {
        let c = try TestCluster.client()
        var m = TenantManifest(tenant: TestCluster.uniqueName("bad"))
        m.label = "not a label!"
        defer { cleanUp(c, m.namespace) }
        do throws(TargetError) {
            try KubernetesTarget(client: c).apply(m.request())
            Issue.record("expected a 422")
        } catch {
            let ns = m.namespace
            #expect(error.code == .rejected)
            #expect(error.message.contains(#"cannot apply Deployment "web" in namespace "\#(ns)""#), "\(error.message)")
            #expect(error.message.contains("metadata.labels"), "\(error.message)")
            #expect(error.message.contains(c.server))
            #expect(error.partial?.created == ["Namespace/\(ns)", "ConfigMap/\(ns)/web-config", "Service/\(ns)/web"])
            #expect(error.message.contains("before it stopped, this operation had created Namespace/\(ns)"))
            #expect(error.message.hasSuffix("; not applied: Deployment/\(ns)/web"), "\(error.message)")
        }
        #expect(try live(c, Refs.services, "web", m.namespace) != nil)
    }

    /// Uninstall deletes every object in uninstall order, the namespace last (it then terminates); a second
    /// remove finds nothing to delete.
    @Test func removeDeletesEverything() throws {
        let c = try TestCluster.client()
        let m = TenantManifest(tenant: TestCluster.uniqueName("rm"))
        defer { cleanUp(c, m.namespace) }
        let target = KubernetesTarget(client: c)
        try target.apply(m.request())
        let report = try target.remove(RemoveRequest(tenant: m.tenant, namespace: m.namespace, manifest: m.text))
        let ns = m.namespace
        #expect(report.removed == ["Service/\(ns)/web", "Deployment/\(ns)/web", "ConfigMap/\(ns)/web-config", "Namespace/\(ns)"])
        let namespace = try live(c, Refs.namespaces, ns)
        #expect(namespace == nil || namespace?[["status", "phase"]]?.string == "Terminating")
        try c.poll(Refs.namespaces, name: ns, timeout: 60) { $0 == nil }
        #expect(try target.remove(RemoveRequest(tenant: m.tenant, namespace: ns, manifest: m.text)).removed.isEmpty)
    }

    /// A CustomResourceDefinition in the manifest is created first (only when missing) and its objects apply
    /// once the server serves the kind; uninstall leaves the CRD (Helm never deletes CRDs).
    @Test func aCRDIsCreatedFirstAndItsObjectsApply() throws {
        let c = try TestCluster.client()
        let tenant = TestCluster.uniqueName("crd")
        let group = "\(tenant).example.com"
        let manifest = """
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: tenant-\(tenant)
            ---
            apiVersion: \(group)/v1
            kind: Widget
            metadata:
              name: w1
            spec:
              size: 3
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.\(group)
            spec:
              group: \(group)
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true

            """
        defer {
            cleanUp(c, "tenant-\(tenant)")
            _ = try? c.delete(Refs.crds, name: "widgets.\(group)")
        }
        let target = KubernetesTarget(client: c)
        let request = ApplyRequest(tenant: tenant, namespace: "tenant-\(tenant)", manifest: manifest)
        let report = try target.apply(request)
        #expect(
            report.created == ["CustomResourceDefinition/widgets.\(group)", "Namespace/tenant-\(tenant)", "Widget/tenant-\(tenant)/w1"])
        let widgets = ResourceRef(group: group, version: "v1", resource: "widgets", kind: "Widget", namespaced: true)
        #expect(try live(c, widgets, "w1", "tenant-\(tenant)")?[["spec", "size"]]?.int == 3)
        let again = try target.apply(request)
        #expect(!again.changed && again.unchanged.count == 3)
        let removed = try target.remove(RemoveRequest(tenant: tenant, namespace: "tenant-\(tenant)", manifest: manifest))
        // Helm's UninstallOrder puts kinds it does not know after all others.
        #expect(removed.removed == ["Namespace/tenant-\(tenant)", "Widget/tenant-\(tenant)/w1"])
        #expect(try live(c, Refs.crds, "widgets.\(group)") != nil)
    }

    /// `objects` returns the live objects of the manifest that exist, as YAML.
    @Test func objectsReadsTheLiveObjects() throws {
        let c = try TestCluster.client()
        let m = TenantManifest(tenant: TestCluster.uniqueName("read"))
        defer { cleanUp(c, m.namespace) }
        let target = KubernetesTarget(client: c)
        #expect(try target.objects(tenant: m.tenant, namespace: m.namespace, manifest: m.text).isEmpty)
        try target.apply(m.request())
        let objects = try target.objects(tenant: m.tenant, namespace: m.namespace, manifest: m.text)
        #expect(objects.map(\.fileName) == ["namespace-\(m.namespace).yaml", "configmap-web-config.yaml", "deployment-web.yaml", "service-web.yaml"])
        let cm = try #require(objects.first { $0.kind == "ConfigMap" })
        #expect(cm.namespace == m.namespace)
        #expect(cm.text.contains("greeting: hello\n") && cm.text.contains("meta.helm.sh/release-name: \(m.tenant)\n"), "\(cm.text)")
    }

    /// Least privilege: ci-deployer bound to a Role that covers ConfigMaps only is refused the Service with
    /// the server's words (user, verb, resource, namespace); the never-bound user is refused at once.
    @Test func forbiddenNamesUserVerbAndResource() throws {
        let admin = try TestCluster.client()
        var m = TenantManifest(tenant: TestCluster.uniqueName("rbac"))
        m.namespaceObject = false
        defer { cleanUp(admin, m.namespace) }
        let ns = m.namespace
        _ = try admin.create(Refs.namespaces, object: JSON.parse(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(ns)"}}"#))
        _ = try admin.create(
            Refs.roles,
            object: JSON.parse(
                #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"configmaps","namespace":"\#(ns)"},"rules":[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get","create","patch","update","delete"]}]}"#
            ))
        _ = try admin.create(
            Refs.roleBindings,
            object: JSON.parse(
                #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"deployer","namespace":"\#(ns)"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"configmaps"},"subjects":[{"kind":"User","name":"ci-deployer","apiGroup":"rbac.authorization.k8s.io"}]}"#
            ))
        let deployer = try TestCluster.client("kubeconfig-token")
        let target = KubernetesTarget(client: deployer)
        do throws(TargetError) {
            try target.apply(m.request())
            Issue.record("expected a 403")
        } catch {
            #expect(error.code == .forbidden)
            #expect(error.message.contains(#"User "ci-deployer" cannot get resource "services" in API group "" in the namespace "\#(ns)""#), "\(error.message)")
            #expect(error.message.contains(#"cannot read Service "web" in namespace "\#(ns)""#))
            #expect(error.message.contains(deployer.server))
            let token = try KubeConfig.load(explicitPath: (TestCluster.dir ?? "") + "/kubeconfig-token", environment: [:]).access().token
            #expect(!error.message.contains(try #require(token)))
        }
        var configOnly = m
        configOnly.configMaps = [("settings", false)]
        let text = configOnly.text.components(separatedBy: "---\n").filter { $0.contains("kind: ConfigMap") }.joined(separator: "---\n")
        let report = try target.apply(ApplyRequest(tenant: m.tenant, namespace: ns, manifest: text))
        #expect(report.created == ["ConfigMap/\(ns)/settings"], "the Role's rights are enough for ConfigMaps")

        let nobody = KubernetesTarget(client: try TestCluster.client("kubeconfig-nobody"))
        do throws(TargetError) {
            try nobody.apply(m.request())
            Issue.record("expected a 403")
        } catch {
            #expect(error.code == .forbidden)
            #expect(error.message.contains(#"User "nobody""#), "\(error.message)")
        }
    }

    /// Credentials and TLS the server refuses, or a server the client cannot trust: a clear error with its own
    /// code, naming the server, before anything changed.
    @Test(arguments: [
        ("no CA: the server's certificate is unknown", TargetError.Code.tls, "not signed by a trusted CA"),
        ("the cluster CA but another tls-server-name", .tls, "does not match the server name"),
        ("a token the server does not know", .unauthorized, "did not accept the credentials (HTTP 401"),
    ])
    func credentialsAndTLSFailures(_ what: String, _ code: TargetError.Code, _ text: String) throws {
        let admin = try TestCluster.client()
        var access = ClusterAccess(server: admin.server)
        let ca = FileManager.default.contents(atPath: (TestCluster.dir ?? "") + "/pki/ca.crt").map { [UInt8]($0) }
        switch code {
        case .tls where what.contains("tls-server-name"):
            access.certificateAuthority = ca
            access.tlsServerName = "wrong.example.com"
        case .unauthorized:
            access.certificateAuthority = ca
            access.token = "not-a-token"
        default: break
        }
        var options = KubeClientOptions()
        options.maxRetries = 0
        let client = try KubeClient(access: access, options: options)
        let m = TenantManifest(tenant: TestCluster.uniqueName("creds"))
        do throws(TargetError) {
            try KubernetesTarget(client: client).apply(m.request())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == code, "\(error.message)")
            #expect(error.message.contains(text) && error.message.contains(admin.server), "\(error.message)")
            #expect(!error.message.contains("not-a-token"))
            #expect(error.partial == nil)
        }
        #expect(try live(admin, Refs.namespaces, m.namespace) == nil)
    }

    /// A namespace being deleted (held by a finalizer) refuses new objects: the server's reason is passed on.
    @Test func aNamespaceBeingDeletedRefusesNewObjects() throws {
        let c = try TestCluster.client()
        var m = TenantManifest(tenant: TestCluster.uniqueName("term"))
        m.namespaceObject = false
        let ns = m.namespace
        _ = try c.create(Refs.namespaces, object: JSON.parse(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(ns)"}}"#))
        _ = try c.create(
            Refs.configMaps,
            object: JSON.parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"held","namespace":"\#(ns)","finalizers":["example.com/hold"]}}"#))
        defer {
            _ = try? c.patch(Refs.configMaps, name: "held", namespace: ns, type: .merge, patch: .object([("metadata", .object([("finalizers", .null)]))]))
        }
        cleanUp(c, ns)
        do throws(TargetError) {
            try KubernetesTarget(client: c).apply(m.request())
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .forbidden)
            #expect(error.message.contains("because it is being terminated"), "\(error.message)")
        }
    }
}

/// Failures that need no cluster.
@Suite struct KubernetesTargetFaultTests {
    /// Nothing listens: a clear `unreachable` error, within the connect timeout, before anything is changed.
    @Test func unreachableServer() throws {
        var options = KubeClientOptions()
        options.connectTimeout = 2
        options.maxRetries = 0
        let client = try KubeClient(access: ClusterAccess(server: "https://127.0.0.1:1", insecureSkipTLSVerify: true), options: options)
        let started = Date()
        let m = TenantManifest(tenant: "acme")
        do throws(TargetError) {
            try KubernetesTarget(client: client).apply(m.request())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unreachable)
            #expect(error.message.contains("https://127.0.0.1:1") && error.message.contains("unreachable"), "\(error.message)")
            #expect(error.partial == nil)
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// Input the target refuses before any request: a bad tenant name, a document that is not an object.
    @Test(arguments: [
        ("Acme", TenantManifest(tenant: "acme").text, TargetError.Code.invalidTenant),
        ("acme", "---\napiVersion: v1\nkind: ConfigMap\n", .invalidManifest),
        ("acme", "---\n- a\n", .invalidManifest),
        ("acme", "---\nkind: ConfigMap\nmetadata:\n  name: a\n", .invalidManifest),
    ])
    func badInputIsRefusedBeforeAnyRequest(_ tenant: String, _ manifest: String, _ code: TargetError.Code) throws {
        let client = try KubeClient(access: ClusterAccess(server: "https://127.0.0.1:1", insecureSkipTLSVerify: true))
        do throws(TargetError) {
            try KubernetesTarget(client: client).apply(ApplyRequest(tenant: tenant, namespace: "tenant-acme", manifest: manifest))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == code, "\(error.message)")
        }
        #expect(client.requestCount == 0)
    }

    /// How an apply's outcome is told: by resourceVersion, else by the fields the apply sends and owns (a
    /// controller writing status or its own annotations between our GET and PATCH is not our change).
    @Test(
        arguments: [
            ("no object before", nil, #"{"metadata":{"resourceVersion":"1"}}"#, false, KubernetesTarget.Change.created),
            (
                "same resourceVersion", #"{"metadata":{"resourceVersion":"5"},"spec":{"replicas":1}}"#,
                #"{"metadata":{"resourceVersion":"5"},"spec":{"replicas":1}}"#, false, .unchanged
            ),
            (
                "a controller wrote status and an annotation",
                #"{"metadata":{"resourceVersion":"5","managedFields":[\#(applied)]},"spec":{"replicas":1}}"#,
                #"{"metadata":{"resourceVersion":"6","annotations":{"deployment.kubernetes.io/revision":"1"},"managedFields":[\#(applied)]},"spec":{"replicas":1},"status":{"replicas":1}}"#,
                false, .unchanged
            ),
            (
                "a value the apply sends changed", #"{"metadata":{"resourceVersion":"5","managedFields":[\#(applied)]},"spec":{"replicas":1}}"#,
                #"{"metadata":{"resourceVersion":"6","managedFields":[\#(applied)]},"spec":{"replicas":2}}"#, false, .updated
            ),
            (
                "a field the chart dropped", #"{"metadata":{"resourceVersion":"5","managedFields":[\#(appliedMore)]},"spec":{"replicas":1,"paused":true}}"#,
                #"{"metadata":{"resourceVersion":"6","managedFields":[\#(applied)]},"spec":{"replicas":1}}"#, false, .updated
            ),
            (
                "a dry run keeps the resourceVersion", #"{"metadata":{"resourceVersion":"5","managedFields":[\#(applied)]},"spec":{"replicas":1}}"#,
                #"{"metadata":{"resourceVersion":"5","managedFields":[\#(applied)]},"spec":{"replicas":3}}"#, true, .updated
            ),
        ] as [(String, String?, String, Bool, KubernetesTarget.Change)])
    func changeDetection(_ what: String, _ before: String?, _ after: String, _ dryRun: Bool, _ expected: KubernetesTarget.Change) throws {
        let sent = try JSON.parse(#"{"spec":{"replicas":0}}"#)
        let change = KubernetesTarget.change(
            before: try before.map { try JSON.parse($0) }, after: try JSON.parse(after), sent: sent, fieldManager: "tenantctl", dryRun: dryRun)
        #expect(change == expected, "\(what)")
    }

    static let applied = #"{"manager":"tenantctl","operation":"Apply","fieldsV1":{"f:spec":{"f:replicas":{}}}}"#
    static let appliedMore = #"{"manager":"tenantctl","operation":"Apply","fieldsV1":{"f:spec":{"f:replicas":{},"f:paused":{}}}}"#

    /// Reading a manifest for the cluster: documents as Helm splits them (comment-only ones skipped), YAML
    /// numbers sent as JSON numbers, `helm.sh/resource-policy` read as Helm reads it (trimmed, any case).
    @Test(arguments: [
        ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  count: \"1\"\n", "ConfigMap/a", #"{"count":"1"}"#, false),
        (
            "# Source: x.yaml\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ns\n"
                + "  annotations:\n    helm.sh/resource-policy: \" Keep \"\nspec:\n  replicas: 3\n",
            "Deployment/ns/web", #"{"replicas":3}"#, true
        ),
        (
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n    helm.sh/resource-policy: delete\n"
                + "data:\n  k: dg==\n",
            "Secret/s", #"{"k":"dg=="}"#, false
        ),
    ])
    func manifestReading(_ manifest: String, _ name: String, _ payload: String, _ keep: Bool) throws {
        let objects = try KubeApplyPlan.objects(manifest, what: "the manifest")
        #expect(objects.count == 1)
        let object = try #require(objects.first)
        #expect(object.ref.reportName == name)
        #expect(object.keep == keep)
        #expect((object.body["data"] ?? object.body["spec"]) == (try JSON.parse(payload)), "\(object.body.text)")
    }

    /// The report names objects as `Kind/namespace/name`, cluster-scoped ones as `Kind/name`.
    @Test func reportNames() {
        #expect(KubeObjectRef(apiVersion: "apps/v1", kind: "Deployment", namespace: "tenant-acme", name: "web").reportName == "Deployment/tenant-acme/web")
        #expect(KubeObjectRef(apiVersion: "v1", kind: "Namespace", namespace: "", name: "tenant-acme").reportName == "Namespace/tenant-acme")
    }
}
