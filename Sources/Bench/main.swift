// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// tenantctl-bench: in-process render speed of the corpus charts, beside Go's text/template + Sprig.
//
// For each chart of ../shared/charts-corpus without subcharts: load, coalesce and parse once, then render the
// whole chart N times and print `chart=NAME us_per_render=X`. When the Go reference renderer is built
// (`make bench` builds it with ../shared/bench/go-reference/build.sh), it runs on the same chart and values in
// the same run and its figure is printed beside ours.
//
//   tenantctl-bench [--corpus DIR] [-n N] [--go-reference PATH] [--chart NAME]...
//   tenantctl-bench --parse [-n N] [--chart NAME]...   parse speed: every corpus chart's templates (subcharts
//                              included) parsed N times; microseconds per parse, wall and CPU (all threads)
//   tenantctl-bench --rsa N    milliseconds per fresh 2048-bit RSA key over N keys, as Sprig's genCA,
//                              genSignedCert and genSelfSignedCert make them (BoringSSL through swift-crypto's
//                              _CryptoExtras): CPU per key (mean, median, max), then wall time per key with a
//                              maker on every core
import Chart
import Engine
import Foundation
import GoRuntime
import ProcessSupport
import ProcessTuning
import _CryptoExtras

struct BenchOptions {
    var corpus = "../shared/charts-corpus"
    var renders = 200
    var goReference: String?
    /// Only these charts (all when empty), e.g. to profile one with `perf record`.
    var only: [String] = []
    /// Keys to make for the RSA comparison (0: render the corpus instead).
    var rsaKeys = 0
    /// Measure template parsing instead of rendering.
    var parseOnly = false

    init(_ args: [String]) {
        var i = 0
        while i < args.count {
            let a = args[i]
            let next = i + 1 < args.count ? args[i + 1] : nil
            switch a {
            case "--corpus": corpus = next ?? corpus; i += 1
            case "-n": renders = Int(next ?? "") ?? renders; i += 1
            case "--go-reference": goReference = next; i += 1
            case "--chart": if let next { only.append(next) }; i += 1
            case "--rsa": rsaKeys = Int(next ?? "") ?? 0; i += 1
            case "--parse": parseOnly = true
            default: break
            }
            i += 1
        }
    }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// The chart in `dir` loaded and coalesced with its default values, as the benchmarks render it.
func renderPlan(_ dir: String) throws(RenderError) -> RenderPlan {
    let chart: LoadedChart
    do { chart = try ChartDirectory.load(directory: dir) } catch { throw RenderError(error) }
    let options = ReleaseOptions(releaseName: "rel", namespace: "tenant-a", kubeVersion: "v1.31.0")
    return try makeRenderValues(chart: chart, values: .dict([:]), options: options)
}

/// Renders the chart N times in-process; returns microseconds per render, or an error text.
func benchChart(_ dir: String, renders: Int) -> Result<(Double, Int), RenderError> {
    do throws(RenderError) {
        let plan = try renderPlan(dir)
        let parsed = try ParsedTemplates.parse(plan)
        let first = try parsed.render()
        let start = now()
        for _ in 0..<renders { _ = try parsed.render() }
        let us = Double(now() - start) / 1000 / Double(renders)
        return .success((us, first.count))
    } catch {
        return .failure(error)
    }
}

func runGoReference(_ binary: String, chart: String, renders: Int) -> Double? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = ["-chart", chart, "-n", String(renders)]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    guard let r = text.range(of: "us_per_render=") else { return nil }
    return Double(text[r.upperBound...].prefix { $0 == "." || $0.isNumber })
}

/// This thread's CPU time in nanoseconds.
func threadCPU() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// CPU milliseconds per 2048-bit key over `count` keys made one after another: mean, median and the slowest.
func benchKeys(_ count: Int) -> String {
    var spent: [UInt64] = []
    for _ in 0..<count {
        let start = threadCPU()
        guard let key = try? _RSA.Signing.PrivateKey(keySize: .bits2048), key.keySizeInBits == 2048 else { return "error" }
        spent.append(threadCPU() - start)
    }
    spent.sort()
    let ms = { (ns: UInt64) in String(format: "%.1f", Double(ns) / 1e6) }
    return String(format: "%.2f", Double(spent.reduce(0, +)) / 1e6 / Double(count)) + " (median " + ms(spent[count / 2]) + ", max " + ms(spent[count - 1]) + ")"
}

