import FoundationEssentials
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Hummingbird `Application` on a loopback address, run in a `ServiceGroup`
/// from code: the in-process simulator of `tasks-tui demo`, the scripted
/// servers of the tests, and `tasks-tui simulate`, which also asks the group to
/// shut down gracefully on SIGINT and SIGTERM.
public final class LoopbackHTTPServer: Sendable {
    public typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// The port the server listens on.
    public let port: Int
    /// The host it listens on.
    public let host: String
    private let task: Task<Void, any Error>
    private let group: ServiceGroup
    private let stopping: StopSignal

    /// `http://host:port`
    public var baseURL: URL { URL(string: "http://\(Self.authority(host: host, port: port))")! }

    /// `host:port`, with an IPv6 address in brackets (`[::1]:8080`), as a URL needs it.
    public static func authority(host: String, port: Int) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private init(host: String, port: Int, task: Task<Void, any Error>, group: ServiceGroup, stopping: StopSignal) {
        self.host = host
        self.port = port
        self.task = task
        self.group = group
        self.stopping = stopping
    }

    /// Starts serving `router` and returns once the port is bound. With
    /// `stopOnSignals`, SIGINT and SIGTERM shut it down gracefully.
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil, stopOnSignals: Bool = false,
        router: Router<BasicRequestContext>
    ) async throws -> LoopbackHTTPServer {
        try await serve(
            router.buildResponder(), host: host, port: port, logger: logger, stopOnSignals: stopOnSignals)
    }

    /// Starts serving `handler`, one closure for every request (a test that
    /// scripts its answers), and returns once the port is bound.
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil, handler: @escaping Handler
    ) async throws -> LoopbackHTTPServer {
        try await serve(CallbackResponder(callback: handler), host: host, port: port, logger: logger)
    }

    private static func serve<Responder: HTTPResponder>(
        _ responder: Responder, host: String, port: Int, logger: Logger?, stopOnSignals: Bool = false
    ) async throws -> LoopbackHTTPServer where Responder.Context == BasicRequestContext {
        let logger = logger ?? Logger(label: "jobs-simulator", factory: { _ in SwiftLogNoOpLogHandler() })
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: "jobs-simulator"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let stopping = StopSignal()
        // Services shut down last first: the watch releases hung requests
        // before the server waits for its requests to finish.
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: app),
                .init(service: ShutdownWatch(stopping: stopping), successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: stopOnSignals ? [.sigterm, .sigint] : [], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(5)
        let group = ServiceGroup(configuration: configuration)
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var iterator = portStream.makeAsyncIterator()
        guard let boundPort = await iterator.next(), boundPort > 0 else {
            task.cancel()
            if case .failure(let error) = await task.result {
                if let io = error as? IOError, io.errnoCode == EADDRINUSE {
                    throw SimulatorError.addressInUse(Self.authority(host: host, port: port))
                }
                throw SimulatorError.cannotBind("\(Self.authority(host: host, port: port)): \(error)")
            }
            throw SimulatorError.cannotBind(Self.authority(host: host, port: port))
        }
        return LoopbackHTTPServer(host: host, port: boundPort, task: task, group: group, stopping: stopping)
    }

    /// Whether the server is shutting down: handlers that hang on purpose watch it.
    public var isStopped: Bool { stopping.hasFired }

    /// Sleeps until `seconds` pass or the server stops: a request that never answers.
    public func hang(upTo seconds: Double) async {
        let end = Date().addingTimeInterval(seconds)
        while !isStopped, Date() < end, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Returns when shutdown begins: `stop()` was called or a signal arrived.
    public func waitUntilStopping() async { await stopping.wait() }

    /// Shuts the server down gracefully and waits until it has stopped.
    public func stop() async {
        stopping.fire()
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// Why the simulator could not start.
public enum SimulatorError: Error, CustomStringConvertible {
    case cannotBind(String)
    /// Another process listens there already.
    case addressInUse(String)

    public var description: String {
        switch self {
        case .cannotBind(let address): "cannot listen on \(address)"
        case .addressInUse(let address):
            "cannot listen on \(address): the address is already in use (another simulator?); choose another --port, or --port 0 for a free one"
        }
    }
}
