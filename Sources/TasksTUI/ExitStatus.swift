/// Exit codes of the one-shot commands. Scripts branch on them, so each one
/// is part of the interface: the README's "Exit status" table lists exactly
/// these (a test checks the two agree).
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    case jobFailed = 1
    case jobCancelled = 2
    case stillRunning = 3
    case notFound = 4
    case unauthorized = 5
    case unreachable = 6
    case alreadyFinished = 7
    case notHonoured = 8
    case refused = 9
    case usage = 64
}
