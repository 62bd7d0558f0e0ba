// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

@testable import ReleaseStore

/// How the fake adapter answers the lifecycle's render and target actions during one request.
struct Script: Sendable {
    var render: ReleaseEvent = .rendered(Rendering(manifest: "m-new", notes: "n-new", computedValues: "c-new"))
    var target: ReleaseEvent = .applied

    static let ok = Script()
    static func renderFails(_ message: String) -> Script { Script(render: .renderFailed(message)) }
    static func targetFails(_ message: String) -> Script { Script(target: .applyFailed(message)) }
    static func renders(_ manifest: String) -> Script {
        Script(render: .rendered(Rendering(manifest: manifest, computedValues: "c-\(manifest)")))
    }
}

/// The I/O-free adapter: performs the lifecycle's actions on a dictionary and a log of target calls.
struct FakeAdapter {
    var lifecycle: ReleaseLifecycle
    var store: [Int: Release]
    var targetLog: [String] = []
    var now = at(10_000)

    init(history: [Release]) {
        lifecycle = ReleaseLifecycle(tenant: "acme", history: history)
        store = Dictionary(uniqueKeysWithValues: history.map { ($0.revision, $0) })
    }

    /// Runs one request to its finish; returns the outcome, or the refusal's message.
    mutating func run(_ request: ReleaseEvent, _ script: Script) -> Result<ReleaseOutcome, LifecycleError> {
        now = now.addingTimeInterval(60)
        var next: ReleaseEvent? = request
        while let event = next {
            next = nil
            let actions: [ReleaseAction]
            do throws(LifecycleError) {
                actions = try lifecycle.handle(event, at: now)
            } catch {
                return .failure(error)
            }
            for action in actions {
                switch action {
                case .render: next = script.render
                case .record(let changes):
                    for change in changes {
                        switch change {
                        case .create(let r):
                            precondition(store[r.revision] == nil, "create of existing \(r.key)")
                            store[r.revision] = r
                        case .update(let r):
                            precondition(store[r.revision] != nil, "update of missing \(r.key)")
                            store[r.revision] = r
                        case .delete(let k):
                            precondition(store.removeValue(forKey: k.revision) != nil, "delete of missing \(k)")
                        }
                    }
                case .apply(let r):
                    targetLog.append(r.manifest)
                    next = script.target
                case .remove:
                    targetLog.append("<remove>")
                    next = script.target
                case .finish(let outcome):
                    return .success(outcome)
                }
            }
        }
        return .failure(LifecycleError(.unexpectedEvent, "the lifecycle stopped without finishing", tenant: "acme"))
    }

    /// `1:superseded:Install complete | 2:deployed:Upgrade complete`.
    var records: String {
        store.values.sorted { $0.revision < $1.revision }
            .map { "\($0.revision):\($0.status):\($0.description)" }.joined(separator: " | ")
    }
}

struct LifecycleCase: Sendable, CustomStringConvertible {
    let description: String
    var history: [Release] = []
    let steps: [(ReleaseEvent, Script)]
    /// The records afterwards.
    let records: String
    /// What the target was asked, in order (manifests applied, `<remove>`).
    var target: [String] = []
    /// The last step's error or failure message, if it should fail.
    var error: String? = nil
}

let install = ReleaseEvent.installRequested(InstallRequest(chart: chartV1, userValues: "v: new\n"))
let upgrade = ReleaseEvent.upgradeRequested(UpgradeRequest(chart: chartV2, userValues: "v: new\n"))
let upgradeInstall = ReleaseEvent.upgradeRequested(UpgradeRequest(chart: chartV2, install: true))
func rollback(_ revision: Int = 0) -> ReleaseEvent { .rollbackRequested(RollbackRequest(revision: revision)) }
func uninstall(keepHistory: Bool) -> ReleaseEvent { .uninstallRequested(UninstallRequest(keepHistory: keepHistory)) }

