// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate
import YAMLKit

/// Helm's and Sprig's data functions (pkg/engine/funcs.go, sprig's defaults.go): YAML, JSON and TOML in and
/// out, each with its Go signature and its Go error behaviour — the plain forms swallow errors (an empty
/// string, or the error text under `Error`), the `must` forms and `toRawJson` fail the template.
public enum HelmData {
    /// Registers the functions; call after Sprig so that Helm's versions replace Sprig's.
    public static func register(into t: inout FunctionTable) {
        // Sprig (defaults.go).
        t.register(
            "toJson",
            GoFunction([.any]) { a in
                .string((try? GoJSON.marshal(a[0])) ?? "")
            })
        t.register(
            "mustToJson",
            GoFunction([.any]) { a throws(GoError) in
                .string(try GoJSON.marshal(a[0]))
            })
        t.register(
            "toPrettyJson",
            GoFunction([.any]) { a in
                .string((try? GoJSON.marshal(a[0], indent: "  ")) ?? "")
            })
        t.register(
            "mustToPrettyJson",
            GoFunction([.any]) { a throws(GoError) in
                .string(try GoJSON.marshal(a[0], indent: "  "))
            })
        // toRawJson panics on error; text/template reports the panic as the call's error.
        t.register(
            "toRawJson",
            GoFunction([.any]) { a throws(GoError) in
                .string(try GoJSON.marshal(a[0], escapeHTML: false))
            })
        t.register(
            "mustToRawJson",
            GoFunction([.any]) { a throws(GoError) in
                .string(try GoJSON.marshal(a[0], escapeHTML: false))
            })
        t.register(
            "mustFromJson",
            GoFunction([.string], returnsInterface: true) { a throws(GoError) in
                try GoJSON.unmarshal(a[0].stringValue ?? "")
            })

        // Helm (funcs.go), replacing Sprig's toJson, mustToJson and fromJson.
        t.register(
            "toYaml",
            GoFunction([.any]) { a in
                .string(toYAML(a[0]) ?? "")
            })
        t.register(
            "mustToYaml",
            GoFunction([.any]) { a throws(GoError) in
                .string(trimNewline(try GoYAML.marshal(a[0])))
            })
        t.register(
            "toYamlPretty",
            GoFunction([.any]) { a in
                .string(trimNewline(GoYAML.marshalV3(a[0], indent: 2)))
            })
        t.register(
            "fromYaml",
            GoFunction([.string]) { a in
                fromYAML(a[0].stringValue ?? "")
            })
        t.register(
            "fromYamlArray",
            GoFunction([.string]) { a in
                fromYAMLArray(a[0].stringValue ?? "")
            })
        // toToml returns the encoder's error text in place of the document.
        t.register(
            "toToml",
            GoFunction([.any]) { a throws(GoError) in
                // BurntSushi/toml reflects on the value first: untyped nil panics, and text/template reports
                // the panic as the call's error.
                if a[0].isNull { throw GoError("reflect: call of reflect.Value.Type on zero Value") }
                do throws(GoError) {
                    return .string(try GoTOML.encode(a[0]))
                } catch {
                    // A value holding itself is no encoder error in Go: the process dies. Fail the template.
                    if ValueWalk.hasCycle(a[0]) { throw error }
                    return .string(error.message)
                }
            })
        t.register(
            "fromToml",
            GoFunction([.string]) { a in
                do throws(GoError) {
                    return .dict(try GoTOML.decode(a[0].stringValue ?? "", dateTime: tomlTime))
                } catch {
                    return .dict(["Error": .string(error.message)])
                }
            })
        t.register(
            "fromJson",
            GoFunction([.string]) { a in
                // Helm's fromJSON unmarshals into a made map: JSON null makes it Go's nil map (toJson: null).
                let (m, error) = GoJSON.unmarshalGoMap(a[0].stringValue ?? "")
                if let error { m["Error"] = .string(error.message) }
                return .map(m, .anyMap)
            })
        t.register(
            "fromJsonArray",
            GoFunction([.string]) { a in
                // Helm's fromJSONArray unmarshals into a made slice: JSON null makes it Go's nil slice.
                let (items, error) = GoJSON.unmarshalSlice(a[0].stringValue ?? "")
                if let error { return .list([.string(error.message)]) }
                return items
            })
    }

    /// BurntSushi/toml's value for a TOML date-time: a Go `time.Time` as `time.ParseInLocation(layout, text,
    /// zone)` gives it — UTC for `Z`; for a numeric offset the local zone when it has that offset then, else an
    /// unnamed fixed zone (printed `+0530 +0530`); for the local forms BurntSushi's fixed zones at offset 0
    /// (`1979-05-27 00:00:00 +0000 date-local`).
    static func tomlTime(_ dt: TOMLDateTime) -> Value {
        let loc: GoLocation
        switch dt.zone {
        case .utc:
            loc = .utc
        case .offset(let offset):
            let wall = GoTime.date(
                year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, min: dt.minute, sec: dt.second,
                nsec: dt.nanosecond, loc: .utc)
            loc = GoLocation.local.lookup(wall.sec - Int64(offset)).offset == offset ? .local : .fixed("", offset)
        case .localDateTime, .localDate, .localTime:
            loc = .fixed(dt.zone.localName ?? "", 0)
        }
        let t = GoTime.date(
            year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, min: dt.minute, sec: dt.second,
            nsec: dt.nanosecond, loc: loc)
        return .object(TimeObject(time: t))
    }

    /// Helm's `toYAML`: sigs.k8s.io/yaml's text without its final newline, or nil on error.
    public static func toYAML(_ v: Value) -> String? {
        guard let s = try? GoYAML.marshal(v) else { return nil }
        return trimNewline(s)
    }

    /// Helm's `fromYAML`: the document as `map[string]interface{}`, or `{"Error": text}`.
    public static func fromYAML(_ text: String) -> Value {
        do {
            return .dict(try YAML.loadMap(text))
        } catch {
            return .dict(["Error": .string(error.unmarshalDescription)])
        }
    }

    /// Helm's `fromYAMLArray`: the document as `[]interface{}`, or `[text]`.
    public static func fromYAMLArray(_ text: String) -> Value {
        do {
            return .list(try YAML.loadArray(text))
        } catch {
            return .list([.string(error.unmarshalDescription)])
        }
    }

    /// Go's `strings.TrimSuffix(s, "\n")`.
    static func trimNewline(_ s: String) -> String {
        s.utf8.last == 10 ? String(decoding: s.utf8.dropLast(), as: UTF8.self) : s
    }
}
