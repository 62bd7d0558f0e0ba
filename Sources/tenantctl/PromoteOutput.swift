// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// What `tenantctl promote` prints: the plan (--dry-run), the live view or plain lines while it runs, the
// summary, the JSON record, and the exit status.
import Actions
import Foundation
import ReleaseStore

/// The promotion's texts.
enum PromoteText {
    /// The record as CI reads it, and as the store keeps it: JSON, sorted keys, RFC 3339 dates.
    static func json(_ record: PromotionRecord) -> String {
        guard let data = try? PromotionRecord.jsonEncoder(pretty: true).encode(record) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The exit status of a finished run (see `promote --help`).
    static func exitCode(_ status: PromotionRecord.Status) -> Int32? {
        switch status {
        case .succeeded: 0
        case .failed: 1
        case .halted: 3
        case .finishedWithFailures: 4
        case .interrupted: 130
        case .running: nil
        }
    }

    /// `--dry-run`: the waves, each tenant from-version -> to-version (or why it is left alone).
    static func plan(_ plan: PromotionPlan) -> String {
        let r = plan.record
        var out = "Promotion of \(r.chart) to \(r.toVersion) (dry run: nothing changed)\n"
        for (i, wave) in r.waves.enumerated() {
            let selector = wave.selector.isEmpty ? (i == r.waves.count - 1 ? "the rest" : "") : wave.selector
            out += "wave \(i + 1) \(printable(wave.name)) (\(printable(selector))): \(wave.tenants.count) tenant\(wave.tenants.count == 1 ? "" : "s")\n"
            for o in r.outcomes where o.wave == wave.name {
                out += "  " + line(o) + "\n"
            }
        }
        let todo = plan.pending.count
        out += "\(todo) tenant\(todo == 1 ? "" : "s") would be upgraded.\n"
        return out
    }

    /// One tenant's outcome on one line.
    static func line(_ o: PromotionRecord.Outcome) -> String {
        let from = o.fromVersion ?? "-"
        let to = o.toVersion ?? "-"
        var text = "\(o.tenant): "
        switch o.state {
        case .pending: text += "\(from) -> \(to)"
        case .promoted: text += "promoted \(from) -> \(to) (revision \(o.fromRevision.map(String.init) ?? "-") -> \(o.toRevision.map(String.init) ?? "-"))"
        case .skipped: text += "skipped, already at \(to)"
        case .hibernated: text += "hibernated, left alone"
        case .notInstalled: text += "not installed, left alone"
        case .failed: text += "FAILED: " + (o.message ?? "")
        case .rolledBack: text += "rolled back: " + (o.message ?? "")
        }
        return printable(text)
    }

    /// What the run did, for people, after the live view or the plain lines.
    static func summary(_ r: PromotionRecord, maxFailures: Int) -> String {
        var counts: [PromotionRecord.Outcome.State: Int] = [:]
        for o in r.outcomes { counts[o.state, default: 0] += 1 }
        let order: [PromotionRecord.Outcome.State] = [.promoted, .skipped, .failed, .rolledBack, .pending, .hibernated, .notInstalled]
        let parts = order.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
        var out = "Promotion \(r.id) of \(r.chart) to \(r.toVersion): \(r.status.rawValue) (\(parts.joined(separator: ", ")))"
        if let end = r.finishedAt { out += String(format: " in %.1fs", end.timeIntervalSince(r.startedAt)) }
        out += "\n"
        switch r.status {
        case .halted:
            if let wave = haltedWave(r) {
                out +=
                    "Halted at wave \(printable(wave)): more than \(maxFailures) failure\(maxFailures == 1 ? "" : "s") (--max-failures); later waves were not started.\n"
            }
        case .interrupted:
            out += "Interrupted: the tenants in flight finished; the pending ones were not started.\n"
        default: break
        }
        // The reasons were printed as each tenant finished; here only who.
        let failed = r.outcomes.filter { $0.state == .failed }
        if !failed.isEmpty { out += "Failed: " + printable(failed.map(\.tenant).joined(separator: ", ")) + "\n" }
        let back = r.outcomes.filter { $0.state == .rolledBack }
        if !back.isEmpty {
            let list = back.map { o in "\(o.tenant) (to revision \(o.fromRevision ?? 0) as \(o.rollbackRevision ?? 0))" }
            out += "Rolled back: " + printable(list.joined(separator: ", ")) + "\n"
        }
        return out
    }

    /// The wave a halted record stopped at: the first with a failure or a rollback.
    static func haltedWave(_ r: PromotionRecord) -> String? {
        r.waves.first { w in r.outcomes.contains { $0.wave == w.name && ($0.state == .failed || ($0.state == .rolledBack && $0.toRevision != nil)) } }?.name
    }
}

/// The run as it goes: on a terminal, a view per wave redrawn in place (done, failed, running, the tenants in
/// flight, elapsed time); otherwise one line per tenant outcome and one per wave.
final class PromoteProgress: @unchecked Sendable {
    // @unchecked: every field is read and written under `lock`.
    private let lock = NSLock()
    private let write: (String) -> Void
    private let live: Bool
    private let record: PromotionRecord
    private var started = Date()
    private var waveStarted = Date()
    private var finishedLines: [String] = []
    private var current: (name: String, index: Int, total: Int, toDo: Int)?
    private var done = 0
    private var failed = 0
    private var inFlight: [String] = []
    private var drawn = 0
    private var note: String?
    private var stopped = false

