import Hummingbird

/// Turns what the router and the handlers throw into the JSON errors clients
/// of the real API get: an unknown route is 404, anything else 500, never
/// Hummingbird's own empty bodies.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return JSONReply(.notFound, ["error": "no such route"]).response
        } catch {
            return JSONReply(.internalServerError, ["error": "simulator error"]).response
        }
    }
}
