import FoundationEssentials
import Hummingbird
import TasksModel

/// One line per request: method, path and query, status, bytes, milliseconds.
/// Never a header, so a bearer token cannot reach a log.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        log(
            "\(request.method.rawValue) \(request.uri.path)\(request.uri.query.map { "?\($0)" } ?? "") "
                + "\(response.status.code) \(response.body.contentLength ?? 0)B \(NumberText.oneDecimal(ms))ms")
        return response
    }
}