    private let cancellation: PromotionCancellation
    private var toldCancelled = false

    init(plan: PromotionPlan, write: @escaping (String) -> Void, live: Bool, cancellation: PromotionCancellation) {
        self.record = plan.record
        self.write = write
        self.live = live
        self.cancellation = cancellation
    }

    /// Once, after SIGINT/SIGTERM: what happens now. Called under `lock`.
    private func noteCancellation() {
        guard cancellation.isCancelled, !toldCancelled else { return }
        toldCancelled = true
        let text = "interrupted: no new tenant starts; waiting for the \(inFlight.count) in flight"
        if live { finishedLines.append(text) } else { write(text + "\n") }
    }

    /// Prints the header and, on a terminal, starts the clock that redraws the view.
    func start() {
        let r = record
        let count = r.outcomes.count
        write(
            "Promoting \(r.chart) to \(r.toVersion) (\(r.id)): \(r.waves.count) wave\(r.waves.count == 1 ? "" : "s"), \(count) tenant\(count == 1 ? "" : "s")\n"
        )
        guard live else { return }
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                let go = lock.withLock { () -> Bool in
                    if !stopped {
                        noteCancellation()
                        redraw()
                    }
                    return !stopped
                }
                if !go { return }
            }
        }
    }

    /// Stops redrawing (the view stays as last drawn).
    func stop() {
        lock.withLock {
            if live { redraw() }
            stopped = true
        }
    }

    /// Takes an event from the run (any thread).
    func handle(_ event: PromotionEvent) {
        lock.withLock {
            noteCancellation()
            switch event {
            case .waveStarted(let index, let name, let toDo, let total):
                current = (name, index, total, toDo)
                done = 0
                failed = 0
                inFlight = []
                waveStarted = Date()
                note = nil
                if !live { write("wave \(index + 1)/\(record.waves.count) \(printable(name)): \(toDo) of \(total) tenants to upgrade\n") }
            case .tenantStarted(_, let tenant):
                inFlight.append(tenant)
            case .tenantFinished(let outcome):
                inFlight.removeAll { $0 == outcome.tenant }
                if outcome.state == .failed { failed += 1 } else { done += 1 }
                if !live {
                    write("  " + PromoteText.line(outcome) + "\n")
                } else if outcome.state == .failed {
                    finishedLines.append("  " + PromoteText.line(outcome))
                }
            case .waveFinished(let index, let name, let failures, let halted):
                let elapsed = String(format: "%.1fs", Date().timeIntervalSince(waveStarted))
                let line =
                    "wave \(index + 1)/\(record.waves.count) \(printable(name)): \(done) done, \(failures) failed"
                    + (halted ? " — halted" : "") + " (\(elapsed))"
                if live {
                    current = nil
                    finishedLines.append(line)
                    redraw()
                } else {
                    write(line + "\n")
                }
            case .rolledBack(let outcome):
                let text = "  " + PromoteText.line(outcome)
                if live { finishedLines.append(text) } else { write(text + "\n") }
            case .pausing(let seconds, let next):
                let text = String(format: "pausing %.0fs before wave %@", seconds, printable(next))
                if live { note = text } else { write(text + "\n") }
            }
            if live { redraw() }
        }
    }

    /// Clears what was drawn and draws again: the finished waves' lines (kept once printed), then the current
    /// wave's counts and tenants in flight. Called under `lock`.
    private func redraw() {
        var lines: [String] = []
        if let c = current {
            let elapsed = String(format: "%.1fs", Date().timeIntervalSince(waveStarted))
            lines.append(
                "wave \(c.index + 1)/\(record.waves.count) \(printable(c.name)): \(done + failed)/\(c.toDo) — \(done) done, \(failed) failed, \(inFlight.count) running (\(elapsed))"
            )
            if !inFlight.isEmpty {
                let shown = inFlight.prefix(8).joined(separator: ", ") + (inFlight.count > 8 ? ", …" : "")
                lines.append("  in flight: " + printable(shown))
            }
        }
        if let note { lines.append(note) }
        // Move up over the previous live lines and clear to the end of the screen, then print.
        var out = drawn > 0 ? "\u{1b}[\(drawn)F\u{1b}[J" : ""
        for line in finishedLines { out += line + "\n" }
        finishedLines = []
        for line in lines { out += line + "\n" }
        drawn = lines.count
        write(out)
    }
}
