import Foundation
import Hummingbird
import JobsSimulator
import TasksModel

/// A real HTTP server on 127.0.0.1 that answers as a test scripts it and
/// records every request it saw.
final class ScriptedServer: Sendable {
    struct Seen: Sendable {
        var method: String
        var path: String
        var query: String
        var authorization: String?
    }

    typealias Script = @Sendable (Seen, LoopbackHTTPServer?) async throws -> Response

    let server: LoopbackHTTPServer
    private let log: Locked<[Seen]>

    private init(server: LoopbackHTTPServer) {
        self.server = server
        self.log = Locked([])
    }

    var requests: [Seen] { log.withLock { $0 } }

    static func start(_ script: @escaping Script) async throws -> (ScriptedServer, Box) {
        let box = Box()
        let recorder = Recorder()
        let server = try await LoopbackHTTPServer.start { request, _ in
            let seen = Seen(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                authorization: request.headers[.authorization])
            recorder.append(seen)
            return try await script(seen, box.server)
        }
        box.set(server)
        let scripted = ScriptedServer(server: server)
        recorder.target.withLock { $0 = scripted }
        return (scripted, box)
    }

    fileprivate func append(_ seen: Seen) { log.withLock { $0.append(seen) } }

    func api(token: String? = nil, timeout: Double = 5, bodyLimit: Int = 1_048_576) -> (
        HTTPJobsAPI, HTTPClientBox
    ) {
        let client = HTTPClientBox()
        clients.withLock { $0.append(client) }
        let api = HTTPJobsAPI(
            configuration: .init(
                baseURL: server.baseURL, token: token.flatMap(BearerToken.init), timeout: timeout,
                bodyLimit: bodyLimit),
            client: client.client)
        return (api, client)
    }

    /// Shuts down every client made with `api(...)`, then the server.
    func stop() async {
        for client in clients.withLock({ $0 }) { await client.shutdown() }
        await server.stop()
    }

    private let clients = Locked<[HTTPClientBox]>([])

    /// Runs `body` against a scripted server and always cleans up, even when `body` throws.
    static func with(
        _ script: @escaping Script, _ body: (ScriptedServer) async throws -> Void
    ) async throws {
        let (server, _) = try await start(script)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// Lets the script reach the server it runs in (to hang until it stops).
    final class Box: Sendable {
        private let value = Locked<LoopbackHTTPServer?>(nil)
        var server: LoopbackHTTPServer? { value.withLock { $0 } }
        func set(_ server: LoopbackHTTPServer) { value.withLock { $0 = server } }
    }

    private final class Recorder: Sendable {
        let target = Locked<ScriptedServer?>(nil)
        func append(_ seen: Seen) { target.withLock { $0 }?.append(seen) }
    }
}

/// Owns an HTTP client and shuts it down.
final class HTTPClientBox: Sendable {
    let client = HTTPJobsAPI.makeClient(connectTimeout: 2)
    private let isShutDown = Locked(false)
    func shutdown() async {
        guard
            !isShutDown.withLock({ old in
                defer { old = true }
                return old
            })
        else { return }
        try? await client.shutdown()
    }
}

func jsonResponse(_ status: HTTPResponse.Status, _ body: String, headers: HTTPFields = [:])
    -> Response
{
    var fields = headers
    fields[.contentType] = "application/json"
    return Response(
        status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
}
