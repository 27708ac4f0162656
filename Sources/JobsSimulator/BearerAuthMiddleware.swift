import Hummingbird

/// Answers 401 to any request, API or test hook, without
/// `Authorization: Bearer <token>`, as a real server with a token does.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let expected: String

    init(token: String) { expected = "Bearer \(token)" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.headers[.authorization] == expected else {
            return JSONReply(.unauthorized, ["error": "missing or invalid bearer token"]).response
        }
        return try await next(request, context)
    }
}
