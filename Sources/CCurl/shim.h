// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// The system libcurl (Debian/Ubuntu: libcurl4-openssl-dev), seen by Swift as the module CCurl.
// Only Kube imports it; no libcurl type crosses that target's boundary.
#ifndef TENANTCTL_CCURL_SHIM_H
#define TENANTCTL_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed wrapper per
// argument kind.
static inline CURLcode ccurl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f);
}
static inline CURLcode ccurl_setopt_header(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f);
}
/// Sets a blob option (CURLOPT_CAINFO_BLOB, CURLOPT_SSLCERT_BLOB, CURLOPT_SSLKEY_BLOB); libcurl copies the bytes.
static inline CURLcode ccurl_setopt_blob(CURL *h, CURLoption o, const void *data, size_t len) {
    struct curl_blob b;
    b.data = (void *)data;
    b.len = len;
    b.flags = CURL_BLOB_COPY;
    return curl_easy_setopt(h, o, &b);
}
static inline CURLcode ccurl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }

#endif
