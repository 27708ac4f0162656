import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1

/// One request, in the steps it takes: the request built (URL, token,
/// validators), sent within the deadline and the body limit, a 304 answered
/// from the cache, and the status mapped to an answer or an `APIError`.
extension HTTPJobsAPI {
    struct Reply: Sendable {
        var status: Int
        var body: JSONValue?
        /// The `Date` header, when present and readable.
        var serverDate: Date?
        /// The body's bytes on the wire (0 for a 304 answered from the cache).
        var bodyBytes = 0
    }

    /// What came back, before its status is read.
    struct RawAnswer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var data: Data
        var bodyBytes: Int
    }

    func send(
        _ method: HTTPMethod, path: String, query: String?, notFound: String = "", conditional wanted: Bool = true
    )
        async throws(APIError) -> Reply
    {
        let url = try makeURL(path: path, query: query)
        let conditional = configuration.conditionalRequests && method == .GET && wanted ? self.conditional : nil
        let request = prepare(method, url: url, validators: conditional?.validators(for: url) ?? [])
        var answer = try await fetch(request)
        if let conditional { Self.applyCache(conditional, url: url, to: &answer) }
        return try reply(answer, url: url, notFound: notFound)
    }

    /// The request: accept JSON, our name, the token, the cache's validators.
    func prepare(_ method: HTTPMethod, url: String, validators: [(String, String)]) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "tasks-tui")
        if let token = configuration.token {
            request.headers.add(name: "Authorization", value: token.headerValue)
        }
        for (name, value) in validators { request.headers.add(name: name, value: value) }
        return request
    }

    /// Sends `request` and reads its body, within the deadline and the body
    /// limit; whatever the client, NIO or NIOSSL throws becomes our own words.
    func fetch(_ request: HTTPClientRequest) async throws(APIError) -> RawAnswer {
        let timeout = configuration.timeout
        let limit = configuration.bodyLimit
        let client = self.client
        let outcome: Result<(Int, HTTPHeaders, ByteBuffer), APIError>
        do {
            outcome = try await Self.withDeadline(seconds: timeout) {
                let response = try await client.execute(
                    request, deadline: .now() + .milliseconds(Int64(timeout * 1000) + 50))
                let body = try await response.body.collect(upTo: limit)
                return .success((Int(response.status.code), response.headers, body))
            }
        } catch let error as APIError {
            outcome = .failure(error)
        } catch is NIOTooManyBytesError {
            outcome = .failure(.bodyTooLarge(limit: limit))
        } catch {
            outcome = .failure(await explain(transportErrors.apiError(for: error)))
        }
        let (status, headers, buffer) = try outcome.get()
        return RawAnswer(
            status: status, headers: headers, data: Data(buffer.readableBytesView), bodyBytes: buffer.readableBytes)
    }

    /// A 304 becomes the held answer again (0 bytes on the wire: the engine
    /// knows it for a replay, as old as the answer it replays); a 200 is held;
    /// anything else drops what was held for `url`.
    static func applyCache(_ cache: ConditionalCache, url: String, to answer: inout RawAnswer) {
        if answer.status == 304, let held = cache.replay(url: url) {
            (answer.status, answer.data) = (200, held)
        } else if answer.status == 200 {
            cache.store(
                url: url, etag: answer.headers.first(name: "ETag"),
                lastModified: answer.headers.first(name: "Last-Modified"), date: answer.headers.first(name: "Date"),
                body: answer.data)
        } else {
            cache.remove(url: url)
        }
    }

    /// The status read: a JSON body, or the error it means.
    func reply(_ answer: RawAnswer, url: String, notFound: String) throws(APIError) -> Reply {
        let (status, headers, data, bodyBytes) = (answer.status, answer.headers, answer.data, answer.bodyBytes)
        switch status {
        case 200..<300:
            let serverDate = headers.first(name: "Date").flatMap(RetryAfter.parseHTTPDate)
            if status == 204 || data.isEmpty {
                return Reply(status: status, body: nil, serverDate: serverDate, bodyBytes: bodyBytes)
            }
            do {
                return Reply(
                    status: status, body: try JSONValue.parse(data), serverDate: serverDate, bodyBytes: bodyBytes)
            } catch {
                throw .decode("body is not JSON")
            }
        case 401, 403:
            throw .unauthorized(status: status)
        case 404:
            // Only the list has no "what": a 404 there means no jobs API at this address.
            throw .notFound(
                notFound.isEmpty
                    ? "\(url.split(separator: "?")[0]): no jobs API here; check the API URL (its path is kept before /api/v1)"
                    : notFound)
        case 409:
            throw .conflict(serverMessage(data) ?? "the job already finished")
        case 304:
            throw .server(status: status, message: "not modified, and no earlier answer is held", retryAfter: nil)
        case 300..<400:
            throw .server(
                status: status, message: "redirect refused (the token is never sent elsewhere)",
                retryAfter: nil)
        default:
            let retryAfter = RetryAfter.parse(headers.first(name: "Retry-After"), now: Date())
            throw .server(status: status, message: serverMessage(data) ?? "", retryAfter: retryAfter)
        }
    }

    func makeURL(path: String, query: String?) throws(APIError) -> String {
        guard
            var components = URLComponents(url: configuration.baseURL, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            components.host != nil
        else { throw .invalidRequest("the API URL must be http:// or https:// with a host") }
        let basePath =
            components.percentEncodedPath.hasSuffix("/")
            ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath = basePath + path
        components.percentEncodedQuery = query
        components.user = nil
        components.password = nil
        guard let string = components.string else {
            throw .invalidRequest("cannot build the request URL")
        }
        return string
    }

    /// A short message from a JSON error body (`{"error": "..."}`,
    /// `{"message": "..."}`, `{"detail": "..."}`), capped to one line of 200 characters.
    func serverMessage(_ data: Data) -> String? {
        guard !data.isEmpty, data.count < 65_536, let value = try? JSONValue.parse(data) else {
            return nil
        }
        for candidate in [
            value["message"], value["error"], value["detail"], value["error"]?["message"],
        ] {
            if let text = candidate?.stringValue, !text.isEmpty {
                let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                return String(line.prefix(200))
            }
        }
        // FastAPI's 422: {"detail": [{"loc": ["query", "limit"], "msg": "..."}]}: say where and what.
        if case .array(let items)? = value["detail"] {
            let parts = items.prefix(3).compactMap { item -> String? in
                guard let message = item["msg"]?.stringValue else { return nil }
                guard case .array(let location)? = item["loc"] else { return message }
                let path = location.compactMap { part -> String? in
                    if case .number(let index) = part, let whole = Saturating.int(index) { return String(whole) }
                    return part.stringValue
                }
                return path.joined(separator: ".") + ": " + message
            }
            if !parts.isEmpty {
                let line = parts.joined(separator: "; ").split(whereSeparator: \.isNewline).first.map(String.init)
                return line.map { String($0.prefix(200)) }
            }
        }
        return nil
    }

    /// Runs `operation`, failing with `.timeout` after `seconds` whatever it is doing.
    /// AsyncHTTPClient honours task cancellation, so the losing request is torn down.
    static func withDeadline<T: Sendable>(
        seconds: Double, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw APIError.timeout(seconds: seconds)
            }
            return value
        }
    }
}
