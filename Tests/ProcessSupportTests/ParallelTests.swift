// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import ProcessSupport
import Testing

@Suite struct ParallelTests {
    /// (items, workers): results come back in input order whatever the number of threads.
    @Test(arguments: [(0, 2), (1, 2), (2, 1), (7, 2), (100, 3), (1000, 8)])
    func mapKeepsOrder(_ count: Int, _ workers: Int) {
        let out = Parallel.map(count, workers: workers) { i -> String in
            // Uneven work so that threads finish out of order.
            var x = 0
            for k in 0..<((count - i) * 50) { x &+= k }
            return "\(i):\(x & 1)"
        }
        #expect(out.count == count)
        #expect(out.map { Int($0.split(separator: ":")[0])! } == Array(0..<count))
    }

    @Test func workersHaveLargeStacks() {
        // Recursion far deeper than a default 8 MiB thread stack would take at this frame size.
        @Sendable func depth(_ n: Int) -> Int {
            var pad = (n, n, n, n, n, n, n, n)
            return withUnsafeMutableBytes(of: &pad) { p in n == 0 ? Int(p[0]) : depth(n - 1) + 1 }
        }
        let out = Parallel.map(2, workers: 2) { _ in depth(200_000) }
        #expect(out == [200_000, 200_000])
    }
}

@Suite struct LocalFilesTests {
    @Test func readListAndErrors() throws {
        let dir = FileManager.default.temporaryDirectory.path + "/localfiles-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let big = [UInt8]((0..<70_000).map { UInt8($0 % 251) })
        #expect(FileManager.default.createFile(atPath: dir + "/a.bin", contents: Data(big)))
        #expect(FileManager.default.createFile(atPath: dir + "/empty", contents: Data()))
        #expect(try LocalFiles.read(dir + "/a.bin") == big)
        #expect(try LocalFiles.read(dir + "/empty") == [])
        #expect(try LocalFiles.list(dir).sorted() == ["a.bin", "empty", "sub"])
        #expect(LocalFiles.kind(dir + "/sub") == .directory)
        #expect(LocalFiles.kind(dir + "/a.bin") == .file)
        #expect(LocalFiles.kind(dir + "/none") == nil)
        #expect(throws: LocalFileError.self) { try LocalFiles.read(dir + "/none") }
        do {
            _ = try LocalFiles.list(dir + "/none")
            Issue.record("listing a missing directory succeeded")
        } catch {
            #expect(error.description == "no such file or directory")
        }
    }
}
