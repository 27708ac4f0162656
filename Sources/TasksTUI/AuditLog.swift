import Foundation
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// One line per cancel attempt (time, local user, host, job id, type,
/// outcome), appended to a file under the user's state directory. Never
/// holds the token: nothing here ever sees it.
struct AuditLog: Sendable {
    let path: String
    var server: String = ""

    func record(jobID: String, type: String, outcome: String, source: String) {
        let fields = [
            Timestamp.format(Date()), "user=\(Self.userName)", "host=\(ProcessInfo.processInfo.hostName)",
            "source=\(source)", server.isEmpty ? nil : "server=\(server)", "job=\(jobID)", "type=\(type)",
            "outcome=\(outcome)",
        ].compactMap { $0 }.map(Self.clean)
        append(fields.joined(separator: "\t") + "\n")
    }

    /// The local user's login name (not $USER, which anyone can set).
    static var userName: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }

    /// One line, one field: tabs, newlines and control characters cannot forge entries.
    static func clean(_ text: String) -> String {
        String(
            text.unicodeScalars.map {
                $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) ? "?" : Character($0)
            })
    }

    private func append(_ line: String) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
