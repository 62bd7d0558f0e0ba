#!/usr/bin/env python3
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
"""Writes a hostile chart archive for the size-limit tests: top directory `big`, a Chart.yaml, then files of
`a` bytes of the given sizes, as a gzip stream of many members (Go's reader and tenantctl's read them as one),
so that a 2 GiB file costs 2 MB and no time to build.
Run: python3 tools/hostile-archive.py OUT.tgz '[["big/huge.bin", 2147483648]]'
"""
import gzip, json, sys, tarfile

MiB = 1 << 20


def member(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def pad(n):
    return b'\0' * ((512 - n % 512) % 512)


def header(name, size):
    ti = tarfile.TarInfo(name)
    ti.size = size
    ti.mode = 0o644
    return ti.tobuf(format=tarfile.GNU_FORMAT)


def main():
    spec = json.loads(sys.argv[2])
    chart = b'apiVersion: v2\nname: big\nversion: 0.1.0\n'
    out = [member(header('big/Chart.yaml', len(chart)) + chart + pad(len(chart)))]
    mib = member(b'a' * MiB)
    for name, size in spec:
        out.append(member(header(name, size)))
        out += [mib] * (size // MiB)
        out.append(member(b'a' * (size % MiB) + pad(size)))
    out.append(member(b'\0' * 1024))
    with open(sys.argv[1], 'wb') as f:
        f.write(b''.join(out))


main()
