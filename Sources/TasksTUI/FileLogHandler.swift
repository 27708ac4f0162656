import FoundationEssentials
import Logging
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// swift-log to a file: while the screen is in use, nothing may be written to it.
struct FileLogHandler: LogHandler {
    /// The open log. At `limit` bytes (10 MiB) the file is renamed to
    /// `PATH.1` (replacing the one before: one old generation is kept) and a
    /// new one started, so a long session cannot fill the disk. If the new
    /// one cannot be opened, the renamed file is closed all the same: lines
    /// are dropped (and the next line tries to open `PATH` again) rather than
    /// written on into `PATH.1`, which would then grow without bound.
    final class Sink: Sendable {
        static let defaultLimit = 10 << 20
        typealias Opener = @Sendable (String) throws(LogFile.Failure) -> (fd: Int32, size: Int)
        let path: String
        let limit: Int
        private let opener: Opener
        /// `fd` is -1 while no file is open (after a failed reopen).
        private let file: Locked<(fd: Int32, size: Int)>

        init?(path: String, limit: Int = Sink.defaultLimit, opener: @escaping Opener = LogFile.openForAppend) {
            guard let opened = try? opener(path) else { return nil }
            self.path = path
            self.limit = limit
            self.opener = opener
            file = Locked((opened.fd, opened.size))
        }

        func write(_ line: String) {
            let bytes = Array(line.utf8)
            file.withLock { file in
                if file.fd >= 0, file.size > 0, file.size + bytes.count > limit, rename(path, path + ".1") == 0 {
                    // The open descriptor now writes PATH.1: never again, whatever happens next.
                    close(file.fd)
                    file = (-1, 0)
                }
                if file.fd < 0 {
                    guard let fresh = try? opener(path) else { return }
                    file = fresh
                }
                if (try? LogFile.write(file.fd, bytes)) != nil { file.size += bytes.count }
            }
        }

        deinit { file.withLock { if $0.fd >= 0 { _ = close($0.fd) } } }
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
        let text = AuditLog.clean(Redaction.redact("\(event.message)"))
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
