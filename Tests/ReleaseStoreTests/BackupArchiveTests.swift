// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

@testable import ReleaseStore

/// The backup archive format (docs/backup-format.md): every field round-trips exactly, and each kind of damaged
/// or foreign file is refused with a message naming the file and what is wrong.
struct BackupArchiveTests {
    static let t0 = Date(timeIntervalSince1970: 1_772_359_200.25)

    static let sample = BackupArchive(
        tenantctlVersion: "0.1.0 (commit test)", created: t0,
        tenants: [
            BackupTenant(
                name: "acme", tenantFile: Data("# Tenant acme\ntier: premium\nvalues: {}\n\u{00}\u{ff}".utf8),
                revisions: [
                    Release(
                        tenant: "acme", revision: 1, status: .superseded,
                        chart: ChartReference(name: "tenant-app", version: "0.1.0", appVersion: "1.0.0", digest: "sha256:ab"),
                        userValues: "tenant:\n  id: acme\n", computedValues: "a: 1\n",
                        manifest: "---\n# Source: x\nkind: Secret\ndata:\n  k: \"é\\u0000/\"\n", notes: "hi\n",
                        firstDeployed: t0, lastDeployed: t0.addingTimeInterval(0.000_001), description: "Install complete",
                        labels: ["tier": "premium", "x/y": "z"]),
                    Release(
                        tenant: "acme", revision: 2, status: .uninstalled, chart: ChartReference(name: "tenant-app", version: "0.2.0"),
                        firstDeployed: t0, lastDeployed: t0.addingTimeInterval(60), deleted: t0.addingTimeInterval(61),
                        description: "Uninstallation complete"),
                ]),
            BackupTenant(name: "bare", tenantFile: nil, revisions: []),
        ])

    @Test func roundTripsEveryField() throws {
        let bytes = try Self.sample.encoded()
        #expect(bytes.prefix(2) == [0x1f, 0x8b])
        let back = try BackupArchive.decode(bytes, file: "x")
        #expect(back == Self.sample)
    }

    static func gzip(_ json: String) throws -> [UInt8] { try Gzip.compress(Array(json.utf8), what: "test") }

    /// (what the file holds, a piece of the message)
    static let refused: [(String, String)] = [
        ("empty", "backup archive f is not a tenantctl backup archive: the file is empty"),
        ("plain", "backup archive f is not a tenantctl backup archive: it does not start with gzip's magic bytes"),
        ("notJSON", "backup archive f is unreadable: its JSON document: not valid JSON"),
        ("noVersion", "backup archive f is unreadable: its JSON document: missing field \"formatVersion\""),
        ("versionZero", "backup archive f is unreadable: formatVersion 0 is not a valid version"),
        ("future", "backup archive f is in backup format version 7 (written by tenantctl 9.0.0), but this tenantctl reads format version 1 and older only"),
        ("badStatus", "revision 1 of \"acme\": unknown status \"sleeping\""),
        ("foreignRevision", "tenant \"acme\" holds a revision of \"other\""),
        ("badTime", "`lastDeployed` is not an RFC 3339 UTC time"),
    ]

    @Test(arguments: refused)
    func refuses(_ kind: String, _ message: String) throws {
        let good = String(decoding: try Gzip.decompress(try Self.sample.encoded(), what: "t"), as: UTF8.self)
        let bytes: [UInt8]
        switch kind {
        case "empty": bytes = []
        case "plain": bytes = Array(good.utf8)
        case "notJSON": bytes = try Self.gzip("{\"formatVersion\": 1, ")
        case "noVersion": bytes = try Self.gzip("{\"tenants\": []}")
        case "versionZero": bytes = try Self.gzip(good.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":0"))
        case "future":
            bytes = try Self.gzip("{\"formatVersion\": 7, \"tenantctlVersion\": \"9.0.0\", \"somethingNew\": [1]}")
        case "badStatus": bytes = try Self.gzip(good.replacingOccurrences(of: "\"superseded\"", with: "\"sleeping\""))
        case "foreignRevision": bytes = try Self.gzip(good.replacingOccurrences(of: "\"tenant\":\"acme\"", with: "\"tenant\":\"other\""))
        case "badTime": bytes = try Self.gzip(good.replacingOccurrences(of: "\"lastDeployed\":\"", with: "\"lastDeployed\":\"yesterday "))
        default: bytes = []
        }
        #expect(bytes != (try Self.sample.encoded()), "\(kind): the case must change the file")
        do {
            _ = try BackupArchive.decode(bytes, file: "f")
            Issue.record("\(kind): accepted")
        } catch {
            #expect(error.code == .incompatible)
            #expect(error.message.contains(message), "\(kind): \(error.message)")
        }
    }

    /// Unknown fields are ignored (an addition that does not change the version).
    @Test func ignoresUnknownFields() throws {
        let good = String(decoding: try Gzip.decompress(try Self.sample.encoded(), what: "t"), as: UTF8.self)
        let more = good.replacingOccurrences(of: "{\"created\"", with: "{\"addedLater\":{\"x\":1},\"created\"")
        #expect(more != good)
        #expect(try BackupArchive.decode(try Self.gzip(more), file: "f") == Self.sample)
    }
}