let lifecycleCases: [LifecycleCase] = [
    // install
    LifecycleCase(
        description: "install of a new tenant deploys revision 1", steps: [(install, .ok)],
        records: "1:deployed:Install complete", target: ["m-new"]),
    LifecycleCase(
        description: "install --description replaces Install complete",
        steps: [(.installRequested(InstallRequest(chart: chartV1, description: "onboarding")), .ok)],
        records: "1:deployed:onboarding", target: ["m-new"]),
    LifecycleCase(
        description: "install that fails to render records nothing and touches nothing",
        steps: [(install, .renderFails("template: tenant-app/templates/x.yaml:3:4: boom"))],
        records: "", error: "template: tenant-app/templates/x.yaml:3:4: boom"),
    LifecycleCase(
        description: "install that fails to apply records a failed revision 1",
        steps: [(install, .targetFails("disk full"))],
        records: "1:failed:Release \"acme\" failed: disk full", target: ["m-new"], error: "disk full"),
    LifecycleCase(
        description: "install over a deployed tenant is refused in Helm's words",
        history: [record(1, .deployed, description: "Install complete")], steps: [(install, .ok)],
        records: "1:deployed:Install complete", error: "cannot reuse a name that is still in use"),
    LifecycleCase(
        description: "install over an uninstalled tenant without --replace is refused",
        history: [record(1, .uninstalled, description: "Uninstallation complete")], steps: [(install, .ok)],
        records: "1:uninstalled:Uninstallation complete", error: "cannot reuse a name that is still in use"),
    LifecycleCase(
        description: "install --replace over an uninstalled tenant supersedes it",
        history: [record(1, .uninstalled, description: "Uninstallation complete")],
        steps: [(.installRequested(InstallRequest(chart: chartV1, replace: true)), .ok)],
        records: "1:superseded:superseded by new release | 2:deployed:Install complete", target: ["m-new"]),
    LifecycleCase(
        description: "install --replace over a failed tenant leaves the failed one failed",
        history: [record(1, .failed, description: "Release \"acme\" failed: x")],
        steps: [(.installRequested(InstallRequest(chart: chartV1, replace: true)), .ok)],
        records: "1:failed:Release \"acme\" failed: x | 2:deployed:Install complete", target: ["m-new"]),
    LifecycleCase(
        description: "install --dry-run records and applies nothing",
        steps: [(.installRequested(InstallRequest(chart: chartV1, dryRun: true)), .ok)], records: ""),
    // upgrade
    LifecycleCase(
        description: "upgrade deploys the next revision and supersedes the previous",
        history: [record(1, .deployed, description: "Install complete")], steps: [(upgrade, .ok)],
        records: "1:superseded:Install complete | 2:deployed:Upgrade complete", target: ["m-new"]),
    LifecycleCase(
        description: "upgrade that fails to apply records it failed; the previous stays deployed",
        history: [record(1, .deployed, description: "Install complete")],
        steps: [(upgrade, .targetFails("permission denied"))],
        records: "1:deployed:Install complete | 2:failed:Upgrade \"acme\" failed: permission denied",
        target: ["m-new"], error: "permission denied"),
    LifecycleCase(
        description: "upgrade that fails to render records a failed revision and touches nothing",
        history: [record(1, .deployed, description: "Install complete")],
        steps: [(upgrade, .renderFails("template: bad"))],
        records: "1:deployed:Install complete | 2:failed:Upgrade \"acme\" failed: template: bad",
        error: "template: bad"),
    LifecycleCase(
        description: "upgrade --dry-run that fails to render records nothing",
        history: [record(1, .deployed)],
        steps: [(.upgradeRequested(UpgradeRequest(chart: chartV2, dryRun: true)), .renderFails("bad"))],
        records: "1:deployed:", error: "bad"),
    LifecycleCase(
        description: "upgrade of an unknown tenant is refused", steps: [(upgrade, .ok)],
        records: "", error: "\"acme\" has no deployed releases"),
    LifecycleCase(
        description: "upgrade --install of an unknown tenant installs", steps: [(upgradeInstall, .ok)],
        records: "1:deployed:Install complete", target: ["m-new"]),
    LifecycleCase(
        description: "upgrade --install over an uninstalled tenant installs with replace",
        history: [record(1, .uninstalled, description: "Uninstallation complete")],
        steps: [(upgradeInstall, .ok)],
        records: "1:superseded:superseded by new release | 2:deployed:Install complete", target: ["m-new"]),
    LifecycleCase(
        description: "upgrade of an uninstalled tenant without --install is refused",
        history: [record(1, .uninstalled)], steps: [(upgrade, .ok)],
        records: "1:uninstalled:", error: "\"acme\" has no deployed releases"),
    LifecycleCase(
        description: "upgrade of a tenant whose only install failed upgrades from it",
        history: [record(1, .failed, description: "Release \"acme\" failed: x")], steps: [(upgrade, .ok)],
        records: "1:failed:Release \"acme\" failed: x | 2:deployed:Upgrade complete", target: ["m-new"]),
    LifecycleCase(
        description: "upgrade after a failed upgrade supersedes the deployed one, not the failed",
        history: [record(1, .deployed), record(2, .failed)], steps: [(upgrade, .ok)],
        records: "1:superseded: | 2:failed: | 3:deployed:Upgrade complete", target: ["m-new"]),
    LifecycleCase(
        description: "upgrade while the last revision is pending is refused (interrupted)",
        history: [record(1, .deployed), record(2, .pendingUpgrade)], steps: [(upgrade, .ok)],
        records: "1:deployed: | 2:pending-upgrade:",
        error: "another operation (install/upgrade/rollback) is in progress"),
    // rollback
    LifecycleCase(
        description: "rollback to 1 records a new revision with revision 1's manifest",
        history: [record(1, .superseded), record(2, .superseded), record(3, .deployed)],
        steps: [(rollback(1), .ok)],
        records: "1:superseded: | 2:superseded: | 3:superseded: | 4:deployed:Rollback to 1", target: ["m1"]),
    LifecycleCase(
        description: "rollback without a revision goes to the one before the last",
        history: [record(1, .superseded), record(2, .deployed)], steps: [(rollback(), .ok)],
        records: "1:superseded: | 2:superseded: | 3:deployed:Rollback to 1", target: ["m1"]),
    LifecycleCase(
        description: "rollback to a revision that is not in the history is refused",
        history: [record(1, .deployed)], steps: [(rollback(7), .ok)],
        records: "1:deployed:", error: "release has no 7 version"),
    LifecycleCase(
        description: "rollback without a revision from revision 1 is refused",
        history: [record(1, .deployed)], steps: [(rollback(), .ok)],
        records: "1:deployed:", error: "release has no 0 version"),
    LifecycleCase(
        description: "rollback to a negative revision is refused",
        history: [record(1, .deployed)], steps: [(rollback(-1), .ok)],
        records: "1:deployed:", error: "invalid release revision"),
    LifecycleCase(
        description: "rollback of an unknown tenant is refused", steps: [(rollback(1), .ok)],
        records: "", error: "release: not found"),
    LifecycleCase(
        description: "rollback that fails to apply records it failed; the deployed one stays deployed",
        history: [record(1, .superseded), record(2, .deployed)], steps: [(rollback(1), .targetFails("io"))],
        records: "1:superseded: | 2:deployed: | 3:failed:Rollback \"acme\" failed: io", target: ["m1"],
        error: "io"),
    LifecycleCase(
        description: "rollback after uninstall --keep-history restores the objects",
        history: [record(1, .superseded), record(2, .uninstalled)], steps: [(rollback(1), .ok)],
        records: "1:superseded: | 2:uninstalled: | 3:deployed:Rollback to 1", target: ["m1"]),
    // uninstall
    LifecycleCase(
        description: "uninstall --keep-history marks the last revision uninstalled",
        history: [record(1, .superseded), record(2, .deployed)], steps: [(uninstall(keepHistory: true), .ok)],
        records: "1:superseded: | 2:uninstalled:Uninstallation complete", target: ["<remove>"]),
    LifecycleCase(
        description: "uninstall without --keep-history deletes the history",
        history: [record(1, .superseded), record(2, .deployed)], steps: [(uninstall(keepHistory: false), .ok)],
        records: "", target: ["<remove>"]),
    LifecycleCase(
        description: "uninstall --keep-history of an uninstalled tenant is refused",
        history: [record(1, .uninstalled)], steps: [(uninstall(keepHistory: true), .ok)],
        records: "1:uninstalled:", error: "the release named \"acme\" is already deleted"),
    LifecycleCase(
        description: "uninstall of an uninstalled tenant purges its kept history without touching the target",
        history: [record(1, .superseded), record(2, .uninstalled)],
        steps: [(uninstall(keepHistory: false), .ok)], records: ""),
    LifecycleCase(
        description: "uninstall whose removal fails puts the record back",
        history: [record(1, .deployed, description: "Install complete")],
        steps: [(uninstall(keepHistory: true), .targetFails("busy"))],
        records: "1:deployed:Install complete", target: ["<remove>"],
        error: "failed to delete release: acme: busy"),
    LifecycleCase(
        description: "uninstall of an unknown tenant is refused", steps: [(uninstall(keepHistory: false), .ok)],
        records: "", error: "uninstall: Release not loaded: acme: release: not found"),
    // recovery from a killed process
    LifecycleCase(
        description: "recovery marks an interrupted upgrade failed and restores the deployed objects",
        history: [record(1, .deployed), record(2, .pendingUpgrade)], steps: [(.recoverRequested, .ok)],
        records: "1:deployed: | 2:failed:Upgrade \"acme\" interrupted: the process running it stopped before it finished",
        target: ["m1"]),
    LifecycleCase(
        description: "recovery of an interrupted install removes its objects",
        history: [record(1, .pendingInstall)], steps: [(.recoverRequested, .ok)],
        records: "1:failed:Install \"acme\" interrupted: the process running it stopped before it finished",
        target: ["<remove>"]),
    LifecycleCase(
        description: "recovery of an interrupted uninstall completes it, keeping history",
        history: [record(1, .uninstalling)], steps: [(.recoverRequested, .ok)],
        records: "1:uninstalled:Uninstallation complete", target: ["<remove>"]),
    LifecycleCase(
        description: "recovery with nothing interrupted does nothing",
        history: [record(1, .deployed)], steps: [(.recoverRequested, .ok)], records: "1:deployed:"),
    LifecycleCase(
        description: "recovery then upgrade in one lifecycle",
        history: [record(1, .deployed), record(2, .pendingUpgrade)],
        steps: [(.recoverRequested, .ok), (upgrade, .ok)],
        records: "1:superseded: | 2:failed:Upgrade \"acme\" interrupted: the process running it stopped before it finished | 3:deployed:Upgrade complete",
        target: ["m1", "m-new"]),
    // the issue's acceptance story
    LifecycleCase(
        description: "install, upgrade, failed upgrade, rollback to 1, uninstall --keep-history",
        steps: [
            (install, .renders("a")), (upgrade, .renders("b")), (upgrade, .renderFails("template: x")),
            (rollback(1), .ok), (uninstall(keepHistory: true), .ok),
        ],
        records: "1:superseded:Install complete | 2:superseded:Upgrade complete | "
            + "3:failed:Upgrade \"acme\" failed: template: x | 4:uninstalled:Uninstallation complete",
        target: ["a", "b", "a", "<remove>"]),
]

