import FoundationEssentials
import Hummingbird
import TasksModel

/// The simulator over HTTP: the contract of docs/api.md on `/api/v1/jobs`, and
/// test hooks on `/_sim/` (never part of the real API). A Hummingbird router:
/// a route group each, one handler per route, and middleware for what every
/// request goes through (the request log, stats, bearer auth, JSON errors) or
/// only the API does (faults).
public final class SimulatorServer: Sendable {
    public let simulation: Simulation
    public let http: LoopbackHTTPServer
    private let state: SimulatorState

    /// `http://127.0.0.1:PORT`
    public var baseURL: URL { http.baseURL }
    public var port: Int { http.port }

    private init(simulation: Simulation, http: LoopbackHTTPServer, state: SimulatorState) {
        self.simulation = simulation
        self.http = http
        self.state = state
    }

    /// Starts serving `simulation`. `requestLog` receives one line per request
    /// (method, path, status, bytes, milliseconds; never a header). With
    /// `stopOnSignals`, SIGINT and SIGTERM stop it gracefully
    /// (`waitUntilStopping()` tells when).
    public static func start(
        simulation: Simulation, host: String = "127.0.0.1", port: Int = 0,
        requestLog: (@Sendable (String) -> Void)? = nil, stopOnSignals: Bool = false
    ) async throws -> SimulatorServer {
        let state = SimulatorState(seed: simulation.options.seed)
        let router = makeRouter(simulation: simulation, state: state, requestLog: requestLog)
        let http = try await LoopbackHTTPServer.start(
            host: host, port: port, stopOnSignals: stopOnSignals, router: router)
        state.server.withLock { $0 = http }
        return SimulatorServer(simulation: simulation, http: http, state: state)
    }

    /// The routes and middleware. Router middleware wraps every route and the
    /// not-found answer, outermost first; the fault middleware belongs to the
    /// API group alone.
    static func makeRouter(
        simulation: Simulation, state: SimulatorState, requestLog: (@Sendable (String) -> Void)?
    ) -> Router<BasicRequestContext> {
        let router = Router()
        let token = simulation.options.token
        router.addMiddleware {
            if let requestLog { RequestLogMiddleware(log: requestLog) }
            StatsMiddleware(state: state)
            if let token { BearerAuthMiddleware(token: token) }
            JSONErrorMiddleware()
        }
        JobsController(simulation: simulation, state: state)
            .addRoutes(
                to: router.group("api/v1/jobs").add(
                    middleware: FaultMiddleware(state: state, sleep: simulation.options.latencySleep)))
        SimHooksController(simulation: simulation, state: state)
            .addRoutes(to: router.group("_sim"))
        return router
    }

    /// What has been served since start.
    public var stats: SimulatorStats { state.stats.withLock { $0 } }

    /// The faults in force.
    public var faults: Faults {
        get { state.faults.withLock { $0 } }
        set { state.faults.withLock { $0 = newValue } }
    }

    /// Returns when shutdown begins: a signal arrived (with `stopOnSignals`) or `stop()` was called.
    public func waitUntilStopping() async { await http.waitUntilStopping() }

    /// Stops gracefully and waits until the server has stopped.
    public func stop() async { await http.stop() }
}
