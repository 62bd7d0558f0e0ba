// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import ArgumentParser
import Foundation
import Gateway
import GoRuntime
import Tenancy

/// `tenantctl gateway`: the tenants' shared entry point.
struct GatewayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "The tenants' shared entry point: an Envoy gateway routing on a verified tenant claim.",
        subcommands: [
            GatewayRenderCommand.self, GatewayInstallCommand.self, GatewayUpgradeCommand.self, GatewayDiffCommand.self,
            GatewayRollbackCommand.self, GatewayHistoryCommand.self, GatewayStatusCommand.self, GatewayUninstallCommand.self,
        ])
}

/// `tenantctl gateway render -o DIR`.
struct GatewayRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write the gateway's Envoy configuration (and with --opa its policy) for the installed tenants.",
        discussion: """
            Writes DIR/envoy.yaml: one listener; the x-tenant-id and x-jwt-payload headers a client sends are \
            removed first; a JWT (issuer, audiences, keys) is required on every request; its tenant claim becomes \
            x-tenant-id; one route per registered tenant with an installed release, to \
            <id>-tenant-app.tenant-<id>.svc.cluster.local (or --upstream), rate-limited per gateway replica by its \
            tier's gateway.rateLimit in tiers.yaml; 404 for any other tenant. With --opa, also DIR/policy.rego \
            (package envoy.authz; evaluate data.envoy.authz.result) and DIR/data.json: hibernated and \
            decommissioned tenants get 403. The same bytes for the same tenants and settings.

            Flags not given are taken from the `gateway:` section of tenantctl.yaml (issuer, audiences, jwksFile, \
            jwksUri, jwksCacheSeconds, tenantClaim, listenPort, servicePort, opa, upstreams: {tenant: host:port}).

            Examples:
              tenantctl gateway render -o gateway --issuer https://id.example.com --audience tenantctl --jwks-uri https://id.example.com/jwks.json
              tenantctl gateway render -o gateway --issuer me --audience api --jwks-file keys.json --opa 127.0.0.1:9191
              tenantctl gateway render -o /tmp/gw --issuer me --audience api --jwks-file keys.json --upstream acme=127.0.0.1:9001

            Exit status: 0 written (warnings, such as no installed tenant, on standard error); 1 bad input; \
            64 usage error.
            """)

    @Option(name: [.customShort("o"), .customLong("output-dir")], help: ArgumentHelp("Where the files are written.", valueName: "dir"))
    var outputDir: String

    @OptionGroup var gateway: GatewayFlags

    @OptionGroup var place: PlaceOptions

    func run() throws {
        let settings = try gateway.settings(place)
        let context = try place.context()
        let tenants = try perform { () throws(ActionError) in try GatewayInputs.inventory(context) }
        let output = try gatewayCall { () throws(GatewayError) in try GatewayRender.render(tenants: tenants, settings: settings) }
        for warning in output.warnings { writeStderr("Warning: \(warning)\n") }
        try gatewayCall { () throws(GatewayError) -> Void in try GatewayRender.write(output, to: outputDir) }
        writeStdout(output.files.keys.sorted().map { "wrote \((outputDir as NSString).appendingPathComponent($0))\n" }.joined())
    }
}

/// Runs a gateway step, printing `Error: …` and exiting 1 when it fails.
func gatewayCall<T>(_ body: () throws(GatewayError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        writeError(error.message)
        throw ExitCode(1)
    }
}

/// The render settings every gateway command takes; flags not given come from `gateway:` in tenantctl.yaml.
struct GatewayFlags: ParsableArguments {
    @Option(help: ArgumentHelp("The token issuer (iss) accepted.", valueName: "iss"))
    var issuer: String?

    @Option(help: ArgumentHelp("An audience (aud) accepted; repeat for several (at least one).", valueName: "aud"))
    var audience: [String] = []

    @Option(name: .customLong("jwks-file"), help: ArgumentHelp("A local JSON Web Key Set, inlined into the configuration.", valueName: "file"))
    var jwksFile: String?

