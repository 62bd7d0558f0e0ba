// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import GoTemplate

/// Bad input must give a value or a thrown error, never a crash: every prefix of real chart templates,
/// garbled copies of them, and random bytes go through the parser (and, when they parse, the executor).
struct RobustnessTests {
    /// Real templates from the project's chart corpus (`Tests/Corpus/charts-corpus`), a few per chart.
    static func corpusTemplates(limit: Int = 6) -> [String] {
        let root = packageRoot() + "/Tests/Corpus/charts-corpus"
        var out: [String] = []
        for chart in ["nginx", "grafana", "podinfo", "cert-manager"] {
            let dir = root + "/\(chart)/chart/templates"
            for name in listDirectory(dir).sorted().prefix(limit) {
                if let text = readFile(dir + "/" + name) { out.append(text) }
            }
        }
        return out
    }

    static let fallback = [
        "{{- define \"x\" -}}{{ if .a }}{{ range $i, $v := .b }}{{ $i }}{{ end }}{{ else }}{{ template \"y\" . }}{{ end }}{{- end }}",
        "{{ with .Values }}{{ printf \"%s-%d\" .name 3 | quote }}{{ end }}{{/* c */}}",
    ]

    @Test func everyPrefixParsesOrFails() {
        var templates = RobustnessTests.corpusTemplates()
        if templates.isEmpty { templates = RobustnessTests.fallback }
        var parsed = 0, failed = 0
        for text in templates {
            let bytes = Array(text.utf8)
            // Every prefix on small files; a stride on large ones keeps the test fast.
            let step = max(1, bytes.count / 400)
            for end in stride(from: 0, through: bytes.count, by: step) {
                let prefix = String(decoding: bytes[0..<end], as: UTF8.self)
                if exercise(prefix) { parsed += 1 } else { failed += 1 }
            }
        }
        #expect(parsed > 0)
        #expect(failed > 0)
    }

    @Test func garbledAndRandomInputs() {
        var rng = SplitMix(seed: 0x5EED)
        let alphabet = Array("{{}}-. $|()\"`'\n\tabcxyz019:=,/*".utf8)
        var outcomes = 0
        let base = RobustnessTests.corpusTemplates(limit: 2) + RobustnessTests.fallback
        for _ in 0..<400 {
            var bytes = Array(base[Int(rng.next() % UInt64(base.count))].utf8.prefix(600))
            for _ in 0..<8 where !bytes.isEmpty {
                let i = Int(rng.next() % UInt64(bytes.count))
                bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            _ = exercise(String(decoding: bytes, as: UTF8.self))
            outcomes += 1
        }
        for _ in 0..<400 {
            let n = Int(rng.next() % 64)
            var bytes: [UInt8] = []
            for _ in 0..<n { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
            _ = exercise(String(decoding: bytes, as: UTF8.self))
            outcomes += 1
        }
        #expect(outcomes == 800)
    }

    /// Parses and, if that works, executes; returns whether it parsed.
    func exercise(_ text: String) -> Bool {
        var set = TemplateSet()
        do {
            try set.parse(name: "t", text: text)
        } catch {
            #expect(!error.description.isEmpty)
            return false
        }
        do {
            _ = try set.execute("t", data: .dict(["a": .bool(true), "b": .list([.float(1)])]))
        } catch {
            #expect(!error.message.isEmpty)
        }
        return true
    }
}

/// A small deterministic random generator for reproducible fuzz inputs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
