import Hummingbird

/// Counts every request, answered or refused, into `SimulatorStats`: the load
/// a client puts on a server, per route, job, list filter and status code.
/// Outside the auth check, so refused requests count too.
struct StatsMiddleware<Context: RequestContext>: RouterMiddleware {
    let state: SimulatorState

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let route = StatsRoute(request, context: context)
        state.stats.withLock { $0.inFlight += 1 }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            state.stats.withLock { $0.inFlight -= 1 }
            throw error
        }
        let listFilter = route.name == StatsRoute.list ? request.uri.queryParameters.get("status") ?? "all" : nil
        state.stats.withLock { stats in
            stats.inFlight -= 1
            stats.record(
                route: route, status: Int(response.status.code), bytes: response.body.contentLength ?? 0,
                listFilter: listFilter)
        }
        return response
    }
}
