// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Kube
import Testing
import YAMLKit

/// kubectl's client-side schema validation without a server: a few models trimmed from kube-apiserver v1.20.2's
/// `/openapi/v2` (descriptions and unused fields left out), and the messages real `helm template
/// --dry-run=server` printed for the same objects against that server (LiveRenderTests replays them whole).
@Suite struct OpenAPIValidatorTests {
    static let document = """
        {"definitions": {
          "io.k8s.api.core.v1.ConfigMap": {"type": "object",
            "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
              "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
              "data": {"type": "object", "additionalProperties": {"type": "string"}}},
            "x-kubernetes-group-version-kind": [{"group": "", "kind": "ConfigMap", "version": "v1"}]},
          "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"type": "object",
            "properties": {"name": {"type": "string"}, "namespace": {"type": "string"},
              "labels": {"type": "object", "additionalProperties": {"type": "string"}},
              "annotations": {"type": "object", "additionalProperties": {"type": "string"}}}},
          "io.k8s.api.apps.v1.Deployment": {"type": "object",
            "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
              "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
              "spec": {"$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentSpec"}},
            "x-kubernetes-group-version-kind": [{"group": "apps", "kind": "Deployment", "version": "v1"}]},
          "io.k8s.api.apps.v1.DeploymentSpec": {"type": "object", "required": ["selector", "template"],
            "properties": {"replicas": {"type": "integer", "format": "int32"},
              "selector": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"},
              "template": {"$ref": "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"}}},
          "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": {"type": "object",
            "properties": {"matchLabels": {"type": "object", "additionalProperties": {"type": "string"}}}},
          "io.k8s.api.core.v1.PodTemplateSpec": {"type": "object",
            "properties": {"metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
              "spec": {"$ref": "#/definitions/io.k8s.api.core.v1.PodSpec"}}},
          "io.k8s.api.core.v1.PodSpec": {"type": "object", "required": ["containers"],
            "properties": {"containers": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.Container"}}}},
          "io.k8s.api.core.v1.Container": {"type": "object", "required": ["name"],
            "properties": {"name": {"type": "string"}, "image": {"type": "string"},
              "args": {"type": "array", "items": {"type": "string"}},
              "ports": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.ContainerPort"}}}},
          "io.k8s.api.core.v1.ContainerPort": {"type": "object", "required": ["containerPort"],
            "properties": {"containerPort": {"type": "integer", "format": "int32"}, "name": {"type": "string"}}},
          "com.example.measure.v1.Measurement": {"type": "object",
            "x-kubernetes-group-version-kind": [{"group": "measure.example.com", "kind": "Measurement", "version": "v1"}]}
        },
        "paths": {"/api/v1/namespaces/{namespace}/configmaps/{name}": {"patch": {"parameters": [{"name": "dryRun", "in": "query"}]}}}}
        """

    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          replicas: "3"
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers:
              - name: c
                image: x
                bogus: 1
                args: [1, true, 2.5]
                ports:
                - containerPort: "80"

        """

    @Test(
        arguments: [
            ("valid ConfigMap", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {x: y}}\ndata: {a: b, n: 1, t: true}\n", []),
            (
                "ConfigMap with wrong types",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: [not, a, map]\ndata:\n  number: 1\n  nested: {a: b}\n  empty: null\nextra: field\n",
                [
                    "unknown object type \"nil\" in ConfigMap.data.empty",
                    "ValidationError(ConfigMap.data.nested): invalid type for io.k8s.api.core.v1.ConfigMap.data: got \"map\", expected \"string\"",
                    "ValidationError(ConfigMap): unknown field \"extra\" in io.k8s.api.core.v1.ConfigMap",
                    "ValidationError(ConfigMap.metadata.labels): invalid type for io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.labels: got \"array\", expected \"map\"",
                ]
            ),
            (
                "Deployment", deployment,
                [
                    "ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got \"string\", expected \"integer\"",
                    "ValidationError(Deployment.spec.template.spec.containers[0]): unknown field \"bogus\" in io.k8s.api.core.v1.Container",
                    "ValidationError(Deployment.spec.template.spec.containers[0].ports[0].containerPort): invalid type for io.k8s.api.core.v1.ContainerPort.containerPort: got \"string\", expected \"integer\"",
                ]
            ),
            (
                "missing required field", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: []\n",
                ["ValidationError(Deployment.spec): missing required field \"selector\" in io.k8s.api.apps.v1.DeploymentSpec"]
            ),
            ("no type", "metadata: {name: x}\n", ["apiVersion not set", "kind not set"]),
            ("no kind", "apiVersion: v1\nmetadata: {name: x}\n", ["kind not set"]),
            ("apiVersion not a string", "apiVersion: 5\nkind: ConfigMap\n", ["apiVersion isn't string type"]),
            ("bad group version", "apiVersion: a/b/c\nkind: ConfigMap\n", ["unexpected GroupVersion string: a/b/c"]),
            ("custom resource without properties", "apiVersion: measure.example.com/v1\nkind: Measurement\nspec: {a: 1}\nwhatever: [1]\n", []),
            ("a kind without a model", "apiVersion: example.com/v1\nkind: Thing\nspec: {a: 1}\n", []),
        ] as [(String, String, [String])])
    func clientSide(_ name: String, _ yaml: String, _ expected: [String]) throws {
        let validator = OpenAPIValidator(document: try JSON.parse(Self.document))
        #expect(validator.clientSideValidation)
        #expect(validator.validate(try YAML.load(yaml)) == expected, "\(name)")
    }

    /// A server that takes `fieldValidation` validates itself: kubectl checks only the object's type fields.
    @Test func serverSide() throws {
        let document = Self.document.replacingOccurrences(of: "\"name\": \"dryRun\"", with: "\"name\": \"fieldValidation\"")
        let validator = OpenAPIValidator(document: try JSON.parse(document))
        #expect(!validator.clientSideValidation)
        #expect(validator.validate(try YAML.load(Self.deployment)) == [])
        #expect(validator.validate(try YAML.load("metadata: {name: x}\n")) == ["apiVersion not set", "kind not set"])
    }
}