@Suite("Release lifecycle")
struct LifecycleTests {
    @Test(arguments: lifecycleCases)
    func table(_ c: LifecycleCase) {
        var adapter = FakeAdapter(history: c.history)
        var lastError: String?
        for (request, script) in c.steps {
            switch adapter.run(request, script) {
            case .success(.failed(_, let message)): lastError = message
            case .success(.succeeded): lastError = nil
            case .failure(let error): lastError = error.message
            }
        }
        #expect(adapter.records == c.records)
        #expect(adapter.targetLog == c.target)
        #expect(lastError == c.error)
        // The lifecycle's own view of the history matches what it asked to write.
        #expect(adapter.lifecycle.history == adapter.store.values.sorted { $0.revision < $1.revision })
        #expect(!adapter.lifecycle.isBusy)
    }

    @Test func aRollbackCarriesTheOldRevisionsContentAndNeedsNoRender() throws {
        var adapter = FakeAdapter(history: [record(1, .superseded, chart: chartV1), record(2, .deployed, chart: chartV2)])
        _ = adapter.run(rollback(1), Script(render: .renderFailed("must not render")))
        let four = try #require(adapter.store[3])
        let one = record(1, .superseded)
        #expect(four.manifest == one.manifest)
        #expect(four.userValues == one.userValues)
        #expect(four.computedValues == one.computedValues)
        #expect(four.notes == one.notes)
        #expect(four.chart == chartV1)
        #expect(four.firstDeployed == at(0))
    }

