// swift-tools-version:6.0
// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import PackageDescription

/// Release binaries carry the Swift runtime and Foundation inside them: a process then starts in about a third
/// of the time (no dynamic relocation of a dozen shared libraries), which is most of `tenantctl template`'s
/// wall time on a small chart. lld (shipped with the toolchain) links them without gold's glibc warnings.
/// The executable is not position-independent, like the `helm` binary (Go's default on linux/amd64): a PIE
/// spends about 2 ms at every start applying 90,000 relocations to the metadata pages it then copies.
let releaseStatic: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-static-stdlib", "-use-ld=lld", "-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic", "-Xlinker", "-l_FoundationICU", "-Xlinker",
            "-l_FoundationCollections", "-Xlinker", "-l_FoundationCShims", "-Xlinker", "-lCoreFoundation",
        ], .when(configuration: .release))
]

let package = Package(
    name: "tenantctl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tenantctl", targets: ["tenantctl"]),
        .executable(name: "tenantctl-bench", targets: ["Bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Sprig's hashes, AES, scrypt, RSA (BoringSSL's key generation)/ECDSA/Ed25519 keys and X.509 certificates (TemplateFuncs; Crypto also for chart digests in Chart and Actions).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.0"),
    ],
    targets: [
        // Go's runtime as templates see it: the Value model, Go type names, fmt, strconv; no third-party code.
        .target(name: "GoRuntime"),
        // Work over every core on large-stack threads (Parallel) and POSIX file reads (LocalFiles): what libraries
        // may use of the process, with defaults that need no set-up.
        .target(name: "ProcessSupport"),
        // One-shot process tuning that only the command line sets up: the glibc heap (ProcessHeap) and objects
        // left for exit (ProcessLifetime).
        .target(name: "ProcessTuning", dependencies: ["ProcessSupport", "CMalloc"]),
        // glibc's <malloc.h> (mallopt), for ProcessTuning's ProcessHeap.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // Go's regexp (RE2 syntax and semantics) and unicode packages: Sprig's regex functions, semver
        // constraints, schema patterns.
        .target(name: "GoRegex"),
        // Masterminds/semver v3: versions, constraints, Helm's IsCompatibleRange. One home for Sprig, charts, Engine.
        .target(name: "Semver", dependencies: ["GoRuntime", "GoRegex"]),
        // Go text/template: lexer, parser, AST, executor, builtins. No Kubernetes words, no third-party code.
        .target(name: "GoTemplate", dependencies: ["GoRuntime", "ProcessSupport"]),
        // Helm's YAML: libyaml's event parser under go-yaml v2 scalar rules, the JSON round trip.
        .target(name: "YAMLKit", dependencies: ["GoRuntime", "CYAML"]),
        // libyaml (Debian: libyaml-dev, pkg-config yaml-0.1), for YAMLKit's decoder only.
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // Sprig and Helm template functions, registered into GoTemplate's function table.
        .target(
            name: "TemplateFuncs",
            dependencies: [
                "GoRuntime", "GoTemplate", "YAMLKit", "GoRegex", "Semver", "ProcessSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        // zlib (Debian: zlib1g-dev), for chart archives (gunzip and gzip); used only by Chart.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Helm charts on disk: Chart.yaml, values.yaml, templates/, files, subcharts, .tgz archives; packaging
        // (`NAME-VERSION.tgz`) and the chart repository's index.yaml (Semver, sha256 digests).
        .target(
            name: "Chart",
            dependencies: [
                "GoRuntime", "YAMLKit", "CZlib", "Semver", "GoRegex", "ProcessSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Helm's render pipeline: template set per chart tree, .Release/.Chart/.Capabilities/.Files, Helm's errors.
        .target(
            name: "Engine",
            dependencies: ["GoRuntime", "GoTemplate", "TemplateFuncs", "YAMLKit", "Chart", "ProcessSupport"]),
        // Helm's pkg/release/util: manifest splitting, heads, hooks, kind sorting (install/uninstall order), the
        // release-name rule. Below Targets, Tenancy and Actions.
        .target(name: "ReleaseUtil", dependencies: ["GoRuntime", "YAMLKit", "ProcessSupport"]),
        // The system SQLite (libsqlite3-dev), for ReleaseStore only: builds in seconds where GRDB takes 86 s.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        // Releases: the Release model, driver protocols (SQLite, PostgreSQL, Kubernetes through Kube, memory), Helm's release record
        // codec, the Storage policy (history, leases), and the release lifecycle as a pure state machine.
        // YAMLKit only to turn values YAML into Helm's JSON maps and back.
        // libpq (Debian: libpq-dev, pkg-config libpq), PostgreSQL's C client, for ReleaseStore only.
        .systemLibrary(name: "CPQ", path: "Sources/CPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .target(name: "ReleaseStore", dependencies: ["CSQLite", "CPQ", "CZlib", "YAMLKit", "GoRuntime", "Kube", "ReleaseUtil"]),
        // libcurl (Debian: libcurl4-openssl-dev), for Kube only: TLS from memory, client certificates, HTTP/2.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // A Kubernetes API client: kubeconfig, HTTP through libcurl, requests, discovery. No Helm in it.
        .target(name: "Kube", dependencies: ["CCurl", "YAMLKit", "GoRuntime"]),
        // Where manifests go: the Target protocol and the directory target (deploy/<tenant>/, one file per object).
        // The Kubernetes target (server-side apply, readiness, hooks) talks to the API server through Kube.
        .target(name: "Targets", dependencies: ["YAMLKit", "GoRuntime", "ReleaseUtil", "Kube"]),
        // Tenants and tiers: tenants/tiers.yaml, tenants/<name>.yaml, name rules, the values layering.
        .target(name: "Tenancy", dependencies: ["Chart", "GoRuntime", "YAMLKit", "ReleaseUtil"]),
        // The verbs (install, upgrade, rollback …) as data plus `run`: lease → lifecycle → Engine → store → target.
        .target(
            name: "Actions",
            dependencies: [
                "Tenancy", "Engine", "Chart", "GoRuntime", "YAMLKit", "ReleaseStore", "Targets", "ReleaseUtil", "Semver",
                "ProcessSupport",  // tenants in parallel (RollbackPromotion.swift, PromoteRun.swift)
                "Kube", "TemplateFuncs", "GoTemplate",  // rendering against the live cluster (LiveCluster.swift)
                "Gateway",  // the gateway's release (GatewayRelease.swift): its values from the rendered configuration
                .product(name: "Crypto", package: "swift-crypto"),  // the chart digest recorded with each revision
            ]),
        // The tenant gateway: Envoy's static configuration, the OPA policy and its data, from the tenant list.
        .target(name: "Gateway", dependencies: ["Tenancy", "YAMLKit", "GoRuntime"]),
        .executableTarget(
            name: "tenantctl",
            dependencies: [
                "Engine", "Chart", "Actions", "Tenancy", "ReleaseStore", "Targets", "GoRuntime", "ProcessTuning",
                "Gateway", "Kube",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], linkerSettings: releaseStatic, plugins: ["BuildInfo"]),
        // `tenantctl version`: the git commit of the sources, generated before each build (`unknown` without git).
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // `make bench`: in-process render speed over the chart corpus, beside Go's reference renderer.
        .executableTarget(
            name: "Bench",
            dependencies: [
                "Engine", "Chart", "GoRuntime", "ProcessSupport", "ProcessTuning", .product(name: "_CryptoExtras", package: "swift-crypto"),
            ], linkerSettings: releaseStatic),
        .testTarget(name: "GoRuntimeTests", dependencies: ["GoRuntime"]),
        .testTarget(name: "ProcessSupportTests", dependencies: ["ProcessSupport"]),
        .testTarget(name: "GoTemplateTests", dependencies: ["GoTemplate", "ProcessSupport"]),
        .testTarget(name: "YAMLKitTests", dependencies: ["YAMLKit"]),
        .testTarget(name: "TemplateFuncsTests", dependencies: ["TemplateFuncs", "GoTemplate", "Semver"], exclude: ["Data"]),
        .testTarget(name: "ReleaseStoreTests", dependencies: ["ReleaseStore", "YAMLKit", "GoRuntime", "Kube"], exclude: ["Data"]),
        .testTarget(name: "TargetsTests", dependencies: ["Targets"]),
        .testTarget(name: "KubeTests", dependencies: ["Kube", "YAMLKit", "GoRuntime"]),
        // The Kubernetes target against the real API server scripts/test-servers.sh starts.
        .testTarget(name: "KubeTargetTests", dependencies: ["Targets", "Kube", "ReleaseUtil", "YAMLKit", "GoRuntime"]),
        .testTarget(
            name: "ActionsTests", dependencies: ["Actions", "Tenancy", "ReleaseStore", "Targets", "GoRuntime", "Chart", "Kube"],
            exclude: ["Fixtures"]),
        // `template --dry-run=server` against the real API server: outputs recorded with real helm (tools/).
        .testTarget(name: "LiveRenderTests", dependencies: ["Actions", "Kube", "YAMLKit", "GoRuntime"], exclude: ["Fixtures"]),
        .testTarget(
            name: "GatewayTests", dependencies: ["Gateway", "Tenancy", "Kube", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Golden", "Fixtures"]),
        .testTarget(
            name: "EngineTests", dependencies: ["Engine", "Chart", "YAMLKit", "Actions", "ReleaseUtil", "GoRuntime"],
            exclude: ["known-failures.txt", "corpus-known-failures.txt", "typename-cases.jsonl"]),
    ],
    swiftLanguageModes: [.v6]
)
