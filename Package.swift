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
        // Yams 5.x: its `compose` keeps duplicate keys as Helm does (Yams 6 rejects them).
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        // Sprig's hashes, AES, scrypt, RSA/ECDSA/Ed25519 keys and X.509 certificates (TemplateFuncs; Crypto also for chart digests in Chart and Actions).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.0"),
    ],
    targets: [
        // Go's runtime as templates see it: the Value model, Go type names, fmt, strconv; no third-party code.
        .target(name: "GoRuntime", dependencies: ["CMalloc"]),
        // glibc's <malloc.h> (mallopt), for GoRuntime's ProcessHeap.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // Go text/template: lexer, parser, AST, executor, builtins. No Kubernetes words, no third-party code.
        .target(name: "GoTemplate", dependencies: ["GoRuntime"]),
        // Helm's YAML: libyaml (through Yams' compose) under go-yaml v2 scalar rules, the JSON round trip.
        .target(name: "YAMLKit", dependencies: ["GoRuntime", .product(name: "Yams", package: "Yams")]),
        // The hot bignum arithmetic of RSA key generation (Montgomery multiplication, constant-time modexp,
        // Fermat/Miller-Rabin rounds, one-word remainders), in C. Optimised in debug builds too: tests make keys.
        .target(name: "CBigNum", cSettings: [.unsafeFlags(["-O3"])]),
        // Fresh RSA keys: sieved prime search, key assembly, PKCS#1 DER. Depends on CBigNum only.
        .target(name: "RSAKeys", dependencies: ["CBigNum"]),
        // Sprig and Helm template functions, registered into GoTemplate's function table.
        .target(
            name: "TemplateFuncs",
            dependencies: [
                "GoRuntime", "GoTemplate", "YAMLKit", "RSAKeys",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        // zlib (Debian: zlib1g-dev), for chart archives (gunzip and gzip); used only by Chart.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Helm charts on disk: Chart.yaml, values.yaml, templates/, files, subcharts, .tgz archives; packaging
        // (`NAME-VERSION.tgz`) and the chart repository's index.yaml (semver from TemplateFuncs, sha256 digests).
        .target(
            name: "Chart",
            dependencies: [
                "GoRuntime", "YAMLKit", "CZlib", "TemplateFuncs",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Helm's render pipeline: template set per chart tree, .Release/.Chart/.Capabilities/.Files, Helm's errors.
        .target(name: "Engine", dependencies: ["GoRuntime", "GoTemplate", "TemplateFuncs", "YAMLKit", "Chart"]),
        // The system SQLite (libsqlite3-dev), for ReleaseStore only: builds in seconds where GRDB takes 86 s.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        // Releases: the Release model, driver protocols (SQLite, memory), the Storage policy (history, leases),
        // and the release lifecycle as a pure state machine. Depends on nothing of ours.
        .target(name: "ReleaseStore", dependencies: ["CSQLite"]),
        // Where manifests go: the Target protocol and the directory target (deploy/<tenant>/, one file per object).
        .target(name: "Targets", dependencies: ["YAMLKit", "GoRuntime"]),
        // Tenants and tiers: tenants/tiers.yaml, tenants/<name>.yaml, name rules, the values layering.
        .target(name: "Tenancy", dependencies: ["Chart", "GoRuntime", "YAMLKit"]),
        // The verbs (install, upgrade, rollback …) as data plus `run`: lease → lifecycle → Engine → store → target.
        .target(
            name: "Actions",
            dependencies: [
                "Tenancy", "Engine", "Chart", "GoRuntime", "YAMLKit", "ReleaseStore", "Targets",
                .product(name: "Crypto", package: "swift-crypto"),  // the chart digest recorded with each revision
            ]),
        // The tenant gateway: Envoy's static configuration, the OPA policy and its data, from the tenant list.
        .target(name: "Gateway", dependencies: ["Tenancy", "YAMLKit", "GoRuntime"]),
        .executableTarget(
            name: "tenantctl",
            dependencies: [
                "Engine", "Chart", "Actions", "Tenancy", "ReleaseStore", "Targets", "GoRuntime",
                "Gateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], linkerSettings: releaseStatic),
        // `make bench`: in-process render speed over the chart corpus, beside Go's reference renderer.
        .executableTarget(
            name: "Bench",
            dependencies: [
                "Engine", "Chart", "GoRuntime", "RSAKeys", .product(name: "_CryptoExtras", package: "swift-crypto"),
            ], linkerSettings: releaseStatic),
        .testTarget(name: "GoRuntimeTests", dependencies: ["GoRuntime"]),
        .testTarget(name: "GoTemplateTests", dependencies: ["GoTemplate"]),
        .testTarget(name: "YAMLKitTests", dependencies: ["YAMLKit"]),
        .testTarget(name: "TemplateFuncsTests", dependencies: ["TemplateFuncs", "GoTemplate"], exclude: ["Data"]),
        .testTarget(name: "ReleaseStoreTests", dependencies: ["ReleaseStore"]),
        .testTarget(name: "RSAKeysTests", dependencies: ["RSAKeys", .product(name: "_CryptoExtras", package: "swift-crypto")]),
        .testTarget(name: "TargetsTests", dependencies: ["Targets"]),
        .testTarget(
            name: "ActionsTests", dependencies: ["Actions", "Tenancy", "ReleaseStore", "Targets", "GoRuntime", "Chart"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "GatewayTests", dependencies: ["Gateway", "Tenancy", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Chart", "YAMLKit"], exclude: ["known-failures.txt", "corpus-known-failures.txt"]),
    ],
    swiftLanguageModes: [.v6]
)
