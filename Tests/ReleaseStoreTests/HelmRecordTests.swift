// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import Testing
import YAMLKit

@testable import ReleaseStore

/// The folder of this file's data (`Data/`), recorded once with real Helm.
let releaseStoreTestData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data")

/// One row of `releases_v1` (with its custom labels) as real helm v4.1.4 wrote it
/// (Data/helm-v4.1.4-sql-acme.json: `helm install acme ./tiny --labels tier=premium --set image.tag=1.26
/// --set replicas=3`, then `helm upgrade acme ./tiny --set replicas=4 --set-string extra=yes`).
struct HelmSQLRow: Decodable, Sendable {
    let key: String
    let type: String
    let body: String
    let name: String
    let namespace: String
    let version: Int
    let status: String
    let owner: String
    let createdat: Int
    let modifiedat: Int
    let labels: [String: String]

    static func recorded() throws -> [HelmSQLRow] {
        let data = try Data(contentsOf: releaseStoreTestData.appendingPathComponent("helm-v4.1.4-sql-acme.json"))
        return try JSONDecoder().decode([HelmSQLRow].self, from: data)
    }
}

/// Values as Go JSON (sorted keys, Go numbers), for comparing value trees.
func valuesJSON(_ yaml: String) throws -> String { try GoJSON.marshal(try YAML.loadValues(yaml)) }

