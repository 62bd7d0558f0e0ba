// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Kube
import Testing

/// The cluster scripts/test-servers.sh started (`TENANTCTL_TEST_KUBE_DIR`), or nil.
enum TestCluster {
    static let dir: String? = ProcessInfo.processInfo.environment["TENANTCTL_TEST_KUBE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    static let reason: Comment =
        "TENANTCTL_TEST_KUBE_DIR is unset: no API server (run the tests through scripts/test-servers.sh with ../shared/kube beside the clone)"

    /// A client for DIR/`file` (kubeconfig, kubeconfig-token, kubeconfig-nobody).
    static func client(_ file: String = "kubeconfig", options: KubeClientOptions = KubeClientOptions()) throws -> KubeClient {
        try KubeClient(kubeconfig: (dir ?? "") + "/" + file, environment: [:], options: options)
    }

    /// A tenant name no other test uses.
    static func uniqueName(_ prefix: String) -> String { "\(prefix)-\(UInt32.random(in: 0...UInt32.max))" }
}
