// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import GoRuntime
import Testing
import YAMLKit

/// Target, store and cluster settings: flag > environment > project file > default, and the messages that
/// name the flag, variable or file entry that is wrong.
struct SettingsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var flags = ReleaseSettings.Flags()
        var env: [String: String] = [:]
        var file = ""
        /// `target store kubeconfig context recordsNamespace qps burst url`, or the error message.
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "defaults", expected: "directory sqlite - - tenantctl-system 50.0 100 -"),
        Case(name: "file", file: "target: kubernetes\nstore: postgres\nrecordsNamespace: records\n", expected: "kubernetes postgres - - records 50.0 100 -"),
        Case(
            name: "environment over file", env: ["TENANTCTL_TARGET": "directory"], file: "target: kubernetes\n",
            expected: "directory sqlite - - tenantctl-system 50.0 100 -"),
        Case(
            name: "flag over environment", flags: .init(target: "kubernetes", store: "sqlite"),
            env: ["TENANTCTL_TARGET": "directory", "TENANTCTL_STORE": "postgres"],
            expected: "kubernetes sqlite - - tenantctl-system 50.0 100 -"),
        Case(
            name: "empty environment is unset", env: ["TENANTCTL_TARGET": ""], file: "target: kubernetes\n",
            expected: "kubernetes kubernetes - - tenantctl-system 50.0 100 -"),
        Case(
            name: "kubeconfig from the file, relative to it", file: "kubernetes: {kubeconfig: kube/config, context: dev, qps: 20, burst: 40}\n",
            expected: "directory sqlite project/kube/config dev tenantctl-system 20.0 40 -"),
        Case(
            name: "KUBECONFIG wins over the file's kubeconfig", env: ["KUBECONFIG": "/a:/b"], file: "kubernetes: {kubeconfig: kube/config}\n",
            expected: "directory sqlite - - tenantctl-system 50.0 100 -"),
        Case(
            name: "--kubeconfig wins over KUBECONFIG", flags: .init(kubeconfig: "/x", kubeContext: "prod"), env: ["KUBECONFIG": "/a"],
            file: "kubernetes: {context: dev}\n", expected: "directory sqlite /x prod tenantctl-system 50.0 100 -"),
        Case(
            name: "tilde in the file", env: ["HOME": "/home/u"], file: "kubernetes: {kubeconfig: ~/.kube/other}\n",
            expected: "directory sqlite /home/u/.kube/other - tenantctl-system 50.0 100 -"),
        Case(
            name: "store URL: flag > environment > file", flags: .init(storeURL: "postgres://flag"), env: ["TENANTCTL_POSTGRES_URL": "postgres://env"],
            file: "postgres: {url: postgres://file}\n", expected: "directory sqlite - - tenantctl-system 50.0 100 postgres://flag"),
        Case(
            name: "store URL from the environment", env: ["TENANTCTL_POSTGRES_URL": "postgres://env"], file: "postgres: {url: postgres://file}\n",
            expected: "directory sqlite - - tenantctl-system 50.0 100 postgres://env"),
        Case(
            name: "the cluster target keeps records in the cluster", flags: .init(target: "kubernetes"),
            expected: "kubernetes kubernetes - - tenantctl-system 50.0 100 -"),
        Case(
            name: "a named store wins over the cluster default", flags: .init(target: "kubernetes"), file: "store: sqlite\n",
            expected: "kubernetes sqlite - - tenantctl-system 50.0 100 -"),
        Case(name: "unknown target flag", flags: .init(target: "k8s"), expected: "--target: \"k8s\" is not one of directory, kubernetes"),
        Case(
            name: "unknown store variable", env: ["TENANTCTL_STORE": "etcd"], expected: "TENANTCTL_STORE: \"etcd\" is not one of sqlite, kubernetes, postgres"),
        Case(
            name: "unknown target in the file", file: "target: cluster\n",
            expected: "project/tenantctl.yaml: target: \"cluster\" is not one of directory, kubernetes"),
        Case(name: "kubernetes is not a map", file: "kubernetes: yes\n", expected: "project/tenantctl.yaml: `kubernetes:` must be a map"),
        Case(
            name: "bad records namespace", file: "recordsNamespace: Records_NS\n",
            expected: "project/tenantctl.yaml: recordsNamespace \"Records_NS\" is not a namespace name (a DNS-1123 label)"),
        Case(name: "zero qps", flags: .init(qps: 0), expected: "--qps must be a positive number of requests per second, not 0.0"),
        Case(name: "target is a number", file: "target: 3\n", expected: "project/tenantctl.yaml: `target:` must be a string"),
    ]

    @Test(arguments: cases)
    func resolve(_ c: Case) throws {
        let file: [String: Value] = c.file.isEmpty ? [:] : try YAML.loadMap(c.file)
        do {
            let s = try ReleaseSettings.resolve(flags: c.flags, environment: c.env, file: file, filePath: "project/tenantctl.yaml")
            let got = [
                s.target.rawValue, s.store.rawValue, s.kubeconfig ?? "-", s.kubeContext ?? "-", s.recordsNamespace, "\(s.qps)", "\(s.burst)", s.storeURL ?? "-",
            ].joined(separator: " ")
            #expect(got == c.expected)
        } catch {
            #expect(error.message == c.expected)
        }
    }
}
