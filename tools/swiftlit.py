# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
"""Swift source literals for the case generators in this folder (tools/gen-*.py)."""


def swift_string(s):
    """A Swift string literal for `s`: backslash, quote, \\n, \\t and \\r escaped; other control characters
    (C0, DEL and C1) as \\u{X}; everything else as is."""
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F or 0x80 <= o < 0xA0:
            out.append("\\u{%X}" % o)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
