// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import Tenancy

/// The optional project file, `tenantctl.yaml`: settings commands read when their flags are not given.
/// Each command reads its own section (`gateway:` for now).
struct ProjectFile {
    /// The file's default path.
    static let defaultPath = "tenantctl.yaml"

    /// The top-level sections; empty when there is no file.
    var sections: [String: Value] = [:]
    /// The path read, for error messages.
    var path: String = defaultPath

    /// Reads `path`; a missing file at the default path is no project file, a missing explicit one is an error.
    static func load(_ path: String?) throws(TenancyError) -> ProjectFile {
        let file = path ?? defaultPath
        if path == nil, !FileManager.default.fileExists(atPath: file) { return ProjectFile() }
        return ProjectFile(sections: try ValuesFile.load(path: file), path: file)
    }

    /// A section's map (`gateway:`); empty when absent.
    /// - Throws: ``TenancyError/Code/malformed`` when the section is not a map.
    func section(_ name: String) throws(TenancyError) -> [String: Value] {
        switch sections[name] {
        case nil, .null?: return [:]
        case .map(let m, _)?: return m.dictionary
        default: throw TenancyError(.malformed, "\(path): `\(name):` must be a map")
        }
    }
}
