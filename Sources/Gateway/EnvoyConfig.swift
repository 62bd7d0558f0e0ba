// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Tenancy
import YAMLKit

/// The Envoy v3 static configuration of the tenant gateway, as a tree (emitted by ``GatewayRender``).
///
/// One listener; client-sent identity headers removed by the connection manager's early header mutation
/// (before any route or filter sees them); `jwt_authn` verifies the token, copies the tenant claim into
/// `x-tenant-id` and clears the route cache; one exact-match route per routed tenant; a 404 for the rest.
enum EnvoyConfig {
    /// The header routing keys on, set only from the verified claim.
    static let tenantHeader = "x-tenant-id"
    /// The header carrying the verified token's payload to the tenant (base64url JSON).
    static let payloadHeader = "x-jwt-payload"
    /// The jwt_authn provider's name.
    static let provider = "tenant-issuer"
    /// Where jwt_authn puts the verified payload in the request's dynamic metadata.
    static let payloadMetadataKey = "jwt_payload"
    static let jwtFilter = "envoy.filters.http.jwt_authn"
    static let extAuthzFilter = "envoy.filters.http.ext_authz"
    static let rateLimitFilter = "envoy.filters.http.local_ratelimit"
    static let api = "type.googleapis.com/envoy.extensions."

    static func typed(_ type: String, _ fields: [String: Value] = [:]) -> Value {
        var f = fields
        f["@type"] = .string(api + type)
        return .dict(f)
    }

    static func int(_ i: Int) -> Value { .int(i, .int) }

    static func hundredPercent() -> Value {
        .dict(["default_value": .dict(["numerator": int(100), "denominator": .string("HUNDRED")])])
    }

    /// The cluster name of a tenant.
    static func clusterName(_ tenant: String) -> String { "tenant-\(tenant)" }

    /// A cluster of one endpoint: STATIC for an IP literal, STRICT_DNS for a name.
    static func cluster(_ name: String, _ address: HostPort, timeout: String, extra: [String: Value] = [:]) -> Value {
        var c: [String: Value] = [
            "name": .string(name),
            "type": .string(address.isIPLiteral ? "STATIC" : "STRICT_DNS"),
            "connect_timeout": .string(timeout),
            "lb_policy": .string("ROUND_ROBIN"),
            "load_assignment": .dict([
                "cluster_name": .string(name),
                "endpoints": .list([
                    .dict([
                        "lb_endpoints": .list([
                            .dict([
                                "endpoint": .dict([
                                    "address": .dict([
                                        "socket_address": .dict(["address": .string(address.host), "port_value": int(address.port)])
                                    ])
                                ])
                            ])
                        ])
                    ])
                ]),
            ]),
        ]
        for (k, v) in extra { c[k] = v }
        return .dict(c)
    }

    /// The whole configuration.
    static func build(tenants: [GatewayTenant], settings: GatewaySettings, keys: JWKSKeys) -> Value {
        let routed = tenants.filter(\.isRouted)
        var routes: [Value] = routed.map { route(for: $0, settings: settings) }
        var notFound: [String: Value] = [
            "name": .string("unknown-tenant"),
            "match": .dict(["prefix": .string("/")]),
            "direct_response": .dict(["status": int(404), "body": .dict(["inline_string": .string("unknown tenant\n")])]),
        ]
        if settings.opa != nil {
            // Nothing to decide for a tenant with no route: answer 404 without asking the policy.
            notFound["typed_per_filter_config"] = .dict([
                extAuthzFilter: typed("filters.http.ext_authz.v3.ExtAuthzPerRoute", ["disabled": .bool(true)])
            ])
        }
        routes.append(.dict(notFound))

        var filters: [Value] = [jwtAuthn(settings: settings, keys: keys)]
        // Disabled here; each tenant route turns it on with its tier's bucket.
        filters.append(
            .dict([
                "name": .string(rateLimitFilter),
                "typed_config": typed("filters.http.local_ratelimit.v3.LocalRateLimit", ["stat_prefix": .string("tenant_rate_limit")]),
            ]))
        if let opa = settings.opa { filters.append(extAuthz(opa)) }
        filters.append(.dict(["name": .string("envoy.filters.http.router"), "typed_config": typed("filters.http.router.v3.Router")]))

        let manager = typed(
            "filters.network.http_connection_manager.v3.HttpConnectionManager",
            [
                "stat_prefix": .string("tenant_gateway"),
                "codec_type": .string("AUTO"),
                // Identity headers a client sends are dropped before anything else reads the request; route-level
                // header removal runs after routing and filters, which is too late.
                "early_header_mutation_extensions": .list([
                    .dict([
                        "name": .string("envoy.http.early_header_mutation.header_mutation"),
                        "typed_config": typed(
                            "http.early_header_mutation.header_mutation.v3.HeaderMutation",
                            ["mutations": .list([tenantHeader, payloadHeader].map { .dict(["remove": .string($0)]) })]),
                    ])
                ]),
                "route_config": .dict([
                    "name": .string("tenants"),
                    "virtual_hosts": .list([.dict(["name": .string("tenants"), "domains": .strings(["*"]), "routes": .list(routes)])]),
                ]),
                "http_filters": .list(filters),
            ])

        var clusters: [Value] = routed.map { t in
            let address =
                settings.upstreams[t.id] ?? HostPort(host: "\(t.id)-tenant-app.\(TenantName.namespace(t.id)).svc.cluster.local", port: settings.servicePort)
            return cluster(clusterName(t.id), address, timeout: "5s")
        }
        if case .remote(let uri) = keys {
            clusters.append(
                cluster(
                    "jwks", uri.address, timeout: "5s",
                    extra: [
                        "transport_socket": .dict([
                            "name": .string("envoy.transport_sockets.tls"),
                            "typed_config": typed("transport_sockets.tls.v3.UpstreamTlsContext", ["sni": .string(uri.address.host)]),
                        ])
                    ]))
        }
        if let opa = settings.opa {
            clusters.append(
                cluster(
                    "opa", opa, timeout: "1s",
                    extra: [
                        "typed_extension_protocol_options": .dict([
                            "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": typed(
                                "upstreams.http.v3.HttpProtocolOptions", ["explicit_http_config": .dict(["http2_protocol_options": .dict([:])])])
                        ])
                    ]))
        }

        return .dict([
            "static_resources": .dict([
                "listeners": .list([
                    .dict([
                        "name": .string("tenant-gateway"),
                        "address": .dict(["socket_address": .dict(["address": .string("0.0.0.0"), "port_value": int(settings.listenPort)])]),
                        "filter_chains": .list([
                            .dict([
                                "filters": .list([
                                    .dict(["name": .string("envoy.filters.network.http_connection_manager"), "typed_config": manager])
                                ])
                            ])
                        ]),
                    ])
                ]),
                "clusters": .list(clusters),
            ])
        ])
    }

