import Foundation
import Logging
import Synchronization
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// swift-log to a file: while the screen is in use, nothing may be written to it.
struct FileLogHandler: LogHandler {
    final class Sink: Sendable {
        let fd: Int32
        init?(path: String) {
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
            guard fd >= 0 else { return nil }
            self.fd = fd
        }
        func write(_ line: String) {
            let bytes = Array(line.utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        }
        deinit { close(fd) }
    }

    let label: String
    let sink: Sink
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = AuditLog.clean("\(event.message)")
        sink.write("\(Timestamp.format(Date())) \(event.level) \(label): \(text)\n")
    }

    /// A logger writing to `path`, or a silent one if the file cannot be opened.
    static func logger(path: String) -> Logger {
        guard let sink = Sink(path: path) else {
            return Logger(label: "tasks-tui", factory: { _ in SwiftLogNoOpLogHandler() })
        }
        return Logger(label: "tasks-tui") { label in FileLogHandler(label: label, sink: sink) }
    }
}
