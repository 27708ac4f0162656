import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

extension DashboardLoop {
    /// Events from other threads, and the pipe that wakes `poll`.
    final class Inbox: Sendable {
        let events = Locked<[EngineEvent]>([])
        /// Audit logs read off the loop's thread (`readAuditLog`), each with the
        /// number of the request it answers: only the latest request's is shown.
        let auditReads = Locked<[(request: Int, read: AuditRead)]>([])
        let signal = Locked<Int32?>(nil)
        let readFD: Int32
        let writeFD: Int32

        init() {
            var fds: [Int32] = [0, 0]
            _ = pipe(&fds)
            readFD = fds[0]
            writeFD = fds[1]
            _ = fcntl(readFD, F_SETFL, fcntl(readFD, F_GETFL) | O_NONBLOCK)
            _ = fcntl(writeFD, F_SETFL, fcntl(writeFD, F_GETFL) | O_NONBLOCK)
        }

        func post(_ event: EngineEvent) {
            events.withLock { $0.append(event) }
            wake()
        }

        func post(_ read: AuditRead, request: Int) {
            auditReads.withLock { $0.append((request, read)) }
            wake()
        }

        func post(signal number: Int32) {
            signal.withLock { $0 = $0 ?? number }
            wake()
        }

        func wake() {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }

        func drainPipe() {
            var buffer = [UInt8](repeating: 0, count: 256)
            while read(readFD, &buffer, buffer.count) > 0 {}
        }

        deinit {
            close(readFD)
            close(writeFD)
        }
    }
}
