/// Exit codes of the one-shot commands. Scripts branch on them, so each one
/// is part of the interface: the README's "Exit status" table lists exactly
/// these (a test checks the two agree).
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    /// `watch`: how the job ended, or that it had not ended in time.
    case jobFailed = 1, jobCancelled = 2, stillRunning = 3
    /// Any command talking to the server: no such job, a bad token, or no
    /// usable answer.
    case notFound = 4, unauthorized = 5, unreachable = 6
    /// `cancel`: the job had already finished, was still running after the
    /// cancel, or the cancel was not sent.
    case alreadyFinished = 7, notHonoured = 8, refused = 9
    /// TLS failed (certificate not trusted, expired, for another name; handshake
    /// refused), or the proxy refused or asked for credentials.
    case tlsFailure = 10, proxyFailure = 11
    /// A bad option, configuration or token file.
    case usage = 64
}

extension ExitStatus {
    /// `cancel` with several ids: most severe first. A code not listed comes before all of these.
    static let severity: [ExitStatus] = [
        .unauthorized, .tlsFailure, .proxyFailure, .unreachable, .notHonoured, .notFound, .alreadyFinished, .refused,
    ]

    /// The exit status of several jobs' codes: 0 only if every one is 0, else the most severe.
    static func mostSevere(_ codes: [Int32]) -> Int32 {
        let failures = codes.filter { $0 != ExitStatus.success.rawValue }
        func rank(_ code: Int32) -> Int {
            guard let index = severity.firstIndex(where: { $0.rawValue == code }) else { return -1 }
            return index
        }
        return failures.min { rank($0) < rank($1) } ?? ExitStatus.success.rawValue
    }
}