    @Test func anUpgradeCarriesFirstDeployedAndRecordsTheRendering() throws {
        var adapter = FakeAdapter(history: [record(1, .deployed)])
        _ = adapter.run(upgrade, .ok)
        let two = try #require(adapter.store[2])
        #expect(two.firstDeployed == at(0))
        #expect(two.lastDeployed == adapter.now)
        #expect(two.manifest == "m-new")
        #expect(two.notes == "n-new")
        #expect(two.computedValues == "c-new")
        #expect(two.userValues == "v: new\n")
        #expect(two.chart == chartV2)
    }

    @Test func theRenderRequestCarriesTheCurrentRevisionForReuseValues() throws {
        var lifecycle = ReleaseLifecycle(tenant: "acme", history: [record(1, .deployed), record(2, .failed)])
        let actions = try lifecycle.handle(upgrade, at: at(1))
        guard case .render(let request)? = actions.first else {
            Issue.record("expected a render action, got \(actions)")
            return
        }
        #expect(request.revision == 3)
        #expect(request.isUpgrade)
        #expect(request.current?.revision == 1)
    }

    @Test func thePendingRecordIsWrittenBeforeTheTargetIsTouched() throws {
        var lifecycle = ReleaseLifecycle(tenant: "acme", history: [record(1, .deployed)])
        _ = try lifecycle.handle(upgrade, at: at(1))
        let actions = try lifecycle.handle(.rendered(Rendering(manifest: "m2")), at: at(2))
        guard actions.count == 2, case .record(let changes) = actions[0], case .apply(let r) = actions[1] else {
            Issue.record("expected record then apply, got \(actions)")
            return
        }
        #expect(changes.map(\.key.revision) == [2])
        #expect(r.status == .pendingUpgrade)
        #expect(r.description == "Preparing upgrade")
    }

    @Test(arguments: [ReleaseEvent.applied, .rendered(Rendering(manifest: "")), .renderFailed("x"), .applyFailed("x")])
    func anOutcomeWithoutARequestIsAnAdapterBug(_ event: ReleaseEvent) {
        var lifecycle = ReleaseLifecycle(tenant: "acme", history: [])
        #expect(throws: LifecycleError.self) { try lifecycle.handle(event, at: at(0)) }
    }

    @Test func aRequestWhileBusyIsAnAdapterBug() throws {
        var lifecycle = ReleaseLifecycle(tenant: "acme", history: [])
        _ = try lifecycle.handle(install, at: at(0))
        do {
            _ = try lifecycle.handle(upgrade, at: at(0))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unexpectedEvent)
            #expect(error.message == "release lifecycle of \"acme\": unexpected event upgradeRequested while waiting for the chart to render")
        }
    }
}