/// Runs `body` and returns the StoreError it throws.
func storeFailure<T>(_ body: () throws(StoreError) -> T) -> StoreError? {
    do throws(StoreError) {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

@Suite("Helm release record codec")
struct HelmRecordTests {
    static let roundTrips: [(String, Release)] = {
        var plain = record(1, .deployed, description: "Install complete")
        plain.labels = ["tier": "premium"]
        var deleted = record(4, .uninstalled, description: "Uninstallation complete")
        deleted.deleted = at(7200.5)
        var empty = record("globex", 2, .pendingUpgrade)
        empty.userValues = ""
        empty.computedValues = ""
        empty.manifest = ""
        empty.notes = ""
        empty.chart = ChartReference(name: "tenant-app", version: "1.0.0")
        var rich = record(3, .failed, description: "Upgrade \"acme\" failed: <timeout> & more")
        rich.userValues = "# a comment Helm drops\nimage:\n  tag: \"1.26\"\nreplicas: 3\nratio: 0.5\nlist: [a, 1, true]\nnothing: null\n"
        rich.computedValues =
            "image:\n  repository: nginx\n  tag: \"1.26\"\nreplicas: 3\nratio: 0.5\nlist: [a, 1, true]\nbig: 12345678901234\n"
        rich.manifest = "---\n# Source: tenant-app/templates/cm.yaml\nkind: ConfigMap\ndata:\n  x: \"ténant ü <b>\"\n"
        rich.notes = "Thanks!\n\tTabbed\n"
        rich.labels = ["tier": "premium", "team": "payments", "example.com/owner": "ops"]
        rich.firstDeployed = at(-86_400.000_001)
        rich.lastDeployed = at(0.123_456)
        return [("plain", plain), ("uninstalled with a deletion time", deleted), ("no values, no manifest", empty), ("rich", rich)]
    }()

    @Test(arguments: roundTrips)
    func roundTrip(_ name: String, _ release: Release) throws {
        let body = try HelmRecord.encode(release, namespace: "tenantctl-system")
        let back = try HelmRecord.decode(body, record: "test \(name)")
        #expect(back == release, "\(name)")
        // Helm's part of the record alone (what a record Helm rewrote keeps): the same values as trees.
        let helmOnly = try HelmRecord.decodeJSON(Array(try Self.withoutTenantctl(release).utf8), record: name)
        #expect(try valuesJSON(helmOnly.userValues) == (try valuesJSON(release.userValues)), "\(name) config")
        #expect(
            try valuesJSON(helmOnly.computedValues) == (try valuesJSON(release.computedValues)),
            "\(name) chart.values coalesced with config")
        #expect(helmOnly.chart.digest == "" && helmOnly.labels == [:])
        #expect(helmOnly.manifest == release.manifest && helmOnly.notes == release.notes)
        #expect(helmOnly.status == release.status && helmOnly.lastDeployed == release.lastDeployed)
    }

    /// The record's JSON without the `tenantctl` object (as Helm re-encodes it).
    static func withoutTenantctl(_ release: Release) throws -> String {
        let json = try HelmRecord.json(release, namespace: "tenantctl-system")
        guard let range = json.range(of: ",\"tenantctl\":") else { return json }
        return String(json[..<range.lowerBound]) + "}"
    }

    @Test func jsonHasHelmsFieldsInHelmsOrder() throws {
        var r = record(2, .deployed, description: "Upgrade complete")
        r.labels = ["tier": "gold"]
        r.deleted = nil
        let json = try HelmRecord.json(r, namespace: "tenantctl-system")
        #expect(
            json == """
                {"name":"acme","info":{"first_deployed":"2026-01-01T00:00:00Z","last_deployed":"2026-01-01T00:02:00Z",\
                "description":"Upgrade complete","status":"deployed","notes":"notes 2"},"chart":{"metadata":{"name":\
                "tenant-app","version":"1.0.0","apiVersion":"v2","appVersion":"2.3"},"lock":null,"templates":[],\
                "values":{"replicas":2,"v":2},"schema":null,"schemamodtime":"0001-01-01T00:00:00Z","files":null},\
                "config":{"v":2},"manifest":"m2","version":2,"namespace":"tenantctl-system","apply_method":"ssa",\
                "tenantctl":{"user_values":"v: 2\\n","computed_values":"v: 2\\nreplicas: 2\\n","chart_digest":"sha256:aa",\
                "labels":{"tier":"gold"}}}
                """)
    }

    @Test func bodyIsBase64OfGzipWithGosHeader() throws {
        let body = try HelmRecord.encode(record(1, .deployed), namespace: "ns")
        let bytes = [UInt8](try #require(Data(base64Encoded: body)))
        // Go's gzip writer at BestCompression: magic, deflate, no flags, mtime 0, XFL 2, OS 255 — what Helm's
        // records start with (H4sIAAAAAAAC/).
        #expect(Array(bytes.prefix(10)) == [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0x02, 0xff])
        #expect(body.hasPrefix("H4sIAAAAAAAC/"))
    }

    @Test func decodesTheRecordsRealHelmWrote() throws {
        let rows = try HelmSQLRow.recorded()
        let valuesData = try Data(contentsOf: releaseStoreTestData.appendingPathComponent("helm-v4.1.4-sql-acme-values.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: valuesData) as? [String: [String: Any]])
        #expect(rows.map(\.version) == [1, 2])
        for row in rows {
            let r = try HelmRecord.decode(row.body, labels: row.labels, record: row.key)
            #expect(HelmRecord.key(r.key) == row.key)
            #expect(r.tenant == "acme" && r.revision == row.version && r.status.rawValue == row.status)
            #expect(r.chart == ChartReference(name: "tiny", version: "0.1.0", appVersion: "1.0"))
            #expect(r.description == (row.version == 1 ? "Install complete" : "Upgrade complete"))
            #expect(r.notes == "Thank you for installing tiny as acme.\n")
            #expect(r.manifest.hasPrefix("---\n# Source: tiny/templates/cm.yaml\n"))
            #expect(r.manifest.contains("replicas: \"\(row.version + 2)\""))
            #expect(r.labels == ["tier": "premium"])
            #expect(r.deleted == nil)
            // Helm wrote local times with nanoseconds (this machine's zone is UTC).
            #expect(Timestamp.format(r.firstDeployed) == "2026-12-06T02:31:02.633944Z")
            #expect(r.lastDeployed >= r.firstDeployed)
            // `helm get values` and `helm get values --all`, as Helm printed them for the same records.
            let want = try #require(expected[String(row.version)])
            for (field, yaml) in [("user", r.userValues), ("all", r.computedValues)] {
                let wantJSON = try GoJSON.marshal(
                    try GoJSON.unmarshal(String(decoding: try JSONSerialization.data(withJSONObject: want[field] ?? [:]), as: UTF8.self)))
                #expect(try valuesJSON(yaml) == wantJSON, "revision \(row.version) \(field)")
            }
        }
    }

    @Test func anUpdateKeepsWhatHelmStoredBeyondTheRelease() throws {
        let previous = """
            {"name":"acme","info":{"first_deployed":"2026-01-01T00:00:00Z","deleted":"2026-01-02T00:00:00Z",\
            "status":"uninstalled","rollback_revision":1,"notes":"old"},"chart":{"metadata":{"name":"old",\
            "version":"0.1.0","apiVersion":"v2","description":"kept","appVersion":"9"},"templates":[{"name":\
            "templates/a.yaml","data":"YQ=="}],"values":{"old":true},"files":null},"config":{"old":1},\
            "manifest":"old","hooks":[{"name":"h","kind":"Job"}],"version":2,"namespace":"default","apply_method":"csa"}
            """
        let r = record(2, .superseded, description: "Superseded")
        let json = try HelmRecord.json(r, namespace: "tenantctl-system", over: Array(previous.utf8))
        #expect(
            json == """
                {"apply_method":"csa","chart":{"files":null,"metadata":{"apiVersion":"v2","appVersion":"2.3",\
                "description":"kept","name":"tenant-app","version":"1.0.0"},"templates":[{"data":"YQ==","name":\
                "templates/a.yaml"}],"values":{"replicas":2,"v":2}},"config":{"v":2},"hooks":[{"kind":"Job",\
                "name":"h"}],"info":{"description":"Superseded","first_deployed":"2026-01-01T00:00:00Z",\
                "last_deployed":"2026-01-01T00:02:00Z","notes":"notes 2","rollback_revision":1,"status":"superseded"},\
                "manifest":"m2","name":"acme","namespace":"tenantctl-system","tenantctl":{"chart_digest":"sha256:aa",\
                "computed_values":"v: 2\\nreplicas: 2\\n","labels":{},"user_values":"v: 2\\n"},"version":2}
                """)
        #expect(try HelmRecord.decodeJSON(Array(json.utf8), record: "r") == r)
        // A previous body that cannot be read is simply replaced.
        #expect(try HelmRecord.decode(try HelmRecord.encode(r, namespace: "ns", over: "not base64!"), record: "r") == r)
    }

    @Test func helmRecordsWithoutGzipAreRead() throws {
        // Helm's decodeRelease reads records stored before compression: base64 of the plain JSON.
        let json = try HelmRecord.json(record(1, .deployed), namespace: "ns")
        let r = try HelmRecord.decode(Data(json.utf8).base64EncodedString(), record: "plain")
        #expect(r == record(1, .deployed))
    }

    static func base64Gzip(_ text: String) throws -> String {
        GoJSON.base64(try Gzip.compress(Array(text.utf8), what: "test"))
    }

    static let corrupt: [(String, @Sendable () throws -> String, String)] = [
        ("not base64", { "this is %% not base64" }, "its body is not base64"),
        ("gzip magic then junk", { Data([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3, 4, 5, 6]).base64EncodedString() }, "gzip:"),
        (
            "truncated gzip",
            {
                let full = try #require(Data(base64Encoded: try base64Gzip(String(repeating: "{\"name\":\"acme\"}", count: 50))))
                return full.prefix(full.count / 2).base64EncodedString()
            }, "gzip: unexpected EOF"
        ),
        ("gzip of invalid JSON", { try base64Gzip("{\"name\": acme}") }, "invalid JSON: invalid character 'a'"),
        ("JSON that is not an object", { try base64Gzip("[1, 2]") }, "its JSON is not an object"),
        ("no name", { try base64Gzip("{\"version\": 1, \"info\": {\"status\": \"deployed\"}}") }, "it has no release name"),
        ("no version", { try base64Gzip("{\"name\": \"acme\", \"info\": {\"status\": \"deployed\"}}") }, "it has no revision"),
        ("unknown status", { try base64Gzip("{\"name\": \"acme\", \"version\": 2, \"info\": {\"status\": \"exploded\"}}") }, "unknown status \"exploded\""),
        (
            "bad time",
            { try base64Gzip("{\"name\": \"acme\", \"version\": 2, \"info\": {\"status\": \"deployed\", \"last_deployed\": \"yesterday\"}}") },
            "info.last_deployed \"yesterday\" is not an RFC 3339 time"
        ),
    ]

    @Test(arguments: corrupt)
    func aCorruptRecordIsRefusedNamingIt(_ name: String, _ body: @Sendable () throws -> String, _ why: String) throws {
        let text = try body()
        let e = storeFailure { () throws(StoreError) in try HelmRecord.decode(text, record: "sh.helm.release.v1.acme.v2 in db") }
        #expect(e?.code == .incompatible, "\(name)")
        #expect(e?.message.hasPrefix("release record sh.helm.release.v1.acme.v2 in db is unreadable: ") == true, "\(name): \(e?.message ?? "")")
        #expect(e?.message.contains(why) == true, "\(name): \(e?.message ?? "")")
    }

    @Test(arguments: [
        ("2026-12-06T02:31:02.633944075Z", "2026-12-06T02:31:02.633944Z"),
        ("2026-03-01T11:00:00.5+01:00", "2026-03-01T10:00:00.500000Z"),
        ("2026-03-01T05:30:00-04:30", "2026-03-01T10:00:00.000000Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000000Z"),
    ])
    func goTimesParse(_ text: String, _ utc: String) {
        #expect(HelmRecord.parseGoTime(text).map { Timestamp.format($0) } == utc)
    }

    @Test(arguments: [
        (at(0), "2026-01-01T00:00:00Z"), (at(0.25), "2026-01-01T00:00:00.25Z"),
        (at(0.000_001), "2026-01-01T00:00:00.000001Z"),
    ])
    func goTimesFormatAsRFC3339Nano(_ date: Date, _ text: String) { #expect(HelmRecord.goTime(date) == text) }

    @Test(arguments: [
        (["status": "x"], false), (["owner": "me", "tier": "gold"], false),
        (["tier": String(repeating: "x", count: 64)], false), (["": "x"], false), (["tier": "gold"], true),
    ])
    func labelsHelmCannotKeepStayInTheRecordOnly(_ labels: [String: String], _ helmKeepsAll: Bool) throws {
        var r = record(1, .deployed)
        r.labels = labels
        let custom = HelmRecord.customLabels(r)
        #expect((custom == labels) == helmKeepsAll)
        #expect(custom["owner"] == nil && custom["status"] == nil)
        #expect(try HelmRecord.decode(try HelmRecord.encode(r, namespace: "ns"), labels: custom, record: "r") == r)
    }

    @Test(arguments: [
        ("not a map", "- a\n- b\n"), ("not YAML", "a: [b\n"),
    ])
    func valuesThatAreNotAMapAreRefused(_ name: String, _ yaml: String) {
        var r = record(1, .deployed)
        r.userValues = yaml
        let e = storeFailure { () throws(StoreError) in try HelmRecord.encode(r, namespace: "ns") }
        #expect(e?.code == .invalidArgument, "\(name)")
        #expect(e?.message.hasPrefix("release acme.v1: its user values are not a YAML map") == true, "\(e?.message ?? "")")
    }
}
