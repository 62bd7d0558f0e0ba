// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import CCurl
import Foundation

/// One HTTP exchange's result.
struct HTTPResponse: Sendable {
    var status: Int
    var body: [UInt8]
    /// `Retry-After` in seconds, when the server sent one.
    var retryAfter: Double?
    /// The HTTP version used (1 or 2).
    var httpVersion: Int
}

/// A failure below HTTP: connect, TLS, timeout, reset.
struct TransportFailure: Error, Sendable {
    enum Kind: Sendable { case unreachable, timeout, tlsUnknownAuthority, tlsServerName, tls, reset, other }
    var kind: Kind
    /// libcurl's detail (never containing credentials: we never put them in URLs).
    var detail: String
    /// True when the request may not have reached the server at all (safe to retry for any verb).
    var beforeSend: Bool
}

/// HTTP over libcurl for one cluster: a pool of easy handles, each keeping its connection (and HTTP/2
/// session) alive across requests, so a command reuses connections from its first request to its last. Safe
/// to use from many threads: a request borrows an idle handle (or makes one) and gives it back.
final class CurlTransport: @unchecked Sendable {
    struct Settings: Sendable {
        var caPEM: [UInt8]?
        var certPEM: [UInt8]?
        var keyPEM: [UInt8]?
        var insecure: Bool
        /// `tls-server-name`: the name the certificate is checked against (and sent as SNI).
        var tlsServerName: String?
        var connectTimeout: Double
        var requestTimeout: Double
    }

    private final class Handle {
        let easy: UnsafeMutableRawPointer
        let errorBuffer: UnsafeMutablePointer<CChar>
        init(_ easy: UnsafeMutableRawPointer) {
            self.easy = easy
            errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
            errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        }
        deinit {
            curl_easy_cleanup(easy)
            errorBuffer.deallocate()
        }
    }

    /// Collects a response while libcurl calls back.
    private final class Sink {
        var body: [UInt8] = []
        var retryAfter: Double?
    }

    /// curl_global_init is not thread-safe; Swift runs a static initializer exactly once.
    private static let global: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    let settings: Settings
    /// The scheme://host:port the kubeconfig names.
    let server: String
    /// Idle handles and the CONNECT_TO lists they point at, under `lock`.
    private var idle: [Handle] = []
    private var connectTo: [UnsafeMutablePointer<curl_slist>?] = []
    private let lock = NSLock()

    init(server: String, settings: Settings) {
        _ = Self.global
        self.server = server
        self.settings = settings
    }

