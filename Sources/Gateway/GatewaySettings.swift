// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation

/// A `HOST:PORT` address (an upstream, the OPA server).
public struct HostPort: Sendable, Hashable, CustomStringConvertible {
    /// A DNS name or an IP literal (IPv6 without brackets).
    public var host: String
    /// 1…65535.
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` (`[::1]:8080` for IPv6), naming `what` in errors.
    /// - Throws: ``GatewayError/Code/upstream`` (or `code`) when the port is missing or out of range.
    public static func parse(_ text: String, what: String, code: GatewayError.Code = .upstream) throws(GatewayError) -> HostPort {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw GatewayError(code, "\(what) \"\(text)\": expected [IPV6]:PORT")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw GatewayError(code, "\(what) \"\(text)\": no port (expected HOST:PORT, e.g. 127.0.0.1:9000)")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { throw GatewayError(code, "\(what) \"\(text)\": an IPv6 address goes in brackets ([::1]:9000)") }
        }
        guard !host.isEmpty else { throw GatewayError(code, "\(what) \"\(text)\": no host (expected HOST:PORT)") }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw GatewayError(code, "\(what) \"\(text)\": the port must be a number from 1 to 65535")
        }
        if host.unicodeScalars.contains(where: { $0.value <= 32 || $0.value >= 127 || "/?#@\"'\\".unicodeScalars.contains($0) }) {
            throw GatewayError(code, "\(what) \"\(text)\": the host is not a DNS name or IP address")
        }
        return HostPort(host: String(host), port: port)
    }

    /// Whether the host is an IP literal (Envoy's STATIC clusters take only those).
    public var isIPLiteral: Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// `host:port`, with brackets for IPv6.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Where the token's signing keys come from.
public enum JWKSSource: Sendable, Hashable {
    /// A local JWKS file (its keys inlined into the configuration).
    case file(String)
    /// A remote JWKS (fetched by Envoy over TLS and cached).
    case uri(String)
}

/// Everything `tenantctl gateway render` takes besides the tenant list.
public struct GatewaySettings: Sendable {
    /// The listener's port (`--listen-port`).
    public var listenPort: Int = 8080
    /// The token issuer (`iss`) the provider accepts.
    public var issuer: String = ""
    /// The audiences (`aud`) accepted; at least one.
    public var audiences: [String] = []
    /// Where the signing keys come from.
    public var jwks: JWKSSource?
    /// How long Envoy keeps a remote JWKS, in seconds.
    public var jwksCacheSeconds: Int = 300
    /// The claim holding the tenant id (`--tenant-claim`).
    public var tenantClaim: String = "tenant"
    /// Addresses that replace a tenant's in-cluster service (`--upstream TENANT=HOST:PORT`).
    public var upstreams: [String: HostPort] = [:]
    /// The OPA server for the ext_authz filter (`--opa HOST:PORT`); nil renders no policy.
    public var opa: HostPort?
    /// The tenant service's port (the tenant-app chart's `service.port`).
    public var servicePort: Int = 80

    /// Default settings (no issuer, no audience: rendering refuses until they are set).
    public init() {}

    /// Parses `TENANT=HOST:PORT`.
    /// - Throws: ``GatewayError/Code/upstream`` when it is not of that form.
    public static func parseUpstream(_ text: String) throws(GatewayError) -> (tenant: String, address: HostPort) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw GatewayError(.upstream, "--upstream \"\(text)\": expected TENANT=HOST:PORT (e.g. acme=127.0.0.1:9001)")
        }
        let tenant = String(text[..<eq])
        let address = try HostPort.parse(String(text[text.index(after: eq)...]), what: "--upstream \(tenant)")
        return (tenant, address)
    }
}
