import FoundationEssentials
import TasksModel

/// What the simulator has served since start (`GET /_sim/stats`): the load a
/// client puts on a server, in requests and bytes.
public struct SimulatorStats: Sendable, Equatable {
    public var requests = 0
    public var responseBytes = 0
    /// Keyed by route: `GET /api/v1/jobs`, `GET /api/v1/jobs/{id}`, `POST /api/v1/jobs/{id}/cancel`, `other`.
    public var requestsByRoute: [String: Int] = [:]
    public var bytesByRoute: [String: Int] = [:]
    /// Keyed by job id, for get and cancel.
    public var requestsByJob: [String: Int] = [:]
    /// List requests by their status filter.
    public var listsByStatus: [String: Int] = [:]
    /// Keyed by HTTP status code.
    public var responsesByStatus: [String: Int] = [:]
    public var cancelsByJob: [String: Int] = [:]
    /// Requests being handled now (a client that leaves requests hanging shows here).
    public var inFlight = 0
    public var unauthorized = 0

    public init() {}

    /// Adds one answered request.
    mutating func record(route: StatsRoute, status: Int, bytes: Int, listFilter: String?) {
        requests += 1
        responseBytes += bytes
        requestsByRoute[route.name, default: 0] += 1
        bytesByRoute[route.name, default: 0] += bytes
        responsesByStatus[String(status), default: 0] += 1
        if let id = route.jobID { requestsByJob[id, default: 0] += 1 }
        if route.name.hasPrefix("POST"), let id = route.jobID { cancelsByJob[id, default: 0] += 1 }
        if let listFilter { listsByStatus[listFilter, default: 0] += 1 }
        if status == 401 { unauthorized += 1 }
    }

    public var json: JSONValue {
        func map(_ dictionary: [String: Int]) -> JSONValue {
            .object(dictionary.mapValues { .number(Double($0)) })
        }
        return [
            "requests": .number(Double(requests)), "response_bytes": .number(Double(responseBytes)),
            "requests_by_route": map(requestsByRoute), "bytes_by_route": map(bytesByRoute),
            "requests_by_job": map(requestsByJob), "lists_by_status": map(listsByStatus),
            "responses_by_status": map(responsesByStatus), "cancels_by_job": map(cancelsByJob),
            "in_flight": .number(Double(inFlight)), "unauthorized": .number(Double(unauthorized)),
        ]
    }
}
