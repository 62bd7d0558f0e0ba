// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Plain POSIX access to local files, for hot paths (loading a chart of hundreds of files) where Foundation's
/// `FileManager` and `Data` cost more than the reading itself.
public enum LocalFiles {
    /// What a path is, following symbolic links (Go's `os.Stat`).
    public enum Kind: Sendable { case file, directory }

    /// The kind of the file at `path`, or nil when it does not exist (or a link points nowhere).
    public static func kind(_ path: String) -> Kind? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (st.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    /// The size in bytes of the file at `path`, following symbolic links (Go's `os.Stat(path).Size()`).
    public static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }

    /// Whether `path` itself is a symbolic link (Go's `os.Lstat` with `ModeSymlink`).
    public static func isSymbolicLink(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0 else { return false }
        return (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// The path with every symbolic link resolved (Go's `filepath.EvalSymlinks` of an absolute path), or nil
    /// when a link points nowhere.
    public static func resolvedPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The names in a directory (without `.` and `..`), in no particular order.
    /// - Throws: Go's text for the failure, e.g. `no such file or directory`.
    public static func list(_ path: String) throws(LocalFileError) -> [String] {
        guard let dir = opendir(path) else { throw LocalFileError(errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names
    }

    /// The whole content of a file.
    public static func read(_ path: String) throws(LocalFileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LocalFileError(errno: errno) }
        defer { close(fd) }
        var st = stat()
        let hint = fstat(fd, &st) == 0 ? max(Int(st.st_size), 0) : 0
        var out = [UInt8](repeating: 0, count: hint + 1)
        var count = 0
        while true {
            if count == out.count { out.append(contentsOf: [UInt8](repeating: 0, count: max(out.count, 4096))) }
            let n = out.withUnsafeMutableBytes { buf in
                systemRead(fd, buf.baseAddress! + count, buf.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw LocalFileError(errno: errno)
            }
            if n == 0 { break }
            count += n
        }
        out.removeSubrange(count...)
        return out
    }
}

/// A failed file operation, with the system's reason in Go's words (`no such file or directory`).
public struct LocalFileError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public init(errno code: Int32) { self.code = code }
    /// Go's `syscall.Errno.Error()`: the C library's text with a lower-case first letter.
    public var description: String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

#if canImport(Glibc)
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    private let systemRead = Darwin.read
#endif
