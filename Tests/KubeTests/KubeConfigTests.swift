// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

/// A scratch folder the tests write kubeconfig files into.
struct Scratch {
    let dir: String
    init() {
        dir = NSTemporaryDirectory() + "tenantctl-kube-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
    }
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let p = dir + "/" + name
        _ = FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }
    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

@Suite struct KubeConfigTests {
    static let fileA = """
        apiVersion: v1
        kind: Config
        current-context: a
        clusters:
        - name: ca
          cluster: {server: "https://a.example:6443", certificate-authority-data: "Q0EtQQ==", tls-server-name: kubernetes}
        - name: shared
          cluster: {server: "https://from-a.example"}
        users:
        - name: ua
          user: {token: token-a}
        contexts:
        - name: a
          context: {cluster: ca, user: ua, namespace: team-a}
        - name: shared
          context: {cluster: shared, user: ua}
        """
    static let fileB = """
        apiVersion: v1
        kind: Config
        current-context: b
        clusters:
        - name: cb
          cluster: {server: "https://b.example", certificate-authority: ca.crt, insecure-skip-tls-verify: true}
        - name: shared
          cluster: {server: "https://from-b.example"}
        users:
        - name: ub
          user: {client-certificate: certs/b.crt, client-key: certs/b.key}
        - name: basic
          user: {username: admin, password: secret}
        - name: files
          user: {tokenFile: token.txt}
        - name: plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: ./bin/plugin
              args: [get-token, --cluster, b]
              env: [{name: PLUGIN_MODE, value: test}]
        contexts:
        - name: b
          context: {cluster: cb, user: ub}
        - name: a
          context: {cluster: cb, user: ub, namespace: from-b}
        - name: basic
          context: {cluster: cb, user: basic}
        - name: files
          context: {cluster: cb, user: files}
        - name: plugin
          context: {cluster: shared, user: plugin}
        """

