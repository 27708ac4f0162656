import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A Hummingbird server on a loopback address with an ephemeral port, started
/// and stopped from code: the in-process simulator of `tasks-tui demo` and
/// the scripted servers of the tests.
public final class LoopbackHTTPServer: Sendable {
    public typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// The port the server listens on.
    public let port: Int
    /// The host it listens on.
    public let host: String
    private let task: Task<Void, any Error>
    private let stopped: Mutex<Bool>

    /// `http://host:port`
    public var baseURL: URL { URL(string: "http://\(host):\(port)")! }

    private init(host: String, port: Int, task: Task<Void, any Error>) {
        self.host = host
        self.port = port
        self.task = task
        self.stopped = Mutex(false)
    }

    /// Starts serving `handler` and returns once the port is bound.
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil, handler: @escaping Handler
    ) async throws -> LoopbackHTTPServer {
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: CallbackResponder(callback: handler),
            configuration: .init(address: .hostname(host, port: port), serverName: "jobs-simulator"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger ?? Logger(label: "jobs-simulator", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task {
            defer { portContinuation.finish() }
            try await app.run()
        }
        var iterator = portStream.makeAsyncIterator()
        guard let boundPort = await iterator.next(), boundPort > 0 else {
            task.cancel()
            _ = await task.result
            if case .failure(let error) = await task.result { throw error }
            throw SimulatorError.cannotBind("\(host):\(port)")
        }
        return LoopbackHTTPServer(host: host, port: boundPort, task: task)
    }

    /// Whether `stop()` has been called: handlers that hang on purpose watch it.
    public var isStopped: Bool { stopped.withLock { $0 } }

    /// Sleeps until `seconds` pass or the server stops: a request that never answers.
    public func hang(upTo seconds: Double) async {
        let end = Date().addingTimeInterval(seconds)
        while !isStopped, Date() < end, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stops the server and waits until it has stopped.
    public func stop() async {
        stopped.withLock { $0 = true }
        task.cancel()
        _ = await task.result
    }
}

/// Why the simulator could not start.
public enum SimulatorError: Error, CustomStringConvertible {
    case cannotBind(String)

    public var description: String {
        switch self {
        case .cannotBind(let address): "cannot listen on \(address)"
        }
    }
}
