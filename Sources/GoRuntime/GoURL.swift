// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// Go's `net/url.Parse`, as far as a caller needs it to tell a URL from a file path: the scheme it finds, or
/// the error it reports (`parse "a%zz": invalid URL escape "%zz"`), in Go 1.25's words — `GoURLParts` does
/// the parsing.
public enum GoURL {
    /// The lower-cased scheme `url.Parse(raw)` finds (`""` when there is none).
    /// - Throws: Go's `*url.Error` text, `parse "RAW": REASON`.
    public static func scheme(_ raw: String) throws(GoError) -> String {
        switch GoURLParts.parse(Array(raw.utf8)) {
        case .success(let u): return String(decoding: u.scheme, as: UTF8.self)
        case .failure(let e): throw GoError(e.message)
        }
    }
}
