// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Kube

/// Turning the Kubernetes client's errors into ``TargetError``s: one code per kind of failure, a message that
/// names the object, the server and (for 401/403/422) what the server said. ``KubeError`` never holds a
/// credential, so neither do these messages.
enum KubeApplyErrors {
    /// The target error for `error`, met while `doing` (`cannot apply`, `cannot delete`) `object`.
    static func targetError(
        _ error: KubeError, object: KubeObjectRef?, doing: String, partial: ApplyReport? = nil
    ) -> TargetError {
        let subject = object.map { "\(doing) \($0)" } ?? doing
        let code: TargetError.Code
        var message: String
        switch error.kind {
        case .api:
            switch error.status {
            case 401:
                code = .unauthorized
                message =
                    "\(subject): the API server \(error.server) did not accept the credentials (HTTP 401 Unauthorized"
                    + "\(error.message.isEmpty ? "" : ": \(error.message)")); check the kubeconfig's user"
            case 403:
                // The server's own words name the user, the verb, the resource and the namespace:
                // `deployments.apps "web" is forbidden: User "ci-deployer" cannot get resource "deployments" …`.
                code = .forbidden
                message = "\(subject): forbidden by the API server \(error.server): \(error.message)"
            case 409 where !error.isAlreadyExists:
                code = .conflict
                message = conflictMessage(error, subject: subject)
            case 400..<500:
                code = .rejected
                message = "\(subject): the API server \(error.server) refused it: \(error.message)"
                let missing = error.causes.filter { !$0.field.isEmpty && !error.message.contains($0.field) }
                if !missing.isEmpty {
                    message += " (" + missing.map { "\($0.field): \($0.message)" }.joined(separator: "; ") + ")"
                }
                message += " (HTTP \(error.status)\(error.reason.isEmpty ? "" : " " + error.reason))"
            default:
                code = .server
                message = "\(subject): \(error.description)"
            }
        case .unreachable, .connectionReset:
            code = .unreachable
            message = "\(subject): \(error.description)"
        case .tls, .tlsServerName, .tlsUnknownAuthority:
            code = .tls
            message = "\(subject): \(error.description)"
        case .credentials:
            code = .unauthorized
            message = "\(subject): \(error.description)"
        case .timeout, .decode, .other:
            code = .server
            message = "\(subject): \(error.description)"
        }
        if let partial, partial.changed { message += partialNote(partial) }
        return TargetError(code, message, partial: partial?.changed == true ? partial : nil)
    }

    /// An apply conflict, from the server's causes (`conflict with "kubectl-edit"` at `.spec.replicas`): which
    /// manager owns which fields, and the way out.
    private static func conflictMessage(_ error: KubeError, subject: String) -> String {
        var fieldsByManager: [(manager: String, fields: [String])] = []
        for cause in error.causes where !cause.field.isEmpty {
            let manager = quotedName(in: cause.message) ?? cause.message
            if let i = fieldsByManager.firstIndex(where: { $0.manager == manager }) {
                fieldsByManager[i].fields.append(cause.field)
            } else {
                fieldsByManager.append((manager, [cause.field]))
            }
        }
        guard !fieldsByManager.isEmpty else {
            return "\(subject): conflict on the API server \(error.server): \(error.message) (HTTP 409)"
        }
        let owners = fieldsByManager.map { entry in
            "\(entry.fields.joined(separator: ", ")) \(entry.fields.count == 1 ? "is" : "are") owned by field manager "
                + KubeApplyPlan.goQuoted(entry.manager)
        }
        return "\(subject): server-side apply conflict on the API server \(error.server): "
            + owners.joined(separator: "; ")
            + ", with another value than the chart's; run again with --force-conflicts to take the fields over, "
            + "or change the chart to agree"
    }

    /// `kubectl-edit` from `conflict with "kubectl-edit" using apps/v1`.
    static func quotedName(in message: String) -> String? {
        guard let open = message.firstIndex(of: "\"") else { return nil }
        let rest = message[message.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }

    /// ` (before it stopped, this apply had created …, updated …)`.
    static func partialNote(_ report: ApplyReport) -> String {
        var parts: [String] = []
        if !report.created.isEmpty { parts.append("created " + report.created.joined(separator: ", ")) }
        if !report.updated.isEmpty { parts.append("updated " + report.updated.joined(separator: ", ")) }
        if !report.removed.isEmpty { parts.append("removed " + report.removed.joined(separator: ", ")) }
        return " (before it stopped, this operation had " + parts.joined(separator: "; ") + ")"
    }
}