    /// One tenant's route: exact match on the verified `x-tenant-id`, its tier's rate limit.
    static func route(for tenant: GatewayTenant, settings: GatewaySettings) -> Value {
        var r: [String: Value] = [
            "name": .string(clusterName(tenant.id)),
            "match": .dict([
                "prefix": .string("/"),
                "headers": .list([.dict(["name": .string(tenantHeader), "string_match": .dict(["exact": .string(tenant.id)])])]),
            ]),
            "route": .dict(["cluster": .string(clusterName(tenant.id))]),
        ]
        if let limit = tenant.rateLimit {
            let prefix = "tenant_\(tenant.id.replacingOccurrences(of: "-", with: "_"))"
            r["typed_per_filter_config"] = .dict([
                rateLimitFilter: typed(
                    "filters.http.local_ratelimit.v3.LocalRateLimit",
                    [
                        "stat_prefix": .string("\(prefix)_rate_limit"),
                        // Per gateway replica: each replica has its own bucket.
                        "token_bucket": .dict([
                            "max_tokens": int(limit.burst), "tokens_per_fill": int(limit.requestsPerSecond), "fill_interval": .string("1s"),
                        ]),
                        "filter_enabled": hundredPercent(),
                        "filter_enforced": hundredPercent(),
                    ])
            ])
        }
        return .dict(r)
    }

    /// The jwt_authn filter: one provider, a token required on every path (never allow_missing).
    static func jwtAuthn(settings: GatewaySettings, keys: JWKSKeys) -> Value {
        var body: [String: Value] = [
            "issuer": .string(settings.issuer),
            "audiences": .strings(settings.audiences),
            "forward": .bool(false),
            "forward_payload_header": .string(payloadHeader),
            "payload_in_metadata": .string(payloadMetadataKey),
            "claim_to_headers": .list([.dict(["header_name": .string(tenantHeader), "claim_name": .string(settings.tenantClaim)])]),
            // Routing runs again after the claim is copied into x-tenant-id.
            "clear_route_cache": .bool(true),
        ]
        switch keys {
        case .inline(let json):
            body["local_jwks"] = .dict(["inline_string": .string(json)])
        case .remote(let uri):
            body["remote_jwks"] = .dict([
                "http_uri": .dict(["uri": .string(uri.url), "cluster": .string("jwks"), "timeout": .string("5s")]),
                "cache_duration": .string("\(settings.jwksCacheSeconds)s"),
            ])
        }
        return .dict([
            "name": .string(jwtFilter),
            "typed_config": typed(
                "filters.http.jwt_authn.v3.JwtAuthentication",
                [
                    "providers": .dict([provider: .dict(body)]),
                    "rules": .list([.dict(["match": .dict(["prefix": .string("/")]), "requires": .dict(["provider_name": .string(Self.provider)])])]),
                ]),
        ])
    }

    /// The ext_authz filter asking OPA over gRPC, failing closed, with the verified payload as metadata.
    static func extAuthz(_ opa: HostPort) -> Value {
        .dict([
            "name": .string(extAuthzFilter),
            "typed_config": typed(
                "filters.http.ext_authz.v3.ExtAuthz",
                [
                    "transport_api_version": .string("V3"),
                    "failure_mode_allow": .bool(false),
                    "status_on_error": .dict(["code": .string("Forbidden")]),
                    "grpc_service": .dict(["envoy_grpc": .dict(["cluster_name": .string("opa")]), "timeout": .string("0.5s")]),
                    "metadata_context_namespaces": .strings([jwtFilter]),
                ]),
        ])
    }
}

/// The keys as the configuration carries them.
enum JWKSKeys: Sendable {
    /// Inline JWKS JSON.
    case inline(String)
    /// A remote JWKS over https.
    case remote(RemoteJWKS)
}

/// A `--jwks-uri`: the URL and the host Envoy's TLS cluster connects to.
struct RemoteJWKS: Sendable {
    var url: String
    var address: HostPort
}