    /// One row: the KUBECONFIG list (names in the scratch folder; `missing` is never written), the --context,
    /// and what the resolved access must say.
    struct MergeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var list: [String]
        var context: String?
        var server: String
        var namespace: String
        var user: String
        var check: @Sendable (ClusterAccess, String) -> Bool = { _, _ in true }
        var testDescription: String { name }
    }

    static let mergeCases: [MergeCase] = [
        MergeCase(
            name: "first file wins current-context and the entries it names", list: ["a.yaml", "missing.yaml", "sub/b.yaml"], server: "https://a.example:6443",
            namespace: "team-a", user: "ua",
            check: { a, _ in a.token == "token-a" && a.certificateAuthority == Array("CA-A".utf8) && a.tlsServerName == "kubernetes" }),
        MergeCase(
            name: "the later file's current-context when the first has none", list: ["sub/b.yaml", "a.yaml"], server: "https://b.example", namespace: "default",
            user: "ub"),
        MergeCase(
            name: "context a from the first file that names it", list: ["sub/b.yaml", "a.yaml"], context: "a", server: "https://b.example", namespace: "from-b",
            user: "ub"),
        MergeCase(
            name: "a context from the second file", list: ["a.yaml", "sub/b.yaml"], context: "b", server: "https://b.example", namespace: "default", user: "ub",
            check: { a, dir in
                a.clientCertificate == Array("CERT-B".utf8) && a.clientKey == Array("KEY-B".utf8) && a.insecureSkipTLSVerify
                    && a.certificateAuthority == Array("CA-B".utf8) && dir.count > 0
            }),
        MergeCase(
            name: "cluster shared from the first file", list: ["a.yaml", "sub/b.yaml"], context: "plugin", server: "https://from-a.example",
            namespace: "default",
            user: "plugin",
            check: { a, dir in
                a.exec?.command == dir + "/sub/./bin/plugin" && a.exec?.args == ["get-token", "--cluster", "b"] && a.exec?.env.first?.value == "test"
            }),
        MergeCase(
            name: "basic auth", list: ["sub/b.yaml"], context: "basic", server: "https://b.example", namespace: "default", user: "basic",
            check: { a, _ in a.basic?.user == "admin" && a.basic?.password == "secret" }),
        MergeCase(
            name: "tokenFile resolved against its file", list: ["sub/b.yaml"], context: "files", server: "https://b.example", namespace: "default",
            user: "files",
            check: { a, dir in a.tokenFile == dir + "/sub/token.txt" }),
    ]

    @Test(arguments: mergeCases)
    func merge(_ c: MergeCase) throws {
        let s = Scratch()
        defer { s.remove() }
        s.write("a.yaml", Self.fileA)
        s.write("sub/b.yaml", Self.fileB)
        s.write("sub/ca.crt", "CA-B")
        try FileManager.default.createDirectory(atPath: s.dir + "/sub/certs", withIntermediateDirectories: true)
        s.write("sub/certs/b.crt", "CERT-B")
        s.write("sub/certs/b.key", "KEY-B")
        s.write("sub/token.txt", "tok\n")
        let env = ["KUBECONFIG": c.list.map { s.dir + "/" + $0 }.joined(separator: ":")]
        let access = try KubeConfig.load(environment: env).access(context: c.context)
        #expect(access.server == c.server)
        #expect(access.namespace == c.namespace)
        #expect(access.userName == c.user)
        #expect(c.check(access, s.dir))
        // No secret in what a message may print.
        #expect(!access.description.contains("token-a") && !access.description.contains("secret"))
    }

    @Test func explicitPathWinsOverKUBECONFIG() throws {
        let s = Scratch()
        defer { s.remove() }
        let a = s.write("a.yaml", Self.fileA)
        let config = try KubeConfig.load(explicitPath: a, environment: ["KUBECONFIG": s.dir + "/nothing.yaml"])
        #expect(config.files == [a])
        #expect(throws: KubeConfigError(file: s.dir + "/gone.yaml", message: "cannot read the file")) {
            try KubeConfig.load(explicitPath: s.dir + "/gone.yaml", environment: [:])
        }
    }

    /// Bad input: the kubeconfig text, the context asked for, and the whole message (FILE stands for the path).
    @Test(arguments: [
        ("malformed YAML", "clusters: [\n  - {", nil, "kubeconfig FILE: malformed YAML:"),
        ("not a mapping", "- a\n- b\n", nil, "kubeconfig FILE: not a kubeconfig: the document is not a mapping"),
        ("missing context", fileA, "foo", #"kubeconfig FILE: context "foo" not found"#),
        ("no current context", "apiVersion: v1\nkind: Config\n", nil, "kubeconfig FILE: no current-context is set and no context was given"),
        (
            "missing cluster", "current-context: c\ncontexts:\n- name: c\n  context: {cluster: nope, user: u}\n", nil,
            #"kubeconfig FILE: context "c": cluster "nope" not found"#
        ),
        (
            "missing user",
            "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'https://x'}\ncontexts:\n- name: c\n  context: {cluster: k, user: nope}\n",
            nil, #"kubeconfig FILE: context "c": user "nope" not found"#
        ),
        (
            "bad base64", userCase("client-certificate-data: Q0VSVA==, client-key-data: '!!notbase64'"), nil,
            #"kubeconfig FILE: user "u": client-key-data is not valid base64"#
        ),
        (
            "bad CA base64",
            "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'https://x', certificate-authority-data: '%%'}\ncontexts:\n- name: c\n  context: {cluster: k}\n",
            nil, #"kubeconfig FILE: cluster "k": certificate-authority-data is not valid base64"#
        ),
        (
            "missing cert file", userCase("client-certificate: missing.crt, client-key: missing.key"), nil,
            #"kubeconfig FILE: user "u": client-certificate DIR/missing.crt: cannot read the file"#
        ),
        ("certificate without key", userCase("client-certificate-data: Q0VSVA=="), nil, #"kubeconfig FILE: user "u": client-certificate without client-key"#),
        (
            "no server", "current-context: c\nclusters:\n- name: k\n  cluster: {}\ncontexts:\n- name: c\n  context: {cluster: k}\n", nil,
            #"kubeconfig FILE: cluster "k": no server"#
        ),
        (
            "exec apiVersion", userCase("exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}"), nil,
            #"kubeconfig FILE: user "u": exec apiVersion "client.authentication.k8s.io/v1alpha1" is not supported (want client.authentication.k8s.io/v1)"#
        ),
        ("exec without command", userCase("exec: {apiVersion: client.authentication.k8s.io/v1}"), nil, #"kubeconfig FILE: user "u": exec has no command"#),
    ])
    func badInput(_ name: String, _ text: String, _ context: String?, _ expected: String) {
        let s = Scratch()
        defer { s.remove() }
        let file = s.write("config", text)
        do {
            let a = try KubeConfig.load(explicitPath: file, environment: [:]).access(context: context)
            Issue.record("\(name): no error, got \(a)")
        } catch {
            let want = expected.replacingOccurrences(of: "FILE", with: file).replacingOccurrences(of: "DIR", with: s.dir)
            #expect(error.description.hasPrefix(want), "\(name)")
        }
    }

    static func userCase(_ user: String) -> String {
        "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'https://x'}\nusers:\n- name: u\n  user: {\(user)}\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n"
    }
}