    @Option(name: .customLong("jwks-uri"), help: ArgumentHelp("An https URL Envoy fetches the key set from (and caches).", valueName: "url"))
    var jwksURI: String?

    @Option(name: .customLong("jwks-cache-seconds"), help: ArgumentHelp("How long Envoy caches a --jwks-uri key set (default 300).", valueName: "n"))
    var jwksCacheSeconds: Int?

    @Option(name: .customLong("tenant-claim"), help: ArgumentHelp("The token claim naming the tenant (default tenant).", valueName: "claim"))
    var tenantClaim: String?

    @Option(name: .customLong("listen-port"), help: ArgumentHelp("The listener's port (default 8080).", valueName: "port"))
    var listenPort: Int?

    @Option(name: .customLong("service-port"), help: ArgumentHelp("The tenant service's port (default 80, the tenant-app chart's).", valueName: "port"))
    var servicePort: Int?

    @Option(help: ArgumentHelp("A tenant's address instead of its in-cluster service; repeatable.", valueName: "tenant=host:port"))
    var upstream: [String] = []

    @Option(help: ArgumentHelp("The OPA server (gRPC ext_authz) deciding each request; also writes policy.rego and data.json.", valueName: "host:port"))
    var opa: String?

    func validate() throws {
        if jwksFile != nil && jwksURI != nil { throw ValidationError("--jwks-file and --jwks-uri: give one of them") }
    }

    /// The flags over the project file's `gateway:` section (the file `place` names).
    func settings(_ place: PlaceOptions) throws -> GatewaySettings {
        let file: [String: Value]
        do {
            file = try ProjectFile.load(place.config).section("gateway")
        } catch {
            writeError(error.message)
            throw ExitCode(1)
        }
        return try gatewayCall { () throws(GatewayError) in try self.settings(file) }
    }

    /// Flags over the project file's `gateway:` section.
    func settings(_ file: [String: Value]) throws(GatewayError) -> GatewaySettings {
        func text(_ key: String) -> String? { file[key]?.stringValue }
        func number(_ key: String) throws(GatewayError) -> Int? {
            guard let v = file[key], !v.isNull else { return nil }
            guard case .int(let i, _) = v else { throw GatewayError(.setting, "tenantctl.yaml: gateway.\(key) must be an integer") }
            return i
        }
        var s = GatewaySettings()
        s.issuer = issuer ?? text("issuer") ?? ""
        if !audience.isEmpty {
            s.audiences = audience
        } else if case .slice(let items, _)? = file["audiences"] {
            s.audiences = items.compactMap(\.stringValue)
        }
        if let path = jwksFile ?? (jwksURI == nil ? text("jwksFile") : nil) {
            s.jwks = .file(path)
        } else if let uri = jwksURI ?? text("jwksUri") {
            s.jwks = .uri(uri)
        }
        if let n = jwksCacheSeconds { s.jwksCacheSeconds = n } else if let n = try number("jwksCacheSeconds") { s.jwksCacheSeconds = n }
        if let c = tenantClaim ?? text("tenantClaim") { s.tenantClaim = c }
        if let p = listenPort { s.listenPort = p } else if let p = try number("listenPort") { s.listenPort = p }
        if let p = servicePort { s.servicePort = p } else if let p = try number("servicePort") { s.servicePort = p }
        if case .map(let m, _)? = file["upstreams"] {
            for (tenant, address) in m.dictionary.sorted(by: { $0.key < $1.key }) {
                let (t, a) = try GatewaySettings.parseUpstream("\(tenant)=\(address.stringValue ?? "")")
                s.upstreams[t] = a
            }
        }
        for u in upstream {
            let (t, a) = try GatewaySettings.parseUpstream(u)
            s.upstreams[t] = a
        }
        if let o = opa ?? text("opa") { s.opa = try HostPort.parse(o, what: "--opa", code: .setting) }
        return s
    }
}