    private func makeHandle() throws(TransportFailure) -> Handle {
        guard let easy = curl_easy_init() else { throw TransportFailure(kind: .other, detail: "libcurl could not make a handle", beforeSend: true) }
        let h = Handle(easy)
        ccurl_setopt_ptr(easy, CURLOPT_ERRORBUFFER, h.errorBuffer)
        ccurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        ccurl_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        ccurl_setopt_long(easy, CURLOPT_TCP_NODELAY, 1)
        ccurl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout * 1000))
        ccurl_setopt_ptr(easy, CURLOPT_ACCEPT_ENCODING, "")  // gzip when the server offers it
        if settings.insecure {
            ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0)
            ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0)
        } else if let ca = settings.caPEM {
            ca.withUnsafeBytes { _ = ccurl_setopt_blob(easy, CURLOPT_CAINFO_BLOB, $0.baseAddress, $0.count) }
        }
        if let cert = settings.certPEM, let key = settings.keyPEM {
            ccurl_setopt_ptr(easy, CURLOPT_SSLCERTTYPE, "PEM")
            cert.withUnsafeBytes { _ = ccurl_setopt_blob(easy, CURLOPT_SSLCERT_BLOB, $0.baseAddress, $0.count) }
            ccurl_setopt_ptr(easy, CURLOPT_SSLKEYTYPE, "PEM")
            key.withUnsafeBytes { _ = ccurl_setopt_blob(easy, CURLOPT_SSLKEY_BLOB, $0.baseAddress, $0.count) }
        }
        if let name = settings.tlsServerName, let url = URL(string: server), let host = url.host {
            // client-go's tls-server-name checks the certificate against (and sends SNI for) a name other than
            // the server's host. libcurl checks the URL's host, so the request names `name` and CONNECT_TO sends
            // it to the real address.
            let port = url.port ?? (url.scheme == "http" ? 80 : 443)
            let entry = curl_slist_append(nil, "\(name):\(port):\(host):\(port)")
            ccurl_setopt_ptr(easy, CURLOPT_CONNECT_TO, entry)
            lock.withLock { connectTo.append(entry) }
        }
        return h
    }

    deinit {
        idle.removeAll()
        for l in connectTo { curl_slist_free_all(l) }
    }

    /// The URL for `pathAndQuery`, with the host replaced by `tls-server-name` when set.
    private func url(_ pathAndQuery: String) -> String {
        guard let name = settings.tlsServerName, var c = URLComponents(string: server) else { return server + pathAndQuery }
        c.host = name
        return (c.string ?? server) + pathAndQuery
    }

    /// Performs one exchange. `headers` are complete header lines (`Authorization: …` included; they are
    /// never logged).
    func perform(method: String, pathAndQuery: String, headers: [String], body: [UInt8]?, timeout: Double?) throws(TransportFailure) -> HTTPResponse {
        let reused = lock.withLock { idle.popLast() }
        let handle: Handle
        if let reused { handle = reused } else { handle = try makeHandle() }
        defer { lock.withLock { idle.append(handle) } }
        let easy = handle.easy
        handle.errorBuffer[0] = 0
        let sink = Sink()
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for h in headers { list = curl_slist_append(list, h) }
        // libcurl adds "Expect: 100-continue" to large bodies, costing a round trip; the API server never needs it.
        list = curl_slist_append(list, "Expect:")
        defer { curl_slist_free_all(list) }
        ccurl_setopt_ptr(easy, CURLOPT_URL, url(pathAndQuery))
        ccurl_setopt_ptr(easy, CURLOPT_HTTPHEADER, list)
        ccurl_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int((timeout ?? settings.requestTimeout) * 1000))
        ccurl_setopt_write(easy) { ptr, size, n, ud in
            guard let ptr, let ud else { return 0 }
            let s = Unmanaged<Sink>.fromOpaque(ud).takeUnretainedValue()
            s.body.append(contentsOf: UnsafeRawBufferPointer(start: ptr, count: size * n))
            return size * n
        }
        ccurl_setopt_ptr(easy, CURLOPT_WRITEDATA, box.toOpaque())
        ccurl_setopt_header(easy) { ptr, size, n, ud in
            guard let ptr, let ud else { return 0 }
            let line = String(decoding: UnsafeRawBufferPointer(start: ptr, count: size * n), as: UTF8.self)
            if line.lowercased().hasPrefix("retry-after:") {
                let v = line.dropFirst("retry-after:".count).trimmingCharacters(in: .whitespacesAndNewlines)
                Unmanaged<Sink>.fromOpaque(ud).takeUnretainedValue().retryAfter = Double(v)
            }
            return size * n
        }
        ccurl_setopt_ptr(easy, CURLOPT_HEADERDATA, box.toOpaque())
        if let body {
            ccurl_setopt_long(easy, CURLOPT_POST, 1)
            ccurl_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { _ = ccurl_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)) }
            ccurl_setopt_ptr(easy, CURLOPT_CUSTOMREQUEST, method == "POST" ? nil : method)
        } else {
            ccurl_setopt_long(easy, CURLOPT_HTTPGET, 1)
            ccurl_setopt_ptr(easy, CURLOPT_CUSTOMREQUEST, method == "GET" ? nil : method)
        }
        let rc = curl_easy_perform(easy)
        if rc != CURLE_OK {
            let detail = String(cString: handle.errorBuffer)
            throw Self.failure(rc, detail.isEmpty ? String(cString: curl_easy_strerror(rc)) : detail)
        }
        var status = 0
        ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var version = 0
        ccurl_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        return HTTPResponse(status: status, body: sink.body, retryAfter: sink.retryAfter, httpVersion: version == Int(CURL_HTTP_VERSION_2_0) ? 2 : 1)
    }

    private static func failure(_ rc: CURLcode, _ detail: String) -> TransportFailure {
        switch rc {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST:
            return TransportFailure(kind: .unreachable, detail: detail, beforeSend: true)
        case CURLE_OPERATION_TIMEDOUT:
            return TransportFailure(kind: .timeout, detail: detail, beforeSend: detail.contains("onnect"))
        case CURLE_PEER_FAILED_VERIFICATION:
            let lower = detail.lowercased()
            if lower.contains("subject name") || lower.contains("does not match") || lower.contains("host name") {
                return TransportFailure(kind: .tlsServerName, detail: detail, beforeSend: true)
            }
            return TransportFailure(kind: .tlsUnknownAuthority, detail: detail, beforeSend: true)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            return TransportFailure(kind: .tls, detail: detail, beforeSend: true)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_PARTIAL_FILE:
            return TransportFailure(kind: .reset, detail: detail, beforeSend: false)
        default:
            return TransportFailure(kind: .other, detail: detail, beforeSend: false)
        }
    }
}
