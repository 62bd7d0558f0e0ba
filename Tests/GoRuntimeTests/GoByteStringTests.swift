// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

/// Go strings that hold bytes that are not UTF-8: kept through a Swift `String` and given back byte for byte;
/// Go's `len`, and what a UTF-8 reader sees (U+FFFD per byte, as Go's `utf8.DecodeRune` takes one byte of an
/// invalid sequence at a time).
struct GoByteStringTests {
    @Test(
        arguments: [
            // (bytes, Go's len, as displayed)
            ([0x61, 0x62], 2, "ab"),
            ([0xFF], 1, "\u{FFFD}"),
            ([0x61, 0xFF, 0x62], 3, "a\u{FFFD}b"),
            ([0xC3], 1, "\u{FFFD}"),
            ([0xC3, 0xA9], 2, "é"),
            ([0xC3, 0xA9, 0xC3], 3, "é\u{FFFD}"),
            // A broken three-byte sequence: each byte on its own.
            ([0xE2, 0x82, 0x41], 3, "\u{FFFD}\u{FFFD}A"),
            // Overlong form and an encoded surrogate are invalid in Go.
            ([0xC0, 0xAF], 2, "\u{FFFD}\u{FFFD}"),
            ([0xED, 0xA0, 0x80], 3, "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0xF0, 0x9F, 0x98, 0x80], 4, "😀"),
            ([0xF4, 0x90, 0x80, 0x80], 4, "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        ] as [([UInt8], Int, String)])
    func roundTrip(_ bytes: [UInt8], _ length: Int, _ shown: String) {
        let s = GoByteString.string(bytes)
        #expect(GoByteString.bytes(s) == bytes)
        #expect(GoByteString.count(s) == length)
        #expect(GoByteString.display(s) == shown)
        #expect(GoByteString.hasBytes(s) == (String(validating: bytes, as: UTF8.self) == nil))
    }

    @Test(arguments: [
        ([0xFF] as [UInt8], "\"\\xff\""), ([0x61, 0xFE, 0x62], "\"a\\xfeb\""), ([0xC3, 0xA9], "\"é\""),
    ])
    func quote(_ bytes: [UInt8], _ quoted: String) {
        #expect(GoStrconv.quote(GoByteString.string(bytes)) == quoted)
        #expect(GoFmt.sprintf("%q", [.string(GoByteString.string(bytes))]) == quoted)
    }
}
