import ArgumentParser
import TasksModel

/// A failure a one-shot command reports: a message for standard error and
/// the exit status a script sees.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var code: ExitStatus

    init(_ description: String, code: ExitStatus) {
        self.description = description
        self.code = code
    }

    /// Maps an API error to its exit status, with a short message.
    ///
    /// Every case is named, with no `default`, so a new `APIError` case does
    /// not compile until someone decides which code a script should see.
    init(_ error: APIError, doing what: String) {
        let code: ExitStatus =
            switch error {
            case .notFound: .notFound
            case .unauthorized: .unauthorized
            case .conflict: .alreadyFinished
            // The server is unreachable, slow, or failing: try again later.
            case .transport, .timeout, .server: .unreachable
            // An answer we cannot use, or a request we would not send: also
            // reported as a failing server, as before (README: code 6).
            case .decode, .bodyTooLarge, .invalidRequest: .unreachable
            case .connection(let failure): failure.kind.isProxy ? .proxyFailure : .tlsFailure
            }
        self.init("\(what): \(error.description)", code: code)
    }
}

/// Runs a command body, printing a CLIError as `tasks-tui: message` and exiting with its code.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        Console.err("tasks-tui: \(error.description)")
        throw ExitCode(error.code.rawValue)
    }
}