/// Wall milliseconds per 2048-bit key over `count` keys made on every core at once.
func benchKeysParallel(_ count: Int) -> String {
    let start = now()
    let keys = Parallel.map(count) { _ in (try? _RSA.Signing.PrivateKey(keySize: .bits2048))?.keySizeInBits ?? 0 }
    let wall = now() - start
    guard keys.allSatisfy({ $0 == 2048 }) else { return "error" }
    return String(format: "%.2f", Double(wall) / 1e6 / Double(count)) + " (\(Parallel.processorCount) cores)"
}

/// CPU time of the whole process (every thread), in nanoseconds.
func processCPU() -> UInt64 {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let user = UInt64(usage.ru_utime.tv_sec) * 1_000_000_000 + UInt64(usage.ru_utime.tv_usec) * 1000
    let system = UInt64(usage.ru_stime.tv_sec) * 1_000_000_000 + UInt64(usage.ru_stime.tv_usec) * 1000
    return user + system
}

/// Parses the chart's templates N times (as `tenantctl template` does, on every core); microseconds per parse,
/// wall and CPU, and the template count.
func benchParse(_ dir: String, times: Int) -> Result<(wall: Double, cpu: Double, files: Int), RenderError> {
    do throws(RenderError) {
        let plan = try renderPlan(dir)
        _ = try ParsedTemplates.parse(plan)
        let wall = now()
        let cpu = processCPU()
        // The results are kept, as `tenantctl template` keeps its trees until exit: no freeing in the loop.
        var kept: [ParsedTemplates] = []
        kept.reserveCapacity(times)
        for _ in 0..<times { kept.append(try ParsedTemplates.parse(plan)) }
        ProcessLifetime.keep(kept)
        let n = Double(times)
        return .success((Double(now() - wall) / 1000 / n, Double(processCPU() - cpu) / 1000 / n, plan.templates.count))
    } catch {
        return .failure(error)
    }
}

let options = BenchOptions(Array(CommandLine.arguments.dropFirst()))
if options.parseOnly {
    // The heap as `tenantctl` sets it up (the kept parse trees would otherwise cost a page fault per 4 KB).
    ProcessHeap.prepareForShortRun()
    let fm = FileManager.default
    print("# tenantctl-bench: parses=\(options.renders) corpus=\(options.corpus)")
    for name in ((try? fm.contentsOfDirectory(atPath: options.corpus)) ?? []).sorted() {
        let dir = options.corpus + "/" + name + "/chart"
        guard fm.fileExists(atPath: dir + "/Chart.yaml") else { continue }
        if !options.only.isEmpty && !options.only.contains(name) { continue }
        switch benchParse(dir, times: options.renders) {
        case .success(let r):
            print(
                "chart=\(name) templates=\(r.files) parse_us=" + String(format: "%.1f", r.wall)
                    + " parse_cpu_us=" + String(format: "%.1f", r.cpu))
        case .failure(let e):
            print("chart=\(name) error=" + GoStrconv.quote(String(e.message.prefix(160))))
        }
    }
    exit(0)
}
if options.rsaKeys > 0 {
    let n = options.rsaKeys
    print("# tenantctl-bench: RSA-2048 keys=\(n) from BoringSSL (swift-crypto _CryptoExtras)")
    print("cpu_ms_per_key=" + benchKeys(n))
    print("wall_ms_per_key_all_cores=" + benchKeysParallel(n))
    exit(0)
}
let fm = FileManager.default
let charts = ((try? fm.contentsOfDirectory(atPath: options.corpus)) ?? []).sorted()
print("# tenantctl-bench: renders=\(options.renders) corpus=\(options.corpus)")
for name in charts {
    let dir = options.corpus + "/" + name + "/chart"
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { continue }
    if !options.only.isEmpty && !options.only.contains(name) { continue }
    let sub = (try? fm.contentsOfDirectory(atPath: dir + "/charts")) ?? []
    if !sub.isEmpty { continue }  // charts with subcharts are out of scope for the in-process comparison
    var line = "chart=\(name)"
    switch benchChart(dir, renders: options.renders) {
    case .success(let (us, files)):
        line += " files=\(files) us_per_render=" + String(format: "%.1f", us)
        if let go = options.goReference, let goUs = runGoReference(go, chart: dir, renders: options.renders) {
            line += " go_us_per_render=" + String(format: "%.1f", goUs) + " ratio=" + String(format: "%.2f", us / goUs)
        }
    case .failure(let e):
        line += " error=" + GoStrconv.quote(String(e.message.prefix(160)))
    }
    print(line)
}
