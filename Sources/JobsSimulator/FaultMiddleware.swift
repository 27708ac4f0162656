import Hummingbird
import NIOCore

/// Misbehaves on demand (`POST /_sim/faults`) the way real servers and
/// networks do: slow, failing, rate limiting, garbled, hung, dropped. Added to
/// the API route group only, so the test hooks that set faults keep working.
/// (A malformed list element is the list handler's job: it needs the list.)
struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let state: SimulatorState
    /// How the latency fault waits (`SimulationOptions.latencySleep`).
    let sleep: @Sendable (Duration) async -> Void

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let faults = state.faults.withLock { $0 }
        if faults == Faults() { return try await next(request, context) }
        if let faulty = try await misbehave(faults) { return faulty }
        return try await next(request, context)
    }

    /// The fault's answer, or nil when no fault fires for this request.
    private func misbehave(_ faults: Faults) async throws -> Response? {
        if faults.latencyMilliseconds > 0 {
            await sleep(.milliseconds(faults.latencyMilliseconds))
        }
        if state.roll(faults.hangRate) {
            await state.server.withLock { $0 }?.hang(upTo: 3600)
            return JSONReply(.serviceUnavailable, ["error": "hung request released"]).response
        }
        if let retryAfter = faults.rateLimitRetryAfter {
            var response = JSONReply(.tooManyRequests, ["error": "rate limited"]).response
            response.headers[.retryAfter] = String(Int(retryAfter.rounded(.up)))
            return response
        }
        if state.roll(faults.errorRate) {
            return JSONReply(HTTPResponse.Status(code: faults.errorStatus), ["error": "injected fault"]).response
        }
        if state.roll(faults.dropRate) {
            let partial = ByteBuffer(string: #"{"jobs":[{"job_id":"#)
            // The header promises 4096 bytes; the body carries these few and
            // then fails, so the connection drops mid-body. The body's own
            // length is what was really sent, which the stats count.
            return Response(
                status: .ok, headers: [.contentType: "application/json", .contentLength: "4096"],
                body: ResponseBody(contentLength: partial.readableBytes) { writer in
                    try await writer.write(partial)
                    throw DroppedConnection()
                })
        }
        if state.roll(faults.malformedRate) {
            let body = ByteBuffer(string: #"{"jobs": [{"job_id": "x", "status": "proc"#)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
        }
        return nil
    }

    struct DroppedConnection: Error {}
}
